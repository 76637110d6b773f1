using DynLang.Runtime;

namespace DynLang.Models.Tests.Networks;

/// <summary>
/// Summed variables (Models/Networks/Summed.dyn): gap junctions <c>post.Igap = w·(pre.v − post.v)
/// (summed)</c> and <c>pre.Iout = w·(post.v − pre.v) (summed)</c>. Every step, in the SynapticSums
/// phase (before the update), each neuron's input is the sum over its synapses computed from the
/// states of that moment; a neuron without synapses gets 0; the update of the same step uses it.
/// </summary>
public sealed class SummedTests
{
    private const double Dt = 1e-4;

    // Synapses: s0: 0→1, s1: 1→0, s2: 2→1, s3: 3→2, s4: 1→3; neuron 4 has none.
    private static readonly int[] Pre = { 0, 1, 2, 3, 1 };
    private static readonly int[] Post = { 1, 0, 1, 2, 3 };
    private static readonly double[] Weights = { 0.5, 0.25, 2, 1.5, 0.75 };
    private static readonly double[] InitialV = { -5e-3, 0, 3e-3, 7e-3, 1e-3 };

    // Tolerance of a sum: the same products and additions as the generated loop, in synapse order,
    // give identical bits; a different association or a fused multiply-add changes a few ulps of
    // the largest term (|w·Δv| ≤ 2·12 mV = 0.024 V, ulp 3.5e-18 V). 1e-16 V allows ~30 ulps and is
    // still 10^10 below the millivolt sums.
    private const double SumTolerance = 1e-16;

    private sealed record Outcome(StateMonitor<double> V, StateMonitor<double> Igap, StateMonitor<double> Iout, GapCellPopulation Cells);

    private static Outcome Simulate(int steps)
    {
        var cells = new GapCellPopulation(5);
        InitialV.CopyTo(cells.v);
        var junctions = new GapJunctionSynapses(cells, cells, Connectivity.FromIndices(Pre, Post, 5, 5, "gap"));
        Weights.CopyTo(junctions.w);
        var v = new StateMonitor<double>("v", () => cells.v);
        var igap = new StateMonitor<double>("Igap", () => cells.Igap);
        var iout = new StateMonitor<double>("Iout", () => cells.Iout);
        new Network(Dt).Add(cells, junctions, v, igap, iout).Run(steps * Dt);
        return new Outcome(v, igap, iout, cells);
    }

    /// <summary>The sums by hand from the states <paramref name="v"/>, in synapse order.</summary>
    private static (double[] Igap, double[] Iout) Sums(ReadOnlySpan<double> v)
    {
        var igap = new double[5];
        var iout = new double[5];
        for (int s = 0; s < Pre.Length; s++)
        {
            igap[Post[s]] += Weights[s] * (v[Pre[s]] - v[Post[s]]);
            iout[Pre[s]] += Weights[s] * (v[Post[s]] - v[Pre[s]]);
        }
        return (igap, iout);
    }

    [Fact]
    public void Each_step_the_inputs_are_the_sums_over_the_synapses_of_that_step_s_states()
    {
        var run = Simulate(60);
        // Sample 0 is before anything ran: inputs still at their initial 0.
        Assert.All(run.Igap.Sample(0).ToArray(), x => Assert.Equal(0.0, x));
        for (int m = 0; m + 1 < run.V.SampleCount; m++)
        {
            // Step m computed the sums from the states at its start (sample m); sample m+1 shows them.
            var (igap, iout) = Sums(run.V.Sample(m));
            for (int j = 0; j < 5; j++)
            {
                Assert.True(Math.Abs(igap[j] - run.Igap.Sample(m + 1)[j]) <= SumTolerance,
                    $"step {m}, neuron {j}: Igap = {run.Igap.Sample(m + 1)[j]:R}, by hand {igap[j]:R}");
                Assert.True(Math.Abs(iout[j] - run.Iout.Sample(m + 1)[j]) <= SumTolerance,
                    $"step {m}, neuron {j}: Iout = {run.Iout.Sample(m + 1)[j]:R}, by hand {iout[j]:R}");
            }
        }
    }

    [Fact]
    public void A_neuron_without_synapses_gets_zero_every_step()
    {
        var run = Simulate(30);
        Assert.All(run.Igap.ValuesOf(4), x => Assert.Equal(0.0, x));
        Assert.All(run.Iout.ValuesOf(4), x => Assert.Equal(0.0, x));
        // Neuron 0 receives only s1 and sends only s0: non-zero sums, so the zeros above are not vacuous.
        Assert.NotEqual(0.0, run.Igap.Sample(1)[0]);
        Assert.NotEqual(0.0, run.Iout.Sample(1)[0]);
    }

    [Fact]
    public void The_update_of_a_step_uses_the_sums_computed_in_that_step()
    {
        // Exact solver with inputs constant over the step:
        // v(t+dt) = v·e^{−dt/τ} + (E + Igap + 0.5·Iout)·(1 − e^{−dt/τ}), τ = 10 ms, E = 2 mV.
        var run = Simulate(40);
        double p = Math.Exp(-Dt / 10e-3);
        double stalest = 0;
        for (int m = 0; m + 1 < run.V.SampleCount; m++)
        {
            for (int j = 0; j < 5; j++)
            {
                double drive = 2e-3 + run.Igap.Sample(m + 1)[j] + 0.5 * run.Iout.Sample(m + 1)[j];
                double expected = run.V.Sample(m)[j] * p + drive * (1 - p);
                double staleDrive = 2e-3 + run.Igap.Sample(m)[j] + 0.5 * run.Iout.Sample(m)[j];
                stalest = Math.Max(stalest, Math.Abs(run.V.Sample(m)[j] * p + staleDrive * (1 - p) - run.V.Sample(m + 1)[j]));
                // Tolerance: the propagator's closed form vs this one differ by a few ulps of terms
                // ≤ 0.03 V (5e-18 V each); 1e-16 V covers them. Using the previous step's sums
                // instead would miss by |ΔIgap|·(1 − p), orders of magnitude more while v relaxes.
                Assert.True(Math.Abs(expected - run.V.Sample(m + 1)[j]) <= 1e-16,
                    $"step {m}, neuron {j}: v = {run.V.Sample(m + 1)[j]:R}, closed form {expected:R}");
            }
        }
        // The check can tell: with the sums of the step before, the closed form misses by far more.
        Assert.True(stalest > 1e-12, $"largest miss with the previous step's sums: {stalest:E2} V");
    }

    [Fact]
    public void Two_synapse_groups_summing_into_one_input_either_add_up_or_are_refused()
    {
        // Brian2 refuses two Synapses objects with summed variables into the same target. DynLang
        // may add them or refuse them, naming the variable; silently keeping only one sum is wrong.
        var cells = new GapCellPopulation(3);
        new[] { 1e-3, 4e-3, 9e-3 }.CopyTo(cells.v);
        var first = new GapJunctionSynapses(cells, cells, Connectivity.FromIndices(new[] { 0 }, new[] { 1 }, 3, 3, "first"));
        var second = new GapJunctionSynapses(cells, cells, Connectivity.FromIndices(new[] { 2 }, new[] { 1 }, 3, 3, "second"));
        first.w[0] = 1;
        second.w[0] = 1;
        var network = new Network(Dt).Add(cells, first, second);
        var error = Record.Exception(() => network.Run(Dt));
        if (error is null)
        {
            // Both sums: (1 − 4) + (9 − 4) mV = 2 mV.
            Assert.True(Math.Abs(2e-3 - cells.Igap[1]) <= SumTolerance,
                $"Igap[1] = {cells.Igap[1]:R} V after one step; the two groups' sum is 2 mV (first alone: −3 mV, second alone: 5 mV)");
        }
        else
        {
            Assert.Contains("Igap", error.Message);
        }
    }
}
