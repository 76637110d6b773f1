using System;
using DynLang.Runtime;
using ILGPU.Runtime;

namespace DynLang.Ilgpu;

/// <summary>
/// What every device spike source shares: this step's <see cref="DeviceSpikeList"/>, its ascending
/// copy on the host (read once per step, when asked), and the recorder feeding attached sinks
/// (made on the first sink, so a source nobody monitors records nothing).
/// </summary>
internal sealed class DeviceSourceCore : IDisposable
{
    private const long NoStep = long.MinValue;

    private readonly string _owner;
    private int[]? _hostSpikes;
    private int _hostCount;
    private long _decidedStep = NoStep, _hostStep = NoStep;
    private DeviceSpikeRecorder? _recorder;
    private bool _disposed;

    public DeviceSourceCore(Accelerator accelerator, int count, string owner)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        _owner = owner;
        Backend = new IlgpuBackend(accelerator);
        Spikes = new DeviceSpikeList(accelerator, count, owner);
    }

    public IlgpuBackend Backend { get; }

    public Accelerator Accelerator => Backend.Accelerator;

    public DeviceSpikeList Spikes { get; }

    /// <summary>This step's spikes ascending on the host: one download per step, then cached.</summary>
    public ReadOnlySpan<int> SpikesAscending()
    {
        Live();
        if (_decidedStep == NoStep) return ReadOnlySpan<int>.Empty;
        if (_hostStep != _decidedStep)
        {
            _hostSpikes ??= new int[Spikes.Capacity];
            _hostCount = Spikes.ReadAscending(_hostSpikes);
            _hostStep = _decidedStep;
        }
        return _hostSpikes.AsSpan(0, _hostCount);
    }

    /// <summary>Before a run: no spikes until the first step decides them.</summary>
    public void BeginRun()
    {
        Live();
        Spikes.Clear();
        _decidedStep = _hostStep = NoStep;
    }

    /// <summary>The list now holds step <paramref name="step"/>'s spikes: record them when a sink listens.</summary>
    public void Decided(long step)
    {
        _decidedStep = step;
        if (_recorder is { HasSinks: true }) _recorder.Record(step, Spikes);
    }

    public void AttachSink(ISpikeSink sink)
    {
        Live();
        _recorder ??= new DeviceSpikeRecorder(Accelerator, Spikes.Capacity, _owner);
        _recorder.AddSink(sink);
    }

    /// <summary>Delivers what was recorded; nothing after Dispose, which delivers it first (monitors read after their source is gone).</summary>
    public void Drain()
    {
        if (!_disposed) _recorder?.Drain();
    }

    public void Live()
    {
        if (_disposed) throw new ObjectDisposedException(_owner);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _recorder?.Drain(); // the monitors get every spike recorded before the buffers go
        _disposed = true;
        Spikes.Dispose();
        _recorder?.Dispose();
    }
}
