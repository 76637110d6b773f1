using DynLang.Runtime;

namespace DynLang.Models.Tests.Networks;

/// <summary>
/// Song, Miller &amp; Abbott (2000) as in Brian2's examples/synapses/STDP.py
/// (Models/Networks/StdpSong2000.dyn): 1000 Poisson inputs at 15 Hz onto one conductance-based
/// LIF neuron through additive STDP synapses, weights uniform in [0, gmax] at the start, dt = 0.1 ms,
/// 100 s of biological time (the example's duration). Competition between the synapses must push
/// the weights from the uniform start towards both bounds: a U-shaped, bimodal histogram.
/// </summary>
/// <remarks>
/// What the model gives, measured (fractions of the 1000 weights below 0.1·gmax / above 0.9·gmax;
/// 0.10 / 0.10 at the start):
/// <list type="bullet">
/// <item>Brian2 2.5.1 running its own example (default target, seed 1): 0.234 / 0.185 at 100 s,
/// output 26.4 Hz; 0.292 / 0.263 at 500 s.</item>
/// <item>This model, 8 input seeds: 0.23–0.27 / 0.19–0.21 at 100 s, 0.26–0.29 / 0.21–0.24 at
/// 200 s; the steady state (from ~400 s, checked to 3000 s) stays near 0.29 / 0.24, with about
/// half the weights between the bounds. End bins of a 10-bin histogram: at least 1.66× every
/// interior bin at 100 s.</item>
/// </list>
/// So with the example's learning rate (dApre = 1% of gmax) the split is a U, not the nearly
/// all-or-none one of Song et al.'s Fig. 2: their smaller rate (0.5% of gmax) gives 0.43 / 0.36 here,
/// but only after ~1000 s — too long for a unit test. The thresholds below sit under every measured
/// value with a margin, and far above the start: no STDP leaves 0.10 / 0.10 and a flat histogram,
/// potentiation or depression alone empties one end.
/// </remarks>
public sealed class StdpSong2000Tests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Inputs = 1000;
    private const double Dt = 1e-4, Rate = 15.0, Duration = 100.0;
    private const ulong Seed = 2000;

    private sealed record Outcome(double[] WeightOverGmax, int OutputSpikes);

    private static readonly Lazy<Outcome> Result = new(Simulate);

    private static Outcome Simulate()
    {
        var input = new SkippingPoissonSource("input", Inputs, Rate, Seed);
        var neuron = new SongNeuronPopulation(1);
        var synapses = new SongStdpSynapses(input, neuron, Connectivity.Dense(Inputs, 1));
        double gmax = synapses.Parameters.gmax;
        for (int s = 0; s < Inputs; s++) synapses.w[s] = CounterRng.Uniform(Seed, stream: 1, element: s, step: 0) * gmax;
        var spikes = new SpikeMonitor(neuron, "output");
        new Network(Dt).Add(input, neuron, synapses, spikes).Run(Duration);
        return new Outcome(synapses.w.ToArray().Select(w => w / gmax).ToArray(), spikes.Count);
    }

    [Fact]
    public void Weights_stay_within_the_bounds()
    {
        // clip(…, 0, gmax) in both pathways: exactly, no tolerance.
        Assert.All(Result.Value.WeightOverGmax, x => Assert.InRange(x, 0.0, 1.0));
    }

    [Fact]
    public void Weights_pile_up_at_both_bounds()
    {
        double[] x = Result.Value.WeightOverGmax;
        double nearZero = x.Count(v => v < 0.1) / (double)x.Length;
        double nearMax = x.Count(v => v > 0.9) / (double)x.Length;
        output.WriteLine($"below 0.1·gmax: {nearZero:P1}, above 0.9·gmax: {nearMax:P1}, output {Result.Value.OutputSpikes / Duration:F1} Hz");
        // Measured 0.23–0.27 and 0.19–0.21 (8 seeds; Brian2: 0.234, 0.185); the start has 0.10 each.
        Assert.True(nearZero >= 0.20, $"only {nearZero:P1} of the weights below 0.1·gmax (at least 20% expected)");
        Assert.True(nearMax >= 0.16, $"only {nearMax:P1} of the weights above 0.9·gmax (at least 16% expected)");
    }

    [Fact]
    public void Histogram_has_its_two_modes_at_the_bounds()
    {
        var bins = new int[10];
        foreach (double v in Result.Value.WeightOverGmax) bins[Math.Min(9, (int)(v * 10))]++;
        output.WriteLine($"10-bin histogram of w/gmax: {string.Join(" ", bins)}");
        int interiorMax = bins[1..9].Max();
        // Measured: each end bin ≥ 1.66× the largest interior bin (8 seeds). A uniform histogram
        // (the start) has ratios near 1; 1.4 separates the two with room on both sides.
        Assert.True(bins[0] >= 1.4 * interiorMax && bins[9] >= 1.4 * interiorMax,
            $"end bins {bins[0]} and {bins[9]} are not both ≥ 1.4 × the largest interior bin {interiorMax}: [{string.Join(" ", bins)}]");
    }
}
