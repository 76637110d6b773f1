using DynLang.Runtime;

namespace DynLang.Models.Tests.Networks;

/// <summary>
/// Synaptic delays (Models/Networks/Delays.dyn) end to end: a spike emitted in step k through a
/// pathway with delay D·dt runs 'on pre' in step k + D (Brian2's SpikeQueue), in Brian2's order
/// (earlier pushes first, then spikes ascending, then synapse ids), and bad delays are refused
/// before the first step with a message that names the value.
/// </summary>
/// <remarks>
/// Observation: a StateMonitor samples in the Start phase, before anything of its step happens, so
/// the effect of step n is the sample of step n + 1. DelaySink's x has dx/dt = 0 and changes only
/// through the synapses, so every expected trace below is exact (0 or a count of 1 mV additions).
/// </remarks>
public sealed class DelayTests
{
    private const double Dt = 1e-4; // 0.1 ms, the usual network step; k·0.1 ms is not exact in binary, as in real use
    private const double W = 1e-3;  // DelayKick's default w = 1 mV

    private sealed record Trace(StateMonitor<double> X, DelaySinkPopulation Sink);

    private static Trace RunKicks(SpikeGeneratorSource source, int sinkCount, Connectivity connectivity,
        Action<DelayKickSynapses> configure, int steps)
    {
        var sink = new DelaySinkPopulation(sinkCount);
        var synapses = new DelayKickSynapses(source, sink, connectivity);
        configure(synapses);
        var monitor = new StateMonitor<double>("x", () => sink.x);
        new Network(Dt).Add(source, sink, synapses, monitor).Run(steps * Dt);
        return new Trace(monitor, sink);
    }

    /// <summary>Number of (index, step) spikes of element <paramref name="j"/> whose arrival step k + delay is before sample m.</summary>
    private static double Expected(int[] indices, long[] steps, int j, int delay, long m) =>
        W * indices.Zip(steps).Count(p => p.First == j && p.Second + delay < m);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void Homogeneous_delay_of_D_steps_acts_in_step_k_plus_D(int d)
    {
        int[] indices = { 0, 1, 2, 0 };
        long[] steps = { 5, 5, 9, 20 };
        var source = new SpikeGeneratorSource("gen", 3, indices, Steps.Times(Dt, steps));
        var trace = RunKicks(source, 3, Connectivity.OneToOne(3), s => s.PreDelay = d * Dt, 40);

        // The headline: element 0's first spike (step 5) has not arrived at the end of step 5 + D − 1
        // (sample 5 + D) and has at the end of step 5 + D (sample 5 + D + 1).
        Assert.Equal(0.0, trace.X.Sample(5 + d)[0]);
        Assert.Equal(W, trace.X.Sample(5 + d + 1)[0]);
        for (int m = 0; m < trace.X.SampleCount; m++)
            for (int j = 0; j < 3; j++)
                Assert.True(Expected(indices, steps, j, d, m) == trace.X.Sample(m)[j],
                    $"D = {d}, sample {m}, sink {j}: expected {Expected(indices, steps, j, d, m)}, got {trace.X.Sample(m)[j]}");
    }

    [Fact]
    public void Per_synapse_delays_act_each_at_its_own_step_with_several_spikes_in_flight()
    {
        // One source spiking at steps 2 and 4, four synapses with delays 0, 2, 5 and 11 steps: the
        // 5- and 11-step pathways hold both spikes at once (ring slots 2 steps apart).
        long[] steps = { 2, 4 };
        int[] delays = { 0, 2, 5, 11 };
        var source = new SpikeGeneratorSource("gen", 1, new[] { 0, 0 }, Steps.Times(Dt, steps));
        var trace = RunKicks(source, 4, Connectivity.Dense(1, 4),
            s => s.SetPreDelays(delays.Select(d => d * Dt).ToArray()), 30);
        for (int m = 0; m < trace.X.SampleCount; m++)
            for (int j = 0; j < 4; j++)
            {
                double expected = W * steps.Count(k => k + delays[j] < m);
                Assert.True(expected == trace.X.Sample(m)[j], $"sample {m}, synapse {j} (delay {delays[j]}): expected {expected}, got {trace.X.Sample(m)[j]}");
            }
        // Spot checks of the arithmetic above: the 11-step synapse gets the spike of step 4 in step 15.
        Assert.Equal(W, trace.X.Sample(15)[3]);
        Assert.Equal(2 * W, trace.X.Sample(16)[3]);
    }

    [Fact]
    public void Equal_per_synapse_delays_behave_as_the_homogeneous_delay()
    {
        // SetPreDelays with all-equal values takes the homogeneous path of the queue: same arrivals.
        var source1 = new SpikeGeneratorSource("gen", 3, new[] { 0, 2 }, Steps.Times(Dt, 1, 6));
        var source2 = new SpikeGeneratorSource("gen", 3, new[] { 0, 2 }, Steps.Times(Dt, 1, 6));
        var homogeneous = RunKicks(source1, 3, Connectivity.OneToOne(3), s => s.PreDelay = 4 * Dt, 20);
        var perSynapse = RunKicks(source2, 3, Connectivity.OneToOne(3), s => s.SetPreDelays(new[] { 4 * Dt, 4 * Dt, 4 * Dt }), 20);
        Assert.Equal(homogeneous.X.Values.ToArray(), perSynapse.X.Values.ToArray());
        Assert.Equal(W, homogeneous.X.Sample(6)[0]);
        Assert.Equal(0.0, homogeneous.X.Sample(10)[2]);
        Assert.Equal(W, homogeneous.X.Sample(11)[2]);
    }

    // ---- Brian2's order of delivery -------------------------------------------------------------

    /// <summary>Runs DelayOrder (x ← 10·x + d) from a 3-element source onto one sink; returns x after the run.</summary>
    private static double RunOrder(Connectivity connectivity, double[] digits, int[] indices, long[] steps, double[]? delays, int runSteps)
    {
        var source = new SpikeGeneratorSource("gen", 3, indices, Steps.Times(Dt, steps));
        var sink = new DelaySinkPopulation(1);
        var synapses = new DelayOrderSynapses(source, sink, connectivity);
        digits.CopyTo(synapses.d);
        if (delays is not null) synapses.SetPreDelays(delays);
        new Network(Dt).Add(source, sink, synapses).Run(runSteps * Dt);
        return sink.x[0];
    }

    /// <summary>x after applying x ← 10·x + d for the digits in this order, with the generated code's operations.</summary>
    private static double Digits(params double[] order)
    {
        double x = 0;
        foreach (double d in order) x = 10 * x + d;
        return x;
    }

    [Fact]
    public void Spikes_of_one_step_are_delivered_by_ascending_source_index()
    {
        // Synapse s connects source s to the sink, digit s+1. Sources 2 and 0 spike in step 4 (given
        // in that order): ascending index means synapse 0 first, then synapse 2: "13", not "31".
        double[] digits = { 1e-3, 2e-3, 3e-3 };
        double x = RunOrder(Connectivity.Dense(3, 1), digits, new[] { 2, 0 }, new long[] { 4, 4 }, null, 10);
        Assert.Equal(Digits(1e-3, 3e-3), x);
        Assert.NotEqual(Digits(3e-3, 1e-3), x);
    }

    [Fact]
    public void Synapses_of_one_spike_are_delivered_by_ascending_synapse_id()
    {
        // Synapse ids in creation order: s0: 1→0, s1: 0→0, s2: 1→0. Sources 0 and 1 spike together:
        // source 0's synapse (s1) first, then source 1's in id order (s0, s2): digits 2, 1, 3.
        var connectivity = Connectivity.FromIndices(new[] { 1, 0, 1 }, new[] { 0, 0, 0 }, 3, 1);
        double x = RunOrder(connectivity, new[] { 1e-3, 2e-3, 3e-3 }, new[] { 0, 1 }, new long[] { 4, 4 }, null, 10);
        Assert.Equal(Digits(2e-3, 1e-3, 3e-3), x);
    }

    [Fact]
    public void Delayed_spikes_due_with_fresh_ones_come_first()
    {
        // Source 2 spikes in step 3 through a 2-step delay; sources 0 and 1 spike in step 5 with no
        // delay. All three are due in step 5; Brian2's queue delivers the earlier push first: 3, 1, 2.
        double[] delays = { 0, 0, 2 * Dt };
        double x = RunOrder(Connectivity.Dense(3, 1), new[] { 1e-3, 2e-3, 3e-3 }, new[] { 2, 0, 1 }, new long[] { 3, 5, 5 }, delays, 10);
        Assert.Equal(Digits(3e-3, 1e-3, 2e-3), x);
    }

    // ---- across runs ----------------------------------------------------------------------------

    [Fact]
    public void A_spike_in_flight_when_a_run_ends_arrives_in_the_next_run()
    {
        // Spike in step 8, delay 5 steps: due in step 13, after the first run of 10 steps has ended.
        var source = new SpikeGeneratorSource("gen", 1, new[] { 0 }, Steps.Times(Dt, 8));
        var sink = new DelaySinkPopulation(1);
        var synapses = new DelayKickSynapses(source, sink, Connectivity.OneToOne(1)) { PreDelay = 5 * Dt };
        var monitor = new StateMonitor<double>("x", () => sink.x);
        var network = new Network(Dt).Add(source, sink, synapses, monitor);
        network.Run(10 * Dt);
        Assert.Equal(0.0, sink.x[0]);
        network.Run(10 * Dt);
        Assert.Equal(0.0, monitor.Sample(13)[0]);
        Assert.Equal(W, monitor.Sample(14)[0]);
    }

    [Fact]
    public void Adding_an_object_between_runs_keeps_the_spikes_in_flight()
    {
        // As above, but a monitor is added between the runs (Brian2 allows this and keeps its
        // queues): the network prepares its objects again, which must not drop the queued spike.
        var source = new SpikeGeneratorSource("gen", 1, new[] { 0 }, Steps.Times(Dt, 8));
        var sink = new DelaySinkPopulation(1);
        var synapses = new DelayKickSynapses(source, sink, Connectivity.OneToOne(1)) { PreDelay = 5 * Dt };
        var network = new Network(Dt).Add(source, sink, synapses);
        network.Run(10 * Dt);
        var monitor = new StateMonitor<double>("x", () => sink.x);
        network.Add(monitor);
        network.Run(10 * Dt);
        Assert.Equal(W, sink.x[0]);
        // Samples 0..9 of the monitor are steps 10..19; the spike is due in step 13.
        Assert.Equal(13, monitor.Steps[3]);
        Assert.Equal(0.0, monitor.Sample(3)[0]);
        Assert.Equal(W, monitor.Sample(4)[0]);
    }

    [Fact]
    public void A_delay_changed_between_runs_applies_to_the_next_run()
    {
        // Brian2 lets delays change between runs. Spike in step 12 (second run) with a delay set to
        // 3 steps after the first run: it must arrive in step 15, and the run must not throw.
        var source = new SpikeGeneratorSource("gen", 1, new[] { 0 }, Steps.Times(Dt, 12));
        var sink = new DelaySinkPopulation(1);
        var synapses = new DelayKickSynapses(source, sink, Connectivity.OneToOne(1));
        var monitor = new StateMonitor<double>("x", () => sink.x);
        var network = new Network(Dt).Add(source, sink, synapses, monitor);
        network.Run(10 * Dt);
        synapses.PreDelay = 3 * Dt;
        network.Run(10 * Dt);
        Assert.Equal(0.0, monitor.Sample(15)[0]);
        Assert.Equal(W, monitor.Sample(16)[0]);
    }

    // ---- bad delays -----------------------------------------------------------------------------

    private static Exception RunWithDelay(Action<DelayKickSynapses> configure)
    {
        var source = new SpikeGeneratorSource("gen", 3, new[] { 0 }, Steps.Times(Dt, 1));
        var sink = new DelaySinkPopulation(3);
        var synapses = new DelayKickSynapses(source, sink, Connectivity.OneToOne(3, "input-to-sink"));
        configure(synapses);
        var network = new Network(Dt).Add(source, sink, synapses);
        var error = Record.Exception(() => network.Run(5 * Dt));
        Assert.NotNull(error);
        // Refused before the first step: nothing ran.
        Assert.Equal(0, network.StepIndex);
        Assert.Equal(0, sink.StepIndex);
        return error!;
    }

    [Fact]
    public void A_negative_delay_is_refused_when_the_run_starts_naming_the_value()
    {
        var error = RunWithDelay(s => s.PreDelay = -Dt);
        var range = Assert.IsType<ArgumentOutOfRangeException>(error);
        Assert.Contains("-0.0001", range.Message);
        Assert.Contains("negative", range.Message);
    }

    [Fact]
    public void A_delay_between_two_steps_is_refused_naming_the_value_and_dt()
    {
        var error = RunWithDelay(s => s.PreDelay = 1.5 * Dt);
        var range = Assert.IsType<ArgumentOutOfRangeException>(error);
        Assert.Contains("0.00015", range.Message);   // the delay
        Assert.Contains("dt = 0.0001", range.Message);
        Assert.Contains("whole number", range.Message);
    }

    [Fact]
    public void A_bad_per_synapse_delay_is_refused_naming_the_synapse_and_value()
    {
        var error = RunWithDelay(s => s.SetPreDelays(new[] { 0, 2.5 * Dt, Dt }));
        var range = Assert.IsType<ArgumentOutOfRangeException>(error);
        Assert.Contains("synapse 1", range.Message);
        Assert.Contains("0.00025", range.Message);
    }

    [Fact]
    public void Delay_errors_name_the_synapses_object_and_its_pathway()
    {
        // With several synapse groups on shared connectivities, "which delay?" must be answerable
        // from the message: the synapses' Name and the pathway (pre), not only the connectivity's name.
        var error = RunWithDelay(s => { s.Name = "feedforward"; s.PreDelay = -Dt; });
        Assert.Contains("feedforward", error.Message);
        Assert.Contains("pre", error.Message);
    }

    [Fact]
    public void Per_synapse_delays_of_the_wrong_length_are_refused_at_once_naming_both_lengths()
    {
        var sink = new DelaySinkPopulation(3);
        var source = new SpikeGeneratorSource("gen", 3, Array.Empty<int>(), Array.Empty<double>());
        var synapses = new DelayKickSynapses(source, sink, Connectivity.OneToOne(3));
        var error = Assert.Throws<ArgumentException>(() => synapses.SetPreDelays(new double[2]));
        Assert.Contains("2", error.Message);
        Assert.Contains("3 synapses", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void On_pre_sees_the_time_of_the_step_that_delivers_the_spike(int d)
    {
        // Brian2: t in on_pre is the time of the delivering step, (k + D)·dt, not the spike's k·dt.
        var source = new SpikeGeneratorSource("gen", 1, new[] { 0 }, Steps.Times(Dt, 7));
        var sink = new DelaySinkPopulation(1);
        var stamp = new DelayStampSynapses(source, sink, Connectivity.OneToOne(1)) { PreDelay = d * Dt };
        Assert.Equal(-1.0, stamp.seen[0]);
        new Network(Dt).Add(source, sink, stamp).Run(20 * Dt);
        Assert.Equal((7 + d) * Dt, stamp.seen[0]);
    }

    [Fact]
    public void A_synapse_parameter_without_value_stops_the_run_naming_it_before_it_reaches_a_neuron()
    {
        // Neurons refuse to step with an unset parameter ("Parameter 'v_th' of … has no value");
        // synapses must too, instead of adding NaN to their targets.
        var source = new SpikeGeneratorSource("gen", 1, new[] { 0 }, Steps.Times(Dt, 2));
        var sink = new DelaySinkPopulation(1);
        var synapses = new DelayUnsetSynapses(source, sink, Connectivity.OneToOne(1));
        Assert.True(double.IsNaN(synapses.Parameters.w));
        var error = Record.Exception(() => new Network(Dt).Add(source, sink, synapses).Run(5 * Dt));
        Assert.False(double.IsNaN(sink.x[0]), "the unset weight reached the neuron");
        Assert.IsType<InvalidOperationException>(error);
        Assert.Contains("'w'", error!.Message);
    }
}
