using System;
using System.Globalization;

namespace DynLang.Distributed;

/// <summary>
/// Builds one rank's share of a synaptic pathway (<see cref="RankConnectivity"/>): the synapses onto
/// the rank's postsynaptic neurons, with the work and memory of the rank's share only, and exactly
/// the synapses, in exactly the order, of the single-process connectivity restricted to the rank.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><see cref="Random(int, Partition, ICommunicator, double, ulong, Func{int, int, bool}?, bool, string)"/>:
/// the pairs of <see cref="Runtime.Connectivity.Random"/>, i-major.</item>
/// <item><see cref="FixedInDegree(int, Partition, int, int, ulong, bool, string)"/>: every post
/// neuron draws its own distinct presynaptic neurons; post-major order.</item>
/// <item><see cref="FromNpy(string, string, int, Partition, ICommunicator, string?, int, int)"/>: the pairs of two index files, in file order.</item>
/// </list>
/// </remarks>
public static partial class DistributedConnectivity
{
    /// <summary>A communicator must match the partition (checked first: every rank then gives the same message), and the rank's block must exist.</summary>
    private static void CheckRank(Partition post, int rank, ICommunicator? communicator, string name)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (communicator is not null && (communicator.Size != post.Ranks || communicator.Rank != rank))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Connectivity '{name}': the postsynaptic partition is over {post.Ranks} ranks, but the communicator ({communicator.Description}) has {communicator.Size} and this is its rank {communicator.Rank}."), nameof(communicator));
        if ((uint)rank >= (uint)post.Ranks)
            throw new ArgumentOutOfRangeException(nameof(rank), rank, string.Create(CultureInfo.InvariantCulture,
                $"Connectivity '{name}': rank {rank} is outside the {post.Ranks} ranks of the postsynaptic partition."));
    }

    private static void CheckPreCount(int preCount, string name)
    {
        if (preCount < 0)
            throw new ArgumentOutOfRangeException(nameof(preCount), preCount,
                string.Create(CultureInfo.InvariantCulture, $"Connectivity '{name}': presynaptic population size {preCount} is negative."));
    }
}
