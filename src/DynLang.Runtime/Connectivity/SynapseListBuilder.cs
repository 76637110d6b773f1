using System;
using System.Globalization;

namespace DynLang.Runtime;

/// <summary>
/// Growable (pre, post) pair list for the connectivity factories that do not know their
/// synapse count in advance (random, by condition). Doubling growth: O(n) amortized.
/// </summary>
internal sealed class SynapseListBuilder
{
    private readonly string _name;
    private int[] _pre;
    private int[] _post;

    public SynapseListBuilder(string name, long expectedCount)
    {
        _name = name;
        int capacity = (int)Math.Clamp(expectedCount, 16, 1 << 24);
        _pre = new int[capacity];
        _post = new int[capacity];
    }

    public int Count { get; private set; }

    public void Add(int pre, int post)
    {
        if (Count == _pre.Length)
            Grow();
        _pre[Count] = pre;
        _post[Count] = post;
        Count++;
    }

    /// <summary>The pairs, trimmed to <see cref="Count"/> (the builder must not be used afterwards).</summary>
    public (int[] Pre, int[] Post) ToArrays()
    {
        if (_pre.Length != Count)
        {
            Array.Resize(ref _pre, Count);
            Array.Resize(ref _post, Count);
        }
        return (_pre, _post);
    }

    private void Grow()
    {
        if (_pre.Length >= Array.MaxLength)
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Connectivity '{_name}': more than {Array.MaxLength} synapses, the most one connectivity can hold."));
        int capacity = (int)Math.Min((long)_pre.Length * 2, Array.MaxLength);
        Array.Resize(ref _pre, capacity);
        Array.Resize(ref _post, capacity);
    }
}
