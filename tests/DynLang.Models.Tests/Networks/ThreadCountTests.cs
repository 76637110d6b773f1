using DynLang.Runtime;

namespace DynLang.Models.Tests.Networks;

/// <summary>
/// Synapse loops split over the worker pool (Models/Networks/ThreadCount.dyn): one CUBA-like
/// network with every kind of synapse loop — on pre and on post pathways written by post, by pre,
/// by the spiking side (on pre writing pre, on post writing post) and by both, summed variables into both sides, clock-driven states with
/// euler, exact and noise — run on pools of 0, 1, 3 and 15 workers (1, 2, 4 and 16 threads) must
/// give the same spike raster and the same bits in every state array, without delays, with one
/// delay per pathway and with per-synapse delays. The split threshold is 0, so every loop that may
/// be split is split on every step with work; the counters prove it was.
/// </summary>
public sealed class ThreadCountTests
{
    private const double Dt = 1e-4;
    private const int N = 2000, Excitatory = 1600;
    private const int RunSteps = 400;
    private static readonly int[] WorkerCounts = { 0, 1, 3, 15 };

    public enum DelayMode { None, OnePerPathway, PerSynapse }

    private sealed record Outcome(int[] SpikeIndices, long[] SpikeSteps, List<(string Name, double[] Values)> States, Dictionary<string, long> Passes);

    /// <summary>A delay of 0 to 20 steps for each synapse, scrambled by id (zero delays included).</summary>
    private static double[] ScrambledDelays(int count) =>
        Enumerable.Range(0, count).Select(s => (int)((uint)(s * 2654435761u) % 21) * Dt).ToArray();

    private static Outcome Simulate(int workers, DelayMode mode) => Simulate(new[] { workers }, mode);

    /// <summary>Runs RunSteps steps in as many runs as <paramref name="workersPerRun"/> has entries, each on a pool of that many workers.</summary>
    private static Outcome Simulate(int[] workersPerRun, DelayMode mode)
    {
        // El 10 mV above threshold: every neuron fires on its own about every 19 ms, so every step
        // has spikes; the synapses then shift who fires when.
        var cells = new TcCellPopulation(N) { Parameters = new TcCellParameters() with { El = -40e-3 } };
        // CUBA's start: v uniform in [Vr, Vt] (here a fixed scramble).
        for (int i = 0; i < N; i++) cells.v[i] = -60e-3 + 10e-3 * ((i * 7919L) % 1000) / 1000.0;
        var exc = Connectivity.Random(N, N, 0.02, seed: 1, condition: (i, _) => i < Excitatory, name: "exc");
        var inh = Connectivity.Random(N, N, 0.02, seed: 2, condition: (i, _) => i >= Excitatory, name: "inh");
        var any = Connectivity.Random(N, N, 0.02, seed: 3, name: "any");

        var excitatory = new TcExcitatorySynapses(cells, cells, exc);
        for (int s = 0; s < excitatory.Count; s++) excitatory.w[s] = 1.62e-3 * (0.5 + (s * 37 % 100) / 100.0);
        var inhibitory = new TcInhibitorySynapses(cells, cells, inh);
        var stdp = new TcStdpSynapses(cells, cells, any);
        var backward = new TcBackwardSynapses(cells, cells, any);
        var self = new TcSelfSynapses(cells, cells, exc);
        var postSelf = new TcPostSelfSynapses(cells, cells, any);
        var both = new TcBothSynapses(cells, cells, inh);
        var aliased = new TcAliasedSynapses(cells, cells, any);
        var gap = new TcGapSynapses(cells, cells, inh);
        for (int s = 0; s < gap.Count; s++) gap.g[s] = 0.002 * (1 + s % 3);
        var trace = new TcTraceSynapses(cells, cells, any);
        var decay = new TcDecaySynapses(cells, cells, exc);
        var noise = new TcNoiseSynapses(cells, cells, inh) { Seed = 7 };

        switch (mode)
        {
            case DelayMode.OnePerPathway:
                excitatory.PreDelay = 15 * Dt;
                stdp.PreDelay = 5 * Dt;
                stdp.PostDelay = 3 * Dt;
                backward.PostDelay = 2 * Dt;
                self.PreDelay = 4 * Dt;
                postSelf.PostDelay = 7 * Dt;
                both.PreDelay = 6 * Dt;
                break;
            case DelayMode.PerSynapse:
                excitatory.SetPreDelays(ScrambledDelays(exc.Count));
                stdp.SetPreDelays(ScrambledDelays(any.Count));
                stdp.SetPostDelays(ScrambledDelays(any.Count).Reverse().ToArray());
                backward.SetPostDelays(ScrambledDelays(any.Count));
                self.SetPreDelays(ScrambledDelays(exc.Count));
                postSelf.SetPostDelays(ScrambledDelays(any.Count));
                both.SetPreDelays(ScrambledDelays(inh.Count));
                trace.SetPreDelays(ScrambledDelays(any.Count));
                break;
        }

        var synapses = new (string Name, IParallelLoops Loops)[]
        {
            ("excitatory", excitatory), ("inhibitory", inhibitory), ("stdp", stdp), ("backward", backward), ("self", self), ("postSelf", postSelf),
            ("both", both), ("aliased", aliased), ("gap", gap), ("trace", trace), ("decay", decay), ("noise", noise),
        };
        foreach (var (_, loops) in synapses) loops.ParallelThresholdNanoseconds = 0;

        var spikes = new SpikeMonitor(cells, "spikes");
        var network = new Network(Dt).Add(cells).Add(synapses.Select(s => (INetworkObject)s.Loops).ToArray()).Add(spikes);
        foreach (int workers in workersPerRun)
        {
            using var pool = new WorkerPool(workers);
            using var _ = WorkerPool.Use(pool);
            network.Run(RunSteps / workersPerRun.Length * Dt);
        }

        var states = new List<(string, double[])>
        {
            ("v", cells.v.ToArray()), ("ge", cells.ge.ToArray()), ("gi", cells.gi.ToArray()), ("back", cells.back.ToArray()),
            ("Igap", cells.Igap.ToArray()), ("Iout", cells.Iout.ToArray()),
            ("excitatory.w", excitatory.w.ToArray()),
            ("stdp.w", stdp.w.ToArray()), ("stdp.apre", stdp.apre.ToArray()), ("stdp.apost", stdp.apost.ToArray()), ("stdp.LastUpdate", stdp.LastUpdate.ToArray()),
            ("gap.g", gap.g.ToArray()), ("trace.r", trace.r.ToArray()), ("decay.s", decay.s.ToArray()), ("noise.n", noise.n.ToArray()),
        };
        return new Outcome(spikes.Indices.ToArray(), spikes.Steps.ToArray(), states,
            synapses.ToDictionary(s => s.Name, s => s.Loops.ParallelPasses));
    }

    [Theory]
    [InlineData(DelayMode.None)]
    [InlineData(DelayMode.OnePerPathway)]
    [InlineData(DelayMode.PerSynapse)]
    public void Spikes_and_every_state_are_the_same_bits_on_1_2_4_and_16_threads(DelayMode mode)
    {
        var runs = WorkerCounts.Select(workers => (Workers: workers, Outcome: Simulate(workers, mode))).ToList();
        var reference = runs[0].Outcome;

        // Not vacuous: the network is busy (CUBA-like activity), and its states move.
        Assert.True(reference.SpikeIndices.Length > 2_000, $"{reference.SpikeIndices.Length} spikes");
        Assert.True(reference.SpikeSteps.Distinct().Count() > RunSteps / 2, "spikes in too few steps");

        foreach (var (workers, outcome) in runs.Skip(1))
        {
            Assert.True(reference.SpikeIndices.SequenceEqual(outcome.SpikeIndices), $"{workers} workers: spike indices differ");
            Assert.True(reference.SpikeSteps.SequenceEqual(outcome.SpikeSteps), $"{workers} workers: spike steps differ");
            for (int k = 0; k < reference.States.Count; k++)
            {
                var (name, expected) = reference.States[k];
                double[] actual = outcome.States[k].Values;
                Assert.Equal(expected.Length, actual.Length);
                int differ = Enumerable.Range(0, expected.Length)
                    .Count(e => BitConverter.DoubleToInt64Bits(expected[e]) != BitConverter.DoubleToInt64Bits(actual[e]));
                Assert.True(differ == 0, $"{workers} workers: {name} differs in {differ} of {expected.Length} elements");
            }
        }
    }

    [Theory]
    [InlineData(DelayMode.OnePerPathway)]
    [InlineData(DelayMode.PerSynapse)]
    public void Changing_the_pool_between_runs_keeps_the_spikes_in_flight_and_the_bits(DelayMode mode)
    {
        // Each run cuts the loops into slices for its pool: the queued events move to their new
        // slices (per-synapse delays) and nothing else may change.
        var reference = Simulate(0, mode);
        var changing = Simulate(new[] { 0, 15, 3, 1 }, mode);
        Assert.True(reference.SpikeIndices.SequenceEqual(changing.SpikeIndices), "spike indices differ");
        Assert.True(reference.SpikeSteps.SequenceEqual(changing.SpikeSteps), "spike steps differ");
        for (int k = 0; k < reference.States.Count; k++)
            Assert.True(reference.States[k].Values.Select(BitConverter.DoubleToInt64Bits).SequenceEqual(changing.States[k].Values.Select(BitConverter.DoubleToInt64Bits)),
                $"{reference.States[k].Name} differs");
        Assert.True(changing.Passes["stdp"] > 0, "the later runs must have split their loops");
    }

    [Theory]
    [InlineData(DelayMode.None)]
    [InlineData(DelayMode.PerSynapse)]
    public void Every_loop_the_rule_allows_ran_split_and_the_others_never(DelayMode mode)
    {
        // Without workers nothing is split; with workers every loop that may be split was split
        // (ParallelPasses counts them), and the two the rule keeps on one thread never were.
        Assert.All(Simulate(0, mode).Passes, p => Assert.True(p.Value == 0, $"{p.Key}: {p.Value} split loops without workers"));
        var passes = Simulate(3, mode).Passes;
        foreach (var (name, count) in passes)
        {
            if (name is "both" or "aliased")
                Assert.True(count == 0, $"{name}: {count} split loops; its pathway must stay on one thread");
            else
                Assert.True(count >= RunSteps / 4, $"{name}: only {count} split loops in {RunSteps} steps");
        }
    }
}
