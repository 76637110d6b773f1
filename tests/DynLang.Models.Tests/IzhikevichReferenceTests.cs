using DynLang.Models.Tests.Infrastructure;

namespace DynLang.Models.Tests;

/// <summary>
/// Izhikevich regular spiking (Izhikevich*.dyn) against Brian2 (tests/reference/single_neuron,
/// izh_rs_*): I = 10, threshold v ≥ 30, reset v = c, u += d, 1 s. The model is unit-free with time
/// in ms, so dt = 1 ms is Step(1.0). Brian2 computes dt·f/ms with dt and ms in seconds, DynLang
/// dt·f with dt in ms: the same numbers up to one rounding per step, so the spike steps (robust
/// to 1e-16 perturbations unless a crossing ties with a step) must be identical.
/// </summary>
public sealed class IzhikevichReferenceTests
{
    [Theory]
    [InlineData("izh_rs_euler_dt1ms", 1.0, false)]
    [InlineData("izh_rs_euler_dt0.1ms", 0.1, false)]
    [InlineData("izh_rs_rk4_dt0.01ms", 0.01, true)]
    public void Spike_steps_and_final_state_match_Brian2(string run, double dtMs, bool rk4)
    {
        var reference = ReferenceJson.Load("single_neuron", "reference.json").At("runs", "numpy", run);
        int steps = (int)Math.Round(1000 / dtMs);
        var spikes = new List<long>();
        double v, u;
        if (rk4)
        {
            var neuron = new IzhikevichRk4Population(1);
            neuron.I[0] = 10;
            for (int n = 0; n < steps; n++)
            {
                neuron.Step(dtMs);
                if (neuron.Spiked(0)) spikes.Add(n);
            }
            (v, u) = (neuron.v[0], neuron.u[0]);
        }
        else
        {
            var neuron = new IzhikevichEulerPopulation(1);
            neuron.I[0] = 10;
            for (int n = 0; n < steps; n++)
            {
                neuron.Step(dtMs);
                if (neuron.Spiked(0)) spikes.Add(n);
            }
            (v, u) = (neuron.v[0], neuron.u[0]);
        }

        Assert.Equal(reference.At("spike_steps").Longs(), spikes.ToArray());
        // With identical spike steps the two runs differ only by the rounding of dt·f: at most an
        // ulp-scale relative error per step that the subthreshold dynamics do not amplify, so at
        // most steps·4·2⁻⁵² relative at the end (9e-11 for rk4's 100,000 steps). Measured: ≤ 3e-15.
        double tolerance = steps * 4.0 / (1L << 52);
        var final = reference.At("final_state_SI");
        Assert.Equal(final.At("v").GetDouble(), v, Math.Abs(v) * tolerance);
        Assert.Equal(final.At("u").GetDouble(), u, Math.Abs(u) * tolerance);
    }
}
