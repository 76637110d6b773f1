namespace DynLang.Runtime.Tests;

/// <summary>Steps a spike source through every phase, as a network would, and records its spikes.</summary>
internal static class SourceDriver
{
    /// <summary>All network phases plus one the source does not know (it must ignore it).</summary>
    private static readonly NetworkPhase[] Phases =
        [.. Enum.GetValues<NetworkPhase>(), (NetworkPhase)99];

    public static void Step<T>(T source, long step, double dt) where T : INetworkObject
    {
        foreach (NetworkPhase phase in Phases) source.Run(phase, new NetworkClock(step, step * dt, dt));
    }

    /// <summary>Spike indices of steps first … first+steps−1, one array per step.</summary>
    public static int[][] Record<T>(T source, double dt, long steps, long first = 0)
        where T : INetworkObject, ISpikeSource
    {
        var trains = new int[steps][];
        for (long s = 0; s < steps; s++)
        {
            Step(source, first + s, dt);
            trains[s] = source.SpikesThisStep.ToArray();
        }
        return trains;
    }

    /// <summary>Spike raster: raster[step, element] = 1 when the element spiked.</summary>
    public static double[,] Raster(int[][] trains, int count)
    {
        var r = new double[trains.Length, count];
        for (int s = 0; s < trains.Length; s++)
            foreach (int i in trains[s]) r[s, i] = 1;
        return r;
    }

    /// <summary>
    /// Bytes allocated on this thread while stepping 1000 steps after 10 warm-up steps, the least
    /// of three trials. A garbage collection started by another thread while this one is measured
    /// retires its allocation context and the counter then charges the unused tail (~8 KB) to this
    /// thread once; an allocation per step (≥ 24 B × 1000) shows in every trial.
    /// </summary>
    public static long AllocatedBytesPerThousandSteps<T>(T source, double dt) where T : INetworkObject, ISpikeSource
    {
        for (long s = 0; s < 10; s++) Step(source, s, dt);
        long least = long.MaxValue, step = 10;
        int seen = 0;
        for (int trial = 0; trial < 3 && least != 0; trial++)
        {
            GC.Collect(); // no collection due inside the window (a parallel test's could still start one)
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (long end = step + 1000; step < end; step++)
            {
                Step(source, step, dt);
                seen += source.SpikesThisStep.Length;
            }
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.True(seen > 0, "the allocation probe must exercise spiking steps");
        return least;
    }
}
