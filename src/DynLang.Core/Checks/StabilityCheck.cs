using System;
using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Binding;
using DynLang.Core.Diagnostics;
using DynLang.Core.Lowering.Solvers;
using DynLang.Core.Symbolic;

namespace DynLang.Core.Checks;

/// <summary>The largest stable time step of an explicit solver, and how it was found.</summary>
/// <param name="MaxTimeStep">dt must stay below this (SI seconds, or model time units).</param>
/// <param name="Description">"euler needs dt &lt; 2·τ_min = 20 ms (τ_min = 10 ms from dv/dt …)".</param>
public sealed record StabilityBound(double MaxTimeStep, string Description);

/// <summary>
/// Stability of explicit solvers against the fastest linear time constant. For each equation
/// whose own coefficient λ = ∂f_x/∂x depends on parameters only (its linear part), evaluated at
/// the default parameters, a negative λ gives the time constant τ = 1/|λ|; explicit Runge–Kutta
/// methods are stable on the negative real axis up to |λ|·dt = 2 (euler, rk2) or 2.785 (rk4).
/// The bound is exact for linear triangular systems (their eigenvalues are these diagonal
/// entries) and a linearised guide otherwise. For fields: the diffusion number D·dt/dx² ≤
/// 1/(2·dims) and the CFL number |c|·dt/dx ≤ 1, when the model declares dx.
/// </summary>
public static class StabilityCheck
{
    /// <summary>The stability bound of a model under an explicit solver, or null when none can be given.</summary>
    public static StabilityBound? Compute(BoundModel model, SolverKind solver, DiagnosticBag diagnostics)
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
        if (factor == 0) return null;
        var context = new CheckContext(model, diagnostics);
        double fastest = 0;
        string? from = null;
        foreach (var equation in model.Equations.Where(e => e.State.Rank == 0))
        {
            try
            {
                var f = context.Symbolic(equation.Rhs);
                var lambda = Differentiator.Diff(f, Expr.Symbol(equation.State.Name), CheckContext.NewBudget());
                var uses = lambda.FreeSymbols().Select(s => s.Name).ToList();
                if (uses.Any(name => !context.Defaults.ContainsKey(name) && name != "dt")) continue;
                double value = Evaluator.Evaluate(lambda, context.Defaults);
                if (value < 0 && -value > fastest)
                {
                    fastest = -value;
                    from = $"d{equation.State.Name}/dt, whose coefficient of {equation.State.Name} is {lambda}";
                }
            }
            catch (Exception e) when (e is EvaluationException or NotSupportedException or SymbolicBudgetExceededException or KeyNotFoundException)
            {
                // This equation gives no bound.
            }
        }
        if (fastest == 0) return null;
        double tau = 1 / fastest;
        double bound = factor * tau;
        string factorText = factor == 2.0 ? "2" : "2.785";
        return new StabilityBound(bound,
            $"{solver.Name()} needs dt < {factorText}·τ_min = {TimeFormat.Format(bound, model.UsesUnits)}, " +
            $"with τ_min = {TimeFormat.Format(tau, model.UsesUnits)} from {from} (at the default parameters)");
    }

    /// <summary>Reports the model's own time step (<c>solver euler (dt = …)</c>) against the bound.</summary>
    public static void ReportDeclaredStep(BoundModel model, SolverKind solver, StabilityBound? bound, DiagnosticBag diagnostics)
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
        if (bound is null)
        {
            diagnostics.Report(DiagnosticDescriptors.StabilityUndecided, span,
                $"no stability bound for dt = {dtText}: no equation has a negative linear coefficient that depends on parameters only");
            return;
        }
        if (dt < bound.MaxTimeStep)
            diagnostics.Report(DiagnosticDescriptors.StepWithinStabilityBound, span, $"dt = {dtText} is stable: {bound.Description}");
        else
            diagnostics.Report(DiagnosticDescriptors.StepBeyondStabilityBound, span, $"dt = {dtText} is unstable: {bound.Description}");
    }

    /// <summary>Fields: diffusion number and CFL number for a declared dt and a parameter dx.</summary>
    public static void RunForField(BoundModel model, DiagnosticBag diagnostics)
    {
        if (model.DeclaredTimeStep is not { } declared || model.Solver is null) return;
        if (!SolverNames.TryParse(model.Solver.Name.Name, out var solver) || solver == SolverKind.Exact) return;
        var context = new CheckContext(model, diagnostics);
        var span = model.Solver.Span;
        if (!context.Defaults.TryGetValue("dx", out double dx))
        {
            diagnostics.Report(DiagnosticDescriptors.StabilityUndecided, span,
                "no stability bound: declare the grid spacing as a parameter 'dx' to check the diffusion and CFL numbers at build time");
            return;
        }
        double dt;
        try
        {
            dt = Evaluator.Evaluate(context.Symbolic(declared), context.Defaults);
        }
        catch (Exception e) when (e is EvaluationException or NotSupportedException or KeyNotFoundException)
        {
            return;
        }
        if (!(dt > 0) || double.IsInfinity(dt)) return; // DL0121, reported by the lowering
        int dims = (model.Syntax.Target as Ast.GridTarget)?.Grid.Name switch { "grid2d" => 2, "grid3d" => 3, _ => 1 };
        var problems = new List<string>();
        var fine = new List<string>();
        foreach (var equation in model.Equations)
        {
            var f = context.Symbolic(equation.Rhs);
            foreach (var term in f is Add add ? add.Terms : new[] { f })
            {
                if (CoefficientOf(term, "laplacian", context) is double d && d > 0)
                {
                    double number = d * dt / (dx * dx);
                    double limit = 1.0 / (2 * dims);
                    string text = $"diffusion number of d{equation.State.Name}/dt: D·dt/dx² = {number:G3} (limit 1/(2·{dims}) = {limit:G3})";
                    (number <= limit ? fine : problems).Add(text);
                }
                if (CoefficientOf(term, "grad", context) is double c && c != 0)
                {
                    double cfl = Math.Abs(c) * dt / dx;
                    string text = $"CFL number of d{equation.State.Name}/dt: |c|·dt/dx = {cfl:G3} (limit 1)";
                    (cfl <= 1 ? fine : problems).Add(text);
                }
            }
        }
        string dtText = TimeFormat.Format(dt, model.UsesUnits);
        if (problems.Count > 0)
            diagnostics.Report(DiagnosticDescriptors.StepBeyondStabilityBound, span, $"dt = {dtText} is unstable: {string.Join("; ", problems)}");
        else if (fine.Count > 0)
            diagnostics.Report(DiagnosticDescriptors.StepWithinStabilityBound, span, $"dt = {dtText} is stable: {string.Join("; ", fine)}");
    }

    /// <summary>The constant c of a term c·op(u) (parameters evaluated at their defaults), or null.</summary>
    private static double? CoefficientOf(Expr term, string op, CheckContext context)
    {
        // div(c·grad(u)) is c·laplacian(u) for a constant c.
        if (op == "laplacian" && term is Func { Name: "div" } divergence && divergence.Args.Count == 1
            && CoefficientOf(divergence.Args[0], "grad", context) is double inner)
            return inner;
        var factors = term is Mul mul ? mul.Factors.ToList() : new List<Expr> { term };
        var ops = factors.Where(f => f is Func func && func.Name == op).ToList();
        if (ops.Count != 1) return null;
        var rest = Expr.Mul(factors.Where(f => !ReferenceEquals(f, ops[0])).Append(Expr.Number(term is Mul m ? m.Coefficient : BigRational.One)));
        try
        {
            return Evaluator.Evaluate(rest, context.Defaults);
        }
        catch (Exception e) when (e is EvaluationException or KeyNotFoundException or NotSupportedException)
        {
            return null;
        }
    }
}
