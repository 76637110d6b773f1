using System;
using System.Runtime.CompilerServices;
using DynLang.Runtime;
using ILGPU;
using ILGPU.Runtime;

namespace DynLang.Ilgpu;

/// <summary>
/// A state monitor's source on an accelerator: each sample is a gather kernel copying the recorded
/// elements of a buffer into a device batch (no wait); the batch is downloaded when it is full or
/// when the monitor is read or flushed. The generated ILGPU classes give one per state
/// (<c>neurons.SamplerOfV()</c>).
/// </summary>
public sealed class DeviceStateSampler<T> : IStateSampler<T> where T : unmanaged
{
    private readonly Accelerator _accelerator;
    private readonly ArrayView1D<T, Stride1D.Dense> _values;

    /// <summary>A sampler of <paramref name="values"/> (a buffer of <paramref name="accelerator"/>), named <paramref name="variable"/> in messages.</summary>
    /// <exception cref="NotSupportedException">T is neither double nor float (the state types of generated classes).</exception>
    public DeviceStateSampler(Accelerator accelerator, string variable, ArrayView1D<T, Stride1D.Dense> values)
    {
        if (typeof(T) != typeof(double) && typeof(T) != typeof(float))
            throw new NotSupportedException($"{variable}: device state samples are double or float, not {typeof(T).Name}.");
        _accelerator = accelerator ?? throw new ArgumentNullException(nameof(accelerator));
        Variable = variable ?? throw new ArgumentNullException(nameof(variable));
        _values = values;
    }

    /// <inheritdoc/>
    public string Variable { get; }

    /// <inheritdoc/>
    public int Length => (int)_values.Length;

    /// <inheritdoc/>
    public IStateRecording<T> Record(int[] indices) => new DeviceStateRecording<T>(_accelerator, Variable, _values, indices);
}

/// <summary>The device batch of one state monitor (see <see cref="DeviceStateSampler{T}"/>).</summary>
internal sealed class DeviceStateRecording<T> : IStateRecording<T> where T : unmanaged
{
    /// <summary>Values held on the device between downloads: 4 M (32 MiB of doubles), at least one sample.</summary>
    private const int BatchValues = 1 << 22;

    private readonly Accelerator _accelerator;
    private readonly ArrayView1D<T, Stride1D.Dense> _source;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _indices;
    private readonly MemoryBuffer1D<T, Stride1D.Dense> _batch;
    private readonly int _columns, _capacity;
    private readonly T[] _host;
    private int _taken;
    private bool _disposed;

    public DeviceStateRecording(Accelerator accelerator, string variable, ArrayView1D<T, Stride1D.Dense> source, int[] indices)
    {
        _accelerator = accelerator;
        _source = source;
        _columns = indices.Length;
        _capacity = Math.Max(1, BatchValues / Math.Max(1, _columns));
        string owner = $"State samples of {variable}";
        long batch = (long)_capacity * _columns;
        DeviceMemory.CheckTotal(accelerator, owner, ("indices", _columns, 4), ("samples", batch, Unsafe.SizeOf<T>()));
        _indices = DeviceMemory.Allocate<int>(accelerator, owner, "indices", Math.Max(1, _columns));
        try
        {
            _batch = DeviceMemory.Allocate<T>(accelerator, owner, "samples", Math.Max(1, batch));
        }
        catch
        {
            _indices.Dispose();
            throw;
        }
        _indices.View.SubView(0, _columns).CopyFromCPU(accelerator.DefaultStream, indices);
        accelerator.DefaultStream.Synchronize();
        _host = new T[batch];
    }

    public void Take()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_taken == _capacity) Download(null);
        var kernels = StateKernels.For(_accelerator);
        var destination = _batch.View.SubView((long)_taken * _columns, _columns);
        // The kernels are per element type (ILGPU compiles closed kernels): the views are reinterpreted, T being that type.
        if (typeof(T) == typeof(double))
            kernels.GatherDouble(_source.AsContiguous().Cast<double>(), _indices.View.SubView(0, _columns), destination.AsContiguous().Cast<double>());
        else
            kernels.GatherFloat(_source.AsContiguous().Cast<float>(), _indices.View.SubView(0, _columns), destination.AsContiguous().Cast<float>());
        _taken++;
    }

    public void Drain(SampleReceiver<T> receive)
    {
        if (_disposed) return;
        Download(receive);
    }

    // Samples taken while the batch filled up wait on the host for the next drain.
    private readonly RecordBufferLite _pending = new();

    private void Download(SampleReceiver<T>? receive)
    {
        if (_taken > 0)
        {
            int n = _taken * _columns;
            _accelerator.DefaultStream.Synchronize();
            _batch.View.SubView(0, n).CopyToCPU(_accelerator.DefaultStream, new Span<T>(_host, 0, n));
            _accelerator.DefaultStream.Synchronize();
            _pending.Add(new ReadOnlySpan<T>(_host, 0, n));
            _taken = 0;
        }
        if (receive is null || _pending.Count == 0) return;
        receive(_pending.Span);
        _pending.Clear();
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _indices.Dispose();
        _batch.Dispose();
    }

    /// <summary>A growable host array of samples (RecordBuffer is internal to the runtime).</summary>
    private sealed class RecordBufferLite
    {
        private T[] _items = Array.Empty<T>();

        public int Count { get; private set; }

        public ReadOnlySpan<T> Span => new(_items, 0, Count);

        public void Add(ReadOnlySpan<T> values)
        {
            if (Count + values.Length > _items.Length) Array.Resize(ref _items, Math.Max(Count + values.Length, _items.Length * 2));
            values.CopyTo(_items.AsSpan(Count));
            Count += values.Length;
        }

        public void Clear() => Count = 0;
    }
}

/// <summary>The gather kernels of state samples, loaded once per accelerator.</summary>
internal sealed class StateKernels
{
    private static readonly ConditionalWeakTable<Accelerator, StateKernels> Cache = new();

    private readonly Accelerator _accelerator;
    private readonly Lazy<Action<KernelConfig, ArrayView<double>, ArrayView1D<int, Stride1D.Dense>, ArrayView<double>>> _double;
    private readonly Lazy<Action<KernelConfig, ArrayView<float>, ArrayView1D<int, Stride1D.Dense>, ArrayView<float>>> _float;

    private StateKernels(Accelerator a)
    {
        _accelerator = a;
        _double = new(() => a.LoadStreamKernel<ArrayView<double>, ArrayView1D<int, Stride1D.Dense>, ArrayView<double>>(GatherDoubleKernel));
        _float = new(() => a.LoadStreamKernel<ArrayView<float>, ArrayView1D<int, Stride1D.Dense>, ArrayView<float>>(GatherFloatKernel));
    }

    public static StateKernels For(Accelerator accelerator) => Cache.GetValue(accelerator, a => new StateKernels(a));

    public void GatherDouble(ArrayView<double> source, ArrayView1D<int, Stride1D.Dense> indices, ArrayView<double> destination) =>
        _double.Value(SpikeKernels.For(_accelerator).Config(indices.Length), source, indices, destination);

    public void GatherFloat(ArrayView<float> source, ArrayView1D<int, Stride1D.Dense> indices, ArrayView<float> destination) =>
        _float.Value(SpikeKernels.For(_accelerator).Config(indices.Length), source, indices, destination);

    private static void GatherDoubleKernel(ArrayView<double> source, ArrayView1D<int, Stride1D.Dense> indices, ArrayView<double> destination)
    {
        for (int c = Grid.GlobalIndex.X; c < indices.Length; c += Grid.DimX * Group.DimX) destination[c] = source[indices[c]];
    }

    private static void GatherFloatKernel(ArrayView<float> source, ArrayView1D<int, Stride1D.Dense> indices, ArrayView<float> destination)
    {
        for (int c = Grid.GlobalIndex.X; c < indices.Length; c += Grid.DimX * Group.DimX) destination[c] = source[indices[c]];
    }
}
