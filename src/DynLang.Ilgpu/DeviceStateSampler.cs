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
    private readonly SpikeKernels _kernels;
    private readonly ArrayView1D<T, Stride1D.Dense> _source;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _indices;
    private readonly MemoryBuffer1D<T, Stride1D.Dense> _batch;
    private readonly int _columns, _capacity;
    // Samples downloaded and not yet delivered (a full batch waits here for the next drain).
    private readonly RecordBuffer<T> _pending = new();
    private int _taken;
    private bool _disposed;

    public DeviceStateRecording(Accelerator accelerator, string variable, ArrayView1D<T, Stride1D.Dense> source, int[] indices)
    {
        _accelerator = accelerator;
        _kernels = SpikeKernels.For(accelerator);
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
    }

    public void Take()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_taken == _capacity) Download();
        var destination = _batch.View.SubView((long)_taken * _columns, _columns);
        // The kernels are per element type (ILGPU compiles closed kernels): the views are reinterpreted, T being that type.
        if (typeof(T) == typeof(double))
            _kernels.Gather(_source.AsContiguous().Cast<double>(), _indices.View.SubView(0, _columns), destination.AsContiguous().Cast<double>());
        else
            _kernels.Gather(_source.AsContiguous().Cast<float>(), _indices.View.SubView(0, _columns), destination.AsContiguous().Cast<float>());
        _taken++;
    }

    public void Drain(SampleReceiver<T> receive)
    {
        if (_disposed) return;
        Download();
        if (_pending.Count == 0) return;
        receive(_pending.Span);
        _pending.Clear();
    }

    /// <summary>Waits for the device and appends the batch's samples to the pending ones.</summary>
    private void Download()
    {
        if (_taken == 0) return;
        int n = _taken * _columns;
        _accelerator.DefaultStream.Synchronize();
        _batch.View.SubView(0, n).CopyToCPU(_accelerator.DefaultStream, _pending.Append(n));
        _accelerator.DefaultStream.Synchronize();
        _taken = 0;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _indices.Dispose();
        _batch.Dispose();
    }
}
