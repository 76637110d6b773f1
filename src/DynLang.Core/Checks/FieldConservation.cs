using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Ast;
using DynLang.Core.Binding;
using DynLang.Core.Diagnostics;
using DynLang.Core.Symbolic;
using Expr = DynLang.Core.Symbolic.Expr;

namespace DynLang.Core.Checks;

/// <summary>
/// Conservation of a sum over a field's grid, C = sum(Σ c_u·u) with constant weights c_u:
/// dC/dt = Σ_u c_u · Σ_cells f_u. A term in divergence form — div(F), laplacian(u), or a constant
/// times one — sums to the flux through the boundary, which vanishes for periodic and no-flux
/// (neumann) boundaries and not for dirichlet ones. Every other term must cancel by itself.
/// </summary>
internal static class FieldConservation
{
    public static void Run(CheckContext context, NamedQuantitySymbol invariant)
    {
        var span = invariant.Syntax.Span;
        var name = invariant.Name;
        if (invariant.Value is not BoundSum { Over.Count: 0 } gridSum)
        {
            context.Diagnostics.Report(DiagnosticDescriptors.InvariantUndecided, span, name,
                "for fields, invariants of the form sum(…) over the grid are checked; this one is not of that form");
            return;
        }
        Verdict verdict;
        try
        {
            var body = context.Symbolic(gridSum.Body);
            var nonDivergence = new List<Expr>();
            bool anyFlux = false;
            foreach (var equation in context.Model.Equations)
            {
                var weight = Differentiator.Diff(body, Expr.Symbol(equation.State.Name), CheckContext.NewBudget());
                if (weight is Num { Value.IsZero: true }) continue;
                if (context.Model.Equations.Any(e => weight.ContainsSymbol(e.State.Name)))
                {
                    context.Diagnostics.Report(DiagnosticDescriptors.InvariantUndecided, span, name,
                        $"the sum weighs '{equation.State.Name}' by {weight}, which depends on the state; only sums with constant weights are checked for fields");
                    return;
                }
                var f = context.Symbolic(equation.Rhs);
                var terms = f is Add add ? add.Terms : new[] { f };
                foreach (var term in terms)
                {
                    if (IsDivergenceForm(term, context)) anyFlux = true;
                    else nonDivergence.Add(Expr.Mul(weight, term));
                }
            }
            var rest = Expr.Add(nonDivergence);
            var decided = context.Decide(rest, $"the terms not in divergence form, summed");
            if (decided.Kind != VerdictKind.Proven)
            {
                verdict = decided.Kind == VerdictKind.Disproven
                    ? decided with { Text = $"d{name}/dt = sum over the grid of {CheckContext.Show(rest)}, which is not in divergence form ({decided.Text})" }
                    : decided;
            }
            else
            {
                var boundaries = (context.Model.Syntax.Target as GridTarget)?.Boundaries ?? (IReadOnlyList<BoundarySpec>)System.Array.Empty<BoundarySpec>();
                var leaking = boundaries.Where(b => b.Kind.Name == "dirichlet").ToList();
                if (anyFlux && leaking.Count > 0)
                {
                    string where = string.Join(", ", leaking.Select(b => b.Side is null ? "dirichlet" : $"{b.Side.Name}: dirichlet"));
                    verdict = new Verdict(VerdictKind.Disproven,
                        $"the divergence terms sum to the flux through the boundary, and the {where} boundary holds values fixed, so flux crosses it and changes {name}");
                }
                else
                {
                    string kinds = boundaries.Count == 0 ? "periodic" : string.Join(", ", boundaries.Select(b => b.Kind.Name).Distinct());
                    verdict = new Verdict(VerdictKind.Proven, anyFlux
                        ? $"every term is in divergence form, which sums to the boundary flux, and the {kinds} boundaries let none through"
                        : $"d{name}/dt simplifies to 0");
                }
            }
        }
        catch (System.Exception e) when (e is SymbolicBudgetExceededException or System.NotSupportedException or System.DivideByZeroException)
        {
            verdict = new Verdict(VerdictKind.Undecided, e.Message);
        }
        context.Report(verdict, span, DiagnosticDescriptors.InvariantProven, DiagnosticDescriptors.InvariantViolated,
            DiagnosticDescriptors.InvariantUndecided, name);
    }

    /// <summary>div(F), laplacian(u), or such a term times constants (parameters and numbers).</summary>
    private static bool IsDivergenceForm(Expr term, CheckContext context)
    {
        if (term is Func { Name: "div" or "laplacian" }) return true;
        if (term is Mul mul)
        {
            var divergence = mul.Factors.Where(f => f is Func { Name: "div" or "laplacian" }).ToList();
            if (divergence.Count != 1) return false;
            var states = context.Model.States.Select(s => s.Name).ToList();
            return mul.Factors.Where(f => !ReferenceEquals(f, divergence[0])).All(f => !states.Any(f.ContainsSymbol));
        }
        return false;
    }
}
