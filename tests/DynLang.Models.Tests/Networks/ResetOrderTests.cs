using DynLang.Runtime;

namespace DynLang.Models.Tests.Networks;

/// <summary>
/// Brian2's order within a step (Models/Networks/ResetOrder.dyn): the update and the threshold,
/// then the synapses, then the resets. A synapse that writes a neuron in the step it spikes is
/// overridden by the reset (v = v_reset) or seen by it (a *= 0.5); a kick that lifts a neuron
/// over threshold after the threshold phase makes it spike in the next step. <c>Step(dt)</c>
/// outside a network resets at once.
/// </summary>
/// <remarks>
/// ResetProbe: dv/dt = 1 mV/ms, threshold 1.75 mV, dt = 0.5 ms, so after the updates of steps
/// 0, 1, 2, 3 v is 0.5, 1, 1.5, 2 mV and the neuron spikes in step 3 when nothing else acts.
/// All values compared exactly below are either exact (v_reset = 0, a = 10 mV·0.5 from the same
/// operations) or separated from the threshold by a quarter of a millivolt.
/// </remarks>
public sealed class ResetOrderTests
{
    private const double Dt = 5e-4;
    private const double Kick = 5e-3, Push = 10e-3;

    private sealed record Outcome(StateMonitor<double> V, StateMonitor<double> A, SpikeMonitor Spikes, ResetProbePopulation Probe);

    private static Outcome RunWithKickAt(long kickStep, int steps)
    {
        var source = new SpikeGeneratorSource("kick", 1, new[] { 0 }, Steps.Times(Dt, kickStep));
        var probe = new ResetProbePopulation(1);
        var synapses = new ResetKickSynapses(source, probe, Connectivity.OneToOne(1));
        var v = new StateMonitor<double>("v", () => probe.v);
        var a = new StateMonitor<double>("a", () => probe.a);
        var spikes = new SpikeMonitor(probe, "probe");
        new Network(Dt).Add(source, probe, synapses, v, a, spikes).Run(steps * Dt);
        return new Outcome(v, a, spikes, probe);
    }

    [Fact]
    public void Without_kicks_the_probe_spikes_in_step_3()
    {
        // The schedule the other tests rely on (a kick in step 40 is after the run).
        var run = RunWithKickAt(40, 6);
        Assert.Equal(new long[] { 3 }, run.Spikes.Steps.ToArray());
        Assert.Equal(1.5e-3, run.V.Sample(3)[0], 1e-15); // v before step 3's update: 3 × 0.5 mV, to rounding (~1e-18 V)
        Assert.Equal(0.0, run.V.Sample(4)[0]);
    }

    [Fact]
    public void The_reset_overrides_a_synaptic_write_in_the_step_the_neuron_spikes()
    {
        // Step 3: update → v = 2 mV, spike; synapse → v = 7 mV, a = 10 mV; reset → v = 0, a = 5 mV.
        var run = RunWithKickAt(3, 6);
        Assert.Equal(new long[] { 3 }, run.Spikes.Steps.ToArray());
        Assert.Equal(0.0, run.V.Sample(4)[0]);
        Assert.Equal(Push * 0.5, run.A.Sample(4)[0]);
        // Had the reset run before the synapse, v would be 5 mV and a 10 mV after step 3.
        Assert.NotEqual(Kick, run.V.Sample(4)[0]);
        Assert.NotEqual(Push, run.A.Sample(4)[0]);
    }

    [Fact]
    public void A_kick_after_the_threshold_phase_makes_the_neuron_spike_in_the_next_step()
    {
        // Step 0: update → v = 0.5 mV, no spike; synapse → v = 5.5 mV (over threshold, but the
        // threshold of step 0 has run). Step 1: update → 6 mV, spike, reset → 0.
        var run = RunWithKickAt(0, 4);
        Assert.Equal(new long[] { 1 }, run.Spikes.Steps.ToArray());
        Assert.Equal(5.5e-3, run.V.Sample(1)[0], 1e-15); // rounding of 0.5 mV + 5 mV: ~1e-18 V
        Assert.Equal(Push, run.A.Sample(1)[0]);
        Assert.Equal(0.0, run.V.Sample(2)[0]);
        Assert.Equal(Push * 0.5, run.A.Sample(2)[0]);
    }

    [Fact]
    public void Step_outside_a_network_resets_immediately()
    {
        var probe = new ResetProbePopulation(1);
        for (int k = 0; k < 3; k++)
        {
            probe.Step(Dt);
            Assert.Equal(0, probe.SpikeCount);
        }
        probe.a[0] = Push;      // what a synapse would have written before the step
        probe.Step(Dt);         // step 3: v = 2 mV → spike, reset in the same call
        Assert.Equal(1, probe.SpikeCount);
        Assert.True(probe.Spiked(0));
        Assert.Equal(0.0, probe.v[0]);
        Assert.Equal(Push * 0.5, probe.a[0]);
    }

    [Fact]
    public void Step_after_a_network_run_applies_nothing_twice()
    {
        // The network's last step reset the neuron already; a following Step(dt) integrates from
        // v = 0 (0.5 mV after it) and must not run the reset actions (a *= 0.5) a second time.
        var run = RunWithKickAt(3, 4);
        Assert.Equal(Push * 0.5, run.Probe.a[0]);
        run.Probe.Step(Dt);
        Assert.Equal(Push * 0.5, run.Probe.a[0]);
        Assert.Equal(5e-4, run.Probe.v[0], 1e-18); // one step of 1 mV/ms from 0: exact up to an ulp
    }

    [Fact]
    public void A_synapse_writing_its_pre_neuron_in_the_spike_step_is_seen_by_the_reset()
    {
        // SelfFeedback: pre.a += 1 mV in the Synapses phase of each spike step, then a *= 0.5 in
        // the Resets phase. Spikes in steps 3 and 7: a = (0 + 1 mV)·0.5, then (that + 1 mV)·0.5.
        var probe = new ResetProbePopulation(1);
        var feedback = new SelfFeedbackSynapses(probe, probe, Connectivity.OneToOne(1));
        var a = new StateMonitor<double>("a", () => probe.a);
        var spikes = new SpikeMonitor(probe, "probe");
        new Network(Dt).Add(probe, feedback, a, spikes).Run(9 * Dt);
        Assert.Equal(new long[] { 3, 7 }, spikes.Steps.ToArray());
        double first = (0 + 1e-3) * 0.5;
        Assert.Equal(first, a.Sample(4)[0]);
        Assert.Equal((first + 1e-3) * 0.5, a.Sample(8)[0]);
    }

    /// <summary>Spike steps and the states after every step, stepping TwoEvents with Step(dt) alone.</summary>
    private static (List<long> Spikes, List<(double V, double Burst)> States) TwoEventsByStep(int steps, double dt)
    {
        var cell = new TwoEventsPopulation(1);
        cell.I[0] = -40e-3;
        var spikes = new List<long>();
        var states = new List<(double, double)>();
        for (int k = 0; k < steps; k++)
        {
            cell.Step(dt);
            if (cell.SpikeCount > 0) spikes.Add(k);
            states.Add((cell.v[0], cell.burst[0]));
        }
        return (spikes, states);
    }

    [Fact]
    public void A_network_without_synapses_steps_a_two_event_neuron_as_Step_does()
    {
        // TwoEvents: each threshold crossing adds 1 to burst and spikes; when burst reaches 3 the
        // second event (checked after the first, on its assignments) halves it and spikes too —
        // in the same step. Nothing else acts on the neuron, so the network's deferred resets must
        // change nothing: the same spike steps and the same states after every step.
        const double dt = 1e-4;
        const int steps = 2000;
        var (expectedSpikes, expectedStates) = TwoEventsByStep(steps, dt);
        Assert.True(expectedSpikes.Count >= 10, $"{expectedSpikes.Count} spikes"); // several bursts, not vacuous

        var cell = new TwoEventsPopulation(1);
        cell.I[0] = -40e-3;
        var monitor = new SpikeMonitor(cell, "cell");
        var states = new List<(double, double)>();
        var record = new PhaseAction("states", NetworkPhase.End, _ => states.Add((cell.v[0], cell.burst[0])));
        new Network(dt).Add(cell, monitor, record).Run(steps * dt);

        Assert.Equal(expectedSpikes, monitor.Steps.ToArray());
        int first = Enumerable.Range(0, steps).FirstOrDefault(k => states[k] != expectedStates[k], -1);
        Assert.True(first < 0, first < 0 ? "" :
            $"step {first}: network (v, burst) = {states[first]}, Step(dt) {expectedStates[first]}");
    }
}
