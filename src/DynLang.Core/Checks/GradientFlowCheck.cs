using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Binding;
using DynLang.Core.Diagnostics;
using DynLang.Core.Symbolic;

namespace DynLang.Core.Checks;

/// <summary>
/// <c>assert gradient_flow</c>: the update field f is the negative gradient of some energy,
/// which (on a simply connected state space) holds exactly when its Jacobian is symmetric:
/// ∂f_a/∂x_b = ∂f_b/∂x_a for every pair of states — for states over index sets, element by
/// element: ∂f_a(p)/∂x_b[q] = ∂f_b(q)/∂x_a[p]. Matrices declared <c>symmetric</c> are assumed so.
/// The first pair that differs is named with the difference (the curl component).
/// </summary>
internal static class GradientFlowCheck
{
    public static void Run(CheckContext context, BoundAssertion assertion)
    {
        var span = assertion.Syntax.Span;
        var equations = context.Model.Equations;
        if (equations.Count == 0)
        {
            context.Diagnostics.Report(DiagnosticDescriptors.CheckNotApplicable, span, "gradient_flow", "the model has no equations");
            return;
        }
        var assumed = context.DeclaredSymmetric.ToList();
        Verdict? failure = null;
        int fresh = 0;
        try
        {
            for (int a = 0; a < equations.Count && failure is null; a++)
            {
                for (int b = a; b < equations.Count && failure is null; b++)
                {
                    var ea = equations[a];
                    var eb = equations[b];
                    if (a == b && ea.State.Rank == 0) continue;
                    fresh++;
                    // Readable element names: the equations' own index letters, with 1 and 2 (k1, j1 vs k2, j2).
                    var p = ea.Indices.Select(v => Expr.Index(v.Name + "1")).ToList();
                    var q = eb.Indices.Select(v => Expr.Index(v.Name + "2")).ToList();
                    var fa = Rename(context.Symbolic(ea.Rhs), ea, p);
                    var fb = Rename(context.Symbolic(eb.Rhs), eb, q);
                    var jab = Differentiator.Diff(fa, Element(eb.State, q), CheckContext.NewBudget());
                    var jba = Differentiator.Diff(fb, Element(ea.State, p), CheckContext.NewBudget());
                    var residual = context.AssumeSymmetric(Expr.Sub(jab, jba), System.Array.Empty<string>());
                    var readableA = Rename(context.Readable(ea.Rhs), ea, p);
                    var readableB = Rename(context.Readable(eb.Rhs), eb, q);
                    string xa = Element(ea.State, p).ToString(), xb = Element(eb.State, q).ToString();
                    string fan = Derivative(ea, p), fbn = Derivative(eb, q);
                    var verdict = context.Decide(residual, $"∂({fan})/∂{xb} − ∂({fbn})/∂{xa}", ReadableDifference(context, readableA, readableB, eb.State, q, ea.State, p));
                    if (verdict.Kind == VerdictKind.Proven) continue;
                    failure = verdict with { Text = $"the Jacobian is not symmetric at the pair ({xa}, {xb}): {verdict.Text}" };
                    if (verdict.Kind == VerdictKind.Undecided)
                        failure = verdict with { Text = $"at the pair ({xa}, {xb}): {verdict.Text}" };
                }
            }
        }
        catch (System.Exception e) when (e is SymbolicBudgetExceededException or System.NotSupportedException or System.DivideByZeroException)
        {
            failure = new Verdict(VerdictKind.Undecided, e.Message);
        }
        var result = failure ?? new Verdict(VerdictKind.Proven,
            "the Jacobian of the update is symmetric, so it is the negative gradient of an energy (curl-free)" +
            (assumed.Count > 0 ? $", using {string.Join(", ", assumed)} symmetric as declared" : ""));
        context.Report(result, span, DiagnosticDescriptors.GradientFlowProven, DiagnosticDescriptors.GradientFlowViolated,
            DiagnosticDescriptors.GradientFlowUndecided);
    }

    /// <summary>The Jacobian difference with definitions kept as names, for the message (null if it cannot be formed).</summary>
    private static Expr? ReadableDifference(CheckContext context, Expr fa, Expr fb, StateSymbol b, IReadOnlyList<Idx> q,
        StateSymbol a, IReadOnlyList<Idx> p)
    {
        try
        {
            // Differentiating with definitions kept as names is only a display aid: the verdict
            // comes from the inlined form.
            return context.ShowSymmetric(Expr.Sub(Differentiator.Diff(fa, Element(b, q), CheckContext.NewBudget()),
                Differentiator.Diff(fb, Element(a, p), CheckContext.NewBudget())), System.Array.Empty<string>());
        }
        catch (System.Exception e) when (e is SymbolicBudgetExceededException or System.NotSupportedException or System.DivideByZeroException)
        {
            return null;
        }
    }

    private static Expr Rename(Expr f, BoundEquation equation, IReadOnlyList<Idx> to) =>
        equation.Indices.Count == 0
            ? f
            : IndexRenamer.RenameIndices(f, equation.Indices.Select((v, n) => (Expr.Index(v.Name), to[n])).ToDictionary(x => x.Item1, x => x.Item2));

    private static Sym Element(StateSymbol state, IReadOnlyList<Idx> indices) =>
        Expr.Symbol(state.Name, indices.Cast<Expr>().ToArray());

    private static string Derivative(BoundEquation equation, IReadOnlyList<Idx> indices) =>
        $"d{Element(equation.State, indices)}/dt";
}
