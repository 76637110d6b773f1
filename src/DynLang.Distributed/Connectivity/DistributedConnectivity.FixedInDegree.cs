using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using DynLang.Runtime;

namespace DynLang.Distributed;

// Fixed in-degree: every post neuron draws its own presynaptic neurons from a stream keyed by
// (seed, post index) alone, so a rank draws its own posts without the others, in parallel, and
// the synapses do not depend on the number of ranks.
public static partial class DistributedConnectivity
{
    /// <summary>Above this in-degree, duplicates are found with a hash set instead of a scan of the row.</summary>
    private const int LinearScanMaximum = 512;

    /// <summary>
    /// This rank's share of a pathway in which every postsynaptic neuron receives exactly
    /// <paramref name="inDegree"/> synapses from distinct presynaptic neurons drawn uniformly from
    /// the whole source population. See the overload with a presynaptic range for the draw and the order.
    /// </summary>
    /// <param name="preCount">Size of the source population (pre indices are global).</param>
    /// <param name="post">The target population's split over the ranks (one rank: the single-process connectivity).</param>
    /// <param name="rank">The rank whose share to build.</param>
    /// <param name="inDegree">Synapses onto every postsynaptic neuron, each from a different presynaptic neuron.</param>
    /// <param name="seed">Seed of the draws; give every pathway its own.</param>
    /// <param name="allowSelfConnections">When false, post j never draws pre j (for a recurrent pathway).</param>
    /// <param name="name">Name used in error messages.</param>
    public static RankConnectivity FixedInDegree(int preCount, Partition post, int rank, int inDegree, ulong seed,
        bool allowSelfConnections = true, string name = "fixed in-degree") =>
        FixedInDegree(preCount, 0, preCount, post, rank, inDegree, seed, allowSelfConnections, name);

    /// <summary>
    /// This rank's share of a pathway in which every postsynaptic neuron receives exactly
    /// <paramref name="inDegree"/> synapses from distinct presynaptic neurons drawn uniformly from
    /// [<paramref name="firstPre"/>, <paramref name="firstPre"/> + <paramref name="preRangeCount"/>)
    /// of a source population of <paramref name="preCount"/> (CUBA: 64 excitatory inputs from
    /// [0, 0.8N) and, as a second pathway, 16 inhibitory from [0.8N, N)). Cost: O(inDegree) draws
    /// and a sort of inDegree values per local post, spread over the cores.
    /// </summary>
    /// <remarks>
    /// <para>
    /// <b>Draw.</b> Post j (global) uses the stream key_j = output j + 1 of SplitMix64 seeded with
    /// <paramref name="seed"/>; its n-th number (n ≥ 1) is output n of SplitMix64 seeded with key_j,
    /// made a uniform integer in [0, bound) by Lemire's multiply-and-reject. When the row is sparse
    /// (inDegree·(inDegree − 1) ≤ candidates, CUBA's case) the post draws inDegree independent
    /// offsets and draws them all again, from the stream's next numbers, while two are equal;
    /// otherwise Robert Floyd's sampling algorithm takes one number per synapse. Both give every
    /// subset of the candidates the same probability. Without self connections post j draws from
    /// the range less j, when j lies in it.
    /// </para>
    /// <para>
    /// <b>Order.</b> Post-major: the synapses onto post j are global ids j·inDegree to
    /// (j + 1)·inDegree − 1, in ascending pre index; so global synapses are sorted by (post, pre),
    /// the ids need no counting over ranks, and a rank's ids are one run starting at
    /// start·inDegree. The single-process connectivity is this method with
    /// <c>new Partition(postCount, 1)</c> and rank 0. The order differs from Brian2's
    /// (pre-major), which does not matter for the results: a post neuron receives from each
    /// pre neuron at most once, so the order of additions into it is the order of the spikes.
    /// </para>
    /// </remarks>
    /// <param name="preCount">Size of the source population (pre indices are global).</param>
    /// <param name="firstPre">First presynaptic neuron that may be drawn.</param>
    /// <param name="preRangeCount">Number of presynaptic neurons that may be drawn.</param>
    /// <param name="post">The target population's split over the ranks (one rank: the single-process connectivity).</param>
    /// <param name="rank">The rank whose share to build.</param>
    /// <param name="inDegree">Synapses onto every postsynaptic neuron, each from a different presynaptic neuron.</param>
    /// <param name="seed">Seed of the draws; give every pathway its own (pathways with the same seed and range draw the same presynaptic neurons).</param>
    /// <param name="allowSelfConnections">When false, post j never draws pre j (for a recurrent pathway).</param>
    /// <param name="name">Name used in error messages.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, the range is not within [0, preCount), the rank is not one of the partition's, or the range has fewer than inDegree candidates.</exception>
    /// <exception cref="ArgumentException">The rank would hold more synapses than an array can index (run with more ranks).</exception>
    public static RankConnectivity FixedInDegree(int preCount, int firstPre, int preRangeCount, Partition post, int rank, int inDegree, ulong seed,
        bool allowSelfConnections = true, string name = "fixed in-degree")
    {
        ArgumentNullException.ThrowIfNull(name);
        CheckPreCount(preCount, name);
        CheckRank(post, rank, null, name);
        CheckInDegree(preCount, firstPre, preRangeCount, post, inDegree, allowSelfConnections, name);
        int start = post.Start(rank), localCount = post.LocalCount(rank);
        long synapses = (long)localCount * inDegree;
        if (synapses > Array.MaxLength)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Connectivity '{name}': rank {rank} holds {localCount} post neurons × in-degree {inDegree} = {synapses} synapses, more than the {Array.MaxLength} one connectivity can hold; run with more ranks."));

        var pre = new int[synapses];
        var localPost = new int[synapses];
        // Rows are independent and land at fixed places: any split over threads gives the same arrays.
        Parallel.ForEach(Partitioner.Create(0, localCount, Math.Max(1, Math.Min(4096, localCount / (4 * Environment.ProcessorCount) + 1))), range =>
        {
            HashSet<int>? seen = inDegree > LinearScanMaximum ? new HashSet<int>(inDegree) : null;
            for (int jl = range.Item1; jl < range.Item2; jl++)
            {
                var row = pre.AsSpan(jl * inDegree, inDegree);
                DrawRow(start + jl, firstPre, preRangeCount, inDegree, seed, allowSelfConnections, row, seen);
                localPost.AsSpan(jl * inDegree, inDegree).Fill(jl);
            }
        });
        var local = Connectivity.FromOwnedArrays(pre, localPost, preCount, localCount, name);
        return new RankConnectivity(local, post, rank, (long)start * inDegree, (long)post.Count * inDegree);
    }

    private static void CheckInDegree(int preCount, int firstPre, int preRangeCount, Partition post, int inDegree, bool allowSelfConnections, string name)
    {
        if (inDegree < 0)
            throw new ArgumentOutOfRangeException(nameof(inDegree), inDegree, string.Create(CultureInfo.InvariantCulture, $"Connectivity '{name}': in-degree {inDegree} is negative."));
        if (firstPre < 0 || preRangeCount < 0 || (long)firstPre + preRangeCount > preCount)
            throw new ArgumentOutOfRangeException(nameof(preRangeCount), preRangeCount, string.Create(CultureInfo.InvariantCulture,
                $"Connectivity '{name}': presynaptic range [{firstPre}, {(long)firstPre + preRangeCount}) is not within the source population [0, {preCount})."));
        // Without self connections a post inside the range has one candidate less.
        bool somePostInRange = firstPre < post.Count && preRangeCount > 0;
        int candidates = !allowSelfConnections && somePostInRange ? preRangeCount - 1 : preRangeCount;
        if (inDegree > candidates)
            throw new ArgumentOutOfRangeException(nameof(inDegree), inDegree, string.Create(CultureInfo.InvariantCulture,
                $"Connectivity '{name}': in-degree {inDegree} needs that many distinct presynaptic neurons, but [{firstPre}, {(long)firstPre + preRangeCount}) offers {candidates}{(candidates < preRangeCount ? " without self connections" : "")}."));
    }

    /// <summary>Draws post <paramref name="j"/>'s presynaptic neurons into <paramref name="row"/>, ascending.</summary>
    private static void DrawRow(int j, int firstPre, int rangeCount, int inDegree, ulong seed, bool allowSelfConnections,
        Span<int> row, HashSet<int>? seen)
    {
        ulong key = SplitMix64.Output(seed, (ulong)j + 1);
        ulong counter = 0;
        // Offsets into the candidates: the range, less j's offset when self connections are excluded.
        int excluded = !allowSelfConnections && j >= firstPre && j - firstPre < rangeCount ? j - firstPre : -1;
        int candidates = excluded >= 0 ? rangeCount - 1 : rangeCount;
        if ((long)inDegree * (inDegree - 1) <= candidates)
        {
            // Sparse (CUBA: 64 of 800 000): inDegree independent draws, sorted, kept when no two are
            // equal, else drawn again from the stream's next numbers. Every ordered tuple of distinct
            // values is equally likely, so every subset is; a repeat has probability below
            // k(k−1)/2n ≤ 1/2, and no row needs a search for duplicates while drawing.
            while (true)
            {
                for (int k = 0; k < inDegree; k++) row[k] = (int)UniformBelow(key, ref counter, (uint)candidates);
                row.Sort();
                if (AllDistinct(row)) break;
            }
        }
        else
        {
            DrawFloyd(key, ref counter, candidates, row, seen);
            row.Sort();
        }
        for (int k = 0; k < row.Length; k++)
            row[k] = firstPre + (excluded >= 0 && row[k] >= excluded ? row[k] + 1 : row[k]);
    }

    /// <summary>
    /// Robert Floyd's sampling of row.Length distinct values of [0, <paramref name="candidates"/>):
    /// for t = n−k … n−1 draw r in [0, t] and take r, or t when r is taken already. Every subset
    /// comes out with the same probability, with one draw per value and no retries: for dense rows,
    /// where independent draws would repeat too often.
    /// </summary>
    private static void DrawFloyd(ulong key, ref ulong counter, int candidates, Span<int> row, HashSet<int>? seen)
    {
        seen?.Clear();
        int taken = 0;
        for (int t = candidates - row.Length; t < candidates; t++)
        {
            int r = (int)UniformBelow(key, ref counter, (uint)t + 1);
            bool duplicate = seen is null ? row.Slice(0, taken).Contains(r) : !seen.Add(r);
            if (duplicate)
            {
                r = t;
                seen?.Add(t);
            }
            row[taken++] = r;
        }
    }

    private static bool AllDistinct(ReadOnlySpan<int> sorted)
    {
        for (int k = 1; k < sorted.Length; k++)
            if (sorted[k] == sorted[k - 1]) return false;
        return true;
    }

    /// <summary>
    /// A uniform integer in [0, <paramref name="bound"/>) from the stream <paramref name="key"/>
    /// (Lemire 2019: the high word of x·bound, rejecting the few x that would bias it).
    /// </summary>
    private static ulong UniformBelow(ulong key, ref ulong counter, uint bound)
    {
        ulong high = Math.BigMul(SplitMix64.Output(key, ++counter), bound, out ulong low);
        if (low < bound)
        {
            ulong threshold = (0UL - bound) % bound;
            while (low < threshold)
                high = Math.BigMul(SplitMix64.Output(key, ++counter), bound, out low);
        }
        return high;
    }
}
