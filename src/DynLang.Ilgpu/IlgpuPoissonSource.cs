using System;
using DynLang.Runtime;
using ILGPU;
using ILGPU.Runtime;

namespace DynLang.Ilgpu;

/// <summary>
/// <see cref="PoissonSource"/> on an accelerator: element i spikes in step n when
/// <c>CounterRng.Uniform(seed, stream, i, n) &lt; rate·dt</c>, the same Philox draw as the CPU class,
/// so the same spikes. Decides its spikes in the Thresholds phase into a <see cref="DeviceSpikeList"/>.
/// <para>
/// The checks and messages are the CPU class's (a <see cref="PoissonSource"/> twin on the host
/// validates and holds <see cref="Rates"/>). Unlike the CPU class, the device reads the rates it
/// was given at <see cref="Prepare"/> (before every run) or <see cref="UploadRates"/>: a rate
/// changed mid-run takes effect only after one of them.
/// </para>
/// </summary>
public sealed class IlgpuPoissonSource : INetworkObject, IDeviceSpikeSource, ISpikeBatchSource, IDisposable
{
    private readonly PoissonSource _host;
    private readonly DeviceSourceCore _core;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _rates;
    private double _preparedDt = double.NaN;

    /// <summary>A source of <paramref name="count"/> elements, each at <paramref name="rateHz"/>.</summary>
    /// <exception cref="ArgumentNullException">accelerator or name is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count, rate or stream out of its range (the CPU class's messages).</exception>
    /// <exception cref="InsufficientMemoryException">The accelerator cannot hold the buffers.</exception>
    public IlgpuPoissonSource(Accelerator accelerator, string name, int count, double rateHz, ulong seed, ulong stream = 0)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        _host = new PoissonSource(name, count, rateHz, seed, stream);
        string owner = $"IlgpuPoissonSource '{name}'";
        DeviceMemory.CheckTotal(accelerator, owner, ("rates", count, sizeof(double)), ("spike indices", count, sizeof(int)));
        _rates = DeviceMemory.Allocate<double>(accelerator, owner, "rates", count);
        try
        {
            _core = new DeviceSourceCore(accelerator, count, owner);
        }
        catch
        {
            _rates.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public string Name => _host.Name;
    /// <inheritdoc/>
    public int Count => _host.Count;
    /// <summary>Seed of the draws.</summary>
    public ulong Seed => _host.Seed;
    /// <summary>Stream of the draws.</summary>
    public ulong Stream => _host.Stream;
    /// <summary>Rate of each element in Hz, on the host: validated and copied to the device at <see cref="Prepare"/> (or <see cref="UploadRates"/>).</summary>
    public Span<double> Rates => _host.Rates;
    /// <inheritdoc/>
    public Backend Backend => _core.Backend;
    /// <inheritdoc/>
    public Accelerator Accelerator => _core.Accelerator;
    /// <inheritdoc/>
    public DeviceSpikeList DeviceSpikes { get { _core.Live(); return _core.Spikes; } }
    /// <inheritdoc/>
    public ReadOnlySpan<int> SpikesThisStep => _core.SpikesAscending();

    /// <summary>Checks dt and every rate as <see cref="PoissonSource.Prepare"/> does, then copies the rates to the device.</summary>
    /// <exception cref="ArgumentOutOfRangeException">dt or a rate out of range; the message names the element, value and bound.</exception>
    public void Prepare(double dt)
    {
        _core.Live();
        _host.Prepare(dt);
        UploadRates();
        _preparedDt = dt;
        _core.BeginRun();
    }

    /// <summary>Copies <see cref="Rates"/> to the device now (not validated: <see cref="Prepare"/> checks them); used from the next decided step.</summary>
    public void UploadRates()
    {
        _core.Live();
        if (Count > 0) _rates.View.AsContiguous().CopyFromCPU((ReadOnlySpan<double>)_host.Rates);
    }

    /// <summary>Decides this step's spikes on the device in <see cref="NetworkPhase.Thresholds"/> (and records them when a sink listens); ignores other phases.</summary>
    /// <exception cref="InvalidOperationException">The clock's dt is not the one passed to <see cref="Prepare"/>.</exception>
    public void Run(NetworkPhase phase, NetworkClock clock)
    {
        if (phase != NetworkPhase.Thresholds) return;
        _core.Live();
        if (clock.Dt != _preparedDt)
            throw new InvalidOperationException(FormattableString.Invariant(
                $"PoissonSource '{Name}': run with dt = {clock.Dt} s but prepared for dt = {_preparedDt} s; call Prepare(dt) before the run."));
        var list = _core.Spikes;
        list.Clear();
        if (Count > 0)
            SpikeKernels.For(Accelerator).Poisson(_rates.View, new PoissonDraw(clock.Dt, Seed, (uint)Stream, clock.Step), list);
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
        _rates.Dispose();
    }
}
