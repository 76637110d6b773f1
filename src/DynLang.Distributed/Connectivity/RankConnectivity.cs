using System;
using System.Globalization;
using DynLang.Runtime;

namespace DynLang.Distributed;

/// <summary>
/// One rank's share of a synaptic pathway: the synapses onto the postsynaptic neurons the rank
/// holds (the post side is split by <see cref="PostPartition"/>), with every presynaptic neuron of
/// the whole source population, since the spikes of all ranks are exchanged with global indices.
/// </summary>
/// <remarks>
/// <para>
/// <b>Invariant.</b> The local synapses are exactly the synapses of the single-process
/// connectivity (the one the same factory gives for one rank) whose post index lies in this rank's
/// block, in the same relative order: local synapse s is global synapse
/// <see cref="GlobalSynapseId"/>(s), and the ids ascend with s. So the order in which synapses
/// deliver into each postsynaptic neuron, and with it every floating-point sum, is the
/// single-process one whatever the number of ranks.
/// </para>
/// <para>
/// Per-synapse values (weights, delays) are stored by local synapse id; take them from the global
/// values with <see cref="Slice{T}(Func{long, T})"/> or <see cref="RankArrays.ReadSynapseValues(string, RankConnectivity)"/>,
/// never by holding the global array on every rank.
/// </para>
/// </remarks>
public sealed class RankConnectivity
{
    private long[]? _globalIds;
    private readonly long _firstGlobalId;

    /// <summary>Local synapses with their global ids (ascending, one per local synapse; taken, not copied).</summary>
    internal RankConnectivity(Connectivity local, Partition postPartition, int rank, long[] globalIds, long globalCount)
        : this(local, postPartition, rank, globalCount)
    {
        if (globalIds.Length != local.Count)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"'{local.Name}', rank {rank}: {globalIds.Length} global ids for {local.Count} local synapses."), nameof(globalIds));
        _globalIds = globalIds;
        _firstGlobalId = -1;
    }

    /// <summary>Local synapses that are one run of global ids: local s is global <paramref name="firstGlobalId"/> + s.</summary>
    internal RankConnectivity(Connectivity local, Partition postPartition, int rank, long firstGlobalId, long globalCount)
        : this(local, postPartition, rank, globalCount)
    {
        if (firstGlobalId < 0 || firstGlobalId + local.Count > globalCount)
            throw new ArgumentOutOfRangeException(nameof(firstGlobalId), firstGlobalId, string.Create(CultureInfo.InvariantCulture,
                $"'{local.Name}', rank {rank}: global ids [{firstGlobalId}, {firstGlobalId + local.Count}) are outside [0, {globalCount})."));
        _firstGlobalId = firstGlobalId;
    }

    private RankConnectivity(Connectivity local, Partition postPartition, int rank, long globalCount)
    {
        Local = local ?? throw new ArgumentNullException(nameof(local));
        PostPartition = postPartition ?? throw new ArgumentNullException(nameof(postPartition));
        if (local.PostCount != postPartition.LocalCount(rank))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"'{local.Name}', rank {rank}: the local connectivity has {local.PostCount} postsynaptic neurons, the partition gives the rank {postPartition.LocalCount(rank)}."), nameof(local));
        Rank = rank;
        GlobalCount = globalCount;
    }

    /// <summary>
    /// The synapses onto this rank's neurons: <see cref="Connectivity.PreCount"/> is the global
    /// source size (pre indices are global), <see cref="Connectivity.PostCount"/> the rank's block
    /// size, and post indices are local (global − <see cref="PostStart"/>).
    /// </summary>
    public Connectivity Local { get; }

    /// <summary>How the postsynaptic population is split over the ranks.</summary>
    public Partition PostPartition { get; }

    /// <summary>The rank this share belongs to.</summary>
    public int Rank { get; }

    /// <summary>Global index of local postsynaptic neuron 0 (<see cref="Partition.Start"/> of <see cref="Rank"/>).</summary>
    public int PostStart => PostPartition.Start(Rank);

    /// <summary>Number of local synapses (<see cref="Local"/>'s count).</summary>
    public int Count => Local.Count;

    /// <summary>
    /// Synapses of the whole pathway, over all ranks: the size of its per-synapse files. Every
    /// factory knows it (a file's length, posts × in-degree, or the counts of all ranks, which
    /// <see cref="DistributedConnectivity.Random(int, Partition, ICommunicator, double, ulong, Func{int, int, bool}?, bool, string)"/> gathers).
    /// </summary>
    public long GlobalCount { get; }

    /// <summary>The global postsynaptic index of local postsynaptic neuron <paramref name="localPost"/>.</summary>
    public int GlobalPost(int localPost)
    {
        if ((uint)localPost >= (uint)Local.PostCount)
            throw new ArgumentOutOfRangeException(nameof(localPost), localPost, string.Create(CultureInfo.InvariantCulture, $"'{Local.Name}', rank {Rank}: local post index {localPost} is outside [0, {Local.PostCount})."));
        return PostStart + localPost;
    }

    /// <summary>The id local synapse <paramref name="localSynapse"/> has in the single-process connectivity.</summary>
    public long GlobalSynapseId(int localSynapse)
    {
        if ((uint)localSynapse >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(localSynapse), localSynapse, string.Create(CultureInfo.InvariantCulture, $"'{Local.Name}', rank {Rank}: local synapse {localSynapse} is outside [0, {Count})."));
        return _globalIds is { } ids ? ids[localSynapse] : _firstGlobalId + localSynapse;
    }

    /// <summary>
    /// The single-process id of every local synapse, ascending. Where the ids are one run
    /// (<see cref="DistributedConnectivity.FixedInDegree(int, Partition, int, int, ulong, bool, string)"/>)
    /// the array is made on first use (8 bytes a synapse); <see cref="GlobalSynapseId"/> never allocates.
    /// </summary>
    public ReadOnlySpan<long> GlobalSynapseIds => _globalIds ??= MakeContiguousIds();

    /// <summary>When the global ids of the local synapses are one run, its first id; else null.</summary>
    internal long? FirstGlobalIdOfRun => _firstGlobalId >= 0 ? _firstGlobalId : null;

    /// <summary>
    /// A per-synapse value for every local synapse, from a function of the global synapse id
    /// (called once per local synapse, in ascending id order).
    /// </summary>
    public T[] Slice<T>(Func<long, T> valueOfGlobalId)
    {
        ArgumentNullException.ThrowIfNull(valueOfGlobalId);
        var values = new T[Count];
        for (int s = 0; s < values.Length; s++) values[s] = valueOfGlobalId(GlobalSynapseId(s));
        return values;
    }

    /// <summary>
    /// The local synapses' entries of <paramref name="globalValues"/>, an array over all
    /// <see cref="GlobalCount"/> synapses in single-process order (for pathways small enough to
    /// hold whole on every rank; for large ones read the rank's values with <see cref="RankArrays.ReadSynapseValues(string, RankConnectivity)"/>).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="globalValues"/> does not have <see cref="GlobalCount"/> entries.</exception>
    public T[] Slice<T>(ReadOnlySpan<T> globalValues)
    {
        if (globalValues.Length != GlobalCount)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"'{Local.Name}', rank {Rank}: {globalValues.Length} per-synapse values, but the pathway has {GlobalCount} synapses."), nameof(globalValues));
        var values = new T[Count];
        for (int s = 0; s < values.Length; s++) values[s] = globalValues[(int)GlobalSynapseId(s)];
        return values;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Local.Name}, rank {Rank} of {PostPartition.Ranks}: {Count} of {GlobalCount} synapses, onto [{PostStart}, {PostPartition.End(Rank)})");

    private long[] MakeContiguousIds()
    {
        var ids = new long[Count];
        for (int s = 0; s < ids.Length; s++) ids[s] = _firstGlobalId + s;
        return ids;
    }
}
