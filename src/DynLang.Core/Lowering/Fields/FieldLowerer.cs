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
        if (!ModelLowerer.DeclaredStepIsPositive(model, diagnostics)) return null;
        if (Order(grid, low, high, diagnostics) is not int order) return null;

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
            Order = order,
            DiffusionLimit = FieldStabilityLimits.DiffusionLimit(solver, order, dims),
        };
        program.States.AddRange(model.States.Select(s => s.Name));
        try
        {
            foreach (var state in model.States.Where(s => model.Equations.All(e => e.State != s)))
                throw new LoweringException(state.DeclarationSpan, $"state '{state.Name}' of a field needs an equation");
            var rhs = model.Equations.Select(e => e.Rhs).ToList();
            var indexedSum = rhs.Concat(BoundWalker.RequiredDefinitions(rhs).Where(d => d.Value is not null).Select(d => d.Value!))
                .SelectMany(BoundWalker.DescendantsAndSelf).OfType<BoundSum>().FirstOrDefault(sum => sum.Over.Count > 0);
            if (indexedSum is not null)
                throw new LoweringException(indexedSum.Span,
                    "a sum over an index set (sum(k, …)) is not computed in field kernels yet; a field's values live on grid cells");
            var passes = new FieldSolverPasses(model, program, lines);
            if (model.Equations.Count > 0) passes.Lower(solver);
            program.Radius = passes.Radius;
            AddUniforms(program, solver, passes.SpacingUniforms);
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
                MathMode = MathModes.Resolve(model.Math, options.DefaultMathMode),
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

    /// <summary>
    /// <c>order 4</c> (or <c>order 2</c>) among the grid's entries: the order of the central
    /// differences. Fourth order reads two cells out, which a Dirichlet value (one spacing outside
    /// the edge cell) does not define: reported as DL0320. Null after a reported error.
    /// </summary>
    private static int? Order(GridTarget grid, FieldBoundary[] low, FieldBoundary[] high, DiagnosticBag diagnostics)
    {
        int order = 2;
        foreach (var spec in grid.Boundaries.Where(b => b.Kind.Name == "order" && b.Side is null))
        {
            if (spec.Value is not NumberLiteral { Text: "2" or "4" } number)
            {
                diagnostics.Report(DiagnosticDescriptors.InvalidBoundary, spec.Span, "order",
                    "the order of the central differences is 2 (the default) or 4: write 'order 4'");
                return null;
            }
            order = number.Text == "4" ? 4 : 2;
            if (order == 4 && low.Concat(high).Any(b => b.Kind == FieldBoundaryKind.Dirichlet))
            {
                diagnostics.Report(DiagnosticDescriptors.InvalidBoundary, spec.Span, "dirichlet",
                    "order 4 stencils read two cells beyond the edge, and a dirichlet value fixes only the one next to it; use order 2 with dirichlet sides");
                return null;
            }
        }
        return order;
    }

    private static void AddUniforms(FieldProgram program, SolverKind solver, HashSet<string> spacings)
    {
        IrExpr dx = program.SpacingParameter is { } name ? new IrRef(name, SlotKind.Uniform) : new IrConstant(1);
        program.Uniforms.Add(new IrAssign(StencilLowerer.InverseSpacingSquared,
            new IrBinary(IrBinaryOp.Divide, new IrConstant(1), new IrBinary(IrBinaryOp.Multiply, dx, dx)), 0, "1/dx²"));
        if (spacings.Contains(StencilLowerer.InverseTwiceSpacing))
            program.Uniforms.Add(new IrAssign(StencilLowerer.InverseTwiceSpacing,
                new IrBinary(IrBinaryOp.Divide, new IrConstant(1), new IrBinary(IrBinaryOp.Multiply, new IrConstant(2), dx)), 0, "1/(2·dx)"));
        if (spacings.Contains(StencilLowerer.InverseSpacing))
            program.Uniforms.Add(new IrAssign(StencilLowerer.InverseSpacing, new IrBinary(IrBinaryOp.Divide, new IrConstant(1), dx), 0, "1/dx"));
        if (spacings.Contains(StencilLowerer.InverseTwelveSpacing))
            program.Uniforms.Add(new IrAssign(StencilLowerer.InverseTwelveSpacing,
                new IrBinary(IrBinaryOp.Divide, new IrConstant(1), new IrBinary(IrBinaryOp.Multiply, new IrConstant(12), dx)), 0, "1/(12·dx)"));
        if (spacings.Contains(StencilLowerer.InverseTwelveSpacingSquared))
            program.Uniforms.Add(new IrAssign(StencilLowerer.InverseTwelveSpacingSquared,
                new IrBinary(IrBinaryOp.Divide, new IrConstant(1), new IrBinary(IrBinaryOp.Multiply, new IrConstant(12), new IrBinary(IrBinaryOp.Multiply, dx, dx))), 0, "1/(12·dx²)"));
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
