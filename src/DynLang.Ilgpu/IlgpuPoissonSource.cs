using System;
using DynLang.Runtime;
using ILGPU.Runtime;

namespace DynLang.Ilgpu;

/// <summary>
/// <see cref="PoissonSource"/> on an accelerator: element i spikes in step n when
/// <c>CounterRng.Uniform(seed, stream, i, n) &lt; rate·dt</c>, the same Philox draw as the CPU class,
/// so the same spikes. Decides its spikes in the Thresholds phase into a <see cref="DeviceSpikeList"/>.
/// </summary>
public sealed class IlgpuPoissonSource : INetworkObject, IDeviceSpikeSource, ISpikeBatchSource, IDisposable
{
    /// <summary>A source of <paramref name="count"/> elements, each at <paramref name="rateHz"/>.</summary>
    public IlgpuPoissonSource(Accelerator accelerator, string name, int count, double rateHz, ulong seed, ulong stream = 0) => throw new NotImplementedException();

    /// <inheritdoc/>
    public string Name => throw new NotImplementedException();
    /// <inheritdoc/>
    public int Count => throw new NotImplementedException();
    /// <inheritdoc/>
    public Backend Backend => throw new NotImplementedException();
    /// <inheritdoc/>
    public Accelerator Accelerator => throw new NotImplementedException();
    /// <inheritdoc/>
    public DeviceSpikeList DeviceSpikes => throw new NotImplementedException();
    /// <inheritdoc/>
    public ReadOnlySpan<int> SpikesThisStep => throw new NotImplementedException();
    /// <inheritdoc/>
    public void Prepare(double dt) => throw new NotImplementedException();
    /// <inheritdoc/>
    public void Run(NetworkPhase phase, NetworkClock clock) => throw new NotImplementedException();
    /// <inheritdoc/>
    public void AttachSpikeSink(ISpikeSink sink) => throw new NotImplementedException();
    /// <inheritdoc/>
    public void DrainSpikes() => throw new NotImplementedException();
    /// <inheritdoc/>
    public void Dispose() => throw new NotImplementedException();
}
