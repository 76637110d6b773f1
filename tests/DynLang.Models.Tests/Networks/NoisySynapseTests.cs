using DynLang.Runtime;
using Xunit.Abstractions;

namespace DynLang.Models.Tests.Networks;

/// <summary>
/// White noise in a synapse's clock-driven equation (Models/Networks/NoisySynapse.dyn): an
/// Ornstein–Uhlenbeck variable per synapse, integrated by Euler–Maruyama in the Groups phase.
/// </summary>
public sealed class NoisySynapseTests(ITestOutputHelper output)
{
    /// <summary>Synapses (one-to-one), each an independent sample.</summary>
    private const int Count = 65_536;

    /// <summary>Standard errors allowed by a statistical assertion (two-sided p ≈ 6e-5).</summary>
    private const double K = 4;

    private static OuSynapseSynapses Run(int count, ulong seed, double dt, int steps)
    {
        // No spikes: the source only fixes the pre-synaptic size.
        var source = new SpikeGeneratorSource("pre", count, Array.Empty<int>(), Array.Empty<double>());
        var sink = new NoiseSinkPopulation(count);
        var synapses = new OuSynapseSynapses(source, sink, Connectivity.OneToOne(count)) { Seed = seed };
        new Network(dt).Add(source, sink, synapses).Run(steps * dt);
        return synapses;
    }

    /// <summary>
    /// s_{n+1} = (1 − dt/τ)·s_n + σ·sqrt(2/τ)·sqrt(dt)·N has the stationary variance
    /// σ²/(1 − dt/(2τ)) (as for the elementwise OU test, StochasticSolverTests): with dt/τ = 0.2,
    /// 1.111·σ², 11% above the exact process's σ². 100 steps forget s = 0 to (0.8)^200 ≈ 4e-20. The
    /// sample variance of N = 65,536 independent synapses has relative standard error sqrt(2/N) =
    /// 0.55%; K = 4 of them (2.2%) separate the two variances by 5×.
    /// </summary>
    [Fact]
    public void Clock_driven_ornstein_uhlenbeck_synapses_have_the_discrete_stationary_variance()
    {
        var p = new OuSynapseParameters();
        double dt = 0.2 * p.tau;
        var synapses = Run(Count, 20240611, dt, 100);
        double[] s = synapses.s.ToArray();
        double mean = s.Average();
        double variance = s.Sum(v => (v - mean) * (v - mean)) / (s.Length - 1);
        double expected = p.sigma * p.sigma / (1 - dt / (2 * p.tau));
        double relative = K * Math.Sqrt(2.0 / s.Length);
        output.WriteLine($"OU synapses: mean {mean:E3}, variance {variance:E4}, Euler–Maruyama {expected:E4}, exact process {p.sigma * p.sigma:E4}");
        Assert.InRange(variance, expected * (1 - relative), expected * (1 + relative));
        Assert.True(Math.Abs(variance - p.sigma * p.sigma) > 2 * relative * expected, "the test cannot tell the scheme from the exact process");
        Assert.InRange(mean, -K * Math.Sqrt(expected / s.Length), K * Math.Sqrt(expected / s.Length));
    }

    /// <summary>
    /// Draws are keyed by the synapse index: synapse k of 65,536 draws what synapse k of 10 draws
    /// (identical bits); the same seed repeats a run and another seed changes every synapse.
    /// </summary>
    [Fact]
    public void Synapse_noise_is_keyed_by_seed_synapse_and_step()
    {
        const double dt = 1e-3;
        double[] big = Run(Count, 5, dt, 30).s.ToArray(), small = Run(10, 5, dt, 30).s.ToArray();
        for (int k = 0; k < small.Length; k++)
            Assert.True(BitConverter.DoubleToInt64Bits(big[k]) == BitConverter.DoubleToInt64Bits(small[k]), $"synapse {k}: {big[k]:R} and {small[k]:R}");
        Assert.Equal(small, Run(10, 5, dt, 30).s.ToArray());
        double[] other = Run(10, 6, dt, 30).s.ToArray();
        Assert.Equal(0, small.Zip(other).Count(pair => pair.First == pair.Second));
        Assert.True(small.Distinct().Count() == small.Length, "the synapses do not vary: the comparison would be empty");
    }
}
