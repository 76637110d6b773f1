using System.Runtime.CompilerServices;
using System;
using System.Collections.Generic;

namespace DynLang.Runtime;

/// <summary>
/// Records every spike of a source: the element index, the step and the time (step·dt), like
/// Brian2's SpikeMonitor. Records in phase <see cref="NetworkPhase.End"/>, after the source has
/// decided its spikes, whatever the order the two were added to the network. Optionally writes
/// a CSV file (<c>index,time_s</c>) and two .npy files, <c>&lt;prefix&gt;_i.npy</c> (int32 indices)
/// and <c>&lt;prefix&gt;_t.npy</c> (float64 times), each complete and readable after every flush.
/// A source on an accelerator (<see cref="ISpikeBatchSource"/>) keeps the spikes on the device and
/// hands them over in batches: the records are the same, brought up to date whenever they are read
/// or flushed.
/// </summary>
public sealed class SpikeMonitor : MonitorBase
{
    private readonly RecordBuffer<int> _indices = new();
    private readonly RecordBuffer<long> _steps = new();
    private readonly RecordBuffer<double> _times = new();
    private readonly CsvWriter? _csv;
    private readonly NpyAppendWriter<int>? _npyIndices;
    private readonly NpyAppendWriter<double>? _npyTimes;
    private readonly ISpikeBatchSource? _batches;
    private double _dt = double.NaN;

    /// <summary>A monitor of <paramref name="source"/>; the files are created (empty, valid) here.</summary>
    /// <param name="source">The spiking group.</param>
    /// <param name="name">Name in messages.</param>
    /// <param name="csvPath">CSV file to write (<c>index,time_s</c>), or null.</param>
    /// <param name="npyPathPrefix">Path prefix of the .npy files (<c>prefix_i.npy</c>, <c>prefix_t.npy</c>), or null.</param>
    public SpikeMonitor(ISpikeSource source, string name, string? csvPath = null, string? npyPathPrefix = null)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(source);
        Source = source;
        try
        {
            if (csvPath is not null) _csv = new CsvWriter(csvPath, "index", "time_s");
            if (npyPathPrefix is not null)
            {
                NpyIndexPath = npyPathPrefix + "_i.npy";
                NpyTimePath = npyPathPrefix + "_t.npy";
                _npyIndices = new NpyAppendWriter<int>(NpyIndexPath);
                _npyTimes = new NpyAppendWriter<double>(NpyTimePath);
            }
        }
        catch
        {
            DisposeAll(_csv, _npyIndices, _npyTimes);
            throw;
        }
        CsvPath = csvPath;
        if (source is ISpikeBatchSource batches)
        {
            _batches = batches;
            batches.AttachSpikeSink(new BatchSink(this));
        }
    }

    /// <summary>Receives a batch source's steps (the monitor itself stays free of the sink interface).</summary>
    private sealed class BatchSink(SpikeMonitor monitor) : ISpikeSink
    {
        public void Receive(long step, ReadOnlySpan<int> indices) => monitor.Append(step, step * monitor._dt, indices);
    }

    /// <summary>The monitored source.</summary>
    public ISpikeSource Source { get; }

    /// <summary>The CSV file, or null.</summary>
    public string? CsvPath { get; }

    /// <summary>The .npy file of spike indices (int32), or null.</summary>
    public string? NpyIndexPath { get; }

    /// <summary>The .npy file of spike times (float64), or null.</summary>
    public string? NpyTimePath { get; }

    /// <inheritdoc/>
    public override bool WritesFiles => _csv is not null || _npyIndices is not null;

    /// <summary>Spikes recorded.</summary>
    public int Count { get { DrainSource(); return _indices.Count; } }

    /// <summary>Index of the element of each spike, in recording order (by step, then ascending index).</summary>
    public ReadOnlySpan<int> Indices { get { DrainSource(); return _indices.Span; } }

    /// <summary>Step of each spike.</summary>
    public ReadOnlySpan<long> Steps { get { DrainSource(); return _steps.Span; } }

    /// <summary>Time of each spike (the step's start time, step·dt).</summary>
    public ReadOnlySpan<double> Times { get { DrainSource(); return _times.Span; } }

    /// <summary>Spikes per element of the source (Brian2's <c>count</c>).</summary>
    /// <exception cref="InvalidOperationException">The source reported an index outside 0..Count-1.</exception>
    public int[] CountsPerElement()
    {
        var counts = new int[Source.Count];
        ReadOnlySpan<int> indices = Indices;
        for (int k = 0; k < indices.Length; k++)
        {
            int i = indices[k];
            if ((uint)i >= (uint)counts.Length)
                throw new InvalidOperationException($"Spike monitor '{Name}': spike {k} has index {i}, outside the source's 0..{counts.Length - 1}.");
            counts[i]++;
        }
        return counts;
    }

    /// <summary>Makes room for <paramref name="spikes"/> spikes in total, so that recording them allocates nothing.</summary>
    public void Reserve(int spikes)
    {
        _indices.Reserve(spikes);
        _steps.Reserve(spikes);
        _times.Reserve(spikes);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a hot loop: see DynLang.Core.Emit.Cpu.HotPath
    private protected override bool Record(NetworkPhase phase, NetworkClock clock)
    {
        if (phase != NetworkPhase.End) return false;
        // A batch source delivers through BatchSink; the step still counts for the flush interval.
        if (_batches is null) Append(clock.Step, clock.Time, Source.SpikesThisStep);
        return true;
    }

    private void Append(long step, double time, ReadOnlySpan<int> spikes)
    {
        if (spikes.IsEmpty) return;
        _indices.AddRange(spikes);
        _steps.Append(spikes.Length).Fill(step);
        _times.Append(spikes.Length).Fill(time);
    }

    private protected override void OnPrepare(double dt) => _dt = dt;

    private protected override void DrainSource() => _batches?.DrainSpikes();

    private protected override void WritePending()
    {
        // Each file keeps its own count of rows written, so a file that failed is caught up by the
        // next flush while the others go on.
        ReadOnlySpan<int> indices = _indices.Span;
        ReadOnlySpan<double> times = _times.Span;
        List<Exception>? errors = null;
        if (_csv is not null)
        {
            try
            {
                for (long k = _csv.Rows; k < indices.Length; k = _csv.Rows)
                {
                    _csv.Write(indices[(int)k]);
                    _csv.Write(times[(int)k]);
                    _csv.EndRow();
                }
                _csv.Flush();
            }
            catch (Exception e)
            {
                AddFileError(ref errors, e);
            }
        }
        AppendAndFlush(_npyIndices, indices, ref errors);
        AppendAndFlush(_npyTimes, times, ref errors);
        ThrowFileErrors(errors);
    }

    private static void AppendAndFlush<T>(NpyAppendWriter<T>? writer, ReadOnlySpan<T> all, ref List<Exception>? errors) where T : unmanaged
    {
        if (writer is null) return;
        try
        {
            writer.Append(all.Slice((int)writer.Rows));
            writer.Flush();
        }
        catch (Exception e)
        {
            AddFileError(ref errors, e);
        }
    }

    private protected override void CloseFiles() => DisposeAll(_csv, _npyIndices, _npyTimes);
}
