using System;
using System.Runtime.CompilerServices;

namespace DynLang.Runtime;

/// <summary>
/// The synapse events of one slice in one step (<see cref="SlicedDelivery.Slice"/>), as a series
/// of spans of synapse ids in Brian2's order: one span per due spike (its synapses in the slice)
/// with a single delay, or one span of queued ids with per-synapse delays. After each
/// <see cref="Next"/>, <see cref="Targets"/> holds the written-side element of each of its
/// synapses, when the written side is not the spiking side. Allocation-free.
/// </summary>
/// <example>
/// <code>
/// var events = delivery.Slice(p);
/// for (ReadOnlySpan&lt;int&gt; ids = events.Next(); !ids.IsEmpty; ids = events.Next())
/// {
///     ReadOnlySpan&lt;int&gt; targets = events.Targets;
///     for (int k = 0; k &lt; ids.Length; k++) { /* the pathway's code for synapse ids[k], element targets[k] */ }
/// }
/// </code>
/// </example>
public ref struct SliceEvents
{
    private readonly SlicedRows? _rows;  // null: the events are the single span _pending
    private readonly int _slice;
    private readonly ReadOnlySpan<int> _spikes;
    private int _next;
    private ReadOnlySpan<int> _pending, _pendingTargets;
    private ReadOnlySpan<int> _targets;

    /// <summary>The slice's segments of the rows of <paramref name="spikes"/>, spike by spike.</summary>
    internal SliceEvents(SlicedRows rows, int slice, ReadOnlySpan<int> spikes)
    {
        _rows = rows;
        _slice = slice;
        _spikes = spikes;
    }

    /// <summary>One span of ids (and their targets, or an empty span).</summary>
    internal SliceEvents(ReadOnlySpan<int> ids, ReadOnlySpan<int> targets)
    {
        _pending = ids;
        _pendingTargets = targets;
    }

    /// <summary>
    /// The written-side element of each synapse of the span the last <see cref="Next"/> returned
    /// (same length); empty when the pathway writes the spiking side (whose element is then the
    /// spike's source) or nothing was returned.
    /// </summary>
    public readonly ReadOnlySpan<int> Targets => _targets;

    /// <summary>
    /// The next non-empty span of synapse ids; empty when the slice has no more events this step.
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
                int length = _rows.Segment(_slice, _spikes[_next++], out int first);
                if (length == 0)
                    continue;
                int[]? targets = _rows.Targets;
                _targets = targets is null ? default : new ReadOnlySpan<int>(targets, first, length);
                return new ReadOnlySpan<int>(_rows.Ids, first, length);
            }
            _targets = default;
            return default;
        }
        ReadOnlySpan<int> pending = _pending;
        _targets = _pendingTargets;
        _pending = default;
        _pendingTargets = default;
        return pending;
    }
}
