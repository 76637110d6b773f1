using System;
using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Analysis;
using DynLang.Core.Binding;
using DynLang.Core.Symbolic;
using DynLang.Core.Text;

namespace DynLang.Core.Lowering.Solvers;

/// <summary>
/// The equations of a model with white noise written as dx/dt = f(x, t) + Σ_k g_k(x, t)·xi_k, as
/// Brian2 splits them (<c>Expression.split_stochastic</c> in brian2/equations/codestrings.py):
/// g_k = ∂rhs/∂xi_k must be free of noise and rhs − (f + Σ g_k·xi_k) must simplify to zero, with
/// f = rhs(xi = 0). Definitions are inlined first (Brian2 substitutes subexpressions too), so
/// noise may come through a definition. The same noise symbol in two equations is the same
/// noise (one draw per element and step), as in Brian2.
/// <para>
/// The noise is <em>additive</em> when no g_k depends on a state that has an equation or on t,
/// <em>multiplicative</em> otherwise (Brian2's <c>Equations.stochastic_type</c>); inputs and
/// parameters do not make it multiplicative (they are constant over a step).
/// </para>
/// </summary>
internal sealed class StochasticSystem
{
    private StochasticSystem(BoundModel model, IReadOnlyList<Expr?[]> noiseTerms, string? multiplicative, TextSpan multiplicativeAt)
    {
        Model = model;
        NoiseTerms = noiseTerms;
        MultiplicativeReason = multiplicative;
        MultiplicativeAt = multiplicativeAt;
    }

    /// <summary>The model.</summary>
    public BoundModel Model { get; }

    /// <summary>For each equation (in model order), g_k for each noise of <see cref="BoundModel.Noises"/> (null where zero).</summary>
    public IReadOnlyList<Expr?[]> NoiseTerms { get; }

    /// <summary>Why the noise is multiplicative ("the noise term of dx/dt, s*x, depends on x"), or null when additive.</summary>
    public string? MultiplicativeReason { get; }

    /// <summary>The equation whose noise term is multiplicative.</summary>
    public TextSpan MultiplicativeAt { get; }

    /// <summary>True when every noise term is free of the integrated states and of t.</summary>
    public bool IsAdditive => MultiplicativeReason is null;

    /// <summary>Splits the equations, or reports DL0308 (located on the equation) and returns null.</summary>
    public static StochasticSystem? TryCreate(BoundModel model, Diagnostics.DiagnosticBag diagnostics)
    {
        var converter = new BoundToSymbolic();
        var noises = model.Noises.Select(n => Expr.Symbol(n.Name)).ToList();
        var zero = noises.ToDictionary(n => n, _ => (Expr)Expr.Zero);
        var integrated = new HashSet<string>(model.Equations.Select(e => e.State.Name), StringComparer.Ordinal);
        var terms = new List<Expr?[]>();
        string? multiplicative = null;
        TextSpan multiplicativeAt = default;
        foreach (var equation in model.Equations)
        {
            string x = equation.State.Name;
            void Fail(string why) => diagnostics.Report(Diagnostics.DiagnosticDescriptors.NoiseNotLinear, equation.Rhs.Span, x, why);
            try
            {
                var rhs = converter.Convert(equation.Rhs);
                var g = new Expr?[noises.Count];
                Expr reconstructed = Substitution.Substitute(rhs, zero);
                for (int k = 0; k < noises.Count; k++)
                {
                    if (!rhs.ContainsSymbol(noises[k].Name)) continue;
                    var coefficient = Differentiator.Diff(rhs, noises[k]);
                    var inCoefficient = noises.Where(n => coefficient.ContainsSymbol(n.Name)).Select(n => n.Name).ToList();
                    if (inCoefficient.Count > 0 || ExprAnalysis.ContainsUnevaluatedDerivative(coefficient))
                    {
                        string text = coefficient.ToString();
                        string quoted = text.Length <= 40 && text.IndexOf('∂') < 0 ? $", {text}," : "";
                        Fail(inCoefficient.Count > 0
                            ? $"the coefficient of {noises[k].Name}{quoted} contains {string.Join(", ", inCoefficient)}"
                            : $"{noises[k].Name} is inside a function with no known derivative");
                        return null;
                    }
                    if (!coefficient.IsZero) g[k] = coefficient;
                    reconstructed = Expr.Add(reconstructed, Expr.Mul(coefficient, noises[k]));
                }
                if (!ZeroTester.IsZero(Expr.Sub(rhs, reconstructed)).IsProven)
                {
                    Fail("it could not be written so");
                    return null;
                }
                terms.Add(g);
                if (multiplicative is not null) continue;
                for (int k = 0; k < noises.Count && multiplicative is null; k++)
                {
                    if (g[k] is not { } term) continue;
                    var dependsOn = term.FreeSymbols().Select(s => s.Name).Where(n => n == "t" || integrated.Contains(n)).Distinct().ToList();
                    if (dependsOn.Count == 0) continue;
                    string text = term.ToString();
                    string quoted = text.Length <= 40 ? $", {text}," : "";
                    multiplicative = $"the noise term of d{x}/dt{quoted} depends on {string.Join(", ", dependsOn)}";
                    multiplicativeAt = equation.Rhs.Span;
                }
            }
            catch (Exception e) when (e is SymbolicBudgetExceededException or NotSupportedException)
            {
                Fail(e.Message);
                return null;
            }
        }
        return new StochasticSystem(model, terms, multiplicative, multiplicativeAt);
    }

    /// <summary>
    /// Chooses the solver of a model with noise, as Brian2 does: a named euler or euler_maruyama
    /// needs additive noise (DL0309), heun takes any; other solvers cannot integrate noise
    /// (DL0305). Without a solver line: euler_maruyama for additive noise, heun for
    /// multiplicative noise (Brian2's default list exact → euler → heun; exact never takes noise).
    /// Indexed models have no stochastic solver yet (DL0305).
    /// </summary>
    public static bool TryChoose(BoundModel model, bool indexed, Diagnostics.DiagnosticBag diagnostics, out SolverKind solver,
        out string reason, out IElementwiseSolver? plan)
    {
        solver = SolverKind.EulerMaruyama;
        reason = "";
        plan = null;
        var firstUse = model.Equations.FirstOrDefault(e => UsesNoise(e.Rhs))?.Rhs.Span ?? model.Syntax.Name.Span;
        string noiseList = string.Join(", ", model.Noises.Select(n => n.Name));
        bool named = model.Solver is not null;
        if (model.Solver is { } declared)
        {
            if (!SolverNames.TryParse(declared.Name.Name, out solver))
            {
                diagnostics.Report(Diagnostics.DiagnosticDescriptors.UnknownSolver, declared.Name.Span, declared.Name.Name, SolverNames.All);
                return false;
            }
            if (!solver.IntegratesNoise())
            {
                diagnostics.Report(Diagnostics.DiagnosticDescriptors.NoiseNeedsSdeSolver, declared.Name.Span,
                    $"solver {solver.Name()} cannot integrate white noise ({noiseList}); use euler_maruyama (additive noise) or heun (Stratonovich)");
                return false;
            }
        }
        if (indexed)
        {
            diagnostics.Report(Diagnostics.DiagnosticDescriptors.NoiseNeedsSdeSolver, firstUse,
                $"'{model.Name}' has white noise ({noiseList}); the stochastic solvers are generated for models of independent elements " +
                "only (neurons, systems without indices), not yet for indexed models, so no code is generated for this model");
            return false;
        }
        var system = TryCreate(model, diagnostics);
        if (system is null) return false;
        if (named)
        {
            if (solver != SolverKind.Heun && !system.IsAdditive)
            {
                diagnostics.Report(Diagnostics.DiagnosticDescriptors.MultiplicativeNoise, system.MultiplicativeAt, solver.Name(), system.MultiplicativeReason!);
                return false;
            }
            reason = solver switch
            {
                SolverKind.Heun => "named in the model; the noise is integrated in the Stratonovich sense.",
                SolverKind.Euler => "named in the model as euler, which on noise is Euler–Maruyama (as in Brian2); the noise is additive, " +
                                    "so the Itô and Stratonovich readings agree.",
                _ => "named in the model; the noise is additive, so the Itô and Stratonovich readings agree.",
            };
            if (solver == SolverKind.Euler) solver = SolverKind.EulerMaruyama;
        }
        else if (system.IsAdditive)
        {
            solver = SolverKind.EulerMaruyama;
            reason = "chosen because the model has additive noise (no solver named).";
            diagnostics.Report(Diagnostics.DiagnosticDescriptors.SolverChosen, model.Syntax.Name.Span, "euler_maruyama", "the noise is additive");
        }
        else
        {
            solver = SolverKind.Heun;
            reason = $"chosen because the noise is multiplicative ({system.MultiplicativeReason}; no solver named): Stratonovich.";
            diagnostics.Report(Diagnostics.DiagnosticDescriptors.SolverChosen, model.Syntax.Name.Span, "heun",
                $"{system.MultiplicativeReason}, so the noise is multiplicative");
        }
        plan = new StochasticSolver(system, heun: solver == SolverKind.Heun);
        return true;
    }

    private static bool UsesNoise(BoundExpr expr) =>
        BoundWalker.ReferencedSymbols(expr).Any(s => s is NoiseSymbol)
        || BoundWalker.RequiredDefinitions(new[] { expr }).Any(d => d.Value is not null && BoundWalker.ReferencedSymbols(d.Value).Any(s => s is NoiseSymbol));
}
