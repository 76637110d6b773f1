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
    private StochasticSystem(BoundModel model, IReadOnlyList<BoundEquation> equations, IReadOnlyList<Expr?[]> noiseTerms,
        IReadOnlyList<Sym?[]> noiseAt, string? multiplicative, TextSpan multiplicativeAt)
    {
        Model = model;
        Equations = equations;
        NoiseTerms = noiseTerms;
        NoiseAt = noiseAt;
        MultiplicativeReason = multiplicative;
        MultiplicativeAt = multiplicativeAt;
    }

    /// <summary>The model.</summary>
    public BoundModel Model { get; }

    /// <summary>The equations split (the model's, or a synapse's clock-driven ones), in model order.</summary>
    public IReadOnlyList<BoundEquation> Equations { get; }

    /// <summary>For each equation of <see cref="Equations"/>, g_k for each noise of <see cref="BoundModel.Noises"/> (null where zero).</summary>
    public IReadOnlyList<Expr?[]> NoiseTerms { get; }

    /// <summary>
    /// For each equation, the element of each noise it reads (null where it reads none): <c>xi</c>
    /// in models of independent elements, <c>xi[i,j]</c> or <c>xi[i]</c> in indexed models, where
    /// every index is one of the equation's (a noise is read at one element per equation element).
    /// </summary>
    public IReadOnlyList<Sym?[]> NoiseAt { get; }

    /// <summary>Why the noise is multiplicative ("the noise term of dx/dt, s*x, depends on x"), or null when additive.</summary>
    public string? MultiplicativeReason { get; }

    /// <summary>The equation whose noise term is multiplicative.</summary>
    public TextSpan MultiplicativeAt { get; }

    /// <summary>True when every noise term is free of the integrated states and of t.</summary>
    public bool IsAdditive => MultiplicativeReason is null;

    /// <summary>Splits the equations, or reports DL0308 (located on the equation) and returns null.</summary>
    public static StochasticSystem? TryCreate(BoundModel model, Diagnostics.DiagnosticBag diagnostics, IReadOnlyList<BoundEquation>? only = null)
    {
        var converter = new BoundToSymbolic();
        var noises = model.Noises.Select(n => n.Name).ToList();
        var equations = only ?? model.Equations;
        var integrated = new HashSet<string>(equations.Select(e => e.State.Name), StringComparer.Ordinal);
        var terms = new List<Expr?[]>();
        var at = new List<Sym?[]>();
        string? multiplicative = null;
        TextSpan multiplicativeAt = default;
        foreach (var equation in equations)
        {
            string x = equation.State.Name;
            void Fail(string why) => diagnostics.Report(Diagnostics.DiagnosticDescriptors.NoiseNotLinear, equation.Rhs.Span, x, why);
            try
            {
                var rhs = converter.Convert(equation.Rhs);
                // The noise elements the equation reads: one per noise (xi, or xi[i,j] at the equation's own indices).
                var occurrences = new Sym?[noises.Count];
                var elementIndices = new HashSet<string>(equation.Indices.Select(v => v.Name), StringComparer.Ordinal);
                foreach (var symbol in rhs.FreeSymbols())
                {
                    int k = noises.IndexOf(symbol.Name);
                    if (k < 0) continue;
                    if (occurrences[k] is { } other)
                    {
                        Fail($"{symbol.Name} is read at two elements, {other} and {symbol}; each element of the equation may read one element of a noise");
                        return null;
                    }
                    if (symbol.Indices.Any(index => !IsElementIndex(index, elementIndices)))
                    {
                        Fail($"{symbol} is not at an element of d{x}/dt (summed over, or at an index the equation does not have); " +
                             "each element of the equation may read one element of a noise, at its own indices");
                        return null;
                    }
                    occurrences[k] = symbol;
                }
                var zero = occurrences.Where(o => o is not null).ToDictionary(o => o!, _ => (Expr)Expr.Zero);
                var g = new Expr?[noises.Count];
                Expr reconstructed;
                try
                {
                    reconstructed = Substitution.Substitute(rhs, zero);
                }
                catch (DivideByZeroException)
                {
                    // The drift is the equation at xi = 0; a noise in a denominator (x/xi) has none.
                    Fail("a noise divides (its value 0 leaves no drift): it must enter as drift + coefficient·xi");
                    return null;
                }
                for (int k = 0; k < noises.Count; k++)
                {
                    if (occurrences[k] is not { } noise) continue;
                    var coefficient = Differentiator.Diff(rhs, noise);
                    var inCoefficient = noises.Where(n => coefficient.ContainsSymbol(n)).ToList();
                    if (inCoefficient.Count > 0 || ExprAnalysis.ContainsUnevaluatedDerivative(coefficient))
                    {
                        string text = coefficient.ToString();
                        string quoted = text.Length <= 40 && text.IndexOf('∂') < 0 ? $", {text}," : "";
                        Fail(inCoefficient.Count > 0
                            ? $"the coefficient of {noise}{quoted} contains {string.Join(", ", inCoefficient)}"
                            : $"{noise} is inside a function with no known derivative");
                        return null;
                    }
                    if (!coefficient.IsZero) g[k] = coefficient;
                    reconstructed = Expr.Add(reconstructed, Expr.Mul(coefficient, noise));
                }
                if (!ZeroTester.IsZero(Expr.Sub(rhs, reconstructed)).IsProven)
                {
                    Fail("it could not be written so");
                    return null;
                }
                terms.Add(g);
                at.Add(occurrences.Select((o, k) => g[k] is null ? null : o).ToArray());
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
        return new StochasticSystem(model, equations, terms, at, multiplicative, multiplicativeAt);
    }

    /// <summary>An index of a noise element: one of the equation's index variables, possibly with an offset (i, i+1).</summary>
    private static bool IsElementIndex(Expr index, HashSet<string> elementIndices) => index switch
    {
        Idx idx => elementIndices.Contains(idx.Name),
        Add { Terms: [Idx idx, Num] } => elementIndices.Contains(idx.Name),
        Add { Terms: [Num, Idx idx] } => elementIndices.Contains(idx.Name),
        _ => false,
    };

    /// <summary>
    /// Chooses the solver of a model with noise, as Brian2 does: a named euler or euler_maruyama
    /// needs additive noise (DL0309), heun takes any; other solvers cannot integrate noise
    /// (DL0305). Without a solver line: euler_maruyama for additive noise, heun for
    /// multiplicative noise (Brian2's default list exact → euler → heun; exact never takes noise).
    /// The same for indexed models (IndexedLowerer) and a synapse's clock-driven equations
    /// (<paramref name="only"/>).
    /// </summary>
    public static bool TryChoose(BoundModel model, Diagnostics.DiagnosticBag diagnostics, out SolverKind solver,
        out string reason, out StochasticSolver? plan, IReadOnlyList<BoundEquation>? only = null)
    {
        solver = SolverKind.EulerMaruyama;
        reason = "";
        plan = null;
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
        var system = TryCreate(model, diagnostics, only);
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
}
