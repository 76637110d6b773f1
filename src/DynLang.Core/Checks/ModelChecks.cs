using System;
using System.Linq;
using DynLang.Core.Binding;
using DynLang.Core.Diagnostics;

namespace DynLang.Core.Checks;

/// <summary>
/// Runs the symbolic checks of one bound, unit-checked model: every assertion
/// (<c>symmetric</c>, <c>sign_preserving</c>, <c>gradient_flow</c>, conditions on parameters),
/// every invariant, and the stability of a time step known at build time. Each check reports
/// proven (Info), does not hold (Warning) or undecided (Warning, saying how it tried). Every
/// question has its own symbolic budget, so no check can hang the IDE.
/// </summary>
public static class ModelChecks
{
    /// <summary>Runs every check that applies to <paramref name="model"/>.</summary>
    public static void Run(BoundModel model, DiagnosticBag diagnostics)
    {
        var context = new CheckContext(model, diagnostics);
        foreach (var assertion in model.Assertions)
        {
            Guard(context, assertion.Syntax.Span, () =>
            {
                switch (assertion.Predicate)
                {
                    case "symmetric": SymmetryCheck.Run(context, assertion); break;
                    case "sign_preserving": SignPreservationCheck.Run(context, assertion); break;
                    case "gradient_flow": GradientFlowCheck.Run(context, assertion); break;
                    case null: ConditionCheck.Run(context, assertion); break;
                }
            });
        }
        foreach (var invariant in model.Quantities.Where(q => q.Kind == SymbolKind.Invariant))
            Guard(context, invariant.Syntax.Span, () => InvariantCheck.Run(context, invariant));
        // Other kinds' time steps are checked once their solver is chosen, in the lowering.
        if (model.Kind == Ast.ModelKind.Field)
            Guard(context, model.Syntax.Name.Span, () => StabilityCheck.RunForField(model, diagnostics));
    }

    /// <summary>A failing check reports itself as undecided instead of stopping the others.</summary>
    private static void Guard(CheckContext context, Text.TextSpan span, Action check)
    {
        try
        {
            check();
        }
        catch (Exception e)
        {
            context.Diagnostics.Report(DiagnosticDescriptors.InternalError, span, "running a symbolic check", $"{e.GetType().Name}: {e.Message}");
        }
    }
}
