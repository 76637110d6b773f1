using System;
using System.Globalization;
using DynLang.Runtime;

namespace DynLang.Distributed;

// Random pairs, split by post neuron. Connectivity.Random decides pair (i, j) from SplitMix64
// output i·postCount + j + 1 alone, so a rank draws the columns of its block and nothing else,
// and gets exactly the single-process pairs of those columns in the single-process (i-major)
// order. Only the global ids need the other ranks: the id of (i, j) is the number of pairs kept
// in rows before i on all ranks, plus those in row i on earlier ranks' columns, plus the rank's own.
public static partial class DistributedConnectivity
{
    /// <summary>
    /// This rank's share of <see cref="Connectivity.Random"/>(preCount, post.Count, p, seed, condition,
    /// allowSelfConnections): the same pairs whose post lies in the rank's block, in the same order.
    /// Cost: preCount × (the rank's post count) draws, then one Allgather of preCount counts per
    /// rank (in chunks) for the global synapse ids and <see cref="RankConnectivity.GlobalCount"/>.
    /// Every rank of <paramref name="communicator"/> must call it with the same arguments.
    /// </summary>
    /// <param name="preCount">Size of the source population (pre indices are global).</param>
    /// <param name="post">The target population's split over the ranks.</param>
    /// <param name="communicator">The ranks; its size must be <paramref name="post"/>'s rank count.</param>
    /// <param name="p">Connection probability, 0 ≤ p ≤ 1.</param>
    /// <param name="seed">Seed of the generator (the one given to <see cref="Connectivity.Random"/>).</param>
    /// <param name="condition">Optional extra condition on (i, j) with global j; called only for pairs the draw keeps, so it must be a pure function.</param>
    /// <param name="allowSelfConnections">When false, pairs with i == j (global) are never connected.</param>
    /// <param name="name">Name used in error messages.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1] or <paramref name="preCount"/> is negative.</exception>
    /// <exception cref="ArgumentException">The communicator does not match the partition.</exception>
    /// <exception cref="RankFailedException">Another rank failed to draw its share (this rank's own failure is rethrown as it is).</exception>
    public static RankConnectivity Random(int preCount, Partition post, ICommunicator communicator, double p, ulong seed,
        Func<int, int, bool>? condition = null, bool allowSelfConnections = true, string name = "random")
    {
        ArgumentNullException.ThrowIfNull(communicator);
        CheckRandom(preCount, post, communicator.Rank, communicator, p, name);
        int rank = communicator.Rank;
        var (list, rowCounts) = RankAgreement.Run(communicator, $"random connectivity '{name}'",
            () => DrawBlock(preCount, post, rank, p, seed, condition, allowSelfConnections, name));
        long[] rowFirstId = GatherRowFirstIds(communicator, rowCounts, out long globalCount);
        return Finish(list, rowCounts, rowFirstId, preCount, post, rank, globalCount, name);
    }

    /// <summary>
    /// The same share as the communicator overload, for one rank alone (tests, or a rank that
    /// builds without talking to the others). The global ids need the count of kept pairs in the
    /// other ranks' columns, which this overload draws itself: preCount × post.Count draws in all
    /// (the condition is called for the other ranks' kept pairs too). Use the communicator overload
    /// when the network is large.
    /// </summary>
    /// <param name="preCount">Size of the source population (pre indices are global).</param>
    /// <param name="post">The target population's split over the ranks.</param>
    /// <param name="rank">The rank whose share to build, 0 ≤ rank &lt; post.Ranks.</param>
    /// <param name="p">Connection probability, 0 ≤ p ≤ 1.</param>
    /// <param name="seed">Seed of the generator (the one given to <see cref="Connectivity.Random"/>).</param>
    /// <param name="condition">Optional extra condition on (i, j) with global j; called only for pairs the draw keeps, so it must be a pure function.</param>
    /// <param name="allowSelfConnections">When false, pairs with i == j (global) are never connected.</param>
    /// <param name="name">Name used in error messages.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1], <paramref name="preCount"/> is negative, or <paramref name="rank"/> is not a rank of the partition.</exception>
    public static RankConnectivity Random(int preCount, Partition post, int rank, double p, ulong seed,
        Func<int, int, bool>? condition = null, bool allowSelfConnections = true, string name = "random")
    {
        CheckRandom(preCount, post, rank, null, p, name);
        var (list, rowCounts) = DrawBlock(preCount, post, rank, p, seed, condition, allowSelfConnections, name);
        int start = post.Start(rank), end = post.End(rank);
        var rowFirstId = new long[preCount];
        long total = 0;
        for (int i = 0; i < preCount; i++)
        {
            int before = CountKept(i, 0, start, post.Count, p, seed, condition, allowSelfConnections);
            int after = CountKept(i, end, post.Count, post.Count, p, seed, condition, allowSelfConnections);
            rowFirstId[i] = total + before;
            total += before + rowCounts[i] + after;
        }
        return Finish(list, rowCounts, rowFirstId, preCount, post, rank, total, name);
    }

    private static void CheckRandom(int preCount, Partition post, int rank, ICommunicator? communicator, double p, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        CheckPreCount(preCount, name);
        CheckRank(post, rank, communicator, name);
        if (!(p >= 0.0 && p <= 1.0))
            throw new ArgumentOutOfRangeException(nameof(p), p,
                string.Create(CultureInfo.InvariantCulture, $"Connectivity '{name}': connection probability p = {p} is outside [0, 1]."));
    }

    /// <summary>Whether <see cref="Connectivity.Random"/> keeps pair (i, j): the same tests in the same order.</summary>
    private static bool Keeps(int i, int j, ulong rowBase, double p, ulong seed, Func<int, int, bool>? condition, bool allowSelfConnections) =>
        SplitMix64.Unit(seed, rowBase + (ulong)j) < p
        && (allowSelfConnections || i != j)
        && (condition is null || condition(i, j));

    /// <summary>The rank's pairs, i-major (post indices local), and how many each row i has.</summary>
    private static (LocalSynapseList List, int[] RowCounts) DrawBlock(int preCount, Partition post, int rank, double p, ulong seed,
        Func<int, int, bool>? condition, bool allowSelfConnections, string name)
    {
        int start = post.Start(rank), end = post.End(rank);
        double expected = (double)preCount * (end - start) * p;
        var list = new LocalSynapseList(name, (long)Math.Min(expected * 1.05, long.MaxValue / 2) + 16, withIds: false);
        var rowCounts = new int[preCount];
        for (int i = 0; i < preCount; i++)
        {
            // Output numbers are 1-based, as in Connectivity.Random: output 1 decides pair (0, 0).
            ulong rowBase = (ulong)i * (ulong)post.Count + 1;
            int before = list.Count;
            for (int j = start; j < end; j++)
                if (Keeps(i, j, rowBase, p, seed, condition, allowSelfConnections))
                    list.Add(i, j - start);
            rowCounts[i] = list.Count - before;
        }
        return (list, rowCounts);
    }

    /// <summary>Pairs (i, j) kept for j in [from, to).</summary>
    private static int CountKept(int i, int from, int to, int postCount, double p, ulong seed, Func<int, int, bool>? condition, bool allowSelfConnections)
    {
        ulong rowBase = (ulong)i * (ulong)postCount + 1;
        int kept = 0;
        for (int j = from; j < to; j++)
            if (Keeps(i, j, rowBase, p, seed, condition, allowSelfConnections))
                kept++;
        return kept;
    }

    /// <summary>
    /// The global id of this rank's first synapse of every row: the synapses of all ranks in earlier
    /// rows plus those of earlier ranks in the row. The rows' counts travel in chunks so that no
    /// rank ever holds more than a few million of them at once.
    /// </summary>
    private static long[] GatherRowFirstIds(ICommunicator communicator, int[] rowCounts, out long globalCount)
    {
        int size = communicator.Size, rank = communicator.Rank, preCount = rowCounts.Length;
        int chunk = Math.Max(1, Math.Min(preCount, (1 << 22) / size));
        var counts = new int[size];
        var all = new int[(long)Math.Min(preCount, chunk) * size];
        var rowFirstId = new long[preCount];
        long total = 0;
        for (int from = 0; from < preCount; from += chunk)
        {
            int length = Math.Min(chunk, preCount - from);
            Array.Fill(counts, length);
            var received = all.Length == length * size ? all : new int[length * size];
            communicator.AllgatherV(rowCounts.AsSpan(from, length), counts, received);
            for (int k = 0; k < length; k++)
            {
                long earlier = 0, row = 0;
                for (int q = 0; q < size; q++)
                {
                    int c = received[q * length + k];
                    if (q < rank) earlier += c;
                    row += c;
                }
                rowFirstId[from + k] = total + earlier;
                total += row;
            }
        }
        globalCount = total;
        return rowFirstId;
    }

    private static RankConnectivity Finish(LocalSynapseList list, int[] rowCounts, long[] rowFirstId,
        int preCount, Partition post, int rank, long globalCount, string name)
    {
        var (pre, localPost, _) = list.ToArrays();
        var ids = new long[pre.Length];
        int s = 0;
        for (int i = 0; i < rowCounts.Length; i++)
            for (int k = 0; k < rowCounts[i]; k++)
                ids[s++] = rowFirstId[i] + k;
        var local = Connectivity.FromOwnedArrays(pre, localPost, preCount, post.LocalCount(rank), name);
        return new RankConnectivity(local, post, rank, ids, globalCount);
    }
}
