using System;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace DynLang.Runtime;

/// <summary>
/// Synaptic delays: holds the synapse ids a spike has reached until their delay has elapsed,
/// and hands them out at the right step, in Brian2's order.
/// </summary>
/// <remarks>
/// <para>
/// Semantics are those of Brian2's C++ <c>CSpikeQueue</c> (brian2/synapses/spikequeue.h, named
/// cspikequeue.cpp before Brian2 2.10; used unchanged by its Cython and C++ standalone targets):
/// a spike of source element k pushed at step n reaches synapse s at step n + D[s], where
/// D[s] = delay[s]/dt in whole steps. The queue is a ring of <see cref="MaxDelaySteps"/> + 1
/// slots, one per future step; a push appends, for every spike in the given order and every
/// synapse of that spike in ascending id, the synapse id to the slot of step n + D[s]. A slot
/// is therefore delivered in push order (earlier steps first), within one push in spike
/// order, within one spike in ascending synapse id - exactly Brian2's order, on which the
/// order of floating-point additions into postsynaptic variables depends.
/// </para>
/// <para>
/// Per-step protocol (Brian2's synapses phase: <c>advance(); push(spikes)</c> in the
/// push_spikes code object, then the on_pre code reads <c>peek()</c>): at step n call
/// <see cref="Push"/>(n, spikes) - zero or more times - and then <see cref="Deliver"/>(n) exactly
/// once. A zero delay is therefore delivered in the step of the spike. Steps must follow each
/// other without gaps (n, n + 1, …; the first step may be any n ≥ 0); going backwards, skipping
/// a step, delivering a step twice, or pushing after the step's delivery throws
/// <see cref="InvalidOperationException"/>, because each would lose or misplace spikes.
/// <see cref="Reset"/> empties the queue and forgets the step.
/// </para>
/// <para>
/// Slots are growable int buffers (doubling): after the first steps have sized them, pushing
/// and delivering allocate nothing.
/// </para>
/// <para>
/// Delays must be whole multiples of dt. Brian2 rounds other values to the nearest step; DynLang
/// refuses them (see <see cref="DelaySteps"/>), so that a delay never silently changes.
/// </para>
/// </remarks>
public sealed partial class SpikeQueue
{
    /// <summary>
    /// Largest accepted delay in steps: the ring holds one array per step up to the maximum
    /// delay, and .NET arrays hold at most <see cref="Array.MaxLength"/> elements.
    /// </summary>
    public static readonly int MaxSupportedDelaySteps = Array.MaxLength - 1;

    private readonly string _name;
    private readonly int[] _groupStart;     // CSR row starts of the source side
    private readonly int[] _groupSynapses;  // synapse ids grouped by source element
    private readonly int[]? _delaySteps;    // per synapse; null when homogeneous
    private readonly int _homogeneousSteps; // the delay when homogeneous
    private readonly int[][] _slots;        // ring: _slots[(_offset + d) % length] is step _step + d
    private readonly int[] _slotCounts;

    private int _offset;       // slot of the current step
    private long _step;        // current step (valid when _started)
    private bool _started;     // a step has been entered since construction / Reset
    private bool _delivered;   // the current step has been delivered

    /// <summary>A queue whose synapses all have the same <paramref name="delay"/>.</summary>
    /// <param name="connectivity">The synapses.</param>
    /// <param name="fromPost">
    /// False: spikes are presynaptic indices and reach their outgoing synapses (on_pre);
    /// true: spikes are postsynaptic indices and reach their incoming synapses (on_post).
    /// </param>
    /// <param name="delay">Delay of every synapse, a whole multiple of <paramref name="dt"/> (same time unit).</param>
    /// <param name="dt">Time step of the network.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connectivity"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The delay is negative, not finite, not a whole number of steps, or dt is not positive and finite.</exception>
    public SpikeQueue(Connectivity connectivity, bool fromPost, double delay, double dt)
        : this(connectivity, fromPost, dt)
    {
        _homogeneousSteps = DelaySteps(delay, dt, $"SpikeQueue '{_name}'");
        MaxDelaySteps = _homogeneousSteps;
        IsHomogeneous = true;
        (_slots, _slotCounts) = CreateRing(MaxDelaySteps);
    }

    /// <summary>A queue with one delay per synapse.</summary>
    /// <param name="connectivity">The synapses.</param>
    /// <param name="fromPost">
    /// False: spikes are presynaptic indices and reach their outgoing synapses (on_pre);
    /// true: spikes are postsynaptic indices and reach their incoming synapses (on_post).
    /// </param>
    /// <param name="delays">Delay of every synapse, by synapse id, each a whole multiple of <paramref name="dt"/>.</param>
    /// <param name="dt">Time step of the network.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connectivity"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="delays"/> does not have one entry per synapse.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A delay is negative, not finite, not a whole number of steps (the message names the synapse), or dt is not positive and finite.</exception>
    public SpikeQueue(Connectivity connectivity, bool fromPost, ReadOnlySpan<double> delays, double dt)
        : this(connectivity, fromPost, dt)
    {
        if (delays.Length != connectivity.Count)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"SpikeQueue '{_name}': {delays.Length} delays given for {connectivity.Count} synapses; one delay per synapse is needed."),
                nameof(delays));

        int[] steps = DelayStepsOf(delays, dt, $"SpikeQueue '{_name}'", out int min, out int max);
        MaxDelaySteps = max;
        // Like Brian2's `scalar_delay`: equal delays take the fast path, whatever the input form.
        IsHomogeneous = steps.Length == 0 || min == max;
        if (IsHomogeneous)
            _homogeneousSteps = max;
        else
            _delaySteps = steps;
        (_slots, _slotCounts) = CreateRing(MaxDelaySteps);
    }

    private SpikeQueue(Connectivity connectivity, bool fromPost, double dt)
    {
        ArgumentNullException.ThrowIfNull(connectivity);
        _name = connectivity.Name;
        CheckDt(dt, string.Create(CultureInfo.InvariantCulture, $"SpikeQueue '{_name}'"));
        Connectivity = connectivity;
        FromPost = fromPost;
        // Shared with the (immutable) connectivity rather than copied: CSR arrays can be large.
        (_groupStart, _groupSynapses) = connectivity.CsrArrays(fromPost);
        SourceCount = fromPost ? connectivity.PostCount : connectivity.PreCount;
        _slots = null!;       // set by the public constructors, once the maximum delay is known
        _slotCounts = null!;
    }

    /// <summary>The synapses this queue delivers to.</summary>
    public Connectivity Connectivity { get; }

    /// <summary>True when spikes are postsynaptic indices (an on_post pathway).</summary>
    public bool FromPost { get; }

    /// <summary>Number of elements whose spikes are pushed: <see cref="Connectivity.PostCount"/> when <see cref="FromPost"/>, else <see cref="Connectivity.PreCount"/>.</summary>
    public int SourceCount { get; }

    /// <summary>The longest delay in steps; the ring has this many slots plus one.</summary>
    public int MaxDelaySteps { get; }

    /// <summary>True when every synapse has the same delay (then a push copies whole CSR rows).</summary>
    public bool IsHomogeneous { get; }

    /// <summary>
    /// Queues the spikes of step <paramref name="step"/>: each spike's synapses are due at
    /// <paramref name="step"/> + their delay. Call before <see cref="Deliver"/> of the same step.
    /// </summary>
    /// <param name="step">The current step (the same as the last call's, or the one after a delivered step).</param>
    /// <param name="spikes">Source indices that spiked (ascending, as <see cref="ISpikeSource"/> gives them; kept in the given order).</param>
    /// <exception cref="ArgumentOutOfRangeException">A spike index is outside [0, <see cref="SourceCount"/>), or <paramref name="step"/> is negative. Nothing is queued then.</exception>
    /// <exception cref="InvalidOperationException">The step breaks the per-step protocol (see the remarks).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a hot loop: see DynLang.Core.Emit.Cpu.HotPath
    public void Push(long step, ReadOnlySpan<int> spikes)
    {
        bool advance = CheckStep(step, deliver: false);
        int sourceCount = SourceCount;
        for (int k = 0; k < spikes.Length; k++)
            if ((uint)spikes[k] >= (uint)sourceCount)
                ThrowBadSpike(k, spikes[k]);
        if (advance)
            Advance(step);

        if (IsHomogeneous)
            PushHomogeneous(spikes);
        else
            PushPerSynapse(spikes);
    }

    /// <summary>
    /// The synapse ids due at step <paramref name="step"/>, in Brian2's order (see the remarks).
    /// The span is valid until the next <see cref="Push"/>, <see cref="Deliver"/> or <see cref="Reset"/>.
    /// </summary>
    /// <param name="step">The current step; a step without a preceding <see cref="Push"/> is a step without spikes.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is negative.</exception>
    /// <exception cref="InvalidOperationException">The step was already delivered, or breaks the order of steps (see the remarks).</exception>
    public ReadOnlySpan<int> Deliver(long step)
    {
        if (CheckStep(step, deliver: true))
            Advance(step);
        _delivered = true;
        return new ReadOnlySpan<int>(_slots[_offset], 0, _slotCounts[_offset]);
    }

    /// <summary>Drops every queued spike and forgets the current step (for a network reset); keeps the buffers.</summary>
    public void Reset()
    {
        Array.Clear(_slotCounts);
        _offset = 0;
        _started = false;
        _delivered = false;
    }

    private static (int[][] Slots, int[] Counts) CreateRing(int maxDelaySteps)
    {
        var slots = new int[maxDelaySteps + 1][];
        Array.Fill(slots, Array.Empty<int>());
        return (slots, new int[maxDelaySteps + 1]);
    }

    /// <summary>
    /// Checks <paramref name="step"/> against the protocol without changing anything; returns
    /// true when the call moves on to the next step (the caller then calls <see cref="Advance"/>).
    /// </summary>
    private bool CheckStep(long step, bool deliver)
    {
        if (step < 0)
            throw new ArgumentOutOfRangeException(nameof(step), step, string.Create(CultureInfo.InvariantCulture,
                $"SpikeQueue '{_name}': step {step} is negative."));
        if (!_started)
            return true;
        if (step == _step)
        {
            if (_delivered)
                ThrowAlreadyDelivered(step, deliver);
            return false;
        }
        if (step == _step + 1)
        {
            if (!_delivered)
                ThrowNotDelivered(step);
            return true;
        }
        ThrowOutOfOrder(step);
        return false;
    }

    /// <summary>Moves the ring to <paramref name="step"/>: the delivered slot is emptied and becomes the farthest future step.</summary>
    private void Advance(long step)
    {
        if (_started)
        {
            _slotCounts[_offset] = 0;
            _offset = _offset + 1 == _slots.Length ? 0 : _offset + 1;
        }
        _started = true;
        _step = step;
        _delivered = false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a hot loop: see DynLang.Core.Emit.Cpu.HotPath
    private void PushHomogeneous(ReadOnlySpan<int> spikes)
    {
        int slot = _offset + _homogeneousSteps;
        if (slot >= _slots.Length)
            slot -= _slots.Length;
        int[] start = _groupStart;
        foreach (int source in spikes)
        {
            int first = start[source];
            int n = start[source + 1] - first;
            if (n == 0)
                continue;
            int count = _slotCounts[slot];
            int[] buffer = Reserve(slot, count + n);
            Array.Copy(_groupSynapses, first, buffer, count, n);
            _slotCounts[slot] = count + n;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a hot loop: see DynLang.Core.Emit.Cpu.HotPath
    private void PushPerSynapse(ReadOnlySpan<int> spikes)
    {
        int[] start = _groupStart;
        int[] ids = _groupSynapses;
        int[] delays = _delaySteps!;
        int ringLength = _slots.Length;
        foreach (int source in spikes)
        {
            int end = start[source + 1];
            for (int k = start[source]; k < end; k++)
            {
                int synapse = ids[k];
                int slot = _offset + delays[synapse];
                if (slot >= ringLength)
                    slot -= ringLength;
                int count = _slotCounts[slot];
                int[] buffer = Reserve(slot, count + 1);
                buffer[count] = synapse;
                _slotCounts[slot] = count + 1;
            }
        }
    }

    /// <summary>The buffer of <paramref name="slot"/>, grown (doubling) to hold <paramref name="needed"/> ids.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int[] Reserve(int slot, int needed)
    {
        int[] buffer = _slots[slot];
        return needed <= buffer.Length ? buffer : Grow(slot, needed);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int[] Grow(int slot, int needed)
    {
        int capacity = (int)Math.Min(Math.Max(Math.Max((long)_slots[slot].Length * 2, needed), 16), Array.MaxLength);
        if (capacity < needed)
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"SpikeQueue '{_name}': more than {Array.MaxLength} synapse events due in one step."));
        int[] grown = new int[capacity];
        Array.Copy(_slots[slot], grown, _slotCounts[slot]);
        _slots[slot] = grown;
        return grown;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowBadSpike(int position, int value) =>
        throw new ArgumentOutOfRangeException("spikes", value, string.Create(CultureInfo.InvariantCulture,
            $"SpikeQueue '{_name}': spike at position {position} has index {value}, outside [0, {SourceCount}) of the {(FromPost ? "postsynaptic" : "presynaptic")} population."));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowAlreadyDelivered(long step, bool deliver) =>
        throw new InvalidOperationException(deliver
            ? string.Create(CultureInfo.InvariantCulture, $"SpikeQueue '{_name}': step {step} was already delivered; Deliver once per step.")
            : string.Create(CultureInfo.InvariantCulture, $"SpikeQueue '{_name}': Push for step {step} after that step was delivered; push a step's spikes before its Deliver."));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowNotDelivered(long step) =>
        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
            $"SpikeQueue '{_name}': step {step} begun before step {_step} was delivered; call Deliver once for every step, or its synapse events would be lost."));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowOutOfOrder(long step) =>
        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
            $"SpikeQueue '{_name}': step {step} after step {_step}; steps must follow one another ({_step} or {_step + 1} expected), or queued spikes would be lost or misplaced."));
}
