using System;
using System.Runtime.CompilerServices;

namespace DynLang.Runtime;

// Per-synapse delays: each slice has its own ring of synapse ids (Brian2's queue, restricted to
// the slice) and of their targets, filled on the slice's thread when the slice is taken, so
// pushing is split too.
public sealed partial class SlicedDelivery
{
    private readonly int[]? _delaySteps;  // per synapse; null when homogeneous
    private SliceRing[]? _rings;          // per slice
    private int[]? _spikes;               // this step's spikes, queued by each slice when taken
    private int _spikeCount;

    /// <summary>One slice's ring: slot (_offset + d) % length holds the ids due d steps from now, and their targets.</summary>
    private sealed class SliceRing
    {
        public readonly int[][] Ids;
        public readonly int[][]? Targets;   // null when the written side is the spiking side
        public readonly int[] Counts;
        public long PushedStep = -1;        // the step whose spikes this slice has queued

        public SliceRing(int ringLength, bool withTargets)
        {
            Ids = new int[ringLength][];
            Array.Fill(Ids, Array.Empty<int>());
            if (withTargets)
            {
                Targets = new int[ringLength][];
                Array.Fill(Targets, Array.Empty<int>());
            }
            Counts = new int[ringLength];
        }

        /// <summary>Appends a synapse to a slot, growing its buffers by doubling.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(int slot, int synapse, int target)
        {
            int count = Counts[slot];
            if (count == Ids[slot].Length)
                Grow(slot, count);
            Ids[slot][count] = synapse;
            if (Targets is not null)
                Targets[slot][count] = target;
            Counts[slot] = count + 1;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private void Grow(int slot, int count)
        {
            if (count >= Array.MaxLength)
                throw new InvalidOperationException($"More than {Array.MaxLength} synapse events due in one step of one slice.");
            int capacity = (int)Math.Min(Math.Max(2L * count, 16), Array.MaxLength);
            Array.Resize(ref Ids[slot], capacity);
            if (Targets is not null)
                Array.Resize(ref Targets[slot], capacity);
        }
    }

    private static SliceRing[] CreateSliceRings(int sliceCount, int ringLength, bool withTargets)
    {
        var rings = new SliceRing[sliceCount];
        for (int p = 0; p < sliceCount; p++)
            rings[p] = new SliceRing(ringLength, withTargets);
        return rings;
    }

    /// <summary>Keeps this step's spikes for the slices; returns the events queued for now plus those the spikes reach.</summary>
    private long PushPerSynapse(ReadOnlySpan<int> spikes, long reached)
    {
        if (_spikes!.Length < spikes.Length)
            _spikes = new int[Math.Max(spikes.Length, 2 * _spikes.Length)];
        spikes.CopyTo(_spikes);
        _spikeCount = spikes.Length;
        long due = reached;
        foreach (SliceRing ring in _rings!)
            due += ring.Counts[_offset];
        return due;
    }

    /// <summary>Queues this step's spikes in the slice's ring (once per step), then returns the slice's ids due now and their targets.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a hot loop: see DynLang.Core.Emit.Cpu.HotPath
    internal ReadOnlySpan<int> DueInSlice(int slice, out ReadOnlySpan<int> dueTargets)
    {
        SliceRing ring = _rings![slice];
        if (ring.PushedStep != _step)
        {
            ring.PushedStep = _step;
            SlicedRows rows = _rows;
            int[] ids = rows.Ids;
            int[]? targets = rows.Targets;
            int[] delays = _delaySteps!;
            // Spikes pushed late reach their synapses that many steps sooner after the push (never before it: late ≤ the shortest delay).
            int offset = _offset - _lateBySteps, ringLength = _ringLength;
            for (int k = 0; k < _spikeCount; k++)
            {
                int source = _spikes![k];
                int length = rows.Segment(slice, slice + 1, source, out int first);
                for (int e = first; e < first + length; e++)
                {
                    int synapse = ids[e];
                    int slot = offset + delays[synapse];
                    if (slot >= ringLength)
                        slot -= ringLength;
                    ring.Add(slot, synapse, targets is null ? source : targets[e]);
                }
            }
        }
        int count = ring.Counts[_offset];
        dueTargets = ring.Targets is null ? default : new ReadOnlySpan<int>(ring.Targets[_offset], 0, count);
        return new ReadOnlySpan<int>(ring.Ids[_offset], 0, count);
    }

    private void ClearSliceSlot(int slot)
    {
        foreach (SliceRing ring in _rings!)
            ring.Counts[slot] = 0;
    }

    private void ClearSliceRings()
    {
        foreach (SliceRing ring in _rings!)
        {
            Array.Clear(ring.Counts);
            ring.PushedStep = -1;
        }
        _spikeCount = 0;
    }

    /// <summary>
    /// Moves the queued events into rings for <paramref name="rows"/>' slices. Per slot, the old
    /// slices are read in order and each event goes to the new slice of its written element: every
    /// element's events stay in their order, because they were all in one old slice.
    /// </summary>
    private void MoveSliceRings(SlicedRows rows)
    {
        SynapseSlices slices = rows.Slices;
        var moved = CreateSliceRings(slices.Count, _ringLength, rows.Targets is not null);
        int[] sliceOf = slices.SliceOfEachElement();
        ReadOnlySpan<int> owner = slices.ByPost ? rows.Connectivity.PostIndex : rows.Connectivity.PreIndex;
        foreach (SliceRing ring in _rings!)
        {
            for (int slot = 0; slot < _ringLength; slot++)
            {
                for (int k = 0; k < ring.Counts[slot]; k++)
                {
                    int synapse = ring.Ids[slot][k];
                    int target = owner[synapse];
                    moved[sliceOf[target]].Add(slot, synapse, target);
                }
            }
        }
        // Between steps, every slice has queued the last step's spikes (or they reach no synapse).
        if (_started)
            foreach (SliceRing ring in moved)
                ring.PushedStep = _step;
        _rings = moved;
    }
}
