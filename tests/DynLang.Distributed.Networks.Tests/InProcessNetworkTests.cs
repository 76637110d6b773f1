using DynLang.Distributed;
using DynLang.Distributed.Scenarios;
using DynLang.Runtime;

namespace DynLang.Distributed.Networks.Tests;

/// <summary>
/// The distributed scenarios with ranks as threads: the same exchange code as over MPI (only the
/// communicator differs), so every rank count is checked here in seconds; tests/mpi/run.sh runs
/// them under mpiexec.
/// </summary>
public class InProcessNetworkTests
{
    private static readonly string Data = Path.Combine(AppContext.BaseDirectory, "data", "cuba");

    // 0.3 s of CUBA: 6,000+ spikes, enough for every neuron's state to depend on spikes of other ranks.
    private const double CubaDuration = 0.3;
    private static readonly Lazy<ScenarioResult> SingleCuba = new(() => CubaScenario.Run(null, CubaDuration, Data));
    private static readonly Lazy<ScenarioResult> SinglePlastic = new(() => PlasticScenario.Run(null, 0.4));

    private static ScenarioResult OnRanks(int size, Func<ICommunicator, ScenarioResult> run)
    {
        var results = new ScenarioResult[size];
        InProcessCommunicator.Run(size, comm => results[comm.Rank] = run(comm));
        return results[0];
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Cuba_on_ranks_is_the_one_process_run_bit_for_bit(int ranks)
    {
        var distributed = OnRanks(ranks, comm => CubaScenario.Run(comm, CubaDuration, Data));
        Assert.True(SingleCuba.Value.Spikes.Count > 5000, $"{SingleCuba.Value.Spikes.Count} spikes: too few to test anything");
        Assert.Null(distributed.FirstDifference(SingleCuba.Value));
        // No delay in CUBA: the spikes are exchanged every step, in time.
        Assert.Equal(1, distributed.ExchangeIntervalSteps);
        Assert.Equal((long)Math.Round(CubaDuration / CubaScenario.Dt), distributed.Exchange!.Value.Exchanges);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Plastic_network_with_delays_on_ranks_is_the_one_process_run_bit_for_bit(int ranks)
    {
        var distributed = OnRanks(ranks, comm => PlasticScenario.Run(comm, 0.4));
        Assert.True(SinglePlastic.Value.Spikes.Count > 200, $"{SinglePlastic.Value.Spikes.Count} spikes: too few to test anything");
        Assert.Null(distributed.FirstDifference(SinglePlastic.Value));
        // The shortest recurrent delay is 3 steps: spikes go every 3 steps, 3 steps late.
        Assert.Equal(3, distributed.ExchangeIntervalSteps);
        Assert.Equal(4000 / 3, distributed.Exchange!.Value.Exchanges);
        // STDP moved the recurrent weights, so their equality tests the late delivery.
        var initial = PlasticScenario.Run(null, 0).Values["w recurrent"];
        Assert.True(initial.Zip(SinglePlastic.Value.Values["w recurrent"]).Count(p => p.First != p.Second) > 100);
    }

    [Fact]
    public void A_rank_that_fails_is_named_by_every_other_rank_with_its_step_and_message()
    {
        var errors = Assert.Throws<AggregateException>(() =>
            InProcessCommunicator.Run(3, comm => CubaScenario.Run(comm, 0.1, Data, failOnRank: 1, failAtStep: 300)));
        Assert.Equal(3, errors.InnerExceptions.Count);
        Assert.Contains(errors.InnerExceptions, e => e is InvalidOperationException && e.Message == "injected failure at step 300");
        var others = errors.InnerExceptions.OfType<RankFailedException>().ToList();
        Assert.Equal(2, others.Count);
        Assert.All(others, e =>
        {
            Assert.Equal(1, e.FailedRank);
            Assert.Equal(300, e.Step);
            Assert.Contains("injected failure at step 300", e.Reason);
        });
    }

    [Fact]
    public void More_ranks_than_neurons_is_refused_with_the_largest_rank_count_that_works()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Partition(3, 4, "Cuba"));
        Assert.Contains("4 ranks for 3 elements", error.Message);
        Assert.Contains("at most 3 ranks", error.Message);
    }

    [Fact]
    public void A_local_population_of_the_wrong_size_is_refused_naming_the_block()
    {
        InProcessCommunicator.Run(2, comm =>
        {
            var partition = new Partition(10, 2, "Cuba");
            var error = Assert.Throws<ArgumentException>(() => new DistributedPopulation(new CubaPopulation(4), partition, comm));
            Assert.Contains($"rank {comm.Rank} holds elements [{partition.Start(comm.Rank)}, {partition.End(comm.Rank)}) of 10, 5 elements, but its local population has 4", error.Message);
        });
    }

    [Fact]
    public void A_later_run_with_a_delay_shorter_than_the_exchange_interval_is_refused_on_every_rank()
    {
        var errors = Assert.Throws<AggregateException>(() => InProcessCommunicator.Run(2, comm =>
        {
            var partition = new Partition(20, comm.Size, "Cuba");
            var local = new CubaPopulation(partition.LocalCount(comm.Rank));
            using var cluster = new DistributedPopulation(local, partition, comm);
            var share = DistributedConnectivity.Random(20, partition, comm, 0.3, 5, name: "c");
            var synapses = new CubaExcitatorySynapses(cluster, local, share.Local) { PreDelay = 4e-4 };
            var network = new Network(CubaScenario.Dt).Add(cluster, synapses);
            network.Run(0.01);
            Assert.Equal(4, cluster.ExchangeIntervalSteps);
            synapses.PreDelay = 1e-4;
            network.Run(0.01);
        }));
        Assert.All(errors.InnerExceptions, e => Assert.Contains("exchanged every 4 steps since the first run", e.Message));
    }
}
