using System;

namespace DynLang.Runtime;

/// <summary>
/// A spike source whose spikes reach the synapses late: what it gives as <see cref="ISpikeSource.SpikesThisStep"/>
/// at step n was emitted at step n − <see cref="LateBySteps"/>. A distributed network's view of a
/// population spread over ranks is one (DynLang.Distributed): the spikes of the other ranks arrive
/// once per minimum-delay interval, which is as late as they may be — every synapse still gets each
/// spike at its emission step plus its delay, as in one process.
/// </summary>
public interface ILateSpikeSource : ISpikeSource
{
    /// <summary>How many steps late the spikes are (0: in time); fixed during a run.</summary>
    int LateBySteps { get; }

    /// <summary>
    /// Tells the source that <paramref name="pathway"/> (a synapse object's pathway) takes its spikes with
    /// delays of at least <paramref name="minDelaySteps"/> steps: the source must not be later than that.
    /// Generated synapse classes call it from <see cref="INetworkObject.Prepare"/>, every run.
    /// </summary>
    /// <param name="pathway">The synapse object (one entry per object and side; a later call replaces it).</param>
    /// <param name="side">"pre" or "post".</param>
    /// <param name="name">The pathway's name for messages ("CubaExcitatory, on pre").</param>
    /// <param name="minDelaySteps">Its shortest delay in steps (<see cref="int.MaxValue"/>: no synapse).</param>
    void RequireDelay(object pathway, string side, string name, int minDelaySteps);
}

/// <summary>What generated synapse classes call about late sources; a source that is not late costs one type test.</summary>
public static class LateSpikes
{
    /// <summary>How late <paramref name="source"/>'s spikes are: its <see cref="ILateSpikeSource.LateBySteps"/>, else 0.</summary>
    public static int Of(ISpikeSource source) => source is ILateSpikeSource late ? late.LateBySteps : 0;

    /// <summary>Tells a late <paramref name="source"/> the shortest delay of a pathway it feeds (nothing for other sources).</summary>
    public static void Require(ISpikeSource source, object pathway, string side, string name, SlicedDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (source is ILateSpikeSource late) late.RequireDelay(pathway, side, name, delivery.MinDelaySteps);
    }
}
