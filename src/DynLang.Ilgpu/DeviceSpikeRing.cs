using System;
using ILGPU.Runtime;

namespace DynLang.Ilgpu;

/// <summary>
/// Delays on the device: the spike lists of the last <c>MaxDelaySteps + 1</c> steps of one source,
/// in a ring. A pathway with a delay of D steps delivers, in step n, the list pushed in step n − D.
/// Nothing goes through the host.
/// </summary>
public sealed class DeviceSpikeRing : IDisposable
{
    /// <summary>A ring for a source of <paramref name="sourceCount"/> elements keeping <paramref name="maxDelaySteps"/> + 1 steps.</summary>
    /// <exception cref="ArgumentOutOfRangeException">maxDelaySteps is negative.</exception>
    /// <exception cref="InsufficientMemoryException">The accelerator cannot hold the ring (the message names the owner and the sizes).</exception>
    public DeviceSpikeRing(Accelerator accelerator, int sourceCount, int maxDelaySteps, string owner) => throw new NotImplementedException();

    /// <summary>The longest delay held, in steps.</summary>
    public int MaxDelaySteps => throw new NotImplementedException();

    /// <summary>Queues a copy of step <paramref name="step"/>'s spikes into the ring (call once per step, steps in order).</summary>
    public void Push(long step, DeviceSpikeList spikes) => throw new NotImplementedException();

    /// <summary>The list pushed in step <paramref name="step"/> − <paramref name="stepsAgo"/> (empty when none was pushed then: before the first push, or after <see cref="Clear"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">stepsAgo is negative or above MaxDelaySteps.</exception>
    public DeviceSpikeList PushedAt(long step, int stepsAgo) => throw new NotImplementedException();

    /// <summary>Empties every slot (spikes in flight are dropped).</summary>
    public void Clear() => throw new NotImplementedException();

    /// <summary>Frees the buffers.</summary>
    public void Dispose() => throw new NotImplementedException();
}
