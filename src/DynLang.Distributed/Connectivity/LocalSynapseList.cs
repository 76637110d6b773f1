using System;
using System.Globalization;

namespace DynLang.Distributed;

/// <summary>
/// Growable list of a rank's synapses: global pre index, local post index and the global synapse
/// id, for the factories that learn their synapses one by one (random pairs, index files).
/// Doubling growth, O(n) amortized; the arrays are handed over without a copy when full-size.
/// </summary>
internal sealed class LocalSynapseList
{
    private readonly string _name;
    private readonly bool _withIds;
    private int[] _pre;
    private int[] _post;
    private long[] _ids;

    public LocalSynapseList(string name, long expectedCount, bool withIds)
    {
        _name = name;
        _withIds = withIds;
        int capacity = (int)Math.Clamp(expectedCount, 16, 1 << 24);
        _pre = new int[capacity];
        _post = new int[capacity];
        _ids = withIds ? new long[capacity] : Array.Empty<long>();
    }

    public int Count { get; private set; }

    /// <summary>Adds a synapse (pass <paramref name="globalId"/> only when the list keeps ids).</summary>
    public void Add(int pre, int localPost, long globalId = 0)
    {
        if (Count == _pre.Length) Grow();
        _pre[Count] = pre;
        _post[Count] = localPost;
        if (_withIds) _ids[Count] = globalId;
        Count++;
    }

    /// <summary>Sets the global id of synapse <paramref name="index"/> (for ids known only once all ranks have counted).</summary>
    public void SetId(int index, long globalId) => _ids[index] = globalId;

    /// <summary>The pre index of synapse <paramref name="index"/>.</summary>
    public int PreAt(int index) => _pre[index];

    /// <summary>The arrays, trimmed to <see cref="Count"/>; the list must not be used afterwards.</summary>
    public (int[] Pre, int[] Post, long[] Ids) ToArrays()
    {
        if (_pre.Length != Count)
        {
            Array.Resize(ref _pre, Count);
            Array.Resize(ref _post, Count);
            if (_withIds) Array.Resize(ref _ids, Count);
        }
        return (_pre, _post, _ids);
    }

    private void Grow()
    {
        if (_pre.Length >= Array.MaxLength)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Connectivity '{_name}': more than {Array.MaxLength} synapses on one rank, the most one connectivity can hold; run with more ranks."));
        int capacity = (int)Math.Min((long)_pre.Length * 2, Array.MaxLength);
        Array.Resize(ref _pre, capacity);
        Array.Resize(ref _post, capacity);
        if (_withIds) Array.Resize(ref _ids, capacity);
    }
}
