using System;
using System.Runtime.CompilerServices;

namespace DynLang.Runtime;

/// <summary>
/// The synapse events of one slice in one step (<see cref="SlicedDelivery.Slice"/>), as a series
/// of spans of synapse ids in Brian2's order: one span per due spike (its synapses in the slice)
/// with a single delay, or one span of queued ids with per-synapse delays. Allocation-free.
/// </summary>
/// <example>
/// <code>
/// var events = delivery.Slice(p);
/// while (events.Next(out ReadOnlySpan&lt;int&gt; ids))
///     foreach (int s in ids) { /* the pathway's code for synapse s */ }
/// </code>
/// </example>
public ref struct SliceEvents
{
    private readonly SlicedRows? _rows;  // null: the events are the single span _pending
    private readonly int _slice;
    private readonly ReadOnlySpan<int> _spikes;
    private int _next;
    private ReadOnlySpan<int> _pending;

    /// <summary>The slice's part of the CSR rows of <paramref name="spikes"/>, spike by spike.</summary>
    internal SliceEvents(SlicedRows rows, int slice, ReadOnlySpan<int> spikes)
    {
        _rows = rows;
        _slice = slice;
        _spikes = spikes;
    }

    /// <summary>One span of ids.</summary>
    internal SliceEvents(ReadOnlySpan<int> ids) => _pending = ids;

    /// <summary>The next non-empty span of synapse ids; false when the slice has no more events this step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Next(out ReadOnlySpan<int> synapses)
    {
        if (_rows is not null)
        {
            while (_next < _spikes.Length)
            {
                synapses = _rows.Row(_slice, _spikes[_next++]);
                if (!synapses.IsEmpty)
                    return true;
            }
            synapses = default;
            return false;
        }
        synapses = _pending;
        _pending = default;
        return !synapses.IsEmpty;
    }
}
