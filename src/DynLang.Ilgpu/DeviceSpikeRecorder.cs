using System;
using DynLang.Runtime;
using ILGPU.Runtime;

namespace DynLang.Ilgpu;

/// <summary>
/// Records a device source's spikes on the device and hands them to <see cref="ISpikeSink"/>s
/// (spike and rate monitors) in batches: <see cref="Record"/> queues an append of the step's list
/// to a device buffer (no wait); the buffer is downloaded when it could overflow at the next
/// step (the host bounds the fill by Count per step, without reading it) or when
/// <see cref="Drain"/> is called. Each batch is sorted on the host by step, then index: the
/// sinks see Brian2's order, every step (empty ones too), in order.
/// </summary>
public sealed class DeviceSpikeRecorder : IDisposable
{
    /// <summary>A recorder for a source of <paramref name="sourceCount"/> elements; <paramref name="capacity"/> spikes fit on the device between downloads (0: a default, at least sourceCount).</summary>
    public DeviceSpikeRecorder(Accelerator accelerator, int sourceCount, string owner, int capacity = 0) => throw new NotImplementedException();

    /// <summary>True when a sink is attached (a source records only then).</summary>
    public bool HasSinks => throw new NotImplementedException();

    /// <summary>Adds a sink; it receives the steps recorded from now on.</summary>
    public void AddSink(ISpikeSink sink) => throw new NotImplementedException();

    /// <summary>Queues the append of <paramref name="spikes"/> as the spikes of <paramref name="step"/> (steps in order); drains first when the buffer could overflow.</summary>
    public void Record(long step, DeviceSpikeList spikes) => throw new NotImplementedException();

    /// <summary>Downloads what was recorded and delivers it to the sinks, every recorded step in order.</summary>
    public void Drain() => throw new NotImplementedException();

    /// <summary>Drops what was recorded and not drained, and forgets the last step (after a source's Reset).</summary>
    public void Clear() => throw new NotImplementedException();

    /// <summary>Frees the buffers.</summary>
    public void Dispose() => throw new NotImplementedException();
}
