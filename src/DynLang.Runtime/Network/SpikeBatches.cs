using System;

namespace DynLang.Runtime;

/// <summary>
/// A spike source that keeps its spikes where they are made (an accelerator's memory) and hands
/// them to monitors in batches, instead of every step: the spike and rate monitors attach a sink
/// and read through it, so they work unchanged on every backend.
/// </summary>
public interface ISpikeBatchSource : ISpikeSource
{
    /// <summary>
    /// From now on, every step's spikes are recorded and delivered to <paramref name="sink"/>, step
    /// by step in order (every step, also those without spikes), each step's indices ascending.
    /// </summary>
    void AttachSpikeSink(ISpikeSink sink);

    /// <summary>Delivers every step recorded so far to the sinks (monitors call it before they are read or flushed).</summary>
    void DrainSpikes();
}

/// <summary>Receives the spikes of an <see cref="ISpikeBatchSource"/>.</summary>
public interface ISpikeSink
{
    /// <summary>The spikes of step <paramref name="step"/>, ascending (empty when none); steps arrive in order, none skipped.</summary>
    void Receive(long step, ReadOnlySpan<int> indices);
}
