using System;
using System.Globalization;

namespace DynLang.Distributed;

/// <summary>The spikes of all ranks for the last few steps, one growable slot per step (slot = step mod length); allocation-free once grown.</summary>
internal sealed class RingOfSteps
{
    private int[][] _slots = Array.Empty<int[]>();
    private int[] _counts = Array.Empty<int>();
    private long[] _stepOf = Array.Empty<long>();

    /// <summary>Empties the ring and gives it <paramref name="length"/> slots.</summary>
    public void Reset(int length)
    {
        _slots = new int[length][];
        Array.Fill(_slots, Array.Empty<int>());
        _counts = new int[length];
        _stepOf = new long[length];
        Array.Fill(_stepOf, -1L);
    }

    /// <summary>The slot of <paramref name="step"/>, holding at least <paramref name="count"/> spikes (its count set to it).</summary>
    public int[] Prepare(long step, int count)
    {
        int k = (int)(step % _slots.Length);
        if (_slots[k].Length < count) _slots[k] = new int[Math.Max(count, 2 * _slots[k].Length)];
        _counts[k] = count;
        _stepOf[k] = step;
        return _slots[k];
    }

    /// <summary>The spikes of <paramref name="step"/>, which must be in the ring.</summary>
    /// <exception cref="InvalidOperationException">The step is not (or no longer) in the ring: an internal error of the exchange's timing.</exception>
    public (int[] Array, int Count) Get(long step)
    {
        int k = (int)(step % _slots.Length);
        if (_stepOf[k] != step)
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"The spikes of step {step} are not in the exchange ring (it holds step {_stepOf[k]} there): exchange and delivery are out of step."));
        return (_slots[k], _counts[k]);
    }
}
