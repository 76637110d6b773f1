using System.Security.Cryptography;
using System.Text.Json;
using DynLang.Models.Tests.Infrastructure;

namespace DynLang.Models.Tests;

/// <summary>
/// Brian2's IF_curve_LIF example (tests/reference/single_neuron, "lif_exact" / "lif_euler"):
/// 1000 neurons, dv/dt = (v0 − v)/tau (unless refractory), v0 = 20 mV·i/999, threshold v > 10 mV,
/// reset 0, refractory 5 ms, dt = 0.1 ms, 1 s. Brian2 gives the same spikes on every target
/// (numpy, cython, C++), so spike counts and spike steps must match exactly.
/// </summary>
public sealed class FiCurveReferenceTests
{
    private const int Neurons = 1000;
    private const double Dt = 1e-4;
    private const int Steps = 10_000;
    private static readonly int[] TracedNeurons = { 999, 750, 501 };

    private static JsonElement Run(string name) => ReferenceJson.Load("single_neuron", "reference.json").At("runs", "numpy", name);

    /// <summary>What one simulation produced: counts per neuron, first spike steps, v of neuron 999 before each of the first 100 steps.</summary>
    private sealed record Outcome(long[] Counts, Dictionary<int, List<long>> FirstSpikes, double[] Trace999);

    /// <summary>v0 as Brian2 computes '20*mV * i / (N - 1)' in float64: (0.02·i)/999.</summary>
    private static double Drive(int i) => 20e-3 * i / (Neurons - 1);

    private static Outcome Simulate(Func<int, (Action<double> Step, Func<int, double> V, Func<int, bool> Spiked, Action<int, double> SetDrive)> create)
    {
        var model = create(Neurons);
        for (int i = 0; i < Neurons; i++) model.SetDrive(i, Drive(i));
        var counts = new long[Neurons];
        var first = TracedNeurons.ToDictionary(n => n, _ => new List<long>());
        var trace = new double[100];
        for (int step = 0; step < Steps; step++)
        {
            // Brian's StateMonitor samples at t = step·dt before that step's update.
            if (step < trace.Length) trace[step] = model.V(999);
            model.Step(Dt);
            for (int i = 0; i < Neurons; i++)
            {
                if (!model.Spiked(i)) continue;
                counts[i]++;
                if (first.TryGetValue(i, out var list) && list.Count < 10) list.Add(step);
            }
        }
        return new Outcome(counts, first, trace);
    }

    // Each simulation is shared by the tests that read it (10,000 steps of 1000 neurons).
    private static readonly Lazy<Outcome> ExactOutcome = new(() => Simulate(n =>
    {
        var p = new FiCurveExactPopulation(n);
        return (p.Step, i => p.v[i], p.Spiked, (i, x) => p.v0[i] = x);
    }));

    private static readonly Lazy<Outcome> EulerOutcome = new(() => Simulate(n =>
    {
        var p = new FiCurveEulerPopulation(n);
        return (p.Step, i => p.v[i], p.Spiked, (i, x) => p.v0[i] = x);
    }));

    [Fact]
    public void Exact_solver_reproduces_Brian2_spike_for_spike() => AssertMatches(ExactOutcome.Value, Run("lif_exact"));

    [Fact]
    public void Euler_solver_reproduces_Brian2_spike_for_spike() => AssertMatches(EulerOutcome.Value, Run("lif_euler"));

    [Fact]
    public void Euler_trace_of_neuron_999_matches_Brian2_to_the_last_bit_or_one_ulp()
    {
        double[] reference = Run("lif_euler").At("trace_v_volt_neuron999_steps0_99").Doubles();
        double[] trace = EulerOutcome.Value.Trace999;
        long worst = reference.Select((r, k) => Ulp.Distance(r, trace[k])).Max();
        // Brian2 computes dt*(v0 - v)/tau + v, DynLang v + dt*((v0 - v)/tau): the increments can
        // differ by one rounding (1 ulp of an increment ~v0/100, i.e. ~1/100 ulp of v), which
        // reaches v only when it flips the rounding of the sum. Measured here: 0 ulp over these
        // 100 steps; Brian2's own targets (numpy vs cython/C++) differ by 1 ulp on this trace.
        Assert.True(worst <= 1, $"euler trace of neuron 999 differs from Brian2 by up to {worst} ulp");
    }

    [Fact]
    public void Exact_trace_of_neuron_999_matches_Brian2_within_the_rounding_of_both_propagators()
    {
        double[] reference = Run("lif_exact").At("trace_v_volt_neuron999_steps0_99").Doubles();
        double[] trace = ExactOutcome.Value.Trace999;
        // Brian2 computes v·e + v0 − v0·e (e = exp(−dt/tau)); DynLang P·v + Q·(v0/tau) with P = e,
        // Q = tau·(1 − e). Both are v' = e·v + (1 − e)·v0 up to a few roundings per step, each at
        // most ~1 ulp of v0 (terms are ≤ v0; 1 − e is formed by cancellation, so its rounding,
        // ~ulp(1)/2 ≈ 1.1e-16 absolute, is ~1 ulp of v0 = 0.02 after multiplying by v0). A
        // difference made at one step is multiplied by e < 1 at each later step, so after n steps
        // |Δ| ≤ n·ε with ε ≤ 8 ulp(v0) for both implementations together.
        double v0 = Drive(999);
        double epsilonPerStep = 8 * (Math.BitIncrement(v0) - v0);
        for (int n = 0; n < reference.Length; n++)
        {
            double difference = Math.Abs(reference[n] - trace[n]);
            Assert.True(difference <= n * epsilonPerStep, $"step {n}: v = {trace[n]:R}, Brian2 {reference[n]:R} (|Δ| = {difference:E3} > {n * epsilonPerStep:E3})");
        }
        // Measured here: at most 39 ulp of v; Brian2's numpy and cython targets differ by 34 ulp on this trace.
    }

    private static void AssertMatches(Outcome outcome, JsonElement reference)
    {
        foreach (int neuron in TracedNeurons)
            Assert.Equal(reference.At($"spike_steps_neuron_{neuron}_first10").Longs(), outcome.FirstSpikes[neuron].ToArray());
        foreach (var selected in reference.At("spike_count_selected").EnumerateObject())
            Assert.True(selected.Value.GetInt64() == outcome.Counts[int.Parse(selected.Name)],
                $"neuron {selected.Name}: {outcome.Counts[int.Parse(selected.Name)]} spikes, Brian2 {selected.Value.GetInt64()}");
        Assert.Equal(reference.At("total_spikes").GetInt64(), outcome.Counts.Sum());
        Assert.Equal(reference.At("n_neurons_firing").GetInt64(), outcome.Counts.Count(c => c > 0));
        Assert.Equal(reference.At("spike_count_per_neuron_sha256_int64").GetString(), Sha256OfInt64(outcome.Counts));
    }

    /// <summary>sha256 of the counts as numpy's int64 little-endian bytes (np.int64 array .tobytes()).</summary>
    private static string Sha256OfInt64(long[] counts)
    {
        var bytes = new byte[counts.Length * sizeof(long)];
        for (int i = 0; i < counts.Length; i++)
            System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * sizeof(long)), counts[i]);
        return Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
    }
}
