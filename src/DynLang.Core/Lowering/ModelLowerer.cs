using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Ast;
using DynLang.Core.Binding;
using DynLang.Core.Diagnostics;
using DynLang.Core.Lowering.Ir;
using DynLang.Core.Lowering.Solvers;
using DynLang.Core.Text;
using DynLang.Core.Units;

namespace DynLang.Core.Lowering;

/// <summary>
/// Turns a bound, unit-checked model into a <see cref="KernelModel"/>: chooses the class shape
/// and the solver, lowers parameters, arrays and the step program. Reports what cannot be
/// generated as located diagnostics and returns null for that model.
/// </summary>
public static class ModelLowerer
{
    /// <summary>Lowers one model, or returns null (with diagnostics) when no code can be generated for it.</summary>
    public static KernelModel? Lower(BoundModel model, string @namespace, CompileOptions options, DiagnosticBag diagnostics)
    {
        var source = diagnostics.Source;
        var lines = new SourceLines(source);
        if (model.Kind == ModelKind.Field) return Fields.FieldLowerer.Lower(model, @namespace, options, diagnostics);
        if (model.Kind is ModelKind.Synapse)
        {
            diagnostics.Report(DiagnosticDescriptors.NotGeneratedYet, model.Syntax.Name.Span,
                $"{model.Kind.ToString().ToLowerInvariant()} '{model.Name}' is checked, but no code is generated for " +
                (model.Kind == ModelKind.Synapse ? "synapse models yet (they arrive with networks)" : "field models yet (they arrive with stencil kernels)"));
            return null;
        }
        if (!DeclaredStepIsPositive(model, diagnostics)) return null;
        bool indexed = model.Kind == ModelKind.Rule || model.IndexSets.Count > 0 || model.States.Any(s => s.Rank > 0);
        var precision = model.Precision?.Name.Name == "float" ? Precision.Float
            : model.Precision?.Name.Name == "double" ? Precision.Double
            : options.DefaultPrecision;

        SolverKind solver;
        string solverReason;
        ExactPropagation? exact = null;
        IElementwiseSolver? prepared;
        if (model.Noises.Count > 0)
        {
            // White noise: euler_maruyama or heun, chosen and checked as Brian2 does (Solvers/StochasticSystem.cs).
            if (!StochasticSystem.TryChoose(model, diagnostics, out solver, out solverReason, out var stochastic)) return null;
            prepared = stochastic;
        }
        else if (!ChooseSolver(model, indexed, diagnostics, out solver, out solverReason, out exact, out prepared)) return null;
        if (exact is not null && FirstOpaqueCall(model.Equations.Select(e => e.Rhs)) is { } opaque)
        {
            // The propagator is printed from the engine's form, where a host function is only a
            // name: report it where it is called, as the other solvers do (ExpressionLowerer).
            diagnostics.Report(DiagnosticDescriptors.CannotGenerate, opaque.Span, $"{model.Kind.ToString().ToLowerInvariant()} '{model.Name}'",
                ExpressionLowerer.OpaqueMessage(opaque.Name));
            return null;
        }

        var derivative = new DerivativeLowering(model);
        try
        {
            var kernel = new KernelModel
            {
                Name = model.Name,
                Kind = model.Kind.ToString().ToLowerInvariant(),
                Namespace = @namespace,
                SourcePath = source.Path,
                Line = lines.LineOf(model.Syntax.Span.Start),
                Precision = precision,
                MathMode = MathModes.Resolve(model.Math, options.DefaultMathMode),
                Shape = indexed ? KernelShape.Indexed : KernelShape.Elementwise,
                Solver = model.Equations.Count == 0 ? "none" : solver.Name(),
                SolverReason = model.Equations.Count == 0 ? "the model has no differential equations." : solverReason,
                UsesUnits = model.UsesUnits,
                Elementwise = indexed ? null : new ElementwiseLowerer(model, lines, derivative.Lower).Lower(solver, exact, prepared),
                Indexed = indexed ? new IndexedLowerer(model, lines, derivative.Lower).Lower(solver, (prepared as StochasticSolver)?.System) : null,
            };
            AddDeclarations(kernel, model, lines, source);
            new ReadoutLowerer(model, lines, source, derivative.Lower, indexed).Lower(kernel);
            if (model.DeclaredTimeStep is { } dt) kernel.DefaultTimeStep = ParameterExpression(dt);
            if (model.Equations.Count > 0)
            {
                var stability = Checks.StabilityCheck.Analyse(model, solver, diagnostics);
                kernel.StabilityBound = stability.Bound;
                Checks.StabilityCheck.ReportDeclaredStep(model, solver, stability, diagnostics);
            }
            if (exact is not null) Checks.ExactHazardCheck.Run(model, exact, diagnostics);
            return kernel;
        }
        catch (LoweringException e)
        {
            diagnostics.Report(DiagnosticDescriptors.CannotGenerate, e.Span, $"{model.Kind.ToString().ToLowerInvariant()} '{model.Name}'", e.Message);
            return null;
        }
        catch (System.NotSupportedException e) when (exact is not null)
        {
            // The propagator is printed from the engine's form (SymbolicToIr), which says what it
            // cannot print; the opaque calls are found above, this is the net for anything else.
            diagnostics.Report(DiagnosticDescriptors.CannotGenerate, model.Solver?.Name.Span ?? model.Syntax.Name.Span,
                $"{model.Kind.ToString().ToLowerInvariant()} '{model.Name}'", $"the exact propagator cannot be generated: {e.Message}");
            return null;
        }
    }

    internal static bool ChooseSolver(BoundModel model, bool indexed, DiagnosticBag diagnostics, out SolverKind solver,
        out string reason, out ExactPropagation? exact, out IElementwiseSolver? prepared, IReadOnlyList<BoundEquation>? only = null)
    {
        var equations = only ?? model.Equations;
        exact = null;
        prepared = null;
        reason = "";
        solver = SolverKind.Rk4;
        if (model.Solver is { } declared)
        {
            if (!SolverNames.TryParse(declared.Name.Name, out solver))
            {
                diagnostics.Report(DiagnosticDescriptors.UnknownSolver, declared.Name.Span, declared.Name.Name, SolverNames.All);
                return false;
            }
            if (!solver.IsGenerated())
            {
                diagnostics.Report(DiagnosticDescriptors.CannotGenerate, declared.Name.Span, $"'{model.Name}'",
                    $"solver {solver.Name()} is not generated yet; use euler, rk2, rk4 or exact");
                return false;
            }
            reason = "named in the model.";
            if (equations.Count > 0 && solver is SolverKind.EulerMaruyama or SolverKind.Heun)
            {
                // Brian2's stochastic updaters reduce to forward Euler on equations without noise.
                reason = $"named in the model ({solver.Name()}); the model has no noise, so it is forward Euler, as in Brian2.";
                solver = SolverKind.Euler;
                return true;
            }
            if (solver == SolverKind.ExponentialEuler && equations.Count > 0)
                return ExponentialEuler.TryPrepare(model, equations, indexed, declared, diagnostics, out prepared, out reason);
            if (solver != SolverKind.Exact || equations.Count == 0) return true;
            if (indexed)
            {
                diagnostics.Report(DiagnosticDescriptors.ExactSolverNotApplicable, declared.Name.Span,
                    "the exact solver is generated for models of independent elements only (neurons, scalar systems); use rk4 for indexed models");
                return false;
            }
            if (ExactPropagation.TooManyStates(equations.Count) is { } tooMany)
            {
                diagnostics.Report(DiagnosticDescriptors.ExactSolverNotApplicable, declared.Name.Span, tooMany + "; use rk4");
                return false;
            }
            var system = LinearSystem.TryCreate(model, out string why, out var where, only);
            if (system is null)
            {
                diagnostics.Report(DiagnosticDescriptors.ExactSolverNotApplicable, where, why);
                return false;
            }
            exact = ExactPropagation.TryCreate(system, out why)?.WithParameters(model.Parameters);
            if (exact is null)
            {
                diagnostics.Report(DiagnosticDescriptors.ExactSolverNotApplicable, declared.Name.Span, why);
                return false;
            }
            reason = "named in the model; the equations are linear with coefficients constant over a step, so the step is exact.";
            return true;
        }

        if (equations.Count == 0) return true;
        // No solver named: exact when the equations are linear (no time-step error at all),
        // rk4 otherwise (fourth order, robust for the smooth nonlinear dynamics models have).
        string notLinear;
        if (indexed)
        {
            notLinear = "exact propagation is generated only for models of independent elements";
        }
        else if (ExactPropagation.TooManyStates(equations.Count) is { } tooMany)
        {
            notLinear = tooMany;
        }
        else
        {
            var system = LinearSystem.TryCreate(model, out notLinear, out _, only);
            if (system is not null)
            {
                exact = ExactPropagation.TryCreate(system, out notLinear)?.WithParameters(model.Parameters);
                if (exact is not null)
                {
                    solver = SolverKind.Exact;
                    reason = "chosen because the equations are linear with coefficients constant over a step (no solver named).";
                    diagnostics.Report(DiagnosticDescriptors.SolverChosen, model.Syntax.Name.Span, "exact",
                        "the equations are linear with coefficients constant over a step");
                    return true;
                }
            }
        }
        solver = SolverKind.Rk4;
        reason = $"chosen because no solver is named and exact does not apply ({notLinear}).";
        diagnostics.Report(DiagnosticDescriptors.SolverChosen, model.Syntax.Name.Span, "rk4", $"exact does not apply: {notLinear}");
        return true;
    }

    /// <summary>
    /// <c>solver euler (dt = 0)</c>: a declared time step must be positive (and finite) at the
    /// default parameters, else DL0121 on its value. A step that cannot be evaluated (a
    /// parameter without a default) is left to run time.
    /// </summary>
    internal static bool DeclaredStepIsPositive(BoundModel model, DiagnosticBag diagnostics)
    {
        if (model.DeclaredTimeStep is not { } declared) return true;
        var context = new Checks.CheckContext(model, diagnostics);
        double dt;
        try
        {
            dt = Symbolic.Evaluator.Evaluate(context.Symbolic(declared), context.Defaults);
        }
        catch (System.Exception e) when (e is Symbolic.EvaluationException or System.NotSupportedException or KeyNotFoundException)
        {
            return true;
        }
        if (dt > 0 && !double.IsInfinity(dt)) return true;
        bool literal = declared is BoundLiteral || declared is BoundUnary { Operand: BoundLiteral };
        string value = double.IsNaN(dt) ? "not a number" : Checks.TimeFormat.Format(dt, model.UsesUnits);
        diagnostics.Report(DiagnosticDescriptors.InvalidSolverOption, declared.Span,
            $"the time step must be positive and finite, but dt = {value}{(literal ? "" : " at the default parameters")}");
        return false;
    }

    /// <summary>The first call of a function without a body in <paramref name="roots"/> or the definitions they use.</summary>
    internal static BoundOpaqueCall? FirstOpaqueCall(IEnumerable<BoundExpr> roots)
    {
        var list = roots.ToList();
        var all = list.Concat(BoundWalker.RequiredDefinitions(list).Where(d => d.Value is not null).Select(d => d.Value!));
        return all.SelectMany(BoundWalker.DescendantsAndSelf).OfType<BoundOpaqueCall>().FirstOrDefault();
    }

    /// <summary>An expression of parameters only (defaults, initial values, the time step) as IR over uniforms.</summary>
    private static IrExpr ParameterExpression(BoundExpr expr) => new ExpressionLowerer(reference => reference.Symbol is ParameterSymbol p
        ? new IrRef(p.Name, SlotKind.Uniform)
        : throw new LoweringException(reference.Span, "a default value may use only parameters")).Lower(expr);

    internal static void AddDeclarations(KernelModel kernel, BoundModel model, SourceLines lines, SourceText source)
    {
        var parameterLowerer = new ExpressionLowerer(reference => reference.Symbol is ParameterSymbol p
            ? new IrRef(p.Name, SlotKind.Uniform)
            : throw new LoweringException(reference.Span, "a default value may use only parameters"));
        foreach (var parameter in model.Parameters)
        {
            if (parameter.Rank > 0)
            {
                kernel.Arrays.Add(new KernelArray(parameter.Name, ArrayRole.Parameter, SetNames(parameter), null,
                    UnitText(parameter), lines.LineOf(parameter.DeclarationSpan.Start)));
                continue;
            }
            IrExpr value = parameter.Default is null ? new IrConstant(double.NaN) : parameterLowerer.Lower(parameter.Default);
            kernel.Parameters.Add(new KernelParameter(parameter.Name, value, parameter.IsDerived, UnitText(parameter),
                source.Slice(parameter.Syntax.Span).Trim(), lines.LineOf(parameter.DeclarationSpan.Start))
            {
                Dimension = parameter.DimensionKnown ? parameter.Dimension : null,
            });
        }
        foreach (var state in model.States)
        {
            IrExpr? initial = state.Initial is null ? null : parameterLowerer.Lower(state.Initial);
            kernel.Arrays.Add(new KernelArray(state.Name, ArrayRole.State, SetNames(state), initial, UnitText(state),
                lines.LineOf(state.DeclarationSpan.Start)));
        }
        foreach (var input in model.Inputs)
            kernel.Arrays.Add(new KernelArray(input.Name, ArrayRole.Input, SetNames(input), null, UnitText(input),
                lines.LineOf(input.DeclarationSpan.Start)));
        kernel.IndexSets.AddRange(model.IndexSets.Select(s => s.Root.Name).Distinct());
        foreach (var member in model.Syntax.Members)
        {
            if (member is OdeEquation or Definition or EventBlock)
                kernel.EquationTexts.Add(Compact(source.Slice(member.Span)));
        }
    }

    private static List<string> SetNames(Symbol symbol) => symbol.IndexSets.Select(s => s.Root.Name).ToList();

    internal static string UnitText(Symbol symbol) =>
        symbol.DimensionKnown && !symbol.Dimension.IsDimensionless ? UnitFormatter.Format(symbol.Dimension) : "dimensionless";

    /// <summary>One line per statement, comments removed and whitespace collapsed (for doc comments).</summary>
    internal static string Compact(string text)
    {
        text = System.Text.RegularExpressions.Regex.Replace(text, @"//[^\r\n]*|/\*.*?\*/", " ", System.Text.RegularExpressions.RegexOptions.Singleline);
        return System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();
    }
}
