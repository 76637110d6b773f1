using System.Runtime.CompilerServices;
using System;

namespace DynLang.Runtime;

/// <summary>
/// The instantaneous population rate of a spike source, like Brian2's PopulationRateMonitor:
/// in phase <see cref="NetworkPhase.End"/> of every step, the number of spikes divided by dt and
/// by the number of elements (Hz when dt is in seconds), with the step's time. Optionally writes
/// a CSV file <c>time_s,rate_hz</c>. A source on an accelerator (<see cref="ISpikeBatchSource"/>)
/// hands its spikes over in batches; the records are brought up to date whenever they are read or flushed.
/// </summary>
public sealed class PopulationRateMonitor : MonitorBase
{
    private readonly RecordBuffer<int> _counts = new();
    private readonly RecordBuffer<double> _rates = new();
    private readonly RecordBuffer<double> _times = new();
    private readonly RecordBuffer<long> _steps = new();
    private readonly CsvWriter? _csv;
    private double _dt = double.NaN;
    private bool _mixedDt;
    private double _runDt = double.NaN;
    private readonly ISpikeBatchSource? _batches;

    /// <summary>A rate monitor of <paramref name="source"/>.</summary>
    /// <param name="source">The spiking group (at least one element).</param>
    /// <param name="name">Name in messages.</param>
    /// <param name="csvPath">CSV file to write (<c>time_s,rate_hz</c>), or null.</param>
    /// <exception cref="ArgumentException">The source has no elements.</exception>
    public PopulationRateMonitor(ISpikeSource source, string name, string? csvPath = null)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Count <= 0)
            throw new ArgumentException($"Rate monitor '{name}': the source has {source.Count} elements; a rate needs at least one.", nameof(source));
        Source = source;
        CsvPath = csvPath;
        if (csvPath is not null) _csv = new CsvWriter(csvPath, "time_s", "rate_hz");
        if (source is ISpikeBatchSource batches)
        {
            _batches = batches;
            batches.AttachSpikeSink(new BatchSink(this));
        }
    }

    /// <summary>Receives a batch source's steps (every step, in order).</summary>
    private sealed class BatchSink(PopulationRateMonitor monitor) : ISpikeSink
    {
        public void Receive(long step, ReadOnlySpan<int> indices) => monitor.Add(step, step * monitor._runDt, monitor._runDt, indices.Length);
    }

    private protected override void OnPrepare(double dt) => _runDt = dt;

    private protected override void DrainSource() => _batches?.DrainSpikes();

    /// <summary>The monitored source.</summary>
    public ISpikeSource Source { get; }

    /// <summary>The CSV file, or null.</summary>
    public string? CsvPath { get; }

    /// <inheritdoc/>
    public override bool WritesFiles => _csv is not null;

    /// <summary>Steps recorded.</summary>
    public int SampleCount { get { DrainSource(); return _rates.Count; } }

    /// <summary>Rate of each step: spikes / dt / elements (Brian2's expression and order of operations).</summary>
    public ReadOnlySpan<double> Rates { get { DrainSource(); return _rates.Span; } }

    /// <summary>Spikes of each step.</summary>
    public ReadOnlySpan<int> SpikeCounts { get { DrainSource(); return _counts.Span; } }

    /// <summary>Index of each step.</summary>
    public ReadOnlySpan<long> Steps { get { DrainSource(); return _steps.Span; } }

    /// <summary>Start time of each step.</summary>
    public ReadOnlySpan<double> Times { get { DrainSource(); return _times.Span; } }

    /// <summary>
    /// The rates averaged over a flat window, as Brian2's <c>smooth_rate(window='flat', width)</c>:
    /// a window of int(width/2/dt)·2+1 steps centred on each step, normalised by its length,
    /// with zeros beyond the recording (numpy's <c>convolve(…, mode='same')</c>), so the first and
    /// last half-window are biased low as in Brian2. Always one value per recorded step (numpy
    /// returns more when the window is longer than the recording). Sums are of integer spike counts, so the
    /// result does not depend on summation order; a window of one step returns the rates exactly.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="windowSeconds"/> is not positive and finite, or spans too many steps.</exception>
    /// <exception cref="InvalidOperationException">The recording spans runs with different time steps.</exception>
    public double[] SmoothedRates(double windowSeconds)
    {
        if (!(windowSeconds > 0) || double.IsInfinity(windowSeconds))
            throw new ArgumentOutOfRangeException(nameof(windowSeconds), windowSeconds, $"Rate monitor '{Name}': the window must be positive and finite.");
        int n = SampleCount;
        if (n == 0) return Array.Empty<double>();
        if (_mixedDt)
            throw new InvalidOperationException($"Rate monitor '{Name}': the recording spans runs with different time steps; a window in seconds is ambiguous.");
        double halfSteps = windowSeconds / 2 / _dt;
        if (halfSteps >= int.MaxValue / 2)
            throw new ArgumentOutOfRangeException(nameof(windowSeconds), windowSeconds, $"Rate monitor '{Name}': a window of {windowSeconds} s is {halfSteps * 2:G3} steps of {_dt}.");
        int half = (int)halfSteps;
        int width = 2 * half + 1;
        ReadOnlySpan<int> counts = SpikeCounts;
        double elements = Source.Count;
        var smoothed = new double[n];
        long sum = 0;
        for (int k = 0; k < Math.Min(half, n); k++) sum += counts[k];
        for (int k = 0; k < n; k++)
        {
            // Window [k - half, k + half]: the right end enters, the left end (of the previous window) leaves.
            if (k + half < n) sum += counts[k + half];
            if (k - half - 1 >= 0) sum -= counts[k - half - 1];
            smoothed[k] = sum / _dt / elements / width;
        }
        return smoothed;
    }

    /// <summary>Makes room for <paramref name="steps"/> steps in total, so that recording them allocates nothing.</summary>
    public void Reserve(int steps)
    {
        _counts.Reserve(steps);
        _rates.Reserve(steps);
        _times.Reserve(steps);
        _steps.Reserve(steps);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a hot loop: see DynLang.Core.Emit.Cpu.HotPath
    private protected override bool Record(NetworkPhase phase, NetworkClock clock)
    {
        if (phase != NetworkPhase.End) return false;
        // A batch source delivers through BatchSink; the step still counts for the flush interval.
        if (_batches is null) Add(clock.Step, clock.Time, clock.Dt, Source.SpikesThisStep.Length);
        return true;
    }

    private void Add(long step, double time, double dt, int count)
    {
        if (double.IsNaN(_dt)) _dt = dt;
        else if (dt != _dt) _mixedDt = true;
        _counts.Add(count);
        // Brian2's template: 1.0 * _num_spikes / dt / _num_source_neurons, in that order.
        _rates.Add(1.0 * count / dt / Source.Count);
        _times.Add(time);
        _steps.Add(step);
    }

    private protected override void WritePending()
    {
        // The writer counts the rows it was given: after a failed write the next flush goes on from there.
        ReadOnlySpan<double> times = _times.Span;
        ReadOnlySpan<double> rates = _rates.Span;
        for (long k = _csv!.Rows; k < times.Length; k = _csv.Rows)
        {
            _csv.Write(times[(int)k]);
            _csv.Write(rates[(int)k]);
            _csv.EndRow();
        }
        _csv.Flush();
    }

    private protected override void CloseFiles() => _csv?.Dispose();
}
