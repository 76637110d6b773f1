using DynLang.Models.Tests.Infrastructure;
using DynLang.Runtime;

namespace DynLang.Models.Tests.Networks;

/// <summary>
/// COBAHH (Models/Networks/Cobahh.dyn: Brian2's example COBAHH.py, 4000 Hodgkin–Huxley neurons,
/// exponential_euler, dt = 0.1 ms) built from the .npy files Brian2 ran (tests/reference/cobahh),
/// with the public API only, for 1 s: the equations use exprel and (clock_driven) — refractoriness
/// that only blocks the threshold, as in Brian2 — and nothing else model-specific.
/// </summary>
public sealed class CobahhReferenceTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int N = 4000;
    private const double Dt = 1e-4;
    private const double Duration = 1.0;

    private static readonly Lazy<SpikeMonitor> Result = new(Simulate);

    private static SpikeMonitor Simulate()
    {
        var neurons = new CobahhPopulation(N);
        ReferenceNetwork.LoadState("cobahh", "v", neurons.v);
        ReferenceNetwork.LoadState("cobahh", "ge", neurons.ge);
        ReferenceNetwork.LoadState("cobahh", "gi", neurons.gi);
        var ce = ReferenceNetwork.LoadSynapses("cobahh", "Ce", N);
        var ci = ReferenceNetwork.LoadSynapses("cobahh", "Ci", N);
        var spikes = new SpikeMonitor(neurons, "spikes");
        new Network(Dt).Add(neurons, new CobahhExcitatorySynapses(neurons, neurons, ce),
            new CobahhInhibitorySynapses(neurons, neurons, ci), spikes).Run(Duration);
        return spikes;
    }

    [Fact]
    public void Spike_trains_equal_Brian2_step_for_step()
    {
        var spikes = Result.Value;
        var reference = Npz.Read(RepoPaths.Reference("cobahh", "results", "spikes_numpy.npz"));
        int[] indices = reference["i"].ToInt32();
        long[] steps = reference["step"].ToInt64();
        var summary = ReferenceJson.Load("cobahh", "results", "reference.json");
        Assert.Equal(summary.At("spikes_total").GetInt32(), indices.Length);
        int n = Math.Min(indices.Length, spikes.Count), first = 0;
        while (first < n && indices[first] == spikes.Indices[first] && steps[first] == spikes.Steps[first]) first++;
        output.WriteLine($"DynLang {spikes.Count:N0} spikes, Brian2 {indices.Length:N0}; identical up to spike {first:N0}");
        // No tolerance: HH dynamics are chaotic in this network, so a single differing spike would
        // be followed by many; the whole raster being equal is the check.
        Assert.True(first == indices.Length && spikes.Count == indices.Length,
            $"first difference at spike {first}: DynLang {Describe(spikes.Indices, spikes.Steps, first)}, Brian2 {Describe(indices, steps, first)}");
        int excitatory = 0;
        foreach (int i in spikes.Indices) if (i < 3200) excitatory++;
        Assert.Equal(summary.At("spikes_e").GetInt32(), excitatory);
    }

    private static string Describe(ReadOnlySpan<int> indices, ReadOnlySpan<long> steps, int k) =>
        k < indices.Length ? $"neuron {indices[k]} at step {steps[k]}" : "no more spikes";
}
