using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DynLang.Runtime;

/// <summary>
/// Samples a state variable of some elements every <see cref="EverySteps"/> steps, like Brian2's
/// StateMonitor: in phase <see cref="NetworkPhase.Start"/> of each step whose index is a multiple
/// of <see cref="EverySteps"/>, i.e. the value at the start of the step, before the update.
/// Values are kept as samples × recorded elements, row-major. Optionally writes a CSV file
/// (<c>t,v[0],v[1],…</c> with the monitor's name for v) and .npy files <c>&lt;prefix&gt;.npy</c>
/// (float64, samples × elements) and <c>&lt;prefix&gt;_t.npy</c> (float64 times).
/// </summary>
/// <typeparam name="T">float or double, the model's precision.</typeparam>
public sealed class StateMonitor<T> : MonitorBase where T : unmanaged
{
    private readonly SpanGetter<T>? _variable;
    // On any backend (a sampler of a generated class): samples are taken in Start and delivered in batches.
    private readonly IStateRecording<T>? _recording;
    private readonly int[]? _indices;
    private readonly int _variableLength;
    private readonly RecordBuffer<T> _values = new();
    private readonly RecordBuffer<long> _steps = new();
    private readonly RecordBuffer<double> _times = new();
    private readonly CsvWriter? _csv;
    private readonly NpyAppendWriter<double>? _npyValues;
    private readonly NpyAppendWriter<double>? _npyTimes;
    private double[] _widened = Array.Empty<double>();

    /// <summary>
    /// A monitor of a variable on any backend: <paramref name="sampler"/> comes from the generated
    /// class (<c>neurons.SamplerOfV()</c>), on the CPU or on an accelerator, where the samples are
    /// gathered on the device and downloaded in batches. Otherwise as the other constructor.
    /// </summary>
    /// <exception cref="ArgumentException">The variable has no elements, or <paramref name="indices"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside the variable, or <paramref name="everySteps"/> is below 1.</exception>
    public StateMonitor(string name, IStateSampler<T> sampler, int[]? indices = null, int everySteps = 1, string? csvPath = null, string? npyPathPrefix = null)
        : this(name, null, sampler ?? throw new ArgumentNullException(nameof(sampler)), indices, everySteps, csvPath, npyPathPrefix)
    {
    }

    /// <summary>A monitor of <paramref name="variable"/>; reads it once here to learn its length and check <paramref name="indices"/>.</summary>
    /// <param name="name">The variable's name: used in messages and the CSV header (<c>v[3]</c>).</param>
    /// <param name="variable">Returns the variable's current values, e.g. <c>() =&gt; population.v</c>.</param>
    /// <param name="indices">Elements to record (any order, repeats allowed), or null for all.</param>
    /// <param name="everySteps">Sampling interval in steps (1 = every step).</param>
    /// <param name="csvPath">CSV file to write, or null.</param>
    /// <param name="npyPathPrefix">Path prefix of the .npy files (<c>prefix.npy</c>, <c>prefix_t.npy</c>), or null.</param>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="everySteps"/> is below 1, or an index is outside the variable.</exception>
    /// <exception cref="ArgumentException"><paramref name="indices"/> is empty, or the variable has no elements.</exception>
    public StateMonitor(string name, SpanGetter<T> variable, int[]? indices = null, int everySteps = 1, string? csvPath = null, string? npyPathPrefix = null)
        : this(name, variable ?? throw new ArgumentNullException(nameof(variable)), null, indices, everySteps, csvPath, npyPathPrefix)
    {
    }

    private StateMonitor(string name, SpanGetter<T>? variable, IStateSampler<T>? sampler, int[]? indices, int everySteps, string? csvPath, string? npyPathPrefix)
        : base(name)
    {
        if (typeof(T) != typeof(double) && typeof(T) != typeof(float))
            throw new NotSupportedException($"State monitor '{name}': records float or double variables, not {typeof(T).Name}.");
        if (everySteps < 1)
            throw new ArgumentOutOfRangeException(nameof(everySteps), everySteps, $"State monitor '{name}': the sampling interval must be at least 1 step.");
        _variable = variable;
        EverySteps = everySteps;
        _variableLength = variable is not null ? variable().Length : sampler!.Length;
        if (_variableLength == 0)
            throw new ArgumentException($"State monitor '{name}': the variable has no elements.", nameof(variable));
        if (indices is not null)
        {
            if (indices.Length == 0)
                throw new ArgumentException($"State monitor '{name}': no indices to record (pass null to record all {_variableLength} elements).", nameof(indices));
            foreach (int i in indices)
            {
                if ((uint)i >= (uint)_variableLength)
                    throw new ArgumentOutOfRangeException(nameof(indices), i, $"State monitor '{name}': index {i} is outside the variable's 0..{_variableLength - 1}.");
            }
            _indices = (int[])indices.Clone();
        }
        int[] recorded = _indices ?? RangeOf(_variableLength);
        _recording = sampler?.Record(recorded);
        try
        {
            if (csvPath is not null)
            {
                var header = new string[recorded.Length + 1];
                header[0] = "t";
                for (int c = 0; c < recorded.Length; c++) header[c + 1] = $"{name}[{recorded[c]}]";
                _csv = new CsvWriter(csvPath, header);
            }
            if (npyPathPrefix is not null)
            {
                NpyValuesPath = npyPathPrefix + ".npy";
                NpyTimePath = npyPathPrefix + "_t.npy";
                _npyValues = new NpyAppendWriter<double>(NpyValuesPath, columns: recorded.Length);
                _npyTimes = new NpyAppendWriter<double>(NpyTimePath);
            }
        }
        catch
        {
            DisposeAll(_csv, _npyValues, _npyTimes);
            throw;
        }
        CsvPath = csvPath;
    }

    /// <summary>Sampling interval in steps.</summary>
    public int EverySteps { get; }

    /// <summary>The CSV file, or null.</summary>
    public string? CsvPath { get; }

    /// <summary>The .npy file of values (samples × elements, float64), or null.</summary>
    public string? NpyValuesPath { get; }

    /// <summary>The .npy file of sample times (float64), or null.</summary>
    public string? NpyTimePath { get; }

    /// <inheritdoc/>
    public override bool WritesFiles => _csv is not null || _npyValues is not null;

    /// <summary>Number of recorded elements (columns of <see cref="Values"/>).</summary>
    public int Columns => _indices?.Length ?? _variableLength;

    /// <summary>The recorded element of each column (a copy).</summary>
    public int[] RecordedIndices => _indices is null ? RangeOf(_variableLength) : (int[])_indices.Clone();

    /// <summary>Samples taken.</summary>
    public int SampleCount => _steps.Count;

    /// <summary>Step of each sample.</summary>
    public ReadOnlySpan<long> Steps => _steps.Span;

    /// <summary>Time of each sample (the step's start time).</summary>
    public ReadOnlySpan<double> Times => _times.Span;

    /// <summary>All values, samples × <see cref="Columns"/>, row-major.</summary>
    public ReadOnlySpan<T> Values => Drained;

    /// <summary>The values, after the samples a device still holds have been delivered.</summary>
    private ReadOnlySpan<T> Drained
    {
        get
        {
            DrainSource();
            return _values.Span;
        }
    }

    /// <summary>The values of sample <paramref name="sample"/>, one per column.</summary>
    public ReadOnlySpan<T> Sample(int sample)
    {
        if ((uint)sample >= (uint)SampleCount)
            throw new ArgumentOutOfRangeException(nameof(sample), sample, $"State monitor '{Name}': {SampleCount} samples recorded.");
        return Drained.Slice(sample * Columns, Columns);
    }

    /// <summary>The time series of one column (a copy).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="column"/> is outside 0..Columns-1.</exception>
    public T[] ValuesOf(int column)
    {
        if ((uint)column >= (uint)Columns)
            throw new ArgumentOutOfRangeException(nameof(column), column, $"State monitor '{Name}': columns are 0..{Columns - 1}.");
        var series = new T[SampleCount];
        ReadOnlySpan<T> values = Drained;
        for (int s = 0; s < series.Length; s++) series[s] = values[s * Columns + column];
        return series;
    }

    /// <summary>All values as [sample, column] (a copy).</summary>
    public T[,] ToMatrix()
    {
        var matrix = new T[SampleCount, Columns];
        if (matrix.Length > 0) Drained.CopyTo(MemoryMarshal.CreateSpan(ref matrix[0, 0], matrix.Length));
        return matrix;
    }

    /// <summary>Makes room for <paramref name="samples"/> samples in total, so that recording them allocates nothing.</summary>
    public void Reserve(int samples)
    {
        _values.Reserve(checked(samples * Columns));
        _steps.Reserve(samples);
        _times.Reserve(samples);
    }

    private protected override void OnPrepare(double dt)
    {
        if (_variable is not null) CheckLength(_variable().Length);
    }

    private protected override void DrainSource() => _recording?.Drain(values => _values.AddRange(values));


    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a hot loop: see DynLang.Core.Emit.Cpu.HotPath
    private protected override bool Record(NetworkPhase phase, NetworkClock clock)
    {
        if (phase != NetworkPhase.Start) return false;
        if (clock.Step % EverySteps != 0) return true;
        if (_recording is not null)
        {
            // The values arrive at the next drain (reading the monitor, a flush); the step and time are known now.
            _recording.Take();
            _steps.Add(clock.Step);
            _times.Add(clock.Time);
            return true;
        }
        Span<T> current = _variable!();
        CheckLength(current.Length);
        if (_indices is null)
        {
            _values.AddRange(current);
        }
        else
        {
            Span<T> row = _values.Append(_indices.Length);
            for (int c = 0; c < row.Length; c++) row[c] = current[_indices[c]];
        }
        _steps.Add(clock.Step);
        _times.Add(clock.Time);
        return true;
    }

    private protected override void WritePending()
    {
        // Each file keeps its own count of rows written, so a file that failed is caught up by the
        // next flush while the others go on.
        ReadOnlySpan<double> times = _times.Span;
        ReadOnlySpan<T> values = _values.Span;
        List<Exception>? errors = null;
        if (_csv is not null)
        {
            try
            {
                for (long s = _csv.Rows; s < times.Length; s = _csv.Rows)
                {
                    _csv.Write(times[(int)s]);
                    foreach (T v in values.Slice((int)s * Columns, Columns)) WriteCsv(v);
                    _csv.EndRow();
                }
                _csv.Flush();
            }
            catch (Exception e)
            {
                AddFileError(ref errors, e);
            }
        }
        if (_npyValues is not null)
        {
            try
            {
                _npyValues.Append(Widened(values.Slice((int)_npyValues.Rows * Columns)));
                _npyValues.Flush();
            }
            catch (Exception e)
            {
                AddFileError(ref errors, e);
            }
            try
            {
                _npyTimes!.Append(times.Slice((int)_npyTimes.Rows));
                _npyTimes.Flush();
            }
            catch (Exception e)
            {
                AddFileError(ref errors, e);
            }
        }
        ThrowFileErrors(errors);
    }

    private protected override void CloseFiles()
    {
        _recording?.Dispose();
        DisposeAll(_csv, _npyValues, _npyTimes);
    }

    private void CheckLength(int length)
    {
        if (length != _variableLength)
            throw new InvalidOperationException($"State monitor '{Name}': the variable has {length} elements now, {_variableLength} when the monitor was created.");
    }

    private void WriteCsv(T value)
    {
        if (typeof(T) == typeof(double)) _csv!.Write(Unsafe.As<T, double>(ref value));
        else _csv!.Write(Unsafe.As<T, float>(ref value));
    }

    /// <summary>The values as float64 for the .npy file: as they are for double, widened (exactly) for float.</summary>
    private ReadOnlySpan<double> Widened(ReadOnlySpan<T> values)
    {
        if (typeof(T) == typeof(double)) return MemoryMarshal.Cast<T, double>(values);
        if (_widened.Length < values.Length) _widened = new double[Math.Max(values.Length, 2 * _widened.Length)];
        ReadOnlySpan<float> floats = MemoryMarshal.Cast<T, float>(values);
        for (int k = 0; k < floats.Length; k++) _widened[k] = floats[k];
        return _widened.AsSpan(0, floats.Length);
    }

    private static int[] RangeOf(int n)
    {
        var range = new int[n];
        for (int i = 0; i < n; i++) range[i] = i;
        return range;
    }
}
