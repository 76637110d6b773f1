using System;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace DynLang.Runtime;

/// <summary>
/// Spike delivery of one synaptic pathway (<c>on pre</c> or <c>on post</c>) split by slices of
/// the side its code writes: each step, <see cref="Push"/> takes the spikes, then
/// <see cref="Events"/>(first, end) gives the synapse ids due now whose written element lies in
/// those slices, each element's in Brian2's order. Disjoint slices can be delivered on different threads.
/// </summary>
/// <remarks>
/// <para>
/// Order: the events of a step are those of Brian2's <c>SpikeQueue</c> (see <see cref="SpikeQueue"/>:
/// earlier pushes first, then spikes in the given order, then synapse ids ascending); slice p gets
/// exactly the subsequence whose written element lies in p. A range of slices gives them slice
/// after slice within each spike's row (one delay) or each slice's queue (per-synapse delays),
/// which interleaves different elements' events otherwise than Brian2 but keeps every element's
/// own order. Every element of the written side is in one slice, so it sees all its events, in
/// Brian2's order, whatever the number of slices — and a pathway whose code writes only that
/// element and its synapse (<c>SynapseSplitRule</c> in the compiler) gives the same bits
/// slice by slice on any number of threads as on one.
/// </para>
/// <para>
/// No copying of synapse lists where the delay is the same for all synapses (zero included): the
/// ring holds the spike lists of the last <see cref="MaxDelaySteps"/> + 1 steps, and a slice walks
/// its part of the CSR rows of the spikes due now (<see cref="SlicedRows"/>). With per-synapse
/// delays each slice has a ring of synapse ids, as Brian2's queue, filled by <see cref="Events"/>
/// on the slice's own thread.
/// </para>
/// <para>
/// Per-step protocol: <see cref="Push"/>(n, spikes) exactly once for every step n, n + 1, … (the
/// first step may be any n ≥ 0), then <see cref="Events"/> for every slice (in one range or several)
/// when Push returned a positive event count. A step whose Push returned 0 has nothing to deliver and nothing to queue.
/// Delays must be whole numbers of time steps (<see cref="SpikeQueue.DelaySteps"/>). Buffers grow
/// by doubling: after the first steps, nothing is allocated.
/// </para>
/// </remarks>
public sealed partial class SlicedDelivery
{
    private readonly string _name;
    private readonly int _homogeneousSteps; // the delay when homogeneous
    private readonly int _ringLength;       // MaxDelaySteps + 1 slots, one per step from now on
    private SlicedRows _rows;

    // Homogeneous delay: slot (_offset + d) % _ringLength holds the spikes pushed d steps before
    // it is due (the ring of spike lists), and the number of synapse events they make.
    private readonly int[][]? _spikeSlots;
    private readonly int[]? _spikeCounts;
    private readonly long[]? _slotEvents;

    private int _offset;     // slot of the current step
    private long _step;      // current step (valid when _started)
    private int _lateBySteps; // how late the pushed spikes are (0 unless pushed late); fixed once started
    private bool _started;   // a step has been pushed since construction / Reset

    /// <summary>A delivery whose synapses all have the same <paramref name="delay"/>.</summary>
    /// <param name="connectivity">The synapses.</param>
    /// <param name="fromPost">False: spikes are pre-synaptic indices (on pre); true: post-synaptic (on post).</param>
    /// <param name="byPost">True: slices of post-synaptic elements; false: of pre-synaptic ones (the side the pathway writes).</param>
    /// <param name="delay">Delay of every synapse, a whole multiple of <paramref name="dt"/>.</param>
    /// <param name="dt">Time step of the network.</param>
    /// <param name="sliceCount">Number of slices (<see cref="SynapseParallelism.SliceCount"/>); results do not depend on it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connectivity"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The delay or dt is invalid (see <see cref="SpikeQueue.DelaySteps"/>), or <paramref name="sliceCount"/> is not positive.</exception>
    public SlicedDelivery(Connectivity connectivity, bool fromPost, bool byPost, double delay, double dt, int sliceCount)
        : this(new SlicedRows(connectivity, fromPost, byPost, sliceCount), delay, dt)
    {
    }

    /// <summary>A delivery with one delay per synapse (all equal: as the homogeneous constructor).</summary>
    /// <param name="connectivity">The synapses.</param>
    /// <param name="fromPost">False: spikes are pre-synaptic indices (on pre); true: post-synaptic (on post).</param>
    /// <param name="byPost">True: slices of post-synaptic elements; false: of pre-synaptic ones (the side the pathway writes).</param>
    /// <param name="delays">Delay of every synapse, by synapse id, each a whole multiple of <paramref name="dt"/>.</param>
    /// <param name="dt">Time step of the network.</param>
    /// <param name="sliceCount">Number of slices; results do not depend on it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connectivity"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="delays"/> does not have one entry per synapse.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A delay is invalid (the message names the synapse), dt is invalid, or <paramref name="sliceCount"/> is not positive.</exception>
    public SlicedDelivery(Connectivity connectivity, bool fromPost, bool byPost, ReadOnlySpan<double> delays, double dt, int sliceCount)
        : this(new SlicedRows(connectivity, fromPost, byPost, sliceCount), delays, dt)
    {
    }

    /// <summary>A delivery over prepared <paramref name="rows"/> whose synapses all have the same <paramref name="delay"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The delay or dt is invalid (see <see cref="SpikeQueue.DelaySteps"/>).</exception>
    public SlicedDelivery(SlicedRows rows, double delay, double dt)
        : this(rows)
    {
        _homogeneousSteps = SpikeQueue.DelaySteps(delay, dt, $"Delivery '{_name}'");
        IsHomogeneous = true;
        MaxDelaySteps = _homogeneousSteps;
        MinDelaySteps = _homogeneousSteps;
        _ringLength = MaxDelaySteps + 1;
        _spikeSlots = new int[_ringLength][];
        Array.Fill(_spikeSlots, Array.Empty<int>());
        _spikeCounts = new int[_ringLength];
        _slotEvents = new long[_ringLength];
    }

    /// <summary>A delivery over prepared <paramref name="rows"/> with one delay per synapse (all equal: as the homogeneous constructor).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="delays"/> does not have one entry per synapse.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A delay is invalid (the message names the synapse), or dt is invalid.</exception>
    public SlicedDelivery(SlicedRows rows, ReadOnlySpan<double> delays, double dt)
        : this(rows)
    {
        if (delays.Length != rows.Connectivity.Count)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Delivery '{_name}': {delays.Length} delays given for {rows.Connectivity.Count} synapses; one delay per synapse is needed."),
                nameof(delays));
        int[] steps = SpikeQueue.DelayStepsOf(delays, dt, $"Delivery '{_name}'", out int min, out int max);
        MaxDelaySteps = max;
        // No synapse: no delay bounds a late push.
        MinDelaySteps = steps.Length == 0 ? int.MaxValue : min;
        _ringLength = max + 1;
        // Like Brian2's scalar_delay: equal delays take the fast path, whatever the input form.
        IsHomogeneous = steps.Length == 0 || min == max;
        if (IsHomogeneous)
        {
            _homogeneousSteps = max;
            _spikeSlots = new int[_ringLength][];
            Array.Fill(_spikeSlots, Array.Empty<int>());
            _spikeCounts = new int[_ringLength];
            _slotEvents = new long[_ringLength];
        }
        else
        {
            _delaySteps = steps;
            _spikes = Array.Empty<int>();
            _rings = CreateSliceRings(rows.SliceCount, _ringLength, rows.Targets is not null);
        }
    }

    private SlicedDelivery(SlicedRows rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        _name = rows.Connectivity.Name;
        _rows = rows;
        SourceCount = rows.SourceCount;
    }

    /// <summary>The rows the events are read from.</summary>
    public SlicedRows Rows => _rows;

    /// <summary>The slices of the written side.</summary>
    public SynapseSlices Slices => _rows.Slices;

    /// <summary>Number of slices; <see cref="Events"/> takes ranges of [0, SliceCount).</summary>
    public int SliceCount => _rows.Slices.Count;

    /// <summary>Number of elements whose spikes are pushed.</summary>
    public int SourceCount { get; }

    /// <summary>The longest delay in steps.</summary>
    public int MaxDelaySteps { get; }

    /// <summary>
    /// The shortest delay in steps (<see cref="int.MaxValue"/> when there is no synapse): spikes may
    /// be pushed at most this many steps late (<see cref="Push(long, ReadOnlySpan{int}, int)"/>).
    /// </summary>
    public int MinDelaySteps { get; }

    /// <summary>True when every synapse has the same delay (spike lists are queued, not synapse ids).</summary>
    public bool IsHomogeneous { get; }

    /// <summary>
    /// Begins step <paramref name="step"/> with its spikes: they are queued for their delays, and
    /// the events due now become available through <see cref="Events"/>.
    /// </summary>
    /// <param name="step">The step: any n ≥ 0 at first, then always the step after the last.</param>
    /// <param name="spikes">Source indices that spiked (ascending, as <see cref="ISpikeSource"/> gives them; kept in the given order).</param>
    /// <returns>
    /// An estimate of the synapse events of this step, for the decision to split the work: with one
    /// delay, exactly the events due now; with per-synapse delays, those already queued for now plus
    /// every synapse the new spikes reach. 0 means there is nothing to deliver or queue.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">A spike index is outside [0, <see cref="SourceCount"/>), or the step is negative. Nothing changes then.</exception>
    /// <exception cref="InvalidOperationException">The step is not the one after the last (a step pushed twice, skipped, or gone back), which would lose or misplace spikes.</exception>
    public long Push(long step, ReadOnlySpan<int> spikes) => Push(step, spikes, 0);

    /// <summary>
    /// Begins step <paramref name="step"/> with spikes emitted <paramref name="lateBySteps"/> steps
    /// earlier, at step − lateBySteps: each reaches synapse s at (step − lateBySteps) + D[s], the step
    /// it would have reached it had it been pushed in time. A distributed network pushes the spikes of
    /// other ranks this way, one minimum-delay interval late (<see cref="ILateSpikeSource"/>).
    /// </summary>
    /// <param name="step">The step: any n ≥ 0 at first, then always the step after the last.</param>
    /// <param name="spikes">Source indices that spiked at step − lateBySteps, ascending.</param>
    /// <param name="lateBySteps">
    /// How late the spikes are, 0 ≤ lateBySteps ≤ <see cref="MinDelaySteps"/>, the same at every push
    /// (a change would put two steps' spikes into one slot of the ring).
    /// </param>
    /// <returns>As <see cref="Push(long, ReadOnlySpan{int})"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A spike index is outside [0, <see cref="SourceCount"/>), the step is negative, or lateBySteps is negative or longer than the shortest delay. Nothing changes then.</exception>
    /// <exception cref="InvalidOperationException">The step is not the one after the last, or lateBySteps differs from the last push's.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a hot loop: see DynLang.Core.Emit.Cpu.HotPath
    public long Push(long step, ReadOnlySpan<int> spikes, int lateBySteps)
    {
        CheckStep(step);
        if (lateBySteps != _lateBySteps)
            CheckLateness(lateBySteps);
        int sourceCount = SourceCount;
        long reached = 0;
        for (int k = 0; k < spikes.Length; k++)
        {
            int source = spikes[k];
            if ((uint)source >= (uint)sourceCount)
                ThrowBadSpike(k, source);
            reached += _rows.RowLength(source);
        }
        Advance(step);
        if (!IsHomogeneous)
            return PushPerSynapse(spikes, reached);

        int slot = _offset + _homogeneousSteps - lateBySteps;
        if (slot >= _ringLength)
            slot -= _ringLength;
        int[] buffer = _spikeSlots![slot];
        if (buffer.Length < spikes.Length)
            _spikeSlots[slot] = buffer = new int[Math.Max(spikes.Length, 2 * buffer.Length)];
        spikes.CopyTo(buffer);
        _spikeCounts![slot] = spikes.Length;
        _slotEvents![slot] = reached;
        return _slotEvents[_offset];
    }

    /// <summary>
    /// The events of the current step whose written element lies in slices
    /// [<paramref name="firstSlice"/>, <paramref name="endSlice"/>): spans of synapse ids in which
    /// every element sees its events in Brian2's order. Call after <see cref="Push"/>, once per slice
    /// (again: the same events); disjoint ranges may be taken on different threads at once.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is empty or outside [0, <see cref="SliceCount"/>).</exception>
    public SliceEvents Events(int firstSlice, int endSlice)
    {
        if (firstSlice < 0 || endSlice > SliceCount || firstSlice >= endSlice)
            throw new ArgumentOutOfRangeException(nameof(firstSlice), firstSlice, string.Create(CultureInfo.InvariantCulture,
                $"Delivery '{_name}': slices [{firstSlice}, {endSlice}) are not a range of [0, {SliceCount})."));
        if (!_started)
            return default;
        if (!IsHomogeneous)
            return new SliceEvents(this, firstSlice, endSlice);
        return new SliceEvents(_rows, firstSlice, endSlice, new ReadOnlySpan<int>(_spikeSlots![_offset], 0, _spikeCounts![_offset]));
    }

    /// <summary>Drops every queued spike and forgets the current step (keeps the buffers).</summary>
    public void Reset()
    {
        if (IsHomogeneous)
        {
            Array.Clear(_spikeCounts!);
            Array.Clear(_slotEvents!);
        }
        else
        {
            ClearSliceRings();
        }
        _offset = 0;
        _started = false;
        _lateBySteps = 0;
    }

    /// <summary>
    /// Cuts the written side into <paramref name="sliceCount"/> slices instead (see <see cref="UseRows"/>).
    /// Does nothing when the count is the same.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sliceCount"/> is not positive.</exception>
    public void Reslice(int sliceCount)
    {
        if (sliceCount != SliceCount)
            UseRows(new SlicedRows(_rows.Connectivity, _rows.FromPost, _rows.Slices.ByPost, sliceCount));
    }

    /// <summary>
    /// Reads the events from <paramref name="rows"/> (the same pathway cut into other slices, for a
    /// run on a pool of another size) from now on, keeping the spikes in flight. Call between
    /// steps, after every slice of the last step was taken. Does nothing for the current rows.
    /// </summary>
    /// <remarks>
    /// With per-synapse delays, the synapse ids already queued keep each written element's order
    /// (Brian2's), which is all a split pathway's results depend on; how different elements'
    /// events interleave within a new slice may differ from Brian2's until they are delivered.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="rows"/> are of another connectivity, direction or written side.</exception>
    public void UseRows(SlicedRows rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (ReferenceEquals(rows, _rows))
            return;
        if (rows.Connectivity != _rows.Connectivity || rows.FromPost != _rows.FromPost || rows.Slices.ByPost != _rows.Slices.ByPost)
            throw new ArgumentException($"Delivery '{_name}': the rows are of another pathway (connectivity, direction or written side).", nameof(rows));
        if (!IsHomogeneous)
            MoveSliceRings(rows);
        _rows = rows;
    }

    /// <summary>A lateness must fit under the shortest delay, and may change only before the first push (or after a Reset).</summary>
    private void CheckLateness(int lateBySteps)
    {
        if (lateBySteps < 0 || lateBySteps > MinDelaySteps)
            throw new ArgumentOutOfRangeException(nameof(lateBySteps), lateBySteps, string.Create(CultureInfo.InvariantCulture,
                $"Delivery '{_name}': spikes pushed {lateBySteps} steps late, but the shortest delay is {MinDelaySteps} steps: they would arrive before they were pushed. A distributed network exchanges spikes every minimum delay; a delay shorter than that interval cannot be met."));
        if (_started)
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Delivery '{_name}': spikes were pushed {_lateBySteps} steps late so far and now {lateBySteps}; the lateness is fixed once spikes are queued (Reset first)."));
        _lateBySteps = lateBySteps;
    }

    private void CheckStep(long step)
    {
        if (step < 0)
            throw new ArgumentOutOfRangeException(nameof(step), step, string.Create(CultureInfo.InvariantCulture,
                $"Delivery '{_name}': step {step} is negative."));
        if (_started && step != _step + 1)
            ThrowOutOfOrder(step);
    }

    /// <summary>Moves the ring to <paramref name="step"/>: the slot of the last step is emptied and becomes the farthest future step.</summary>
    private void Advance(long step)
    {
        if (_started)
        {
            if (IsHomogeneous)
            {
                _spikeCounts![_offset] = 0;
                _slotEvents![_offset] = 0;
            }
            else
            {
                ClearSliceSlot(_offset);
            }
            _offset = _offset + 1 == _ringLength ? 0 : _offset + 1;
        }
        _started = true;
        _step = step;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowBadSpike(int position, int value) =>
        throw new ArgumentOutOfRangeException("spikes", value, string.Create(CultureInfo.InvariantCulture,
            $"Delivery '{_name}': spike at position {position} has index {value}, outside [0, {SourceCount}) of the {(_rows.FromPost ? "postsynaptic" : "presynaptic")} population."));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowOutOfOrder(long step) =>
        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
            $"Delivery '{_name}': step {step} after step {_step}; push every step once, in order ({_step + 1} expected), or queued spikes would be lost or misplaced."));
}
