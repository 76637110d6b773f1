using DynLang.Runtime;

namespace DynLang.Models.Tests.Networks;

/// <summary>
/// The closed forms of event-driven equations other than a pure decay (Models/Networks/Stdp.dyn,
/// EventForms): dz/dt = (target − z)/τ gives z(t0+Δ) = target + (z − target)·e^{−Δ/τ}, and
/// dc/dt = rate gives c + rate·Δ, with Δ the time since the synapse's last pre or post event.
/// </summary>
public sealed class EventDrivenFormsTests
{
    private const double Dt = 1e-4;
    private const double Tau = 20e-3, Target = 2, Rate = 3;

    // Tolerance: the generated form (z + b/a)·e^{aΔ} − b/a computes b/a = (target/τ)/(−1/τ), a few
    // ulps from −2, and e^{aΔ} a few ulps from e^{−Δ/τ}: errors of a few ulps of 2 per event, four
    // events: 1e-14 is ~20 ulps. c ≤ 0.02 sums rate·Δ per event: a few ulps of 0.02.
    private const double Tolerance = 1e-14;

    [Fact]
    public void Relaxation_and_constant_rate_follow_their_closed_forms_across_pre_and_post_events()
    {
        long[] preSteps = { 10, 40 };
        long[] postSteps = { 25, 60 };
        var pre = new SpikeGeneratorSource("pre", 2, new[] { 0, 0 }, Steps.Times(Dt, preSteps));
        var post = new StdpRelayPopulation(1);
        var synapses = new EventFormsSynapses(pre, post, Connectivity.FromIndices(new[] { 0, 1 }, new[] { 0, 0 }, 2, 1));
        var drive = new PhaseAction("drive", NetworkPhase.Start, clock => post.drive[0] = postSteps.Contains(clock.Step) ? 1 : 0);
        new Network(Dt).Add(drive, pre, post, synapses).Run(80 * Dt);

        // By hand, for synapse 0 (every event) and synapse 1 (post events only).
        foreach (var (s, events) in new[] { (0, preSteps.Concat(postSteps).Order().ToArray()), (1, postSteps) })
        {
            double z = 0, c = 0, last = 0;
            int n = 0;
            foreach (long k in events)
            {
                double t = k * Dt;
                z = Target + (z - Target) * Math.Exp(-(t - last) / Tau);
                c += Rate * (t - last);
                last = t;
                if (preSteps.Contains(k) && s == 0) n++;
                if (postSteps.Contains(k)) z += 1;
            }
            Assert.Equal(z, synapses.z[s], Tolerance);
            Assert.Equal(c, synapses.c[s], Tolerance);
            Assert.Equal((double)n, synapses.n[s]);
            Assert.Equal(last, synapses.LastUpdate[s]);
        }
        // c counts time since 0 at each event: rate × the last event's time (6 ms): 0.018.
        Assert.Equal(Rate * 60 * Dt, synapses.c[0], Tolerance);
    }
}
