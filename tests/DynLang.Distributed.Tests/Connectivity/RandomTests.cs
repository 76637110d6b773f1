using DynLang.Distributed;
using DynLang.Runtime;

namespace DynLang.Distributed.Tests.Connectivity;

/// <summary>DistributedConnectivity.Random: each rank's share of Connectivity.Random, whatever the number of ranks.</summary>
public class RandomTests
{
    public static TheoryData<int, ulong, string, bool> Cases()
    {
        var data = new TheoryData<int, ulong, string, bool>();
        foreach (int ranks in new[] { 1, 2, 3, 4 })
            foreach (ulong seed in new ulong[] { 1, 2007, 0xDEADBEEFUL })
            {
                data.Add(ranks, seed, "none", true);
                data.Add(ranks, seed, "none", false);
                data.Add(ranks, seed, "distance", true);
            }
        return data;
    }

    private static Func<int, int, bool>? Condition(string name) => name switch
    {
        "distance" => (i, j) => Math.Abs(i - j) <= 9,
        _ => null,
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Shares_over_ranks_are_the_single_process_pairs_in_order(int ranks, ulong seed, string condition, bool self)
    {
        const int pre = 41, post = 29;
        var global = Runtime.Connectivity.Random(pre, post, 0.3, seed, Condition(condition), self);
        Assert.InRange(global.Count, 50, pre * post); // the case draws something
        var partition = new Partition(post, ranks);
        var shares = Shares.OnRanks(ranks, comm =>
            DistributedConnectivity.Random(pre, partition, comm, 0.3, seed, Condition(condition), self));
        Shares.AssertSharesOf(global, shares);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void The_rank_overload_counts_the_other_ranks_and_gives_the_same_share(int ranks)
    {
        var global = Runtime.Connectivity.Random(30, 30, 0.2, 99, allowSelfConnections: false);
        var partition = new Partition(30, ranks);
        var withComm = Shares.OnRanks(ranks, comm => DistributedConnectivity.Random(30, partition, comm, 0.2, 99, allowSelfConnections: false));
        for (int r = 0; r < ranks; r++)
        {
            var alone = DistributedConnectivity.Random(30, partition, r, 0.2, 99, allowSelfConnections: false);
            Shares.AssertShareOf(global, alone);
            Assert.Equal(withComm[r].GlobalSynapseIds.ToArray(), alone.GlobalSynapseIds.ToArray());
        }
    }

    [Fact]
    public void Edge_probabilities_give_nothing_or_everything()
    {
        var partition = new Partition(7, 2);
        var none = Shares.OnRanks(2, comm => DistributedConnectivity.Random(5, partition, comm, 0.0, 1));
        Assert.All(none, s => Assert.Equal(0, s.Count));
        Assert.All(none, s => Assert.Equal(0, s.GlobalCount));
        var all = Shares.OnRanks(2, comm => DistributedConnectivity.Random(5, partition, comm, 1.0, 1));
        Shares.AssertSharesOf(Runtime.Connectivity.Dense(5, 7), all);
    }

    [Fact]
    public void Refuses_a_probability_outside_0_1_and_a_communicator_that_does_not_match()
    {
        var partition = new Partition(10, 2);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => DistributedConnectivity.Random(10, partition, 0, 1.5, 1));
        Assert.Contains("p = 1.5", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => DistributedConnectivity.Random(10, partition, 2, 0.5, 1));
        var failure = Assert.Throws<AggregateException>(() =>
            InProcessCommunicator.Run(3, comm => DistributedConnectivity.Random(10, partition, comm, 0.5, 1)));
        Assert.All(failure.InnerExceptions, x => Assert.Contains("partition is over 2 ranks", x.Message));
    }

    [Fact]
    public void A_rank_that_fails_to_draw_stops_the_others_with_its_message()
    {
        var partition = new Partition(20, 3);
        int rank1Start = partition.Start(1), rank1End = partition.End(1);
        var failure = Assert.Throws<AggregateException>(() => InProcessCommunicator.Run(3, comm =>
            DistributedConnectivity.Random(20, partition, comm, 1.0, 5,
                (i, j) => j >= rank1Start && j < rank1End ? throw new InvalidOperationException("bad condition") : true)));
        Assert.Equal(3, failure.InnerExceptions.Count);
        Assert.Single(failure.InnerExceptions.OfType<InvalidOperationException>());
        var others = failure.InnerExceptions.OfType<RankFailedException>().ToArray();
        Assert.Equal(2, others.Length);
        Assert.All(others, x => Assert.Equal(1, x.FailedRank));
        Assert.All(others, x => Assert.Contains("bad condition", x.Message));
    }
}
