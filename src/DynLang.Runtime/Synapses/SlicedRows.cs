using System;
using System.Runtime.CompilerServices;

namespace DynLang.Runtime;

/// <summary>
/// For each slice and each spiking (source) element, the ids of the element's synapses whose
/// written-side element lies in the slice, ascending: the per-slice CSR rows that a split
/// delivery walks, so that a slice's worker reads only its own synapses and copies nothing.
/// </summary>
/// <remarks>
/// Two layouts. <b>Whole rows</b>, when the written side is the spiking side (an <c>on pre</c>
/// that writes <c>pre.x</c>) or there is one slice: a source's synapses all belong to the slice
/// of the source itself, so the connectivity's own CSR serves every slice and a slice simply
/// skips the sources outside its range. <b>Split rows</b> otherwise: slice p has its own CSR
/// (<c>SourceCount + 1</c> row starts and its share of the ids), built once in
/// O(synapses + slices × sources) time and memory by one pass over the source CSR, which keeps
/// each row's ascending id order within every slice.
/// </remarks>
internal sealed class SlicedRows
{
    private readonly int[] _start;       // CSR row starts of the spiking side
    private readonly int[] _ids;         // synapse ids grouped by spiking element, ascending within a row
    private readonly int[][]? _sliceStart; // split rows: per slice, SourceCount + 1 row starts into _sliceIds[p]
    private readonly int[][]? _sliceIds;

    public SlicedRows(Connectivity connectivity, bool fromPost, SynapseSlices slices)
    {
        Slices = slices;
        (_start, _ids) = connectivity.CsrArrays(fromPost);
        SourceCount = _start.Length - 1;
        if (slices.ByPost == fromPost || slices.Count == 1)
            return; // whole rows

        int count = slices.Count;
        ReadOnlySpan<int> owner = slices.ByPost ? connectivity.PostIndex : connectivity.PreIndex;
        int[] sliceOf = slices.SliceOfEachElement();
        ReadOnlySpan<int> ownerStart = slices.ByPost ? connectivity.IncomingStart : connectivity.OutgoingStart;
        _sliceStart = new int[count][];
        _sliceIds = new int[count][];
        var cursor = new int[count];
        for (int p = 0; p < count; p++)
        {
            _sliceStart[p] = new int[SourceCount + 1];
            _sliceIds[p] = new int[ownerStart[slices.End(p)] - ownerStart[slices.Start(p)]];
        }
        for (int source = 0; source < SourceCount; source++)
        {
            for (int p = 0; p < count; p++)
                _sliceStart[p][source] = cursor[p];
            for (int k = _start[source]; k < _start[source + 1]; k++)
            {
                int synapse = _ids[k];
                int p = sliceOf[owner[synapse]];
                _sliceIds[p][cursor[p]++] = synapse;
            }
        }
        for (int p = 0; p < count; p++)
            _sliceStart[p][SourceCount] = cursor[p];
    }

    /// <summary>The slices (of the written side).</summary>
    public SynapseSlices Slices { get; }

    /// <summary>Number of spiking elements.</summary>
    public int SourceCount { get; }

    /// <summary>Number of synapses of <paramref name="source"/> in all slices together (its row length).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int RowLength(int source) => _start[source + 1] - _start[source];

    /// <summary>The synapses of <paramref name="source"/> whose written element lies in <paramref name="slice"/>, ascending.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<int> Row(int slice, int source)
    {
        if (_sliceStart is null)
        {
            // Whole rows: the row belongs to the slice that holds the source (with one slice, always).
            if (Slices.Count > 1 && (source < Slices.Start(slice) || source >= Slices.End(slice)))
                return default;
            int first = _start[source];
            return new ReadOnlySpan<int>(_ids, first, _start[source + 1] - first);
        }
        int[] start = _sliceStart[slice];
        int begin = start[source];
        return new ReadOnlySpan<int>(_sliceIds![slice], begin, start[source + 1] - begin);
    }
}
