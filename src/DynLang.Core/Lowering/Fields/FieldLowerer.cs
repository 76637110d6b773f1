using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Ast;
using DynLang.Core.Binding;
using DynLang.Core.Diagnostics;
using DynLang.Core.Lowering.Ir;
using DynLang.Core.Lowering.Solvers;
using DynLang.Core.Text;

namespace DynLang.Core.Lowering.Fields;

/// <summary>
/// Lowers a <c>field</c> model to a <see cref="FieldProgram"/> inside a <see cref="KernelModel"/>
/// of shape <see cref="KernelShape.Field"/>: the grid's dimensions and boundaries, the spacing,
/// the solver's passes and the terms that bound the time step.
/// </summary>
internal static class FieldLowerer
{
    /// <summary>Stability interval of each explicit solver on the negative real axis (|λ·dt| ≤ this).</summary>
    private static double RealAxisStability(SolverKind solver) => solver switch
    {
        // Forward Euler and the midpoint rule: |1 + z| ≤ 1 and |1 + z + z²/2| ≤ 1 on z ∈ [−2, 0].
        SolverKind.Euler or SolverKind.Rk2 => 2.0,
        // Classic RK4: |1 + z + z²/2 + z³/6 + z⁴/24| ≤ 1 on z ∈ [−2.785293563405…, 0].
        _ => 2.785293563405282,
    };

    public static KernelModel? Lower(BoundModel model, string @namespace, CompileOptions options, DiagnosticBag diagnostics)
    {
        var source = diagnostics.Source;
        var lines = new SourceLines(source);
        if (model.Syntax.Target is not GridTarget grid) return null; // the binder reported it
        int dims = grid.Grid.Name switch { "grid1d" => 1, "grid2d" => 2, "grid3d" => 3, _ => 0 };
        if (dims == 0)
        {
            diagnostics.Report(DiagnosticDescriptors.InvalidModelHeader, grid.Grid.Span,
                $"a field's grid is grid1d, grid2d or grid3d, not '{grid.Grid.Name}'");
            return null;
        }
        if (!FieldBoundaries.TryRead(model, grid, dims, diagnostics, out var low, out var high)) return null;

        var solver = SolverKind.Rk4;
        string reason = "chosen because no solver is named (fourth order; exact propagation is not generated for fields).";
        if (model.Solver is { } declared)
        {
            if (!SolverNames.TryParse(declared.Name.Name, out solver))
            {
                diagnostics.Report(DiagnosticDescriptors.UnknownSolver, declared.Name.Span, declared.Name.Name, SolverNames.All);
                return null;
            }
            if (solver is not (SolverKind.Euler or SolverKind.Rk2 or SolverKind.Rk4))
            {
                diagnostics.Report(DiagnosticDescriptors.CannotGenerate, declared.Name.Span, $"field '{model.Name}'",
                    $"fields are generated with the explicit solvers euler, rk2 and rk4, not {solver.Name()}");
                return null;
            }
            reason = "named in the model.";
        }
        else if (model.Equations.Count > 0)
        {
            diagnostics.Report(DiagnosticDescriptors.SolverChosen, model.Syntax.Name.Span, "rk4",
                "exact propagation is not generated for fields");
        }

        var spacing = model.Parameters.FirstOrDefault(p => p.Name == "dx" && p.Rank == 0);
        if (spacing is null && model.UsesUnits)
        {
            diagnostics.Report(DiagnosticDescriptors.CannotGenerate, model.Syntax.Name.Span, $"field '{model.Name}'",
                "a field with units needs its grid spacing: declare 'param dx = 1 um' (a unit-free field without 'dx' has spacing 1)");
            return null;
        }

        var program = new FieldProgram
        {
            Dims = dims,
            Low = low,
            High = high,
            SpacingParameter = spacing?.Name,
            DiffusionLimit = RealAxisStability(solver) / (4.0 * dims),
        };
        program.States.AddRange(model.States.Select(s => s.Name));
        try
        {
            foreach (var state in model.States.Where(s => model.Equations.All(e => e.State != s)))
                throw new LoweringException(state.DeclarationSpan, $"state '{state.Name}' of a field needs an equation");
            var passes = new FieldSolverPasses(model, program, lines);
            if (model.Equations.Count > 0) passes.Lower(solver);
            program.Radius = passes.Radius;
            AddUniforms(program, solver, passes.UsesInverseTwiceSpacing);
            FieldStability.Collect(model, program);
            var kernel = new KernelModel
            {
                Name = model.Name,
                Kind = "field",
                Namespace = @namespace,
                SourcePath = source.Path,
                Line = lines.LineOf(model.Syntax.Span.Start),
                Precision = model.Precision?.Name.Name == "float" ? Precision.Float
                    : model.Precision?.Name.Name == "double" ? Precision.Double
                    : options.DefaultPrecision,
                Shape = KernelShape.Field,
                Solver = model.Equations.Count == 0 ? "none" : solver.Name(),
                SolverReason = model.Equations.Count == 0 ? "the model has no differential equations." : reason,
                UsesUnits = model.UsesUnits,
                Field = program,
            };
            ModelLowerer.AddDeclarations(kernel, model, lines, source);
            if (model.DeclaredTimeStep is { } dt)
                kernel.DefaultTimeStep = new ExpressionLowerer(r => r.Symbol is ParameterSymbol p
                    ? new IrRef(p.Name, SlotKind.Uniform)
                    : throw new LoweringException(r.Span, "a time step may use only parameters")).Lower(dt);
            return kernel;
        }
        catch (LoweringException e)
        {
            diagnostics.Report(DiagnosticDescriptors.CannotGenerate, e.Span, $"field '{model.Name}'", e.Message);
            return null;
        }
    }

    private static void AddUniforms(FieldProgram program, SolverKind solver, bool inverseTwice)
    {
        IrExpr dx = program.SpacingParameter is { } name ? new IrRef(name, SlotKind.Uniform) : new IrConstant(1);
        program.Uniforms.Add(new IrAssign(StencilLowerer.InverseSpacingSquared,
            new IrBinary(IrBinaryOp.Divide, new IrConstant(1), new IrBinary(IrBinaryOp.Multiply, dx, dx)), 0, "1/dx²"));
        if (inverseTwice)
            program.Uniforms.Add(new IrAssign(StencilLowerer.InverseTwiceSpacing,
                new IrBinary(IrBinaryOp.Divide, new IrConstant(1), new IrBinary(IrBinaryOp.Multiply, new IrConstant(2), dx)), 0, "1/(2·dx)"));
        var dt = new IrRef("dt", SlotKind.Uniform);
        var t = new IrRef("t", SlotKind.Uniform);
        if (solver is SolverKind.Rk2 or SolverKind.Rk4)
            program.Uniforms.Add(new IrAssign("t__half", new IrBinary(IrBinaryOp.Add, t, new IrBinary(IrBinaryOp.Multiply, new IrConstant(0.5), dt))));
        if (solver is SolverKind.Rk4)
            program.Uniforms.Add(new IrAssign("t__end", new IrBinary(IrBinaryOp.Add, t, new IrBinary(IrBinaryOp.Multiply, new IrConstant(1.0), dt))));
        for (int axis = 0; axis < program.Dims; axis++)
        {
            if (program.Low[axis].Value is { } lowValue) program.Uniforms.Add(new IrAssign(BoundaryUniform(axis, low: true), lowValue));
            if (program.High[axis].Value is { } highValue) program.Uniforms.Add(new IrAssign(BoundaryUniform(axis, low: false), highValue));
        }
    }

    /// <summary>The uniform holding a Dirichlet value.</summary>
    public static string BoundaryUniform(int axis, bool low) => $"__bc_{"xyz"[axis]}_{(low ? "low" : "high")}";
}
