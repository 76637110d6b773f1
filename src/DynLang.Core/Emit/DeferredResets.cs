using System.Linq;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Emit;

/// <summary>
/// Which event's actions a network runs in its Resets phase (Brian2's reset), shared by the CPU and
/// ILGPU classes so that both reset at the same point of the schedule.
/// </summary>
internal static class DeferredResets
{
    /// <summary>
    /// The model's only spiking event, when it has actions and is the last event. With several
    /// events, a later event sees an earlier one's assignments in the same step, so nothing is
    /// deferred and the resets run right after the threshold, as with Step(dt).
    /// </summary>
    public static IrEvent? Of(ElementwiseProgram program)
    {
        var emitting = program.Events.Where(e => e.EmitsSpike).ToList();
        return emitting.Count == 1 && program.Events[program.Events.Count - 1] is { EmitsSpike: true, Actions.Count: > 0 } last ? last : null;
    }
}
