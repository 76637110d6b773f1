using System.Linq;
using DynLang.Core.Binding;
using DynLang.Core.Diagnostics;
using DynLang.Core.Symbolic;

namespace DynLang.Core.Checks;

/// <summary>
/// <c>assert symmetric(W)</c>: the update keeps W symmetric when it starts symmetric, i.e.
/// ΔW[i,j] − ΔW[j,i] ≡ 0 whenever W = Wᵀ. The update's right-hand side (definitions inlined) is
/// swapped i ↔ j, the difference taken, W (and every matrix declared symmetric) replaced by its
/// symmetric part, and the result decided by <see cref="CheckContext.Decide"/>.
/// </summary>
/// <example>
/// Proven: <c>dW[i,j]/dt = eta*x[i]*x[j]</c> (Hebb). Disproven: Oja's
/// <c>eta*y[i]*(x[j] - y[i]*W[i,j])</c>, with the residual shown.
/// </example>
internal static class SymmetryCheck
{
    public static void Run(CheckContext context, BoundAssertion assertion)
    {
        var span = assertion.Syntax.Span;
        if (assertion.Arguments.Count != 1 || assertion.Arguments[0] is not BoundSymbolRef { Symbol: var symbol })
        {
            context.Diagnostics.Report(DiagnosticDescriptors.CheckNotApplicable, span, "symmetric(…)",
                "it takes one argument, the name of a matrix, as in symmetric(W)");
            return;
        }
        string name = symbol.Name;
        if (symbol.Rank != 2)
        {
            context.Diagnostics.Report(DiagnosticDescriptors.CheckNotApplicable, span, $"symmetric({name})",
                $"'{name}' is {symbol.KindWithArticle} with {(symbol.Rank == 0 ? "no indices" : symbol.Rank == 1 ? "one index" : symbol.Rank + " indices")}; symmetry is a property of matrices with two indices");
            return;
        }
        if (!ReferenceEquals(symbol.IndexSets[0].Root, symbol.IndexSets[1].Root))
        {
            context.Diagnostics.Report(DiagnosticDescriptors.CheckNotApplicable, span, $"symmetric({name})",
                $"its indices range over two different sets ({symbol.IndexSets[0].Root.Name} and {symbol.IndexSets[1].Root.Name}), so '{name}' is not square; " +
                "if they are the same set, use one index letter for both in the declarations");
            return;
        }
        if (symbol is ParameterSymbol parameter)
        {
            bool declared = parameter.Flags.Contains(Ast.DeclFlagKind.Symmetric);
            if (declared)
                context.Diagnostics.Report(DiagnosticDescriptors.SymmetryProven, span, name,
                    $"'{name}' is a parameter declared symmetric (host code must set symmetric values)");
            else
                context.Diagnostics.Report(DiagnosticDescriptors.CheckNotApplicable, span, $"symmetric({name})",
                    $"'{name}' is a parameter, set by host code; declare it 'param {name}[…] symmetric' to state that assumption");
            return;
        }
        if (symbol is not StateSymbol { Equation: { } equation })
        {
            context.Diagnostics.Report(DiagnosticDescriptors.CheckNotApplicable, span, $"symmetric({name})",
                $"'{name}' is {symbol.KindWithArticle} without an equation, so nothing updates it");
            return;
        }

        var i = Expr.Index(equation.Indices[0].Name);
        var j = Expr.Index(equation.Indices[1].Name);
        Verdict verdict;
        try
        {
            var update = context.Symbolic(equation.Rhs);
            var swapped = IndexRenamer.Swap(update, i, j);
            var residual = context.AssumeSymmetric(Expr.Sub(update, swapped), new[] { name });
            var readable = context.Readable(equation.Rhs);
            var readableResidual = context.ShowSymmetric(Expr.Sub(readable, IndexRenamer.Swap(readable, i, j)), new[] { name });
            verdict = context.Decide(residual, $"d{name}[{i.Name},{j.Name}]/dt − d{name}[{j.Name},{i.Name}]/dt (with {name} symmetric)", readableResidual);
        }
        catch (System.Exception e) when (e is SymbolicBudgetExceededException or System.NotSupportedException or System.DivideByZeroException)
        {
            verdict = new Verdict(VerdictKind.Undecided, e.Message);
        }
        context.Report(verdict, span, DiagnosticDescriptors.SymmetryProven, DiagnosticDescriptors.SymmetryViolated,
            DiagnosticDescriptors.SymmetryUndecided, name);
    }
}
