using System.Diagnostics;
using DynLang.Runtime;

namespace DynLang.Benchmarks;

/// <summary>
/// Program --threads: the neuron step on one thread against the same step on every core, measured
/// side by side in alternating rounds (this machine's speed drifts), for CUBA's LIF at 4k, 40k,
/// 200k and 1M neurons and COBAHH's Hodgkin–Huxley neuron at 4k and 40k. Before timing, the two
/// runs are checked to give bit-identical states (the split must not change results).
/// </summary>
public static class ThreadScaling
{
    private const double Dt = 1e-4;

    public static int Run(bool quick)
    {
        int rounds = quick ? 3 : 9;
        using var single = new WorkerPool(0);
        WorkerPool all = WorkerPool.Shared;
        Console.WriteLine($"thread scaling: 1 thread vs {all.DegreeOfParallelism} threads, {rounds} alternating rounds, median ns per neuron-step");
        Console.WriteLine("| population | N | est. ns/element | chunks on all cores | 1 thread | all cores | speed-up |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        bool identical = true;
        foreach (int n in new[] { 4_000, 40_000, 200_000, 1_000_000 })
            identical &= Case("LIF (CUBA)", n, CubaCellPopulation.EstimatedNanosecondsPerElement, rounds, single, all, () => Lif(n));
        foreach (int n in new[] { 4_000, 40_000 })
            identical &= Case("HH (COBAHH)", n, HhCellPopulation.EstimatedNanosecondsPerElement, rounds, single, all, () => Hh(n));
        HandOff(all);
        return identical ? 0 : 1;
    }

    /// <summary>
    /// What a split costs: Run of an empty kernel in two chunks, back to back (the worker still
    /// polling) and after a 1 ms pause (the worker parked: a futex wake-up). The threshold
    /// WorkerPool.ParallelThresholdNanoseconds must be well above the parked figure.
    /// </summary>
    private static void HandOff(WorkerPool pool)
    {
        if (pool.WorkerCount == 0) return;
        var kernel = new EmptyKernel();
        const int calls = 20_000, pausedCalls = 300;
        for (int k = 0; k < 1000; k++) pool.Run(kernel, 2, 1);
        long start = Stopwatch.GetTimestamp();
        for (int k = 0; k < calls; k++) pool.Run(kernel, 2, 1);
        double hot = Stopwatch.GetElapsedTime(start).TotalNanoseconds / calls;
        var paused = new List<double>();
        for (int k = 0; k < pausedCalls; k++)
        {
            Thread.Sleep(1);
            long t0 = Stopwatch.GetTimestamp();
            pool.Run(kernel, 2, 1);
            paused.Add(Stopwatch.GetElapsedTime(t0).TotalNanoseconds);
        }
        Console.WriteLine($"hand-off of an empty two-chunk job: {hot / 1000:0.00} µs back to back, {Median(paused) / 1000:0.00} µs (median) with the worker parked; split threshold {WorkerPool.ParallelThresholdNanoseconds / 1000:0} µs");
    }

    private sealed class EmptyKernel : IRangeKernel
    {
        public void Execute(int start, int end) { }
    }

    private sealed record Stepper(Action<double> Step, Func<long[]> Bits);

    private static bool Case(string name, int n, double estimate, int rounds, WorkerPool single, WorkerPool all, Func<Stepper> create)
    {
        var a = create();
        var b = create();
        // Steps per timing: about 0.2 s of work on one thread, at least 20 steps.
        int steps = Math.Max(20, (int)(2e8 / (n * Math.Max(estimate, 1))));
        // Check first: the same number of steps on both pools must give the same bits.
        Time(a, single, steps);
        Time(b, all, steps);
        bool same = a.Bits().AsSpan().SequenceEqual(b.Bits());
        var one = new List<double>();
        var many = new List<double>();
        for (int r = 0; r < rounds; r++)
        {
            one.Add(Time(a, single, steps) / ((double)steps * n));
            many.Add(Time(b, all, steps) / ((double)steps * n));
        }
        double t1 = Median(one), tn = Median(many);
        int chunkSize = all.ChunkSizeFor(n, estimate, System.Numerics.Vector<double>.Count);
        int chunks = (n + chunkSize - 1) / chunkSize;
        Console.WriteLine($"| {name} | {n:N0} | {estimate:0.0} | {chunks} | {t1:0.00} | {tn:0.00} | {t1 / tn:0.00}× |{(same ? "" : " **results differ**")}");
        return same;
    }

    private static double Time(Stepper stepper, WorkerPool pool, int steps)
    {
        using var scope = WorkerPool.Use(pool);
        long start = Stopwatch.GetTimestamp();
        for (int k = 0; k < steps; k++) stepper.Step(Dt);
        return Stopwatch.GetElapsedTime(start).TotalNanoseconds;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static Stepper Lif(int n)
    {
        var p = new CubaCellPopulation(n);
        var random = new Random(2007);
        for (int i = 0; i < n; i++)
        {
            p.v[i] = -0.060 + 0.010 * random.NextDouble();
            p.ge[i] = 0.004 * random.NextDouble(); // a constant drive while it decays: spikes early on
        }
        return new Stepper(p.Step, () => Bits(p.v.ToArray(), p.ge.ToArray(), p.gi.ToArray()));
    }

    private static Stepper Hh(int n)
    {
        var p = new HhCellPopulation(n);
        var random = new Random(2007);
        for (int i = 0; i < n; i++)
        {
            p.v[i] = -0.060 + 0.010 * random.NextDouble();
            p.ge[i] = 20e-9 * random.NextDouble();
        }
        return new Stepper(p.Step, () => Bits(p.v.ToArray(), p.m.ToArray(), p.n.ToArray(), p.h.ToArray(), p.ge.ToArray(), p.gi.ToArray()));
    }

    private static long[] Bits(params double[][] states)
    {
        var bits = new List<long>();
        foreach (var s in states) foreach (double x in s) bits.Add(BitConverter.DoubleToInt64Bits(x));
        return bits.ToArray();
    }
}
