using DynLang.Distributed;

namespace DynLang.Distributed.Tests.Connectivity;

/// <summary>DistributedConnectivity.FixedInDegree: distinct draws per post, one canonical order for any number of ranks.</summary>
public class FixedInDegreeTests
{
    private static RankConnectivity SingleProcess(int pre, int first, int range, int post, int inDegree, ulong seed, bool self = true) =>
        DistributedConnectivity.FixedInDegree(pre, first, range, new Partition(post, 1), 0, inDegree, seed, self);

    [Theory]
    [InlineData(100, 0, 100, 37, 8, true)]
    [InlineData(100, 0, 100, 100, 12, false)]
    [InlineData(100, 80, 20, 100, 5, false)] // an inhibitory range: posts 80..99 exclude themselves
    [InlineData(50, 10, 7, 40, 7, true)]     // every candidate taken
    public void Every_post_gets_in_degree_distinct_pres_from_its_range_ascending(int pre, int first, int range, int post, int inDegree, bool self)
    {
        var c = SingleProcess(pre, first, range, post, inDegree, 42, self).Local;
        Assert.Equal(post * inDegree, c.Count);
        for (int j = 0; j < post; j++)
        {
            var ids = c.Incoming(j).ToArray();
            Assert.Equal(Enumerable.Range(j * inDegree, inDegree), ids); // post-major ids
            int[] pres = ids.Select(s => c.PreIndex[s]).ToArray();
            Assert.Equal(pres.Order(), pres);
            Assert.Equal(inDegree, pres.Distinct().Count());
            Assert.All(pres, i => Assert.InRange(i, first, first + range - 1));
            if (!self) Assert.DoesNotContain(j, pres);
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Shares_over_ranks_are_the_single_process_synapses_in_order(int ranks)
    {
        var global = SingleProcess(300, 0, 240, 97, 11, 7, self: false);
        Assert.True(global.FirstGlobalIdOfRun == 0);
        var partition = new Partition(97, ranks);
        var shares = Enumerable.Range(0, ranks)
            .Select(r => DistributedConnectivity.FixedInDegree(300, 0, 240, partition, r, 11, 7, allowSelfConnections: false))
            .ToArray();
        Shares.AssertSharesOf(global.Local, shares);
        Assert.All(shares, s => Assert.Equal((long)partition.Start(s.Rank) * 11, s.GlobalSynapseId(0)));
    }

    [Fact]
    public void The_whole_range_overload_draws_from_every_pre_and_seeds_matter()
    {
        var partition = new Partition(600, 1);
        var a = DistributedConnectivity.FixedInDegree(60, partition, 0, 6, 1).Local;
        var again = DistributedConnectivity.FixedInDegree(60, partition, 0, 6, 1).Local;
        var b = DistributedConnectivity.FixedInDegree(60, partition, 0, 6, 2).Local;
        Assert.Equal(a.PreIndex.ToArray(), again.PreIndex.ToArray());
        Assert.NotEqual(a.PreIndex.ToArray(), b.PreIndex.ToArray());
        Assert.Equal(60, a.PreIndex.ToArray().Distinct().Count()); // 3600 draws from 60 neurons reach all of them
        Assert.All(a.PreIndex.ToArray(), i => Assert.InRange(i, 0, 59));
    }

    [Theory]
    [InlineData(5, 2)] // 2·1 ≤ 5: independent draws, redrawn on a repeat
    [InlineData(4, 3)] // 3·2 > 4: Floyd's algorithm
    public void Every_subset_is_equally_likely(int candidates, int inDegree)
    {
        // 40000 posts, fixed seed (deterministic): with m subsets each is expected 40000/m times
        // (4000 or 10000, standard deviation about 60 or 87); a biased draw (Floyd's step off by
        // one, a modulo bias, a redraw that keeps part of the row) moves some by hundreds.
        const int posts = 40000;
        var c = SingleProcess(candidates, 0, candidates, posts, inDegree, 2024).Local;
        var counts = new Dictionary<string, int>();
        for (int j = 0; j < posts; j++)
        {
            string key = string.Join(",", c.PreIndex.Slice(inDegree * j, inDegree).ToArray());
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        int subsets = candidates == 5 ? 10 : 4;
        Assert.Equal(subsets, counts.Count);
        double expected = (double)posts / subsets;
        Assert.All(counts.Values, n => Assert.InRange(n, expected - 6 * Math.Sqrt(expected), expected + 6 * Math.Sqrt(expected)));
    }

    [Fact]
    public void Large_in_degrees_use_the_hash_set_and_stay_distinct()
    {
        var c = SingleProcess(5000, 0, 5000, 6, 1500, 3, self: false).Local;
        for (int j = 0; j < 6; j++)
        {
            int[] pres = c.Incoming(j).ToArray().Select(s => c.PreIndex[s]).ToArray();
            Assert.Equal(1500, pres.Distinct().Count());
            Assert.DoesNotContain(j, pres);
        }
    }

    [Fact]
    public void Refuses_more_in_degree_than_candidates_and_ranges_outside_the_population()
    {
        var partition = new Partition(10, 2);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => DistributedConnectivity.FixedInDegree(10, partition, 0, 10, 1, allowSelfConnections: false));
        Assert.Contains("offers 9 without self connections", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => DistributedConnectivity.FixedInDegree(10, 8, 3, partition, 0, 1, 1));
        Assert.Contains("[8, 11) is not within the source population [0, 10)", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => DistributedConnectivity.FixedInDegree(10, partition, 0, -1, 1));
        // A range the posts do not reach keeps all its candidates without self connections.
        Assert.Equal(5 * 3, DistributedConnectivity.FixedInDegree(20, 15, 3, partition, 0, 3, 1, allowSelfConnections: false).Count);
    }

    [Fact]
    public void Zero_in_degree_gives_no_synapses()
    {
        var share = DistributedConnectivity.FixedInDegree(10, new Partition(10, 2), 1, 0, 1);
        Assert.Equal(0, share.Count);
        Assert.Equal(0, share.GlobalCount);
    }
}
