using System.Linq;
using DynLang.Core.Binding;
using DynLang.Core.Text;

namespace DynLang.Core.Emit.Torch.Pinn;

/// <summary>Why a field gets no <c>{Model}Pinn</c>: where, and the reason (DL0350).</summary>
internal sealed record PinnProblem(TextSpan Span, string Reason);

/// <summary>
/// Which field models have a continuous form. A field that reached code generation has already
/// been lowered to stencils, so noise and sums over index sets (DL0307 there) never get here; what
/// is left that belongs to the discretisation only is the time step <c>dt</c> read by an equation
/// (directly or through a definition): a PDE's residual ∂s/∂t − rhs has no step.
/// </summary>
internal static class PinnSupport
{
    /// <summary>The reason given for <c>dt</c>.</summary>
    public const string TimeStepReason =
        "the equations read the time step 'dt', which belongs to the time discretisation; a PDE's residual ∂s/∂t − rhs has no step";

    /// <summary>The first discrete-only construct the equations read, or null.</summary>
    public static PinnProblem? Find(BoundModel model)
    {
        var roots = model.Equations.Select(e => e.Rhs).ToList();
        var everything = roots.Concat(BoundWalker.RequiredDefinitions(roots).Where(d => d.Value is not null).Select(d => d.Value));
        foreach (var node in everything.SelectMany(BoundWalker.DescendantsAndSelf))
        {
            if (node is BoundSymbolRef { Symbol: BuiltinSymbol { Name: "dt" } } step) return new PinnProblem(step.Span, TimeStepReason);
        }
        return null;
    }
}
