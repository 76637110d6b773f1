using System;
using DynLang.Runtime;
using ILGPU;
using ILGPU.Runtime;

namespace DynLang.Ilgpu;

/// <summary>
/// <see cref="SpikeGeneratorSource"/> on an accelerator: the same binning and checks, the spikes of
/// each step put into a <see cref="DeviceSpikeList"/> in the Thresholds phase.
/// <para>
/// A <see cref="SpikeGeneratorSource"/> twin on the host checks, bins and walks the steps (so the
/// messages and the spikes are the CPU class's); the binned spikes are uploaded once per dt and
/// each step a small kernel copies the step's slice (known on the host) into the list: no wait
/// for the device per step. <see cref="SpikesThisStep"/> is the host's slice, no download.
/// </para>
/// </summary>
public sealed class IlgpuSpikeGeneratorSource : INetworkObject, IDeviceSpikeSource, ISpikeBatchSource, IDisposable
{
    private readonly SpikeGeneratorSource _host;
    private readonly DeviceSourceCore _core;
    private readonly string _owner;
    private MemoryBuffer1D<int, Stride1D.Dense>? _binned;
    private int[]? _binnedFrom;

    /// <summary>A source of <paramref name="count"/> elements firing at the given times (seconds).</summary>
    /// <exception cref="ArgumentNullException">accelerator or name is null.</exception>
    /// <exception cref="ArgumentException">Unequal lengths, or an index, time or period out of range (the CPU class's messages).</exception>
    /// <exception cref="InsufficientMemoryException">The accelerator cannot hold the spike list.</exception>
    public IlgpuSpikeGeneratorSource(Accelerator accelerator, string name, int count, ReadOnlySpan<int> indices, ReadOnlySpan<double> times, double period = 0)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        _host = new SpikeGeneratorSource(name, count, indices, times, period);
        _owner = $"IlgpuSpikeGeneratorSource '{name}'";
        _core = new DeviceSourceCore(accelerator, count, _owner);
    }

    /// <inheritdoc/>
    public string Name => _host.Name;
    /// <inheritdoc/>
    public int Count => _host.Count;
    /// <summary>Repetition period in seconds (0: none).</summary>
    public double Period => _host.Period;
    /// <inheritdoc/>
    public Backend Backend => _core.Backend;
    /// <inheritdoc/>
    public Accelerator Accelerator => _core.Accelerator;
    /// <inheritdoc/>
    public DeviceSpikeList DeviceSpikes { get { _core.Live(); return _core.Spikes; } }
    /// <inheritdoc/>
    public ReadOnlySpan<int> SpikesThisStep { get { _core.Live(); return _host.SpikesThisStep; } }

    /// <summary>Bins and checks as <see cref="SpikeGeneratorSource.Prepare"/> does; uploads the binned spikes when the binning changed.</summary>
    /// <exception cref="ArgumentException">A check failed; the message names the spike(s), values and bound.</exception>
    /// <exception cref="InsufficientMemoryException">The accelerator cannot hold the binned spikes.</exception>
    public void Prepare(double dt)
    {
        _core.Live();
        _host.Prepare(dt);
        int[] binned = _host.BinnedIndices;
        if (!ReferenceEquals(binned, _binnedFrom))
        {
            _binned?.Dispose();
            _binned = null;
            _binnedFrom = null;
            // One entry at least: the kernel takes a view even when there is nothing to copy.
            _binned = DeviceMemory.Allocate<int>(Accelerator, _owner, "binned spike indices", Math.Max(1, binned.Length));
            if (binned.Length > 0) _binned.View.SubView(0, binned.Length).AsContiguous().CopyFromCPU((ReadOnlySpan<int>)binned);
            _binnedFrom = binned;
        }
        _core.BeginRun();
    }

    /// <summary>Puts this step's spikes into the device list in <see cref="NetworkPhase.Thresholds"/> (and records them when a sink listens); ignores other phases.</summary>
    /// <exception cref="InvalidOperationException">The clock's dt is not the one passed to <see cref="Prepare"/>.</exception>
    public void Run(NetworkPhase phase, NetworkClock clock)
    {
        if (phase != NetworkPhase.Thresholds) return;
        _core.Live();
        _host.Run(phase, clock);
        int length = _host.SpikesThisStep.Length;
        var list = _core.Spikes;
        if (length == 0) list.Clear();
        else SpikeKernels.For(Accelerator).CopySlice(_binned!.View, _host.SliceStart, length, list);
        _core.Decided(clock.Step);
    }

    /// <inheritdoc/>
    public void AttachSpikeSink(ISpikeSink sink) => _core.AttachSink(sink);
    /// <inheritdoc/>
    public void DrainSpikes() => _core.Drain();

    /// <summary>Frees the device buffers.</summary>
    public void Dispose()
    {
        _core.Dispose();
        _binned?.Dispose();
        _binned = null;
    }
}
