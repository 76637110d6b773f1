using System;
using System.Runtime.CompilerServices;

namespace DynLang.Runtime;

// Per-synapse delays: each slice has its own ring of synapse ids (Brian2's queue, restricted to
// the slice), filled on the slice's thread when the slice is taken, so pushing is split too.
public sealed partial class SlicedDelivery
{
    private readonly int[]? _delaySteps;  // per synapse; null when homogeneous
    private int[][][]? _idSlots;          // [slice][slot]: ids due at step _step + (slot − _offset) mod ring
    private int[][]? _idCounts;           // [slice][slot]
    private long[]? _slicePushedStep;     // [slice]: the step whose spikes the slice has queued (-1: none)
    private int[]? _spikes;               // this step's spikes, queued by each slice when taken
    private int _spikeCount;

    private static (int[][][] Slots, int[][] Counts, long[] Pushed) CreateSliceRings(int sliceCount, int ringLength)
    {
        var slots = new int[sliceCount][][];
        var counts = new int[sliceCount][];
        for (int p = 0; p < sliceCount; p++)
        {
            slots[p] = new int[ringLength][];
            Array.Fill(slots[p], Array.Empty<int>());
            counts[p] = new int[ringLength];
        }
        var pushed = new long[sliceCount];
        Array.Fill(pushed, -1L);
        return (slots, counts, pushed);
    }

    /// <summary>Keeps this step's spikes for the slices; returns the events queued for now plus those the spikes reach.</summary>
    private long PushPerSynapse(ReadOnlySpan<int> spikes, long reached)
    {
        if (_spikes!.Length < spikes.Length)
            _spikes = new int[Math.Max(spikes.Length, 2 * _spikes.Length)];
        spikes.CopyTo(_spikes);
        _spikeCount = spikes.Length;
        long due = reached;
        foreach (int[] counts in _idCounts!)
            due += counts[_offset];
        return due;
    }

    /// <summary>Queues this step's spikes in the slice's ring (once per step), then returns the slice's ids due now.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a hot loop: see DynLang.Core.Emit.Cpu.HotPath
    private ReadOnlySpan<int> DueInSlice(int slice)
    {
        int[][] slots = _idSlots![slice];
        int[] counts = _idCounts![slice];
        if (_slicePushedStep![slice] != _step)
        {
            _slicePushedStep[slice] = _step;
            int[] delays = _delaySteps!;
            int offset = _offset, ringLength = _ringLength;
            for (int k = 0; k < _spikeCount; k++)
            {
                foreach (int synapse in _rows.Row(slice, _spikes![k]))
                {
                    int slot = offset + delays[synapse];
                    if (slot >= ringLength)
                        slot -= ringLength;
                    int count = counts[slot];
                    int[] buffer = slots[slot];
                    if (count == buffer.Length)
                        slots[slot] = buffer = Grow(buffer, count);
                    buffer[count] = synapse;
                    counts[slot] = count + 1;
                }
            }
        }
        return new ReadOnlySpan<int>(slots[_offset], 0, counts[_offset]);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int[] Grow(int[] buffer, int count)
    {
        if (count >= Array.MaxLength)
            throw new InvalidOperationException($"Delivery '{_name}': more than {Array.MaxLength} synapse events due in one step of one slice.");
        var grown = new int[(int)Math.Min(Math.Max(2L * buffer.Length, 16), Array.MaxLength)];
        Array.Copy(buffer, grown, count);
        return grown;
    }

    private void ClearSliceSlot(int slot)
    {
        foreach (int[] counts in _idCounts!)
            counts[slot] = 0;
    }

    private void ClearSliceRings()
    {
        foreach (int[] counts in _idCounts!)
            Array.Clear(counts);
        Array.Fill(_slicePushedStep!, -1L);
        _spikeCount = 0;
    }

    /// <summary>
    /// Moves the queued ids into rings for <paramref name="slices"/>. Per slot, the old slices are
    /// read in order and each id goes to the new slice of its written element: every element's
    /// events stay in their order, because they were all in one old slice.
    /// </summary>
    private void MoveSliceRings(SynapseSlices slices)
    {
        var (slots, counts, pushed) = CreateSliceRings(slices.Count, _ringLength);
        int[] sliceOf = slices.SliceOfEachElement();
        ReadOnlySpan<int> owner = slices.ByPost ? _connectivity.PostIndex : _connectivity.PreIndex;
        for (int p = 0; p < _idSlots!.Length; p++)
        {
            for (int slot = 0; slot < _ringLength; slot++)
            {
                for (int k = 0; k < _idCounts![p][slot]; k++)
                {
                    int synapse = _idSlots[p][slot][k];
                    int q = sliceOf[owner[synapse]];
                    int count = counts[q][slot];
                    if (count == slots[q][slot].Length)
                        slots[q][slot] = Grow(slots[q][slot], count);
                    slots[q][slot][count] = synapse;
                    counts[q][slot] = count + 1;
                }
            }
        }
        // Between steps, every slice has queued the last step's spikes (or they reach no synapse).
        if (_started)
            Array.Fill(pushed, _step);
        (_idSlots, _idCounts, _slicePushedStep) = (slots, counts, pushed);
    }
}
