namespace DynLang.Benchmarks;

/// <summary>
/// Bytes allocated per <c>Step</c> by the generated populations, counted on all threads
/// (<see cref="GC.GetTotalAllocatedBytes(bool)"/>), so allocations on the worker pool's threads
/// count too. BenchmarkDotNet's Allocated column says the same in principle, but in-process it
/// also sees what its own machinery allocates meanwhile; this probe runs in a quiet process before
/// any benchmark, after warm-up steps have let the JIT finish optimizing Step.
/// </summary>
public static class AllocationProbe
{
    // Above the parallel threshold (2 × 16384), so the WorkerPool path is the one measured.
    private const int Count = 100_000;
    private const int WarmupSteps = 2_000;
    private const int MeasuredSteps = 10_000;

    public static string Measure()
    {
        var lif = new LIFPopulation(Count);
        var lifFloat = new LIFFloatPopulation(Count);
        Workload.Fill(lif.v, lif.I);
        Workload.Fill(lifFloat.v, lifFloat.I);
        return $"allocated per Step (all threads, {MeasuredSteps} steps of {Count} neurons): " +
               $"double {PerStep(() => lif.Step(Workload.Dt)):F3} B, float {PerStep(() => lifFloat.Step(Workload.Dt)):F3} B";
    }

    private static double PerStep(Action step)
    {
        for (int s = 0; s < WarmupSteps; s++) step();
        long before = GC.GetTotalAllocatedBytes(precise: true);
        for (int s = 0; s < MeasuredSteps; s++) step();
        long after = GC.GetTotalAllocatedBytes(precise: true);
        return (after - before) / (double)MeasuredSteps;
    }
}
