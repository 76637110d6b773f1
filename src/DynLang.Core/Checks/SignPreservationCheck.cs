using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Binding;
using DynLang.Core.Diagnostics;
using DynLang.Core.Symbolic;

namespace DynLang.Core.Checks;

/// <summary>
/// <c>assert sign_preserving(W)</c> (Dale's law): each weight keeps its sign. For the flow this
/// holds when dW[i,j]/dt vanishes at W[i,j] = 0 — the update is multiplicative, W[i,j]·g — since
/// a trajectory cannot then cross zero. The check substitutes W[i,j] = 0 in the right-hand side
/// and decides whether what remains is 0; what remains is the additive term that can flip a sign.
/// </summary>
internal static class SignPreservationCheck
{
    public static void Run(CheckContext context, BoundAssertion assertion)
    {
        var span = assertion.Syntax.Span;
        if (assertion.Arguments.Count != 1 || assertion.Arguments[0] is not BoundSymbolRef { Symbol: var symbol })
        {
            context.Diagnostics.Report(DiagnosticDescriptors.CheckNotApplicable, span, "sign_preserving(…)",
                "it takes one argument, the name of a state, as in sign_preserving(W)");
            return;
        }
        string name = symbol.Name;
        if (symbol is not StateSymbol { Equation: { } equation })
        {
            context.Diagnostics.Report(DiagnosticDescriptors.CheckNotApplicable, span, $"sign_preserving({name})",
                symbol is StateSymbol ? $"'{name}' has no equation, so nothing changes its sign"
                    : $"'{name}' is {symbol.KindWithArticle}; only states are updated");
            return;
        }
        Verdict verdict;
        try
        {
            var update = context.Symbolic(equation.Rhs);
            var element = Expr.Symbol(name, equation.Indices.Select(v => (Expr)Expr.Index(v.Name)).ToArray());
            string at = element.ToString();
            var atZero = context.AssumeSymmetric(Substitution.Substitute(update, new Dictionary<Sym, Expr> { [element] = Expr.Zero }),
                System.Array.Empty<string>());
            verdict = context.Decide(atZero, $"d{at}/dt at {at} = 0");
            verdict = verdict.Kind switch
            {
                VerdictKind.Proven => verdict with
                {
                    Text = $"d{at}/dt vanishes at {at} = 0 (a multiplicative update {name}·g), so the flow never changes a weight's sign; " +
                           $"an explicit step keeps it while dt·g > −1",
                },
                VerdictKind.Disproven => verdict with
                {
                    Text = $"the term {CheckContext.Show(atZero)} does not vanish at {at} = 0, so it can push a weight through zero" +
                           (verdict.Text.Contains("numeric") ? $" ({verdict.Text})" : ""),
                },
                _ => verdict,
            };
        }
        catch (System.Exception e) when (e is SymbolicBudgetExceededException or System.NotSupportedException or System.DivideByZeroException)
        {
            verdict = new Verdict(VerdictKind.Undecided, e is System.DivideByZeroException
                ? $"setting {name}[…] = 0 in the update divides by zero; write the update so that it is defined at 0"
                : e.Message);
        }
        context.Report(verdict, span, DiagnosticDescriptors.SignPreservationProven, DiagnosticDescriptors.SignPreservationViolated,
            DiagnosticDescriptors.SignPreservationUndecided, name);
    }
}
