using DynLang.Runtime;

namespace DynLang.Runtime.Tests;

/// <summary>
/// <see cref="Connectivity.Random"/>: statistics, determinism, conditions, self connections,
/// and the documented generator (SplitMix64 in counter form).
/// </summary>
public sealed class RandomConnectivityTests
{
    [Fact]
    public void SplitMix64MatchesThePublishedReferenceOutputs()
    {
        // First outputs of Vigna's splitmix64.c seeded with 0 (also xoshiro's published seeding values).
        Assert.Equal(0xE220A8397B1DCDAFUL, SplitMix64.Output(0, 1));
        Assert.Equal(0x6E789E6AA1B965F4UL, SplitMix64.Output(0, 2));
        Assert.Equal(0x06C45D188009454FUL, SplitMix64.Output(0, 3));
    }

    [Fact]
    public void PairDecisionIsTheDocumentedDraw()
    {
        // The remarks promise: pair (i, j) kept iff u < p, with u from the (i·postCount + j + 1)-th
        // output of SplitMix64 - i.e. a plain sequential SplitMix64 stream consumed i-major.
        // Written here sequentially (state += γ; mix), independently of the counter form.
        const ulong seed = 12345;
        const int pre = 17, post = 23;
        const double p = 0.3;
        var c = Connectivity.Random(pre, post, p, seed);
        var expected = new List<(int, int)>();
        ulong state = seed;
        for (int i = 0; i < pre; i++)
            for (int j = 0; j < post; j++)
            {
                state += 0x9E3779B97F4A7C15UL;
                ulong z = state;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
                z ^= z >> 31;
                if ((z >> 11) * Math.Pow(2, -53) < p)
                    expected.Add((i, j));
            }
        Assert.Equal(expected, Pairs(c));
    }

    [Theory]
    [InlineData(0.02, 1UL)]
    [InlineData(0.1, 2UL)]
    [InlineData(0.5, 3UL)]
    [InlineData(0.9, 4UL)]
    public void EmpiricalProbabilityIsWithinABinomialBound(double p, ulong seed)
    {
        const int pre = 400, post = 500;
        var c = Connectivity.Random(pre, post, p, seed);
        double n = (double)pre * post;
        double sigma = Math.Sqrt(n * p * (1 - p));
        // Count ~ Binomial(n, p) for a correct generator; n·p ≥ 4000, so the normal
        // approximation holds and |count − n·p| > 5σ has probability ≈ 6e-7. A fixed seed makes
        // the outcome deterministic; the bound says a correct generator passes it by a wide margin.
        Assert.InRange(c.Count, n * p - 5 * sigma, n * p + 5 * sigma);

        // Neighbouring draws must be independent: pairs (i, j), (i, j+1) both kept ~ n'·p².
        // Overlapping pairs make the terms dependent: Var = n'·[p²(1−p²) + 2(p³ − p⁴)] (adjacent
        // covariances). Same 5σ bound.
        var kept = new HashSet<(int, int)>(Pairs(c));
        int adjacent = 0;
        for (int i = 0; i < pre; i++)
            for (int j = 0; j + 1 < post; j++)
                if (kept.Contains((i, j)) && kept.Contains((i, j + 1)))
                    adjacent++;
        double m = (double)pre * (post - 1);
        double sigmaAdjacent = Math.Sqrt(m * (p * p * (1 - p * p) + 2 * (p * p * p - p * p * p * p)));
        Assert.InRange(adjacent, m * p * p - 5 * sigmaAdjacent, m * p * p + 5 * sigmaAdjacent);
    }

    [Fact]
    public void SameSeedSameSynapsesOtherSeedOthers()
    {
        var a = Connectivity.Random(200, 150, 0.05, 42);
        var b = Connectivity.Random(200, 150, 0.05, 42);
        var other = Connectivity.Random(200, 150, 0.05, 43);
        Assert.Equal(a.PreIndex.ToArray(), b.PreIndex.ToArray());
        Assert.Equal(a.PostIndex.ToArray(), b.PostIndex.ToArray());
        Assert.NotEqual(Pairs(a), Pairs(other));
    }

    [Fact]
    public void SynapsesAreListedIMajorJMinor()
    {
        var c = Connectivity.Random(60, 70, 0.2, 9);
        var pairs = Pairs(c);
        for (int s = 1; s < pairs.Count; s++)
            Assert.True(pairs[s - 1].CompareTo(pairs[s]) < 0, $"synapse {s} out of order");
    }

    [Fact]
    public void ConditionIsRespectedAndOnlyFilters()
    {
        static bool Local(int i, int j) => Math.Abs(i - j) <= 10;
        var all = Connectivity.Random(100, 100, 0.4, 7);
        var local = Connectivity.Random(100, 100, 0.4, 7, Local);
        Assert.All(Pairs(local), pair => Assert.True(Local(pair.Item1, pair.Item2)));
        // Each pair has its own draw: the conditioned result is the unconditioned one, filtered.
        Assert.Equal(Pairs(all).Where(pair => Local(pair.Item1, pair.Item2)).ToList(), Pairs(local));
        Assert.NotEmpty(Pairs(local));
    }

    [Fact]
    public void SelfConnectionsAreExcludedWhenAsked()
    {
        // p = 1 would keep every diagonal pair, so their absence is due to the flag alone.
        var dense = Connectivity.Random(30, 30, 1.0, 5, allowSelfConnections: false);
        Assert.Equal(30 * 29, dense.Count);
        Assert.All(Pairs(dense), pair => Assert.NotEqual(pair.Item1, pair.Item2));

        var withSelf = Connectivity.Random(80, 80, 0.5, 5);
        var withoutSelf = Connectivity.Random(80, 80, 0.5, 5, allowSelfConnections: false);
        Assert.Contains(Pairs(withSelf), pair => pair.Item1 == pair.Item2);
        Assert.Equal(Pairs(withSelf).Where(pair => pair.Item1 != pair.Item2).ToList(), Pairs(withoutSelf));
    }

    [Fact]
    public void ProbabilityZeroAndOneAreExact()
    {
        Assert.Equal(0, Connectivity.Random(50, 50, 0.0, 1).Count);
        var one = Connectivity.Random(20, 30, 1.0, 1);
        var dense = Connectivity.Dense(20, 30);
        Assert.Equal(dense.PreIndex.ToArray(), one.PreIndex.ToArray());
        Assert.Equal(dense.PostIndex.ToArray(), one.PostIndex.ToArray());
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void ProbabilityOutsideUnitIntervalIsRefused(double p)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Connectivity.Random(3, 3, p, 1, name: "E->I"));
        Assert.Equal("p", ex.ParamName);
        Assert.Contains("'E->I'", ex.Message);
        Assert.Contains($"p = {p.ToString(System.Globalization.CultureInfo.InvariantCulture)}", ex.Message);
        Assert.Contains("[0, 1]", ex.Message);
    }

    private static List<(int, int)> Pairs(Connectivity c)
    {
        var pairs = new List<(int, int)>(c.Count);
        for (int s = 0; s < c.Count; s++)
            pairs.Add((c.PreIndex[s], c.PostIndex[s]));
        return pairs;
    }
}
