using System;
using System.Runtime.CompilerServices;

namespace DynLang.Runtime;

/// <summary>
/// The synapse events of a range of slices in one step (<see cref="SlicedDelivery.Events"/>), as a
/// series of spans of synapse ids: with a single delay, one span per due spike (its synapses in
/// the slices, slice by slice); with per-synapse delays, one span of queued ids per slice. Every
/// written element sees its events in Brian2's order. After each <see cref="Next"/>,
/// <see cref="Targets"/> holds the written-side element of each of its synapses, when the written
/// side is not the spiking side. Allocation-free.
/// </summary>
/// <example>
/// <code>
/// var events = delivery.Events(firstSlice, endSlice);
/// for (ReadOnlySpan&lt;int&gt; ids = events.Next(); !ids.IsEmpty; ids = events.Next())
/// {
///     ReadOnlySpan&lt;int&gt; targets = events.Targets;
///     for (int k = 0; k &lt; ids.Length; k++) { /* the pathway's code for synapse ids[k], element targets[k] */ }
/// }
/// </code>
/// </example>
public ref struct SliceEvents
{
    private readonly SlicedRows? _rows;          // spike by spike through the rows (one delay), or null
    private readonly SlicedDelivery? _queues;    // slice by slice through the queues (per-synapse delays), or null
    private readonly int _endSlice;
    private readonly ReadOnlySpan<int> _spikes;
    private int _slice;
    private int _next;
    private ReadOnlySpan<int> _targets;

    /// <summary>The segments of slices [firstSlice, endSlice) of the rows of <paramref name="spikes"/>, spike by spike.</summary>
    internal SliceEvents(SlicedRows rows, int firstSlice, int endSlice, ReadOnlySpan<int> spikes)
    {
        _rows = rows;
        _slice = firstSlice;
        _endSlice = endSlice;
        _spikes = spikes;
    }

    /// <summary>The queued events of slices [firstSlice, endSlice), slice by slice.</summary>
    internal SliceEvents(SlicedDelivery queues, int firstSlice, int endSlice)
    {
        _queues = queues;
        _slice = firstSlice;
        _endSlice = endSlice;
    }

    /// <summary>
    /// The written-side element of each synapse of the span the last <see cref="Next"/> returned
    /// (same length); empty when the pathway writes the spiking side (whose element is then the
    /// spike's source) or nothing was returned.
    /// </summary>
    public readonly ReadOnlySpan<int> Targets => _targets;

    /// <summary>
    /// The next non-empty span of synapse ids; empty when there are no more events this step.
    /// (Returned rather than an out parameter: a span local whose address is taken is not kept in
    /// registers, and the loop over it would reload it at every synapse.)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<int> Next()
    {
        if (_rows is not null)
        {
            while (_next < _spikes.Length)
            {
                int length = _rows.Segment(_slice, _endSlice, _spikes[_next++], out int first);
                if (length == 0)
                    continue;
                int[]? targets = _rows.Targets;
                _targets = targets is null ? default : new ReadOnlySpan<int>(targets, first, length);
                return new ReadOnlySpan<int>(_rows.Ids, first, length);
            }
        }
        else if (_queues is not null)
        {
            while (_slice < _endSlice)
            {
                ReadOnlySpan<int> ids = _queues.DueInSlice(_slice++, out _targets);
                if (!ids.IsEmpty)
                    return ids;
            }
        }
        _targets = default;
        return default;
    }
}
