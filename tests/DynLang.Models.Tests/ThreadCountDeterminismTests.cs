using DynLang.Runtime;

namespace DynLang.Models.Tests;

/// <summary>
/// The same population stepped with 1, 2, 4 and 16 threads (pools of 0, 1, 3 and 15 workers, on
/// whatever machine runs the tests) gives the same bits and the same spike lists: chunking follows
/// the pool size, results must not. Also: the compiler's cost estimate decides whether a small
/// population is split at all (4,000 Hodgkin–Huxley neurons yes, 4,000 LIF neurons no).
/// </summary>
public sealed class ThreadCountDeterminismTests
{
    private static readonly int[] WorkerCounts = [0, 1, 3, 15];

    [Fact]
    public void Costly_small_population_is_split_and_cheap_one_is_not()
    {
        using var twoThreads = new WorkerPool(1);
        int hh = twoThreads.ChunkSizeFor(4000, HhExpEulerPopulation.EstimatedNanosecondsPerElement, 4);
        int lif = twoThreads.ChunkSizeFor(4000, LifDeterminismPopulation.EstimatedNanosecondsPerElement, 4);
        Assert.True(hh < 4000, $"4,000 HH neurons ({HhExpEulerPopulation.EstimatedNanosecondsPerElement} ns each) ran as one chunk");
        Assert.Equal(4000, lif);
    }

    [Fact]
    public void Hodgkin_Huxley_4000_same_bits_at_1_2_4_and_16_threads()
    {
        var runs = WorkerCounts.Select(workers => RunHh(workers)).ToList();
        Assert.True(runs[0].Spikes.Count > 1000, $"only {runs[0].Spikes.Count} spikes: the test would not cover events");
        for (int k = 1; k < runs.Count; k++)
        {
            Assert.Equal(runs[0].Spikes, runs[k].Spikes);
            Assert.Equal(runs[0].Bits, runs[k].Bits);
        }
    }

    [Fact]
    public void Lif_300007_same_bits_at_1_2_4_and_16_threads()
    {
        var runs = WorkerCounts.Select(workers => RunLif(workers)).ToList();
        Assert.True(runs[0].Spikes.Count > 10_000, $"only {runs[0].Spikes.Count} spikes");
        for (int k = 1; k < runs.Count; k++)
        {
            Assert.Equal(runs[0].Spikes, runs[k].Spikes);
            Assert.Equal(runs[0].Bits, runs[k].Bits);
        }
    }

    private static (List<long> Spikes, long[] Bits) RunHh(int workers)
    {
        using var pool = new WorkerPool(workers);
        using var scope = WorkerPool.Use(pool);
        const int n = 4000;
        var population = new HhExpEulerPopulation(n);
        for (int i = 0; i < n; i++)
        {
            population.I[i] = 0.2e-9 + 0.8e-9 * i / n; // A: from below to well above rheobase
            population.v[i] = -0.065 + 0.01 * ((i * 7919) % n) / n;
        }
        var spikes = new List<long>();
        for (int step = 0; step < 1000; step++)
        {
            population.Step(1e-5);
            foreach (int i in population.SpikesThisStep) spikes.Add((long)step * n + i);
        }
        return (spikes, Bits(population.v.ToArray(), population.m.ToArray(), population.n.ToArray(), population.h.ToArray()));
    }

    private static (List<long> Spikes, long[] Bits) RunLif(int workers)
    {
        using var pool = new WorkerPool(workers);
        using var scope = WorkerPool.Use(pool);
        const int n = 300_007;
        // Large enough that the step is split (asserted), odd so the last chunk has a scalar tail.
        Assert.True(pool.ChunkSizeFor(n, LifDeterminismPopulation.EstimatedNanosecondsPerElement, 4) < n || workers == 0);
        var population = new LifDeterminismPopulation(n);
        for (int i = 0; i < n; i++)
        {
            population.I[i] = 0.3e-9 + 0.9e-9 * ((i * 104729L) % n) / n;
            population.v[i] = -0.062 + 0.012 * ((i * 7919L) % n) / n;
        }
        var spikes = new List<long>();
        for (int step = 0; step < 300; step++)
        {
            population.Step(1e-4);
            foreach (int i in population.SpikesThisStep) spikes.Add((long)step * n + i);
        }
        return (spikes, Bits(population.v.ToArray()));
    }

    private static long[] Bits(params double[][] states) =>
        states.SelectMany(s => s).Select(BitConverter.DoubleToInt64Bits).ToArray();
}
