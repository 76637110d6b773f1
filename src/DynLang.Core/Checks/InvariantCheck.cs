using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Ast;
using DynLang.Core.Binding;
using DynLang.Core.Diagnostics;
using DynLang.Core.Symbolic;
using Expr = DynLang.Core.Symbolic.Expr;

namespace DynLang.Core.Checks;

/// <summary>
/// <c>invariant C = …</c>: the dynamics conserve C, i.e. dC/dt = ∇C·f ≡ 0. For scalar states
/// dC/dt = Σ_x ∂C/∂x · f_x; for a state over index sets the term is a sum over its elements,
/// Σ_k ∂C/∂x[k] · f_x[k]. Fields are handled by <see cref="FieldConservation"/>: a sum over the
/// grid is conserved when every term is in divergence form and no boundary lets flux through.
/// Between events: resets are jumps, not part of the flow.
/// </summary>
internal static class InvariantCheck
{
    public static void Run(CheckContext context, NamedQuantitySymbol invariant)
    {
        var span = invariant.Syntax.Span;
        if (invariant.Value is null or BoundError) return;
        if (context.Model.Kind == ModelKind.Field)
        {
            FieldConservation.Run(context, invariant);
            return;
        }
        Verdict verdict;
        try
        {
            var c = context.Symbolic(invariant.Value);
            var rate = ExplicitTimeDerivative(c);
            foreach (var equation in context.Model.Equations)
            {
                var f = context.Symbolic(equation.Rhs);
                var state = equation.State;
                if (state.Rank == 0)
                {
                    rate = Expr.Add(rate, Expr.Mul(Differentiator.Diff(c, Expr.Symbol(state.Name), CheckContext.NewBudget()), f));
                    continue;
                }
                // Σ_i ∂C/∂x[i] · f(i), summed over the equation's own index variables (bound by the sum,
                // so they cannot clash with indices bound inside C).
                var indices = equation.Indices.Select(v => Expr.Index(v.Name)).ToList();
                var renamed = f;
                var partial = Differentiator.Diff(c, Expr.Symbol(state.Name, indices.Cast<Expr>().ToArray()), CheckContext.NewBudget());
                rate = Expr.Add(rate, Expr.Sum(indices, Expr.Mul(partial, renamed)));
            }
            verdict = context.Decide(context.AssumeSymmetric(rate, System.Array.Empty<string>()), $"d{invariant.Name}/dt = ∇{invariant.Name}·f");
            if (verdict.Kind == VerdictKind.Proven && context.Model.Events.Count > 0)
                verdict = verdict with { Text = verdict.Text + " between events (resets are jumps and are not checked)" };
        }
        catch (System.Exception e) when (e is SymbolicBudgetExceededException or System.NotSupportedException or System.DivideByZeroException)
        {
            verdict = new Verdict(VerdictKind.Undecided, e.Message);
        }
        context.Report(verdict, span, DiagnosticDescriptors.InvariantProven, DiagnosticDescriptors.InvariantViolated,
            DiagnosticDescriptors.InvariantUndecided, invariant.Name);
    }

    /// <summary>∂C/∂t when C uses the time itself.</summary>
    private static Expr ExplicitTimeDerivative(Expr c) =>
        c.ContainsSymbol("t") ? Differentiator.Diff(c, Expr.Symbol("t"), CheckContext.NewBudget()) : Expr.Zero;
}
