using System;
using System.Globalization;

namespace DynLang.Runtime;

/// <summary>
/// Which presynaptic element connects to which postsynaptic element: the synapses of one
/// synaptic pathway, immutable once created.
/// </summary>
/// <remarks>
/// <para>
/// A synapse is identified by its position in creation order (its <em>synapse id</em>), as in
/// Brian2: per-synapse values that users load from files (weights, delays) are stored in that
/// order, so it must never be permuted. <see cref="PreIndex"/> and <see cref="PostIndex"/> give
/// the two ends of every synapse.
/// </para>
/// <para>
/// For spike delivery both directions are also stored in compressed sparse row (CSR) form:
/// the ids of the synapses leaving presynaptic element <c>i</c> are
/// <c>OutgoingSynapses[OutgoingStart[i] .. OutgoingStart[i+1]]</c>, and those arriving at
/// postsynaptic element <c>j</c> are <c>IncomingSynapses[IncomingStart[j] .. IncomingStart[j+1]]</c>,
/// in ascending synapse id within each group (Brian2's order of delivery, which the order of
/// floating-point additions into the targets depends on). Both are built by a stable counting
/// sort in O(<see cref="Count"/> + <see cref="PreCount"/> + <see cref="PostCount"/>).
/// </para>
/// <para>
/// Self connections: a synapse whose pre index equals its post index. The notion is
/// meaningful when pre and post are the same population (a recurrent pathway); the factories'
/// <c>allowSelfConnections: false</c> drops pairs with i == j even between two different
/// populations, where that is rarely wanted.
/// </para>
/// <para>
/// Create instances with <see cref="FromIndices"/>, <see cref="Dense"/>, <see cref="OneToOne"/>,
/// <see cref="Random"/> or <see cref="ByCondition"/>.
/// </para>
/// </remarks>
public sealed partial class Connectivity
{
    private readonly int[] _pre;
    private readonly int[] _post;
    private readonly int[] _outStart;
    private readonly int[] _outSynapses;
    private readonly int[] _inStart;
    private readonly int[] _inSynapses;

    /// <summary>
    /// Takes ownership of already validated index arrays (every pre index in [0, preCount),
    /// every post index in [0, postCount), equal lengths) and builds both CSR directions.
    /// </summary>
    private Connectivity(int[] pre, int[] post, int preCount, int postCount, string name)
    {
        _pre = pre;
        _post = post;
        PreCount = preCount;
        PostCount = postCount;
        Name = name;
        (_outStart, _outSynapses) = BuildCsr(pre, preCount);
        (_inStart, _inSynapses) = BuildCsr(post, postCount);
    }

    /// <summary>Name used in error messages (the pathway or the file the indices came from).</summary>
    public string Name { get; }

    /// <summary>Number of presynaptic elements (the size of the source population).</summary>
    public int PreCount { get; }

    /// <summary>Number of postsynaptic elements (the size of the target population).</summary>
    public int PostCount { get; }

    /// <summary>Number of synapses.</summary>
    public int Count => _pre.Length;

    /// <summary>Presynaptic element of every synapse, indexed by synapse id.</summary>
    public ReadOnlySpan<int> PreIndex => _pre;

    /// <summary>Postsynaptic element of every synapse, indexed by synapse id.</summary>
    public ReadOnlySpan<int> PostIndex => _post;

    /// <summary>
    /// Forward CSR row starts, <see cref="PreCount"/> + 1 entries: the synapses leaving
    /// presynaptic element <c>i</c> are <c>OutgoingSynapses[OutgoingStart[i] .. OutgoingStart[i+1]]</c>.
    /// </summary>
    public ReadOnlySpan<int> OutgoingStart => _outStart;

    /// <summary>Synapse ids grouped by presynaptic element, ascending id within a group.</summary>
    public ReadOnlySpan<int> OutgoingSynapses => _outSynapses;

    /// <summary>
    /// Backward CSR row starts, <see cref="PostCount"/> + 1 entries: the synapses arriving at
    /// postsynaptic element <c>j</c> are <c>IncomingSynapses[IncomingStart[j] .. IncomingStart[j+1]]</c>.
    /// </summary>
    public ReadOnlySpan<int> IncomingStart => _inStart;

    /// <summary>Synapse ids grouped by postsynaptic element, ascending id within a group.</summary>
    public ReadOnlySpan<int> IncomingSynapses => _inSynapses;

    /// <summary>The CSR arrays of one direction, shared (not copied) with <see cref="SpikeQueue"/>; never written.</summary>
    internal (int[] Start, int[] Synapses) CsrArrays(bool fromPost) =>
        fromPost ? (_inStart, _inSynapses) : (_outStart, _outSynapses);

    /// <summary>Ids of the synapses leaving presynaptic element <paramref name="pre"/>, ascending.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pre"/> is outside [0, <see cref="PreCount"/>).</exception>
    public ReadOnlySpan<int> Outgoing(int pre)
    {
        CheckElement(pre, PreCount, nameof(pre));
        int start = _outStart[pre];
        return new ReadOnlySpan<int>(_outSynapses, start, _outStart[pre + 1] - start);
    }

    /// <summary>Ids of the synapses arriving at postsynaptic element <paramref name="post"/>, ascending.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="post"/> is outside [0, <see cref="PostCount"/>).</exception>
    public ReadOnlySpan<int> Incoming(int post)
    {
        CheckElement(post, PostCount, nameof(post));
        int start = _inStart[post];
        return new ReadOnlySpan<int>(_inSynapses, start, _inStart[post + 1] - start);
    }

    /// <summary>Number of synapses leaving presynaptic element <paramref name="pre"/> (its out-degree).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pre"/> is outside [0, <see cref="PreCount"/>).</exception>
    public int OutgoingCount(int pre)
    {
        CheckElement(pre, PreCount, nameof(pre));
        return _outStart[pre + 1] - _outStart[pre];
    }

    /// <summary>Number of synapses arriving at postsynaptic element <paramref name="post"/> (its in-degree).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="post"/> is outside [0, <see cref="PostCount"/>).</exception>
    public int IncomingCount(int post)
    {
        CheckElement(post, PostCount, nameof(post));
        return _inStart[post + 1] - _inStart[post];
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Count} synapses, {PreCount} → {PostCount}";

    private void CheckElement(int index, int count, string parameter)
    {
        if ((uint)index >= (uint)count)
            throw new ArgumentOutOfRangeException(parameter, index,
                string.Create(CultureInfo.InvariantCulture, $"Connectivity '{Name}': {parameter} index {index} is outside [0, {count})."));
    }

    /// <summary>
    /// Stable counting sort of synapse ids by <paramref name="keys"/>: row starts (count + 1
    /// entries) and the ids grouped by key. Ids are visited in ascending order, so each group
    /// comes out ascending.
    /// </summary>
    private static (int[] Start, int[] Ids) BuildCsr(int[] keys, int count)
    {
        var start = new int[count + 1];
        foreach (int k in keys)
            start[k + 1]++;
        for (int r = 0; r < count; r++)
            start[r + 1] += start[r];

        var ids = new int[keys.Length];
        // Next free slot of each group; a copy so that `start` keeps the row starts.
        var next = new int[count];
        Array.Copy(start, next, count);
        for (int s = 0; s < keys.Length; s++)
            ids[next[keys[s]]++] = s;
        return (start, ids);
    }
}
