using System;
using System.Runtime.CompilerServices;

namespace DynLang.Runtime;

/// <summary>
/// For each spiking (source) element and each slice, the ids of the element's synapses whose
/// written-side element lies in the slice, ascending, and those elements' indices ("targets"):
/// the rows a split delivery (<see cref="SlicedDelivery"/>) walks, so that a slice's worker reads
/// only its own synapses and copies nothing. Immutable; independent of delays and dt, so a
/// generated synapse class builds them with the object and keeps them from run to run.
/// </summary>
/// <remarks>
/// <para>
/// <b>Split rows</b>, when the written side is not the spiking side (an <c>on pre</c> that writes
/// <c>post.x</c>): row by row, each source's synapses are stored grouped by slice (ascending id
/// within a group), with the target of each next to it; segment (source, p) is
/// <c>[offsets[source·P + p], offsets[source·P + p + 1])</c>. A row's segments are adjacent, so the
/// threads that walk one spike read the same few cache lines. Storing the targets saves the
/// look-up of each synapse's target by id: walking the synapse ids and then <c>PostIndex[id]</c>
/// is a chain of two dependent cache misses per row that halved the speed of CUBA's delivery
/// (benchmarks/RESULTS.md, "parallel synapses"). Memory: with one slice, the connectivity's CSR
/// plus 4 bytes of target per synapse; with P slices, 8 bytes per synapse and 4·P per source.
/// </para>
/// <para>
/// <b>Whole rows</b>, when the written side is the spiking side (an <c>on pre</c> that writes
/// <c>pre.x</c>): a source's synapses all belong to the slice of the source itself, so the
/// connectivity's own CSR serves every slice, which skips the sources outside its range; the
/// target of every synapse is the source (there is no target array).
/// </para>
/// </remarks>
public sealed class SlicedRows
{
    private readonly int[] _offsets;  // split rows: SourceCount·P + 1 segment starts; whole rows: the CSR row starts
    private readonly int[] _ids;      // synapse ids, row by row (by slice within a row when split)
    private readonly int[]? _targets; // split rows: the written-side element of each entry of _ids
    private readonly int _stride;     // segments per row in _offsets: P when split, 1 for whole rows

    /// <summary>The rows of a pathway, cut into <paramref name="sliceCount"/> slices of the written side.</summary>
    /// <param name="connectivity">The synapses.</param>
    /// <param name="fromPost">False: spikes are pre-synaptic indices (on pre); true: post-synaptic (on post).</param>
    /// <param name="byPost">True: slices of post-synaptic elements; false: of pre-synaptic ones (the side the pathway writes).</param>
    /// <param name="sliceCount">Number of slices (<see cref="SynapseParallelism.SliceCount"/>); results do not depend on it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connectivity"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sliceCount"/> is not positive.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a loop over every synapse: see DynLang.Core.Emit.Cpu.HotPath
    public SlicedRows(Connectivity connectivity, bool fromPost, bool byPost, int sliceCount)
    {
        ArgumentNullException.ThrowIfNull(connectivity);
        var slices = new SynapseSlices(connectivity, byPost, sliceCount);
        Slices = slices;
        Connectivity = connectivity;
        FromPost = fromPost;
        var (start, ids) = connectivity.CsrArrays(fromPost);
        SourceCount = start.Length - 1;
        WholeRows = slices.ByPost == fromPost;
        if (WholeRows)
        {
            (_offsets, _ids, _stride) = (start, ids, 1);
            return;
        }

        ReadOnlySpan<int> owner = slices.ByPost ? connectivity.PostIndex : connectivity.PreIndex;
        int count = slices.Count;
        _targets = new int[ids.Length];
        if (count == 1)
        {
            // One segment per row: the CSR itself, plus the targets in its order.
            (_offsets, _ids, _stride) = (start, ids, 1);
            for (int k = 0; k < ids.Length; k++)
                _targets[k] = owner[ids[k]];
            return;
        }

        int[] sliceOf = slices.SliceOfEachElement();
        _stride = count;
        _offsets = new int[SourceCount * count + 1];
        _ids = new int[ids.Length];
        var next = new int[count];
        for (int source = 0; source < SourceCount; source++)
        {
            // A stable counting sort of the row by slice: ids stay ascending within each segment.
            int first = start[source], end = start[source + 1];
            Array.Clear(next);
            for (int k = first; k < end; k++)
                next[sliceOf[owner[ids[k]]]]++;
            int position = first;
            for (int p = 0; p < count; p++)
            {
                _offsets[source * count + p] = position;
                int size = next[p];
                next[p] = position;
                position += size;
            }
            for (int k = first; k < end; k++)
            {
                int synapse = ids[k];
                int target = owner[synapse];
                int at = next[sliceOf[target]]++;
                _ids[at] = synapse;
                _targets[at] = target;
            }
        }
        _offsets[SourceCount * count] = ids.Length;
    }

    /// <summary>The synapses.</summary>
    public Connectivity Connectivity { get; }

    /// <summary>True when spikes are post-synaptic indices (an on post pathway).</summary>
    public bool FromPost { get; }

    /// <summary>The slices (of the written side).</summary>
    public SynapseSlices Slices { get; }

    /// <summary>Number of slices.</summary>
    public int SliceCount => Slices.Count;

    /// <summary>Number of spiking elements.</summary>
    public int SourceCount { get; }

    /// <summary>True when the written side is the spiking side: a row is in one slice, and there are no targets.</summary>
    public bool WholeRows { get; }

    /// <summary>Number of synapses of <paramref name="source"/> in all slices together (its row length).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int RowLength(int source) => _offsets[(source + 1) * _stride] - _offsets[source * _stride];

    /// <summary>
    /// The position in <see cref="Ids"/> and <see cref="Targets"/> of the synapses of
    /// <paramref name="source"/> whose written element lies in slices [<paramref name="firstSlice"/>,
    /// <paramref name="endSlice"/>), and their number (0: none). A row's segments are adjacent, so
    /// any range of slices is one run of entries: slice by slice, ascending ids within a slice.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int Segment(int firstSlice, int endSlice, int source, out int first)
    {
        if (WholeRows)
        {
            // The row belongs to the slice that holds the source (with one slice, always).
            if (source < Slices.Start(firstSlice) || source >= Slices.End(endSlice - 1))
            {
                first = 0;
                return 0;
            }
            first = _offsets[source];
            return _offsets[source + 1] - first;
        }
        int row = source * _stride;
        first = _offsets[row + firstSlice];
        return _offsets[row + endSlice] - first;
    }

    /// <summary>Synapse ids of all segments.</summary>
    internal int[] Ids => _ids;

    /// <summary>The written-side element of each entry of <see cref="Ids"/> (split rows), or null (whole rows).</summary>
    internal int[]? Targets => _targets;
}
