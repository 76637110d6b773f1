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
    /// <summary>A list for a source of <paramref name="capacity"/> elements; <paramref name="owner"/> names it in errors.</summary>
    /// <exception cref="InsufficientMemoryException">The accelerator cannot hold it (the message names the owner and the sizes).</exception>
    public DeviceSpikeList(Accelerator accelerator, int capacity, string owner) => throw new NotImplementedException();

    /// <summary>The accelerator.</summary>
    public Accelerator Accelerator => throw new NotImplementedException();

    /// <summary>Elements of the source: the most spikes one step can have.</summary>
    public int Capacity => throw new NotImplementedException();

    /// <summary>The indices; the first <c>Length[0]</c> are valid.</summary>
    public ArrayView1D<int, Stride1D.Dense> Indices => throw new NotImplementedException();

    /// <summary>One element: how many entries of <see cref="Indices"/> are valid. Kernels append with <c>Atomic.Add(ref Length[0], 1)</c>.</summary>
    public ArrayView1D<int, Stride1D.Dense> Length => throw new NotImplementedException();

    /// <summary>Queues setting the length to zero on the accelerator's default stream (no wait).</summary>
    public void Clear() => throw new NotImplementedException();

    /// <summary>Replaces the list by <paramref name="indices"/> from the host (each below Capacity; queued, the host span may be reused at once).</summary>
    public void Upload(ReadOnlySpan<int> indices) => throw new NotImplementedException();

    /// <summary>Queues a device-side copy of <paramref name="source"/> (same capacity) into this list.</summary>
    public void CopyFrom(DeviceSpikeList source) => throw new NotImplementedException();

    /// <summary>Waits for the queued work, copies the list to the host, sorts it: writes the indices ascending into <paramref name="destination"/> (length ≥ Capacity) and returns how many.</summary>
    public int ReadAscending(Span<int> destination) => throw new NotImplementedException();

    /// <summary>Frees the buffers.</summary>
    public void Dispose() => throw new NotImplementedException();
}
