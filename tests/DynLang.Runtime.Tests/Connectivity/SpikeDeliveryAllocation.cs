namespace DynLang.Runtime.Tests;

/// <summary>
/// The steady-state allocation check shared by the spike queue and the sliced delivery: a
/// repeating pattern of spike sets over 200 sources (period 7, coprime with the ring length:
/// after a few periods every slot has seen its largest load, so the buffers stop growing), 500
/// warm-up steps, then 2000 measured steps that must allocate nothing and deliver something.
/// </summary>
internal static class SpikeDeliveryAllocation
{
    /// <param name="rng">Draws the spike patterns (after whatever the caller drew from it).</param>
    /// <param name="runStep">Pushes the spikes of a step, delivers it, returns a checksum of what was delivered.</param>
    public static void AssertSteadyStateAllocatesNothing(Random rng, Func<long, int[], long> runStep)
    {
        int[][] patterns = Enumerable.Range(0, 7)
            .Select(k => Enumerable.Range(0, 200).Where(_ => rng.NextDouble() < 0.1 * (k + 1) / 7).ToArray())
            .ToArray();
        long checksum = 0;
        long step = 0;
        for (; step < 500; step++)
            checksum += runStep(step, patterns[step % 7]);

        GC.Collect();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (; step < 2500; step++)
            checksum += runStep(step, patterns[step % 7]);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(checksum > 0, "spikes must have been delivered");
    }
}
