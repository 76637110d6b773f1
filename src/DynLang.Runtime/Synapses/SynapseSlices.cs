using System;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace DynLang.Runtime;

/// <summary>
/// The elements of one side of a <see cref="Connectivity"/> — the side a synapse loop writes —
/// cut into <see cref="Count"/> contiguous ranges ("slices") of about equal synapse counts.
/// </summary>
/// <remarks>
/// A synapse loop split by slices gives each worker whole slices: every element of the written
/// side is then written by one thread only, and that thread visits the element's synapses in the
/// same order as a single thread would. The order of the floating-point operations on each
/// element, and with it every result, is therefore the same for any number of slices and threads;
/// the slice count only changes how the work is shared. Slices may be empty (an element with more
/// synapses than a slice's share fills a slice on its own).
/// </remarks>
public sealed class SynapseSlices
{
    private readonly int[] _bounds; // Count + 1 element boundaries; slice p is [_bounds[p], _bounds[p+1])
    private readonly int[]? _synapseStart; // with synapse lists: Count + 1 starts into _synapses
    private readonly int[]? _synapses;     // with synapse lists: ids grouped by slice, ascending within a slice

    /// <summary>
    /// Cuts the post-synaptic (<paramref name="byPost"/>) or pre-synaptic elements into
    /// <paramref name="count"/> ranges: range p ends at the first element whose synapses start at
    /// or after p+1 shares of <see cref="Connectivity.Count"/>. Deterministic for given arguments.
    /// </summary>
    /// <param name="connectivity">The synapses.</param>
    /// <param name="byPost">True: slices of post-synaptic elements; false: of pre-synaptic ones.</param>
    /// <param name="count">Number of slices, at least 1.</param>
    /// <param name="listSynapses">Also list each slice's synapses in ascending id (<see cref="Synapses"/>; 4 bytes a synapse when there are several slices).</param>
    /// <exception cref="ArgumentNullException"><paramref name="connectivity"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not positive.</exception>
    public SynapseSlices(Connectivity connectivity, bool byPost, int count, bool listSynapses = false)
    {
        ArgumentNullException.ThrowIfNull(connectivity);
        if (count < 1)
            throw new ArgumentOutOfRangeException(nameof(count), count,
                string.Create(CultureInfo.InvariantCulture, $"SynapseSlices '{connectivity.Name}': {count} slices; at least one is needed."));
        Connectivity = connectivity;
        ByPost = byPost;
        ReadOnlySpan<int> rowStart = byPost ? connectivity.IncomingStart : connectivity.OutgoingStart;
        int elements = rowStart.Length - 1;
        long synapses = connectivity.Count;
        _bounds = new int[count + 1];
        for (int p = 1; p < count; p++)
        {
            long share = synapses * p / count;
            // Lower bound: the first element whose row starts at or after the share.
            int lo = _bounds[p - 1], hi = elements;
            while (lo < hi)
            {
                int mid = lo + (hi - lo) / 2;
                if (rowStart[mid] < share) lo = mid + 1;
                else hi = mid;
            }
            _bounds[p] = lo;
        }
        _bounds[count] = elements;
        if (listSynapses && count > 1)
            (_synapseStart, _synapses) = ListSynapses(byPost ? connectivity.PostIndex : connectivity.PreIndex);
    }

    /// <summary>A stable counting sort of the synapse ids by slice.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a loop over every synapse: see DynLang.Core.Emit.Cpu.HotPath
    private (int[] Start, int[] Ids) ListSynapses(ReadOnlySpan<int> owner)
    {
        int[] sliceOf = SliceOfEachElement();
        var start = new int[Count + 1];
        foreach (int element in owner)
            start[sliceOf[element] + 1]++;
        for (int p = 0; p < Count; p++)
            start[p + 1] += start[p];
        var next = start[..Count];
        var ids = new int[owner.Length];
        for (int s = 0; s < owner.Length; s++)
            ids[next[sliceOf[owner[s]]]++] = s;
        return (start, ids);
    }

    /// <summary>The synapses.</summary>
    public Connectivity Connectivity { get; }

    /// <summary>True when the slices are ranges of post-synaptic elements, false for pre-synaptic ones.</summary>
    public bool ByPost { get; }

    /// <summary>Number of slices.</summary>
    public int Count => _bounds.Length - 1;

    /// <summary>First element of slice <paramref name="slice"/>.</summary>
    public int Start(int slice) => _bounds[slice];

    /// <summary>One past the last element of slice <paramref name="slice"/>.</summary>
    public int End(int slice) => _bounds[slice + 1];

    /// <summary>
    /// The synapses whose element lies in slices [<paramref name="firstSlice"/>, <paramref name="endSlice"/>),
    /// slice by slice, ascending ids within each: every element's synapses in ascending id, as a loop
    /// over all synapses visits them. Needs <c>listSynapses</c> when there are several slices.
    /// </summary>
    /// <exception cref="InvalidOperationException">The slices were made without synapse lists.</exception>
    public ReadOnlySpan<int> Synapses(int firstSlice, int endSlice)
    {
        if (_synapses is null)
        {
            if (Count == 1)
                throw new InvalidOperationException($"SynapseSlices '{Connectivity.Name}': one slice has no list; loop over all synapses in id order instead.");
            throw new InvalidOperationException($"SynapseSlices '{Connectivity.Name}' were made without synapse lists.");
        }
        int first = _synapseStart![firstSlice];
        return new ReadOnlySpan<int>(_synapses, first, _synapseStart[endSlice] - first);
    }

    /// <summary>The slice holding every element (<see cref="Connectivity.PostCount"/> or <see cref="Connectivity.PreCount"/> entries).</summary>
    internal int[] SliceOfEachElement()
    {
        var sliceOf = new int[_bounds[^1]];
        for (int p = 0; p < Count; p++)
            sliceOf.AsSpan(_bounds[p], _bounds[p + 1] - _bounds[p]).Fill(p);
        return sliceOf;
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Connectivity.Name}: {Count} slices of {(ByPost ? "post" : "pre")}-synaptic elements");
}
