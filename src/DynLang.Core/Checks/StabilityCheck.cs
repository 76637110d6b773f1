using System;
using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Binding;
using DynLang.Core.Diagnostics;
using DynLang.Core.Lowering.Fields;
using DynLang.Core.Lowering.Solvers;
using DynLang.Core.Symbolic;

namespace DynLang.Core.Checks;

/// <summary>The largest stable time step of an explicit solver, and how it was found.</summary>
/// <param name="MaxTimeStep">dt must stay below this (SI seconds, or model time units).</param>
/// <param name="Description">"euler needs dt &lt; 2·τ_min = 20 ms (τ_min = 10 ms from dv/dt …)".</param>
public sealed record StabilityBound(double MaxTimeStep, string Description);

/// <summary>The outcome of the stability analysis: a bound, or why none can be given (both null: no equation bounds the step).</summary>
public sealed record StabilityAnalysis(StabilityBound? Bound, string? Undecided);

/// <summary>
/// Stability of explicit solvers against the fastest linear rate. For each equation the coefficient
/// λ = ∂f_x/∂x of its own state is found symbolically. When λ uses parameters only, a negative λ at
/// the default parameters gives the time constant τ = 1/|λ|, and explicit Runge–Kutta methods are
/// stable on the negative real axis up to |λ|·dt = 2 (euler, rk2) or 2.785 (rk4). When λ depends on
/// states (AdEx's exp((v − v_T)/Δ_T), Izhikevich's 0.08·v), it is evaluated over the states'
/// region (<see cref="StabilityRegion"/>: a declared range, or reset-to-threshold) and its largest
/// |λ| counts, whatever its sign: a large positive λ (a spike's upswing) makes the explicit stages
/// overshoot by λ·dt and overflow. A λ whose region is unknown (it uses an input, or a state without
/// a range or threshold) makes the whole model undecided, with the reason — never the bound of
/// another equation presented as the model's. The bound is exact for linear triangular systems and
/// a linearised guide otherwise. Fields: <see cref="RunForField"/>.
/// </summary>
public static class StabilityCheck
{
    /// <summary>The stability bound of a model under an explicit solver, or null when none can be given.</summary>
    public static StabilityBound? Compute(BoundModel model, SolverKind solver, DiagnosticBag diagnostics) =>
        Analyse(model, solver, diagnostics).Bound;

    /// <summary>The bound, or the reason there is none.</summary>
    public static StabilityAnalysis Analyse(BoundModel model, SolverKind solver, DiagnosticBag diagnostics)
    {
        double factor = solver switch
        {
            SolverKind.Euler => 2.0,
            SolverKind.Rk2 => 2.0,
            SolverKind.Rk4 => 2.785,
            // The drift of euler_maruyama and heun is a forward Euler step.
            SolverKind.EulerMaruyama or SolverKind.Heun => 2.0,
            _ => 0,
        };
        if (factor == 0) return new StabilityAnalysis(null, null);
        string factorText = factor == 2.0 ? "2" : "2.785";
        var context = new CheckContext(model, diagnostics);
        double fastest = 0;
        string? from = null;
        var undecided = new List<string>();
        foreach (var equation in model.Equations.Where(e => e.State.Rank == 0))
        {
            string x = equation.State.Name;
            try
            {
                var f = context.Symbolic(equation.Rhs);
                var lambda = Differentiator.Diff(f, Expr.Symbol(x), CheckContext.NewBudget());
                var uses = lambda.FreeSymbols().Select(s => s.Name).Where(name => !context.Defaults.ContainsKey(name) && name != "dt").Distinct().ToList();
                if (uses.Count == 0)
                {
                    double value = Evaluator.Evaluate(lambda, context.Defaults);
                    if (value < 0 && -value > fastest)
                    {
                        fastest = -value;
                        from = $"τ_min = {TimeFormat.Format(1 / fastest, model.UsesUnits)} from d{x}/dt, whose coefficient of {x} is {lambda}";
                    }
                    continue;
                }
                var box = new List<StateInterval>();
                foreach (var name in uses)
                {
                    if (StabilityRegion.Of(context, name, out string whyNot) is { } interval) box.Add(interval);
                    else undecided.Add($"the coefficient of {x} in d{x}/dt, {lambda}, depends on {whyNot}");
                }
                if (box.Count < uses.Count) continue;
                if (box.Count > 2)
                {
                    undecided.Add($"the coefficient of {x} in d{x}/dt, {lambda}, depends on {box.Count} states (at most 2 are sampled)");
                    continue;
                }
                var (max, at) = StabilityRegion.MaxAbs(context, lambda, box);
                string where = string.Join(", ", box.Select(b => $"{b.Name} = {Show(context, b.Name, at[b.Name])}"));
                string region = string.Join("; ", box.Select(b => $"{b.Name} in [{Show(context, b.Name, b.Low)}, {Show(context, b.Name, b.High)}] ({b.How})"));
                if (double.IsInfinity(max))
                {
                    undecided.Add($"the coefficient of {x} in d{x}/dt, {lambda}, is not finite at {where} over {region}");
                    continue;
                }
                if (max > fastest)
                {
                    fastest = max;
                    from = $"1/max|∂f/∂{x}| = {TimeFormat.Format(1 / max, model.UsesUnits)} from d{x}/dt, whose coefficient of {x}, {lambda}, is largest in size at {where} over {region}";
                }
            }
            catch (Exception e) when (e is EvaluationException or NotSupportedException or SymbolicBudgetExceededException or KeyNotFoundException)
            {
                undecided.Add($"the coefficient of {x} in d{x}/dt cannot be evaluated ({e.Message})");
            }
        }
        if (undecided.Count > 0) return new StabilityAnalysis(null, string.Join("; ", undecided));
        if (fastest == 0) return new StabilityAnalysis(null, null);
        double tau = 1 / fastest;
        double bound = factor * tau;
        string symbol = from!.StartsWith("τ_min", StringComparison.Ordinal) ? "τ_min" : "τ";
        return new StabilityAnalysis(new StabilityBound(bound,
            $"{solver.Name()} needs dt < {factorText}·{symbol} = {TimeFormat.Format(bound, model.UsesUnits)}, " +
            $"with {(symbol == "τ" ? "τ = " : "")}{from} (at the default parameters)"), null);
    }

    private static string Show(CheckContext context, string name, double value) =>
        context.Model.States.FirstOrDefault(s => s.Name == name) is { } state
            ? StabilityRegion.Show(context, value, state)
            : value.ToString("G4", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Reports the model's own time step (<c>solver euler (dt = …)</c>) against the bound.</summary>
    public static void ReportDeclaredStep(BoundModel model, SolverKind solver, StabilityAnalysis analysis, DiagnosticBag diagnostics)
    {
        if (model.DeclaredTimeStep is not { } declared || model.Solver is null) return;
        var context = new CheckContext(model, diagnostics);
        double dt;
        try
        {
            dt = Evaluator.Evaluate(context.Symbolic(declared), context.Defaults);
        }
        catch (Exception e) when (e is EvaluationException or NotSupportedException or KeyNotFoundException)
        {
            return;
        }
        var span = model.Solver.Span;
        string dtText = TimeFormat.Format(dt, model.UsesUnits);
        if (solver == SolverKind.Exact)
        {
            diagnostics.Report(DiagnosticDescriptors.StepWithinStabilityBound, span,
                $"dt = {dtText}: the exact solver has no stability bound (it propagates the linear equations exactly)");
            return;
        }
        if (solver == SolverKind.ExponentialEuler)
        {
            diagnostics.Report(DiagnosticDescriptors.StepWithinStabilityBound, span,
                $"dt = {dtText}: exponential_euler has no stability bound (it integrates each equation's linear part exactly)");
            return;
        }
        if (analysis.Bound is not { } bound)
        {
            diagnostics.Report(DiagnosticDescriptors.StabilityUndecided, span, analysis.Undecided is { } why
                ? $"no stability bound for dt = {dtText}: {why}"
                : $"no stability bound for dt = {dtText}: no equation has a negative linear coefficient that depends on parameters only");
            return;
        }
        if (dt < bound.MaxTimeStep)
            diagnostics.Report(DiagnosticDescriptors.StepWithinStabilityBound, span, $"dt = {dtText} is stable: {bound.Description}");
        else
            diagnostics.Report(DiagnosticDescriptors.StepBeyondStabilityBound, span, $"dt = {dtText} is unstable: {bound.Description}");
    }

    /// <summary>
    /// Fields: the diffusion and CFL numbers of a declared dt, from the very terms and limits the
    /// generated Step checks at run time (<see cref="FieldStability.Find"/>,
    /// <see cref="FieldStabilityLimits"/>), evaluated at the default parameters.
    /// </summary>
    public static void RunForField(BoundModel model, DiagnosticBag diagnostics)
    {
        if (model.DeclaredTimeStep is not { } declared || model.Solver is null) return;
        if (!SolverNames.TryParse(model.Solver.Name.Name, out var solver) || solver is not (SolverKind.Euler or SolverKind.Rk2 or SolverKind.Rk4)) return;
        var context = new CheckContext(model, diagnostics);
        var span = model.Solver.Span;
        // A unit-free field without 'dx' has spacing 1, as in the generated class; with units the lowerer requires dx.
        double dx = 1;
        bool hasSpacing = model.Parameters.Any(p => p.Name == "dx" && p.Rank == 0);
        if (!hasSpacing && model.UsesUnits) return; // the lowerer asks for 'dx' (DL0307)
        if (hasSpacing && !context.Defaults.TryGetValue("dx", out dx))
        {
            diagnostics.Report(DiagnosticDescriptors.StabilityUndecided, span,
                "no stability bound: the grid spacing 'dx' has no default value, so the diffusion and CFL numbers cannot be evaluated at build time");
            return;
        }
        if (!TryEvaluate(context, declared, out double dt) || !(dt > 0) || double.IsInfinity(dt) || !(dx > 0)) return; // a bad dt is DL0121, reported by the lowering
        var grid = model.Syntax.Target as Ast.GridTarget;
        int dims = FieldStabilityLimits.Dims(grid);
        int order = FieldStabilityLimits.DeclaredOrder(grid);
        double limit = FieldStabilityLimits.DiffusionLimit(solver, order, dims);
        var problems = new List<string>();
        var fine = new List<string>();
        var undecided = new List<string>();
        foreach (var term in FieldStability.Find(model))
        {
            if (!TryEvaluate(context, term.Coefficient, out double outer) || !TryEvaluate(context, term.Inner, out double inner))
            {
                undecided.Add($"d{term.State}/dt (a coefficient without a default value)");
                continue;
            }
            double c = (term.Negated ? -outer : outer) * inner;
            if (term.IsDiffusion)
            {
                // As at run time: only a positive D is bounded (a negative one is anti-diffusion, unstable at any dt).
                if (!(c > 0)) continue;
                double number = c * dt / (dx * dx);
                string text = $"diffusion number of d{term.State}/dt: D·dt/dx² = {number:G3} (limit {FieldStabilityLimits.DiffusionLimitFormula(solver, order, dims)}; largest stable dt {TimeFormat.Format(limit * dx * dx / c, model.UsesUnits)})";
                (number <= limit ? fine : problems).Add(text);
            }
            else if (c != 0)
            {
                double cfl = Math.Abs(c) * dt / dx;
                string text = $"CFL number of d{term.State}/dt: |c|·dt/dx = {cfl:G3} (limit {FieldStabilityLimits.CflLimit:G3}; largest stable dt {TimeFormat.Format(FieldStabilityLimits.CflLimit * dx / Math.Abs(c), model.UsesUnits)})";
                (cfl <= FieldStabilityLimits.CflLimit ? fine : problems).Add(text);
            }
        }
        string dtText = TimeFormat.Format(dt, model.UsesUnits);
        if (problems.Count > 0)
            diagnostics.Report(DiagnosticDescriptors.StepBeyondStabilityBound, span, $"dt = {dtText} is unstable: {string.Join("; ", problems)}");
        else if (fine.Count > 0)
            diagnostics.Report(DiagnosticDescriptors.StepWithinStabilityBound, span, $"dt = {dtText} is stable: {string.Join("; ", fine)}");
        else if (undecided.Count > 0)
            diagnostics.Report(DiagnosticDescriptors.StabilityUndecided, span, $"no stability bound for dt = {dtText}: {string.Join("; ", undecided)}");
    }

    /// <summary>The value of a parameter expression at the defaults; a missing expression is 1.</summary>
    private static bool TryEvaluate(CheckContext context, BoundExpr? expr, out double value)
    {
        value = 1;
        if (expr is null) return true;
        try
        {
            value = Evaluator.Evaluate(context.Symbolic(expr), context.Defaults);
            return true;
        }
        catch (Exception e) when (e is EvaluationException or NotSupportedException or KeyNotFoundException or SymbolicBudgetExceededException)
        {
            return false;
        }
    }
}
