using System;
using System.Collections.Generic;
using DynLang.Runtime;
using ILGPU;
using ILGPU.Runtime;

namespace DynLang.Ilgpu;

/// <summary>
/// Records a device source's spikes on the device and hands them to <see cref="ISpikeSink"/>s
/// (spike and rate monitors) in batches: <see cref="Record"/> queues an append of the step's list
/// to a device buffer (no wait); the buffer is downloaded when it could overflow at the next
/// step (the host bounds the fill by Count per step, without reading it) or when
/// <see cref="Drain"/> is called. Each batch is sorted on the host by step, then index: the
/// sinks see Brian2's order, every step (empty ones too), in order.
/// <para>
/// A sink added while steps are recorded and not yet delivered does not see them:
/// <see cref="AddSink"/> first delivers them to the sinks already attached, so every sink gets
/// exactly the steps recorded after it was added.
/// </para>
/// </summary>
public sealed class DeviceSpikeRecorder : IDisposable
{
    /// <summary>Most entries of the default buffer: 16 Mi spikes, 192 MiB of device memory.</summary>
    public const int DefaultMaxCapacity = 1 << 24;

    /// <summary>Steps of a whole-population burst the default buffer holds between downloads (when the maximum allows).</summary>
    public const int DefaultStepsPerDrain = 64;

    private readonly Accelerator _accelerator;
    private readonly string _owner;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _indices;
    private readonly MemoryBuffer1D<long, Stride1D.Dense> _steps;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _counter;
    private readonly List<ISpikeSink> _sinks = new();
    private int[] _hostIndices = Array.Empty<int>();
    private long[] _hostSteps = Array.Empty<long>();
    // The host's bound on the device fill: the capacities of the lists appended since the last
    // download. Reading the real fill would wait for the device every step.
    private long _pendingBound;
    private long _firstPending = -1, _lastPending = -1;
    private bool _pending;
    private long _lastRecorded = long.MinValue;
    private bool _disposed;

    /// <summary>A recorder for a source of <paramref name="sourceCount"/> elements; <paramref name="capacity"/> spikes fit on the device between downloads (0: a default, at least sourceCount).</summary>
    /// <remarks>The default is sourceCount × <see cref="DefaultStepsPerDrain"/>, at most <see cref="DefaultMaxCapacity"/> but never below sourceCount.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">sourceCount is negative, or capacity is negative or (when given) below sourceCount.</exception>
    /// <exception cref="InsufficientMemoryException">The accelerator cannot hold the buffers (the message names the owner and the sizes).</exception>
    public DeviceSpikeRecorder(Accelerator accelerator, int sourceCount, string owner, int capacity = 0)
    {
        _accelerator = accelerator ?? throw new ArgumentNullException(nameof(accelerator));
        _owner = owner ?? throw new ArgumentNullException(nameof(owner));
        if (sourceCount < 0)
            throw new ArgumentOutOfRangeException(nameof(sourceCount), sourceCount, $"{owner}: sourceCount = {sourceCount} must be ≥ 0.");
        if (capacity < 0 || (capacity > 0 && capacity < sourceCount))
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity,
                $"{owner}: recorder capacity = {capacity} must be 0 (default) or ≥ the source's {sourceCount} elements (one step's spikes).");
        if (capacity == 0) capacity = (int)Math.Max(sourceCount, Math.Min(DefaultMaxCapacity, (long)DefaultStepsPerDrain * sourceCount));
        // One entry at least: a buffer of length 0 is no use and some accelerators refuse it.
        long length = Math.Max(1, capacity);
        DeviceMemory.CheckTotal(accelerator, owner,
            ("recorded spike indices", length, sizeof(int)), ("recorded spike steps", length, sizeof(long)), ("recorded spike count", 1, sizeof(int)));
        var made = new List<IDisposable>();
        try
        {
            _indices = DeviceMemory.Allocate<int>(accelerator, owner, "recorded spike indices", length);
            made.Add(_indices);
            _steps = DeviceMemory.Allocate<long>(accelerator, owner, "recorded spike steps", length);
            made.Add(_steps);
            _counter = DeviceMemory.Allocate<int>(accelerator, owner, "recorded spike count", 1);
        }
        catch
        {
            foreach (var buffer in made) buffer.Dispose();
            throw;
        }
        _counter.View.MemSetToZero();
        SourceCount = sourceCount;
        Capacity = capacity;
    }

    /// <summary>Elements of the recorded source: the most spikes one step can add.</summary>
    public int SourceCount { get; }

    /// <summary>Spikes the device buffer holds between downloads.</summary>
    public int Capacity { get; }

    /// <summary>True when a sink is attached (a source records only then).</summary>
    public bool HasSinks => _sinks.Count > 0;

    /// <summary>Adds a sink; it receives the steps recorded from now on (what was recorded before goes to the sinks already attached, now).</summary>
    public void AddSink(ISpikeSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        Live();
        Drain();
        _sinks.Add(sink);
    }

    /// <summary>Queues the append of <paramref name="spikes"/> as the spikes of <paramref name="step"/> (steps in order); drains first when the buffer could overflow.</summary>
    /// <exception cref="ArgumentException">The list can hold more than the source's element count.</exception>
    /// <exception cref="InvalidOperationException">The step is not after the last recorded one.</exception>
    public void Record(long step, DeviceSpikeList spikes)
    {
        ArgumentNullException.ThrowIfNull(spikes);
        Live();
        if (spikes.Capacity > SourceCount)
            throw new ArgumentException($"{_owner}: a spike list of capacity {spikes.Capacity} cannot be recorded for a source of {SourceCount} elements.", nameof(spikes));
        if (step <= _lastRecorded)
            throw new InvalidOperationException($"{_owner}: step {step} recorded after step {_lastRecorded}; steps must be recorded in increasing order (Clear after a reset).");
        if (_pendingBound + spikes.Capacity > Capacity) Drain();
        SpikeKernels.For(_accelerator).Append(spikes, step, _indices.View, _steps.View, _counter.View);
        _pendingBound += spikes.Capacity;
        if (!_pending) _firstPending = step;
        _pending = true;
        _lastPending = _lastRecorded = step;
    }

    /// <summary>Downloads what was recorded and delivers it to the sinks, every recorded step in order.</summary>
    /// <remarks>Steps from the first recorded since the last drain to the last recorded, each once, also those without spikes (empty spans).</remarks>
    public void Drain()
    {
        Live();
        if (!_pending) return;
        _accelerator.Synchronize();
        int n = 0;
        _counter.View.AsContiguous().CopyToCPU(new Span<int>(ref n));
        if (_hostIndices.Length < n)
        {
            _hostIndices = new int[n];
            _hostSteps = new long[n];
        }
        if (n > 0)
        {
            _indices.View.SubView(0, n).AsContiguous().CopyToCPU(_hostIndices.AsSpan(0, n));
            _steps.View.SubView(0, n).AsContiguous().CopyToCPU(_hostSteps.AsSpan(0, n));
        }
        long first = _firstPending, last = _lastPending;
        // Forget the batch before the sinks see it: a sink that throws does not get it twice.
        ResetPending();
        SortByStepThenIndex(n);
        int k = 0;
        for (long step = first; step <= last; step++)
        {
            int start = k;
            while (k < n && _hostSteps[k] == step) k++;
            ReadOnlySpan<int> spikes = _hostIndices.AsSpan(start, k - start);
            foreach (var sink in _sinks) sink.Receive(step, spikes);
        }
    }

    /// <summary>Drops what was recorded and not drained, and forgets the last step (after a source's Reset).</summary>
    public void Clear()
    {
        Live();
        ResetPending();
        _lastRecorded = long.MinValue;
    }

    /// <summary>Frees the buffers.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _indices.Dispose();
        _steps.Dispose();
        _counter.Dispose();
    }

    private void ResetPending()
    {
        _counter.View.MemSetToZero();
        _pendingBound = 0;
        _pending = false;
    }

    /// <summary>The atomics appended in any order: sort by step, then each step's run by index (Brian2's order).</summary>
    private void SortByStepThenIndex(int n)
    {
        Array.Sort(_hostSteps, _hostIndices, 0, n);
        for (int start = 0; start < n;)
        {
            int end = start + 1;
            while (end < n && _hostSteps[end] == _hostSteps[start]) end++;
            Array.Sort(_hostIndices, start, end - start);
            start = end;
        }
    }

    private void Live() => ObjectDisposedException.ThrowIf(_disposed, this);
}
