using System;
using ILGPU;
using ILGPU.Runtime;

namespace DynLang.Ilgpu;

/// <summary>
/// The spikes of one step on an accelerator: a list of element indices (capacity = the source's
/// element count, so it never overflows) and its length, a one-element buffer that kernels append
/// to with an atomic add. The order within a step is whatever the atomics gave: readers that need
/// Brian2's ascending order sort on the host (<see cref="ReadAscending"/>).
/// </summary>
public sealed class DeviceSpikeList : IDisposable
{
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _indices;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _length;
    private readonly string _owner;
    private bool _disposed;

    /// <summary>A list for a source of <paramref name="capacity"/> elements; <paramref name="owner"/> names it in errors.</summary>
    /// <exception cref="InsufficientMemoryException">The accelerator cannot hold it (the message names the owner and the sizes).</exception>
    public DeviceSpikeList(Accelerator accelerator, int capacity, string owner)
    {
        Accelerator = accelerator ?? throw new ArgumentNullException(nameof(accelerator));
        _owner = owner ?? throw new ArgumentNullException(nameof(owner));
        if (capacity < 0)
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, $"{owner}: spike list capacity = {capacity} must be ≥ 0.");
        DeviceMemory.CheckTotal(accelerator, owner, ("spike indices", capacity, sizeof(int)), ("spike count", 1, sizeof(int)));
        _indices = DeviceMemory.Allocate<int>(accelerator, owner, "spike indices", capacity);
        try
        {
            _length = DeviceMemory.Allocate<int>(accelerator, owner, "spike count", 1);
        }
        catch
        {
            _indices.Dispose();
            throw;
        }
        Capacity = capacity;
        Clear();
    }

    /// <summary>The accelerator.</summary>
    public Accelerator Accelerator { get; }

    /// <summary>Elements of the source: the most spikes one step can have.</summary>
    public int Capacity { get; }

    /// <summary>The indices; the first <c>Length[0]</c> are valid.</summary>
    public ArrayView1D<int, Stride1D.Dense> Indices => Live()._indices.View;

    /// <summary>One element: how many entries of <see cref="Indices"/> are valid. Kernels append with <c>Atomic.Add(ref Length[0], 1)</c>.</summary>
    public ArrayView1D<int, Stride1D.Dense> Length => Live()._length.View;

    /// <summary>Queues setting the length to zero on the accelerator's default stream (no wait).</summary>
    public void Clear() => Live()._length.View.MemSetToZero();

    /// <summary>Replaces the list by <paramref name="indices"/> from the host (each below Capacity; queued, the host span may be reused at once).</summary>
    /// <exception cref="ArgumentException">More indices than Capacity, or an index outside [0, Capacity).</exception>
    public void Upload(ReadOnlySpan<int> indices)
    {
        Live();
        if (indices.Length > Capacity)
            throw new ArgumentException($"{_owner}: {indices.Length} spikes do not fit a list of capacity {Capacity}.", nameof(indices));
        for (int k = 0; k < indices.Length; k++)
            if ((uint)indices[k] >= (uint)Capacity)
                throw new ArgumentOutOfRangeException(nameof(indices), indices[k], $"{_owner}: indices[{k}] = {indices[k]} is outside [0, {Capacity}).");
        // CopyFromCPU copies before it returns, which is what lets the caller reuse the span.
        if (indices.Length > 0) _indices.View.SubView(0, indices.Length).AsContiguous().CopyFromCPU(indices);
        int n = indices.Length;
        _length.View.AsContiguous().CopyFromCPU(new ReadOnlySpan<int>(in n));
    }

    /// <summary>Queues a device-side copy of <paramref name="source"/> (same capacity) into this list.</summary>
    /// <exception cref="ArgumentException">The source's capacity is larger than this list's, or it lives on another accelerator.</exception>
    public void CopyFrom(DeviceSpikeList source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Live();
        source.Live();
        if (source.Capacity > Capacity)
            throw new ArgumentException($"{_owner}: cannot copy a spike list of capacity {source.Capacity} ({source._owner}) into one of capacity {Capacity}.", nameof(source));
        if (!ReferenceEquals(source.Accelerator, Accelerator))
            throw new ArgumentException($"{_owner}: the spike list of {source._owner} is on another accelerator.", nameof(source));
        SpikeKernels.For(Accelerator).CopyList(source, this);
    }

    /// <summary>Waits for the queued work, copies the list to the host, sorts it: writes the indices ascending into <paramref name="destination"/> (length ≥ Capacity) and returns how many.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than Capacity.</exception>
    public int ReadAscending(Span<int> destination)
    {
        Live();
        if (destination.Length < Capacity)
            throw new ArgumentException($"{_owner}: the destination has {destination.Length} entries but the list can hold {Capacity}.", nameof(destination));
        Accelerator.Synchronize();
        int n = 0;
        _length.View.AsContiguous().CopyToCPU(new Span<int>(ref n));
        if (n == 0) return 0;
        Span<int> spikes = destination[..n];
        _indices.View.SubView(0, n).AsContiguous().CopyToCPU(spikes);
        spikes.Sort();
        return n;
    }

    /// <summary>Frees the buffers.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _indices.Dispose();
        _length.Dispose();
    }

    private DeviceSpikeList Live()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return this;
    }
}
