using System.Numerics;

namespace DynLang.Models.Tests;

/// <summary>
/// A large population is stepped by the SIMD body (Vector&lt;T&gt;), the scalar tail and, above
/// 2 × 16384 elements, in chunks on all cores. None of that may change a single bit: the same
/// initial conditions stepped in tiny populations (so small that every element goes through the
/// scalar tail, on one thread) must give identical states and identical spikes.
/// N = 100,003 is above the parallel threshold and odd, so the last chunk also has a scalar tail.
/// </summary>
public sealed class DeterminismTests
{
    private const int Count = 100_003;
    private const int Steps = 200;
    private const double Dt = 1e-4;

    /// <summary>Elements per reference population: fewer than one vector, so only the scalar tail runs.</summary>
    private static int ScalarGroupSize<T>() => Math.Max(1, Math.Min(7, Vector<T>.Count - 1));

    /// <summary>Deterministic pseudo-random values in [low, high) (a fixed LCG, independent of .NET's Random).</summary>
    private static double[] Values(int seed, double low, double high)
    {
        var values = new double[Count];
        ulong state = (ulong)seed * 0x9E3779B97F4A7C15UL + 1;
        for (int k = 0; k < Count; k++)
        {
            state = state * 6364136223846793005UL + 1442695040888963407UL;
            values[k] = low + (high - low) * ((state >> 11) * (1.0 / (1UL << 53)));
        }
        return values;
    }

    /// <summary>Steps one population of all elements and the same elements in small scalar-only populations; compares bits.</summary>
    private static void AssertSameBits<TPopulation, TElement>(
        Func<int, TPopulation> create, Action<TPopulation, int, int> initialise, Action<TPopulation, double> step,
        Func<TPopulation, int> spikeCount, Func<TPopulation, int, bool> spiked, Func<TPopulation, int, double[]> state)
    {
        var big = create(Count);
        initialise(big, 0, Count);
        int groupSize = ScalarGroupSize<TElement>();
        var groups = new List<(int Start, TPopulation Population)>();
        for (int start = 0; start < Count; start += groupSize)
        {
            var small = create(Math.Min(groupSize, Count - start));
            initialise(small, start, Math.Min(groupSize, Count - start));
            groups.Add((start, small));
        }

        long totalSpikes = 0;
        for (int n = 0; n < Steps; n++)
        {
            step(big, Dt);
            int smallSpikes = 0;
            foreach (var (start, small) in groups)
            {
                step(small, Dt);
                smallSpikes += spikeCount(small);
            }
            Assert.True(spikeCount(big) == smallSpikes, $"step {n}: {spikeCount(big)} spikes in the big population, {smallSpikes} in the small ones");
            totalSpikes += smallSpikes;
            if (smallSpikes == 0) continue;
            foreach (var (start, small) in groups)
            {
                for (int k = 0; k < groupSize && start + k < Count; k++)
                    if (spiked(big, start + k) != spiked(small, k)) Assert.Fail($"step {n}: element {start + k} spiked in one run only");
            }
        }
        // The comparison must cover spiking, resetting and refractory elements, not only quiet ones.
        Assert.True(totalSpikes > Count / 10, $"only {totalSpikes} spikes: the test would not cover events");

        foreach (var (start, small) in groups)
        {
            for (int k = 0; k < groupSize && start + k < Count; k++)
            {
                double[] expected = state(small, k), actual = state(big, start + k);
                for (int s = 0; s < expected.Length; s++)
                {
                    if (BitConverter.DoubleToInt64Bits(expected[s]) != BitConverter.DoubleToInt64Bits(actual[s]))
                        Assert.Fail($"element {start + k}, state {s}: {actual[s]:R} in the big population, {expected[s]:R} alone");
                }
            }
        }
    }

    [Fact]
    public void Exact_solver_lif_gives_the_same_bits_in_simd_scalar_and_parallel_paths()
    {
        double[] current = Values(1, 0.3e-9, 1.2e-9), v0 = Values(2, -0.062, -0.050);
        AssertSameBits<LifDeterminismPopulation, double>(
            n => new LifDeterminismPopulation(n),
            (p, start, n) =>
            {
                current.AsSpan(start, n).CopyTo(p.I);
                v0.AsSpan(start, n).CopyTo(p.v);
            },
            (p, dt) => p.Step(dt), p => p.SpikeCount, (p, i) => p.Spiked(i), (p, i) => new[] { p.v[i] });
    }

    [Fact]
    public void Rk4_nonlinear_neuron_gives_the_same_bits_in_simd_scalar_and_parallel_paths()
    {
        double[] drive = Values(3, 0, 40), v0 = Values(4, -1, 3), w0 = Values(5, 0, 0.5);
        AssertSameBits<QifPopulation, double>(
            n => new QifPopulation(n),
            (p, start, n) =>
            {
                drive.AsSpan(start, n).CopyTo(p.I);
                v0.AsSpan(start, n).CopyTo(p.v);
                w0.AsSpan(start, n).CopyTo(p.w);
            },
            (p, dt) => p.Step(dt), p => p.SpikeCount, (p, i) => p.Spiked(i), (p, i) => new[] { p.v[i], p.w[i] });
    }

    [Fact]
    public void Float_exact_solver_lif_gives_the_same_bits_in_simd_scalar_and_parallel_paths()
    {
        float[] current = Values(1, 0.3e-9, 1.2e-9).Select(x => (float)x).ToArray(), v0 = Values(2, -0.062, -0.050).Select(x => (float)x).ToArray();
        AssertSameBits<LifDeterminismFloatPopulation, float>(
            n => new LifDeterminismFloatPopulation(n),
            (p, start, n) =>
            {
                current.AsSpan(start, n).CopyTo(p.I);
                v0.AsSpan(start, n).CopyTo(p.v);
            },
            (p, dt) => p.Step(dt), p => p.SpikeCount, (p, i) => p.Spiked(i), (p, i) => new double[] { p.v[i] });
    }
}
