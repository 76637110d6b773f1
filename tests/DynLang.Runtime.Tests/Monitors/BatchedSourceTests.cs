using DynLang.Runtime;

namespace DynLang.Runtime.Tests.Monitors;

/// <summary>
/// Monitors of sources that hand their spikes over in batches (an accelerator's), and of state
/// samplers: the records must be those of the per-step path, brought up to date whenever they are
/// read or flushed. A CPU stand-in plays the device: it keeps every step's spikes and delivers them
/// only when drained.
/// </summary>
public sealed class BatchedSourceTests
{
    /// <summary>Replays FakeSpikeSource's pattern but delivers to its sinks only on DrainSpikes, every step in order.</summary>
    private sealed class BatchingSource(int count, params int[][] pattern) : ISpikeBatchSource, INetworkObject
    {
        private readonly FakeSpikeSource _inner = new(count, pattern);
        private readonly List<ISpikeSink> _sinks = new();
        private readonly List<(long Step, int[] Spikes)> _pending = new();

        public int Count => _inner.Count;

        public ReadOnlySpan<int> SpikesThisStep => _inner.SpikesThisStep;

        public string Name => "batching source";

        public int Drains { get; private set; }

        public void AttachSpikeSink(ISpikeSink sink) => _sinks.Add(sink);

        public void DrainSpikes()
        {
            Drains++;
            foreach (var (step, spikes) in _pending)
                foreach (var sink in _sinks) sink.Receive(step, spikes);
            _pending.Clear();
        }

        public void Prepare(double dt) => _inner.Prepare(dt);

        public void Run(NetworkPhase phase, NetworkClock clock)
        {
            _inner.Run(phase, clock);
            if (phase == NetworkPhase.Thresholds) _pending.Add((clock.Step, _inner.SpikesThisStep.ToArray()));
        }
    }

    private static readonly int[][] Pattern = { new[] { 1, 4 }, Array.Empty<int>(), new[] { 0 }, new[] { 2, 3, 4 } };

    [Fact]
    public void Spike_and_rate_monitors_of_a_batch_source_equal_those_of_the_per_step_path()
    {
        var direct = new FakeSpikeSource(5, Pattern);
        var batched = new BatchingSource(5, Pattern);
        var spikesDirect = new SpikeMonitor(direct, "direct");
        var spikesBatched = new SpikeMonitor(batched, "batched");
        var rateDirect = new PopulationRateMonitor(direct, "rate direct");
        var rateBatched = new PopulationRateMonitor(batched, "rate batched");
        new Network(1e-3).Add(direct, batched, spikesDirect, spikesBatched, rateDirect, rateBatched).Run(0.05);
        // The run's end flushed (drained) the batch source: everything is there.
        Assert.True(batched.Drains >= 1, "the network's flush at the end of a run must drain the source");
        Assert.Equal(spikesDirect.Indices.ToArray(), spikesBatched.Indices.ToArray());
        Assert.Equal(spikesDirect.Steps.ToArray(), spikesBatched.Steps.ToArray());
        Assert.Equal(spikesDirect.Times.ToArray(), spikesBatched.Times.ToArray());
        Assert.Equal(50, rateBatched.SampleCount);
        Assert.Equal(rateDirect.Rates.ToArray(), rateBatched.Rates.ToArray());
        Assert.Equal(rateDirect.Times.ToArray(), rateBatched.Times.ToArray());
    }

    [Fact]
    public void Reading_a_monitor_drains_what_the_source_holds()
    {
        var batched = new BatchingSource(5, Pattern);
        var monitor = new SpikeMonitor(batched, "batched");
        var objects = new INetworkObject[] { batched, monitor };
        foreach (var o in objects) o.Prepare(1e-3);
        for (long step = 0; step < 4; step++)
            foreach (var phase in Enum.GetValues<NetworkPhase>())
                foreach (var o in objects) o.Run(phase, new NetworkClock(step, step * 1e-3, 1e-3));
        Assert.Equal(0, batched.Drains);
        Assert.Equal(6, monitor.Count); // 2 + 0 + 1 + 3, delivered by the read
        Assert.Equal(new[] { 1, 4, 0, 2, 3, 4 }, monitor.Indices.ToArray());
        Assert.Equal(new long[] { 0, 0, 2, 3, 3, 3 }, monitor.Steps.ToArray());
    }

    [Fact]
    public void A_state_monitor_through_a_CPU_sampler_equals_one_through_a_getter()
    {
        var population = new CountingPopulation<double>(6);
        var getter = new StateMonitor<double>("v", () => population.v, new[] { 5, 0, 3 }, everySteps: 3);
        var sampled = new StateMonitor<double>("v", new CpuStateSampler<double>("v", () => population.v), new[] { 5, 0, 3 }, everySteps: 3);
        new Network(1e-3).Add(population, getter, sampled).Run(0.03);
        Assert.Equal(10, sampled.SampleCount);
        Assert.Equal(getter.Values.ToArray(), sampled.Values.ToArray());
        Assert.Equal(getter.Steps.ToArray(), sampled.Steps.ToArray());
        Assert.Equal(getter.ValuesOf(1), sampled.ValuesOf(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StateMonitor<double>("v", new CpuStateSampler<double>("v", () => population.v), new[] { 6 }));
    }
}
