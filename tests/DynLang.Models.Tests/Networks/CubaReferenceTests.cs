using System.Text.Json;
using DynLang.Models.Tests.Infrastructure;
using DynLang.Runtime;

namespace DynLang.Models.Tests.Networks;

/// <summary>
/// CUBA (Models/Networks/Cuba.dyn: 4000 LIF, exact solver, dt = 0.1 ms, 1 s) built from Brian2's
/// initial state and connectivity (tests/reference/cuba/data) with the public API only, against
/// Brian2's results: the spike trains must be the same, spike for spike and step for step.
/// </summary>
/// <remarks>
/// DynLang's exact solver writes v(t+dt) = P·v + Σ F·g + F0 with the propagator computed once per
/// step; Brian2 evaluates its own symbolic expression per neuron. The two differ by a few ulps per
/// step (measured below), which leaves every threshold crossing of this run on the same step.
/// </remarks>
public sealed class CubaReferenceTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int N = 4000;
    private const double Dt = 1e-4;

    private sealed record Run(SpikeMonitor Spikes, StateMonitor<double> V, StateMonitor<double> Ge, StateMonitor<double> Gi,
        CubaPopulation Neurons, PopulationRateMonitor Rate);

    private static readonly Lazy<Run> Result = new(Simulate);

    private static Run Simulate()
    {
        var neurons = new CubaPopulation(N);
        ReferenceNetwork.LoadState("cuba", "v", neurons.v);
        ReferenceNetwork.LoadState("cuba", "ge", neurons.ge);
        ReferenceNetwork.LoadState("cuba", "gi", neurons.gi);
        // Brian2 connected the whole population with conditions i<3200 / i>=3200: the saved
        // presynaptic indices are indices into all 4000 neurons (data_manifest.json).
        var ce = ReferenceNetwork.LoadSynapses("cuba", "Ce", N);
        var ci = ReferenceNetwork.LoadSynapses("cuba", "Ci", N);
        var excitatory = new CubaExcitatorySynapses(neurons, neurons, ce);
        var inhibitory = new CubaInhibitorySynapses(neurons, neurons, ci);
        int[] traced = { 0, 1, 2, 3200 };
        var run = new Run(new SpikeMonitor(neurons, "spikes"),
            new StateMonitor<double>("v", () => neurons.v, traced),
            new StateMonitor<double>("ge", () => neurons.ge, traced),
            new StateMonitor<double>("gi", () => neurons.gi, traced),
            neurons, new PopulationRateMonitor(neurons, "rate"));
        var network = new Network(Dt).Add(neurons, excitatory, inhibitory, run.Spikes, run.V, run.Ge, run.Gi, run.Rate);
        network.Run(1.0);
        return run;
    }

    private static JsonElement Reference => ReferenceJson.Load("cuba", "reference.json").At("runs", "fixed", "numpy");

    [Fact]
    public void Spike_trains_equal_Brian2_step_for_step()
    {
        var spikes = Result.Value.Spikes;
        var reference = Npz.Read(RepoPaths.Reference("cuba", "results", "spikes_fixed_numpy.npz"));
        int[] indices = reference["i"].ToInt32();
        long[] steps = reference["step"].ToInt64();
        Assert.Equal(22_058, indices.Length);
        int first = FirstDifference(spikes.Indices, spikes.Steps, indices, steps);
        Assert.True(first == -1, first < 0 ? "" :
            $"first difference at spike {first}: DynLang {Describe(spikes.Indices, spikes.Steps, first)}, Brian2 {Describe(indices, steps, first)}");
        Assert.Equal(22_058, spikes.Count);
    }

    [Fact]
    public void Spike_counts_match_Brian2_per_population_and_per_100_ms()
    {
        var spikes = Result.Value.Spikes;
        int excitatory = 0;
        foreach (int i in spikes.Indices) if (i < 3200) excitatory++;
        Assert.Equal(17_578, excitatory);
        Assert.Equal(4_480, spikes.Count - excitatory);
        var bins = new int[10];
        foreach (long step in spikes.Steps) bins[step / 1000]++;
        Assert.Equal(Reference.At("spikes_per_100ms_bin").EnumerateArray().Select(e => e.GetInt32()), bins);
        var rate = Result.Value.Rate;
        Assert.Equal(10_000, rate.SampleCount);
        // Mean population rate: 22,058 spikes / (4000 neurons · 1 s) = 5.5145 Hz, summed from the rate monitor.
        double mean = 0;
        foreach (double r in rate.Rates) mean += r;
        Assert.Equal(22_058 / 4000.0, mean / rate.SampleCount, 9);
    }

    [Fact]
    public void Final_state_matches_Brian2_to_rounding()
    {
        var neurons = Result.Value.Neurons;
        var final = Reference.At("final_state");
        // Tolerance: both simulators round differently in each step's update (a few ulps of ~0.05 V,
        // i.e. ~1e-17 V); the leak contracts errors by e^{-dt/taum} ≈ 0.995 per step, so they settle
        // near (few ulps)/(1 − 0.995) ≈ 1e-15 V. Synaptic events are identical (same trains). 1e-13 V
        // leaves a factor 100 and is still 10^10 below a millivolt.
        const double tolerance = 1e-13;
        foreach (var (name, values) in new[] { ("v", neurons.v.ToArray()), ("ge", neurons.ge.ToArray()), ("gi", neurons.gi.ToArray()) })
        {
            var expected = final.At(name);
            Assert.Equal(expected.At("mean").GetDouble(), values.Average(), tolerance);
            Assert.Equal(expected.At("min").GetDouble(), values.Min(), tolerance);
            Assert.Equal(expected.At("max").GetDouble(), values.Max(), tolerance);
            var first5 = expected.At("first5").Doubles();
            for (int k = 0; k < 5; k++) Assert.Equal(first5[k], values[k], tolerance);
            output.WriteLine($"{name}: |mean − Brian2| = {Math.Abs(expected.At("mean").GetDouble() - values.Average()):E2}, " +
                             $"max |first5 − Brian2| = {Enumerable.Range(0, 5).Max(k => Math.Abs(first5[k] - values[k])):E2}");
        }
    }

    [Fact]
    public void Traces_match_Brian2_state_monitor()
    {
        var run = Result.Value;
        var traces = Reference.At("traces_monitor_value_at_t");
        foreach (var (name, monitor) in new[] { ("v", run.V), ("ge", run.Ge), ("gi", run.Gi) })
        {
            foreach (var sample in traces.At(name, "at").EnumerateObject())
            {
                // "0.1ms" is the value Brian2's StateMonitor records at t = 0.1 ms: before the update of step 1.
                int step = (int)Math.Round(double.Parse(sample.Name.Replace("ms", ""), System.Globalization.CultureInfo.InvariantCulture) * 1e-3 / Dt);
                var expected = sample.Value.Doubles();
                var ours = run.V.Steps[step] == step ? monitor.Sample(step) : throw new InvalidOperationException("the monitor must record every step");
                // Tolerance as for the final state (rounding differences of the update, bounded by the leak).
                for (int k = 0; k < expected.Length; k++) Assert.Equal(expected[k], ours[k], 1e-13);
            }
        }
    }

    private static int FirstDifference(ReadOnlySpan<int> i1, ReadOnlySpan<long> s1, int[] i2, long[] s2)
    {
        int n = Math.Min(i1.Length, i2.Length);
        for (int k = 0; k < n; k++)
            if (i1[k] != i2[k] || s1[k] != s2[k]) return k;
        return i1.Length == i2.Length ? -1 : n;
    }

    private static string Describe(ReadOnlySpan<int> indices, ReadOnlySpan<long> steps, int k) =>
        k < indices.Length ? $"neuron {indices[k]} at step {steps[k]}" : "no more spikes";
}
