using System;
using System.Globalization;

namespace DynLang.Runtime;

// The ways to create a Connectivity. Generated patterns (dense, by condition, random) list
// synapses i-major, j-minor - the order of Brian2's synapse generator - so that synapse ids,
// and with them the order of delivery, follow the same rule as Brian2's.
public sealed partial class Connectivity
{
    /// <summary>
    /// Synapses from index arrays: synapse <c>s</c> connects <c>pre[s] + preOffset</c> to
    /// <c>post[s] + postOffset</c>, in the given order (ids are positions in the arrays).
    /// </summary>
    /// <param name="pre">Presynaptic index of every synapse.</param>
    /// <param name="post">Postsynaptic index of every synapse.</param>
    /// <param name="preCount">Size of the source population.</param>
    /// <param name="postCount">Size of the target population.</param>
    /// <param name="name">Name used in error messages (the file the indices came from, say).</param>
    /// <param name="preOffset">
    /// Added to every pre index: Brian2 saves indices relative to a subgroup (the inhibitory
    /// neurons of CUBA start at 3200), while a connectivity indexes the whole population.
    /// </param>
    /// <param name="postOffset">Added to every post index, likewise.</param>
    /// <exception cref="ArgumentException">The arrays differ in length, or a count is negative.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index (after its offset) is negative or not below its count; the message gives the position, the value and the bound.</exception>
    public static Connectivity FromIndices(ReadOnlySpan<int> pre, ReadOnlySpan<int> post, int preCount, int postCount,
        string? name = null, int preOffset = 0, int postOffset = 0)
    {
        name ??= "from indices";
        CheckCounts(preCount, postCount, name);
        if (pre.Length != post.Length)
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Connectivity '{name}': {pre.Length} presynaptic indices but {post.Length} postsynaptic indices; both arrays must have one entry per synapse."),
                nameof(post));

        var preCopy = new int[pre.Length];
        var postCopy = new int[post.Length];
        CopyChecked(pre, preOffset, preCount, preCopy, name, "presynaptic", nameof(pre));
        CopyChecked(post, postOffset, postCount, postCopy, name, "postsynaptic", nameof(post));
        return new Connectivity(preCopy, postCopy, preCount, postCount, name);
    }

    /// <summary>
    /// All-to-all: every pre element to every post element, i-major (synapse id
    /// <c>i·postCount + j</c> when self connections are allowed).
    /// </summary>
    /// <param name="preCount">Size of the source population.</param>
    /// <param name="postCount">Size of the target population.</param>
    /// <param name="allowSelfConnections">When false, the pairs with i == j are left out (see "self connections" in the remarks of <see cref="Connectivity"/>).</param>
    /// <param name="name">Name used in error messages.</param>
    /// <exception cref="ArgumentException">A count is negative, or there would be more synapses than an array can hold.</exception>
    public static Connectivity Dense(int preCount, int postCount, bool allowSelfConnections = true, string? name = null)
    {
        name ??= "dense";
        CheckCounts(preCount, postCount, name);
        long total = (long)preCount * postCount - (allowSelfConnections ? 0 : Math.Min(preCount, postCount));
        CheckSynapsesFit(name, preCount, postCount, total, string.Create(CultureInfo.InvariantCulture, $"{preCount} × {postCount} gives {total} synapses"));

        var pre = new int[total];
        var post = new int[total];
        int s = 0;
        for (int i = 0; i < preCount; i++)
            for (int j = 0; j < postCount; j++)
            {
                if (!allowSelfConnections && i == j)
                    continue;
                pre[s] = i;
                post[s] = j;
                s++;
            }
        return new Connectivity(pre, post, preCount, postCount, name);
    }

    /// <summary>Element k of a population to element k of another of the same size; synapse id k.</summary>
    /// <param name="count">Size of both populations.</param>
    /// <param name="name">Name used in error messages.</param>
    /// <exception cref="ArgumentException"><paramref name="count"/> is negative.</exception>
    public static Connectivity OneToOne(int count, string? name = null)
    {
        name ??= "one-to-one";
        CheckCounts(count, count, name);
        var pre = new int[count];
        for (int k = 0; k < count; k++)
            pre[k] = k;
        return new Connectivity(pre, (int[])pre.Clone(), count, count, name);
    }

    /// <summary>
    /// Each pair (i, j) connected independently with probability <paramref name="p"/>, listed
    /// i-major, j-minor.
    /// </summary>
    /// <remarks>
    /// The draw of pair (i, j) is u = ⌊x / 2^11⌋ · 2^-53 ∈ [0, 1), where x is output number
    /// i·postCount + j + 1 of SplitMix64 seeded with <paramref name="seed"/> (Vigna's
    /// splitmix64.c: state += 0x9E3779B97F4A7C15, then the mix); the pair is kept when u &lt; p
    /// and it passes <paramref name="condition"/> and the self-connection rule. Each pair has its
    /// own draw, so the result with a condition is exactly the result without it, filtered:
    /// excluding pairs does not reshuffle the others. The same seed gives the same synapses on
    /// every machine. This is not Brian2's random stream: to reproduce a Brian2 network, load
    /// its saved indices with <see cref="FromIndices"/>. Cost: one draw per pair, O(preCount·postCount).
    /// </remarks>
    /// <param name="preCount">Size of the source population.</param>
    /// <param name="postCount">Size of the target population.</param>
    /// <param name="p">Connection probability, 0 ≤ p ≤ 1.</param>
    /// <param name="seed">Seed of the generator.</param>
    /// <param name="condition">Optional extra condition on (i, j); called only for pairs the draw keeps, so it must be a pure function.</param>
    /// <param name="allowSelfConnections">When false, pairs with i == j are never connected (see "self connections" in the remarks of <see cref="Connectivity"/>).</param>
    /// <param name="name">Name used in error messages.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is not in [0, 1] (NaN included).</exception>
    /// <exception cref="ArgumentException">
    /// A count is negative, or more synapses than an array can hold. Without a condition the
    /// count is checked before drawing: when even the expected count less ten standard deviations
    /// is more than an array can index, or than the memory the GC may use (16 bytes a synapse),
    /// the call fails at once, naming the sizes and the expected count. With a condition the
    /// count is only known while drawing.
    /// </exception>
    public static Connectivity Random(int preCount, int postCount, double p, ulong seed,
        Func<int, int, bool>? condition = null, bool allowSelfConnections = true, string? name = null)
    {
        name ??= "random";
        CheckCounts(preCount, postCount, name);
        if (!(p >= 0.0 && p <= 1.0))
            throw new ArgumentOutOfRangeException(nameof(p), p,
                string.Create(CultureInfo.InvariantCulture, $"Connectivity '{name}': connection probability p = {p} is outside [0, 1]."));

        // The number of synapses is binomial (pairs · p); without a condition it is known to within
        // a few standard deviations before a single pair is drawn, so a size that cannot be held
        // is refused at once instead of after minutes of drawing and an OutOfMemoryException.
        double pairs = (double)preCount * postCount - (allowSelfConnections ? 0 : Math.Min(preCount, postCount));
        double expected = pairs * p;
        if (condition is null)
        {
            double surelyAtLeast = expected - 10 * Math.Sqrt(expected * (1 - p));
            CheckSynapsesFit(name, preCount, postCount, surelyAtLeast, string.Create(CultureInfo.InvariantCulture,
                $"p = {p} gives about {expected:0.###e+0} synapses ({preCount} × {postCount} pairs)"));
        }
        var builder = new SynapseListBuilder(name, (long)Math.Min(expected * 1.05, long.MaxValue / 2) + 16);
        for (int i = 0; i < preCount; i++)
        {
            // Output numbers are 1-based: the first output of SplitMix64 decides pair (0, 0).
            ulong rowBase = (ulong)i * (ulong)postCount + 1;
            for (int j = 0; j < postCount; j++)
            {
                if (SplitMix64.Unit(seed, rowBase + (ulong)j) >= p)
                    continue;
                if (!allowSelfConnections && i == j)
                    continue;
                if (condition is not null && !condition(i, j))
                    continue;
                builder.Add(i, j);
            }
        }
        var (pre, post) = builder.ToArrays();
        return new Connectivity(pre, post, preCount, postCount, name);
    }

    /// <summary>Every pair (i, j) for which <paramref name="condition"/> holds, listed i-major, j-minor.</summary>
    /// <param name="preCount">Size of the source population.</param>
    /// <param name="postCount">Size of the target population.</param>
    /// <param name="condition">Called once per pair, in i-major order.</param>
    /// <param name="name">Name used in error messages.</param>
    /// <exception cref="ArgumentNullException"><paramref name="condition"/> is null.</exception>
    /// <exception cref="ArgumentException">A count is negative, or more synapses than an array can hold.</exception>
    public static Connectivity ByCondition(int preCount, int postCount, Func<int, int, bool> condition, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        name ??= "by condition";
        CheckCounts(preCount, postCount, name);
        var builder = new SynapseListBuilder(name, Math.Max(preCount, postCount));
        for (int i = 0; i < preCount; i++)
            for (int j = 0; j < postCount; j++)
                if (condition(i, j))
                    builder.Add(i, j);
        var (pre, post) = builder.ToArrays();
        return new Connectivity(pre, post, preCount, postCount, name);
    }

    /// <summary>
    /// Bytes a connectivity holds per synapse: pre and post index, and its id in both CSR
    /// directions (four int32). Building one needs more for a while (the growing list, copies).
    /// </summary>
    internal const int BytesPerSynapse = 16;

    /// <summary>
    /// Refuses, before any work, a connectivity of at least <paramref name="synapses"/> synapses
    /// when an array cannot index them or they cannot fit in the memory the GC may use.
    /// </summary>
    /// <exception cref="ArgumentException">The sizes, the synapse count and the limit it passes.</exception>
    internal static void CheckSynapsesFit(string name, int preCount, int postCount, double synapses, string what, long? availableBytes = null)
    {
        if (synapses > Array.MaxLength)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Connectivity '{name}': {what}, more than the {Array.MaxLength} one connectivity can hold (synapse ids are int32 array indices). Use fewer or smaller populations, or a lower connection probability."));
        long available = availableBytes ?? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        double bytes = synapses * BytesPerSynapse;
        if (available > 0 && bytes > available)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Connectivity '{name}': {what}, which need at least {bytes / (1L << 30):0.#} GiB ({BytesPerSynapse} bytes each), more than the {available / (double)(1L << 30):0.#} GiB this process may use."));
    }

    private static void CheckCounts(int preCount, int postCount, string name)
    {
        if (preCount < 0)
            throw new ArgumentOutOfRangeException(nameof(preCount), preCount,
                string.Create(CultureInfo.InvariantCulture, $"Connectivity '{name}': presynaptic population size {preCount} is negative."));
        if (postCount < 0)
            throw new ArgumentOutOfRangeException(nameof(postCount), postCount,
                string.Create(CultureInfo.InvariantCulture, $"Connectivity '{name}': postsynaptic population size {postCount} is negative."));
    }

    /// <summary>Copies <paramref name="source"/> + <paramref name="offset"/> into <paramref name="target"/>, refusing values outside [0, count).</summary>
    private static void CopyChecked(ReadOnlySpan<int> source, int offset, int count, int[] target,
        string name, string side, string parameter)
    {
        for (int s = 0; s < source.Length; s++)
        {
            long value = (long)source[s] + offset;
            if (value < 0 || value >= count)
            {
                string given = offset == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $" ({source[s]} + offset {offset})");
                throw new ArgumentOutOfRangeException(parameter, value,
                    string.Create(CultureInfo.InvariantCulture, $"Connectivity '{name}': {side} index at position {s} is {value}{given}, outside [0, {count})."));
            }
            target[s] = (int)value;
        }
    }
}
