using DynLang.Runtime;

namespace DynLang.Models.Tests.Networks;

/// <summary>
/// Event-driven STDP (Models/Networks/Stdp.dyn, StdpPair) against its closed form: between events
/// apre(t) = apre(t0)·e^{−(t−t0)/taupre} and apost(t) = apost(t0)·e^{−(t−t0)/taupost}, with t0 the
/// synapse's last update (Brian2's lastupdate), brought up to date at each event before the
/// 'on pre' / 'on post' statements run; in one step 'on pre' runs before 'on post' (Brian2).
/// </summary>
/// <remarks>
/// Driven exactly: the pre side is a SpikeGeneratorSource (element 0 spikes, element 1 never),
/// the post side one StdpRelay neuron that spikes in the steps where the test sets its input.
/// Two synapses: s0 = pre 0 → post 0, s1 = pre 1 → post 0 (reached only by post spikes).
/// </remarks>
public sealed class StdpTests
{
    private const double Dt = 1e-4;

    // Tolerance for weights and traces: the generated closed form may build the exponent as −Δ/τ
    // or (−1/τ)·Δ (one ulp apart, so e^x one ulp apart); traces are ≤ 0.02 and weights ≤ 1, and
    // a run has at most ~30 events per synapse: the difference stays below 30 ulps of 1 ≈ 7e-15.
    private const double Tolerance = 1e-14;

    private sealed record Outcome(StdpPairSynapses Synapses, StdpRelayPopulation Post, SpikeMonitor PostSpikes);

    private static Outcome Run(long[] preSteps, long[] postSteps, int runSteps, StdpPairParameters? parameters = null,
        Action<StdpPairSynapses>? configure = null)
    {
        var pre = new SpikeGeneratorSource("pre", 2, preSteps.Select(_ => 0).ToArray(), Steps.Times(Dt, preSteps));
        var post = new StdpRelayPopulation(1);
        var connectivity = Connectivity.FromIndices(new[] { 0, 1 }, new[] { 0, 0 }, 2, 1, "pair");
        var synapses = new StdpPairSynapses(pre, post, connectivity, parameters ?? new StdpPairParameters());
        configure?.Invoke(synapses);
        var postSet = postSteps.ToHashSet();
        // Sets the relay's input before its update: it spikes in exactly the listed steps.
        var drive = new PhaseAction("drive", NetworkPhase.Start, clock => post.drive[0] = postSet.Contains(clock.Step) ? 1 : 0);
        var spikes = new SpikeMonitor(post, "post");
        new Network(Dt).Add(drive, pre, post, synapses, spikes).Run(runSteps * Dt);
        return new Outcome(synapses, post, spikes);
    }

    /// <summary>
    /// The rule by hand: traces decayed in closed form from the last event, then the statements.
    /// Events in step order; in a step, the pre event before the post event.
    /// </summary>
    private sealed class Reference(StdpPairParameters p)
    {
        public double W = 0.5, Apre, Apost, Last;

        private void Advance(long step)
        {
            double t = step * Dt;
            Apre *= Math.Exp(-(t - Last) / p.taupre);
            Apost *= Math.Exp(-(t - Last) / p.taupost);
            Last = t;
        }

        public void OnPre(long step)
        {
            Advance(step);
            Apre += p.Apre;
            W = Math.Clamp(W + Apost, 0, p.wmax);
        }

        public void OnPost(long step)
        {
            Advance(step);
            Apost += p.Apost;
            W = Math.Clamp(W + Apre, 0, p.wmax);
        }

        public static Reference Replay(StdpPairParameters p, long[] preSteps, long[] postSteps)
        {
            var r = new Reference(p);
            foreach (long step in preSteps.Concat(postSteps).Distinct().Order())
            {
                if (preSteps.Contains(step)) r.OnPre(step);
                if (postSteps.Contains(step)) r.OnPost(step);
            }
            return r;
        }
    }

    [Fact]
    public void Apost_default_follows_the_parameters_it_is_written_with()
    {
        // Apost = -Apre·taupre/taupost·1.05 = -0.01·20/30·1.05 = -0.007 (to rounding: relative 1e-15).
        var p = new StdpPairParameters();
        Assert.Equal(-0.007, p.Apost, 1e-17);
        Assert.Equal(-0.014, (p with { Apre = 0.02 }).Apost, 1e-17);
    }

    [Fact]
    public void Pre_then_post_potentiates_by_Apre_decayed_over_the_interval()
    {
        // Pre at step 10, post at step 30 (Δ = 2 ms): w = 0.5 + Apre·e^{−2 ms/20 ms}.
        var run = Run(new long[] { 10 }, new long[] { 30 }, 40);
        var p = run.Synapses.Parameters;
        double expected = 0.5 + p.Apre * Math.Exp(-2e-3 / p.taupre);
        Assert.Equal(expected, run.Synapses.w[0], Tolerance);
        Assert.Equal(p.Apre * Math.Exp(-2e-3 / p.taupre), run.Synapses.apre[0], Tolerance);
        Assert.Equal(p.Apost, run.Synapses.apost[0], Tolerance);
        // The post spike happened where the test put it.
        Assert.Equal(new long[] { 30 }, run.PostSpikes.Steps.ToArray());
    }

    [Fact]
    public void Post_then_pre_depresses_by_the_sum_of_decayed_apost()
    {
        // Post at steps 20 and 50, pre at step 80: apost at the pre event is
        // Apost·(e^{−6 ms/τpost} + e^{−3 ms/τpost}); the first post spike found apre = 0.
        var run = Run(new long[] { 80 }, new long[] { 20, 50 }, 100);
        var p = run.Synapses.Parameters;
        double apost = p.Apost * Math.Exp(-3e-3 / p.taupost) + p.Apost * Math.Exp(-6e-3 / p.taupost);
        Assert.Equal(0.5 + apost, run.Synapses.w[0], Tolerance);
        Assert.Equal(apost, run.Synapses.apost[0], Tolerance);
        Assert.Equal(p.Apre, run.Synapses.apre[0], Tolerance);
    }

    [Fact]
    public void A_long_pairing_sequence_matches_the_closed_form_replay_after_every_event()
    {
        // Irregular pre and post trains, with a pre and a post in the same step (step 57).
        long[] preSteps = { 3, 17, 18, 40, 57, 90, 133, 150, 151, 300 };
        long[] postSteps = { 10, 19, 45, 57, 58, 120, 152, 260 };
        var p = new StdpPairParameters();
        // Check after every event step: run up to and including that step and compare.
        foreach (long end in preSteps.Concat(postSteps).Distinct().Order())
        {
            var run = Run(preSteps.Where(k => k <= end).ToArray(), postSteps.Where(k => k <= end).ToArray(), (int)end + 1);
            var expected = Reference.Replay(p, preSteps.Where(k => k <= end).ToArray(), postSteps.Where(k => k <= end).ToArray());
            Assert.True(Math.Abs(expected.W - run.Synapses.w[0]) <= Tolerance, $"after step {end}: w = {run.Synapses.w[0]:R}, closed form {expected.W:R}");
            Assert.True(Math.Abs(expected.Apre - run.Synapses.apre[0]) <= Tolerance, $"after step {end}: apre = {run.Synapses.apre[0]:R}, closed form {expected.Apre:R}");
            Assert.True(Math.Abs(expected.Apost - run.Synapses.apost[0]) <= Tolerance, $"after step {end}: apost = {run.Synapses.apost[0]:R}, closed form {expected.Apost:R}");
            Assert.Equal(end * Dt, run.Synapses.LastUpdate[0]);
        }
    }

    [Fact]
    public void In_one_step_on_pre_runs_before_on_post()
    {
        // Post at 10 (apost ≠ 0), pre at 20 (apre ≠ 0), then both at 35.
        // Pre first: w += apost(35), then apre(35)+Apre goes into w at the post event.
        // Post first would add apre(35) without the fresh Apre and apost(35)+Apost at the pre event.
        var run = Run(new long[] { 20, 35 }, new long[] { 10, 35 }, 40);
        var p = run.Synapses.Parameters;
        var preFirst = Reference.Replay(p, new long[] { 20, 35 }, new long[] { 10, 35 });
        var postFirst = new Reference(p);
        postFirst.OnPost(10); postFirst.OnPre(20); postFirst.OnPost(35); postFirst.OnPre(35);
        Assert.Equal(preFirst.W, run.Synapses.w[0], Tolerance);
        // The two orders differ by Apre + Apost ≈ 3e-3, far beyond the tolerance: the check decides.
        Assert.True(Math.Abs(preFirst.W - postFirst.W) > 1e-3);
    }

    [Fact]
    public void LastUpdate_is_the_time_of_each_synapse_s_last_event()
    {
        // s0 sees pre (5, 60) and post (30); s1 only the post spike (30): its lastupdate is 3 ms,
        // its apre stays 0 so its weight does not move, its apost is Apost.
        var run = Run(new long[] { 5, 60 }, new long[] { 30 }, 80);
        var s = run.Synapses;
        Assert.Equal(60 * Dt, s.LastUpdate[0]);
        Assert.Equal(30 * Dt, s.LastUpdate[1]);
        Assert.Equal(0.5, s.w[1]);
        Assert.Equal(0.0, s.apre[1]);
        Assert.Equal(s.Parameters.Apost, s.apost[1], Tolerance);
        // Synapse 0's apost was brought to step 60, not left at its post-spike value.
        Assert.Equal(s.Parameters.Apost * Math.Exp(-3e-3 / s.Parameters.taupost), s.apost[0], Tolerance);
    }

    [Fact]
    public void Repeated_pairings_saturate_at_wmax_exactly()
    {
        // wmax = 0.52 with Apre = 0.01: pre 1 step before post, 8 pairings 20 ms apart add ~0.01 each;
        // the weight reaches the bound and clip holds it there exactly.
        long[] preSteps = Enumerable.Range(0, 8).Select(n => 200L * n + 5).ToArray();
        long[] postSteps = preSteps.Select(k => k + 1).ToArray();
        var parameters = new StdpPairParameters { wmax = 0.52 };
        var run = Run(preSteps, postSteps, 1700, parameters);
        Assert.Equal(0.52, run.Synapses.w[0]);
        var expected = Reference.Replay(parameters, preSteps, postSteps);
        Assert.Equal(expected.W, run.Synapses.w[0]);
    }

    [Fact]
    public void A_post_delay_moves_the_post_event_and_its_time()
    {
        // Post spike in step 30 through a 3-step post delay: 'on post' runs in step 33 with t = 3.3 ms,
        // so apre has decayed over 23 steps (pre at 10), and lastupdate is 3.3 ms.
        var run = Run(new long[] { 10 }, new long[] { 30 }, 40, configure: s => s.PostDelay = 3 * Dt);
        var p = run.Synapses.Parameters;
        Assert.Equal(0.5 + p.Apre * Math.Exp(-23 * Dt / p.taupre), run.Synapses.w[0], Tolerance);
        Assert.Equal(33 * Dt, run.Synapses.LastUpdate[0]);
        Assert.Equal(33 * Dt, run.Synapses.LastUpdate[1]);
    }

    [Fact]
    public void A_pre_delay_and_a_post_delay_can_reorder_a_pairing()
    {
        // Pre at 20 with a 15-step delay arrives at 35; post at 30 arrives at 30 (no post delay):
        // at the synapse the post event comes first, so the pairing depresses (w += Apost·e^{−5 steps}).
        var run = Run(new long[] { 20 }, new long[] { 30 }, 40, configure: s => s.PreDelay = 15 * Dt);
        var p = run.Synapses.Parameters;
        Assert.Equal(0.5 + p.Apost * Math.Exp(-5 * Dt / p.taupost), run.Synapses.w[0], Tolerance);
    }

    [Fact]
    public void Synapses_reset_restores_initial_weights_traces_and_lastupdate()
    {
        var run = Run(new long[] { 5 }, new long[] { 9 }, 12);
        Assert.NotEqual(0.5, run.Synapses.w[0]);
        run.Synapses.Reset();
        Assert.Equal(new[] { 0.5, 0.5 }, run.Synapses.w.ToArray());
        Assert.Equal(new[] { 0.0, 0.0 }, run.Synapses.apre.ToArray());
        Assert.Equal(new[] { 0.0, 0.0 }, run.Synapses.apost.ToArray());
        Assert.Equal(new[] { 0.0, 0.0 }, run.Synapses.LastUpdate.ToArray());
    }
}
