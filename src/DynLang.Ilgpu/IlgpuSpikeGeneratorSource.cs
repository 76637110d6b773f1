using System;
using DynLang.Runtime;
using ILGPU.Runtime;

namespace DynLang.Ilgpu;

/// <summary>
/// <see cref="SpikeGeneratorSource"/> on an accelerator: the same binning and checks, the spikes of
/// each step put into a <see cref="DeviceSpikeList"/> in the Thresholds phase.
/// </summary>
public sealed class IlgpuSpikeGeneratorSource : INetworkObject, IDeviceSpikeSource, ISpikeBatchSource, IDisposable
{
    /// <summary>A source of <paramref name="count"/> elements firing at the given times (seconds).</summary>
    public IlgpuSpikeGeneratorSource(Accelerator accelerator, string name, int count, ReadOnlySpan<int> indices, ReadOnlySpan<double> times, double period = 0) => throw new NotImplementedException();

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
