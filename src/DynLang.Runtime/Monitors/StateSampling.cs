using System;

namespace DynLang.Runtime;

/// <summary>
/// A variable a <see cref="StateMonitor{T}"/> can record on any backend: the generated classes give
/// one per state (<c>neurons.SamplerOfV()</c>). On the CPU a sample is a copy of the recorded
/// elements at once; on an accelerator the samples are gathered on the device and downloaded in
/// batches, so a monitor does not stop the device every step.
/// </summary>
public interface IStateSampler<T> where T : unmanaged
{
    /// <summary>The variable in messages ("v of CubaPopulationIlgpu").</summary>
    string Variable { get; }

    /// <summary>Number of elements of the variable.</summary>
    int Length { get; }

    /// <summary>Starts a recording of the elements <paramref name="indices"/> (each in 0..Length-1), in that order.</summary>
    IStateRecording<T> Record(int[] indices);
}

/// <summary>The samples of one monitor: taken in the Start phase, delivered in order.</summary>
public interface IStateRecording<T> : IDisposable where T : unmanaged
{
    /// <summary>Takes one sample of the recorded elements as they are now (queued on a device: no wait).</summary>
    void Take();

    /// <summary>Appends every sample taken and not yet delivered, in order, each one value per recorded element, to <paramref name="receive"/> (one call with all of them).</summary>
    void Drain(SampleReceiver<T> receive);
}

/// <summary>Receives samples: <paramref name="values"/> holds whole samples, one after the other.</summary>
public delegate void SampleReceiver<T>(ReadOnlySpan<T> values) where T : unmanaged;

/// <summary>The CPU sampler: reads the array through a getter, copying the recorded elements at each sample.</summary>
public sealed class CpuStateSampler<T> : IStateSampler<T> where T : unmanaged
{
    private readonly SpanGetter<T> _values;

    /// <summary>A sampler of the array <paramref name="values"/> returns, named <paramref name="variable"/>.</summary>
    public CpuStateSampler(string variable, SpanGetter<T> values)
    {
        Variable = variable ?? throw new ArgumentNullException(nameof(variable));
        _values = values ?? throw new ArgumentNullException(nameof(values));
    }

    /// <inheritdoc/>
    public string Variable { get; }

    /// <inheritdoc/>
    public int Length => _values().Length;

    /// <inheritdoc/>
    public IStateRecording<T> Record(int[] indices) => new Recording(_values, (int[])indices.Clone());

    private sealed class Recording(SpanGetter<T> values, int[] indices) : IStateRecording<T>
    {
        private readonly RecordBuffer<T> _pending = new();

        public void Take()
        {
            Span<T> current = values();
            Span<T> row = _pending.Append(indices.Length);
            for (int c = 0; c < row.Length; c++) row[c] = current[indices[c]];
        }

        public void Drain(SampleReceiver<T> receive)
        {
            if (_pending.Count == 0) return;
            receive(_pending.Span);
            _pending.Clear();
        }

        public void Dispose() { }
    }
}
