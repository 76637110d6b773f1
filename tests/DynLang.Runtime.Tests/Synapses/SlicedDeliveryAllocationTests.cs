using DynLang.Runtime;

namespace DynLang.Runtime.Tests;

/// <summary>
/// Pushing and walking the slices allocate nothing once the buffers have grown (measured as in
/// <see cref="SpikeQueueAllocationTests"/>, in the collection that runs alone).
/// </summary>
[Collection(nameof(DynLang.Runtime.Tests.Monitors.AllocationMeasurements))]
public sealed class SlicedDeliveryAllocationTests
{
    private const double Dt = 1e-4;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Steady_state_steps_allocate_nothing(bool perSynapse)
    {
        var c = Connectivity.Random(200, 200, 0.1, 11, name: "alloc");
        var rng = new Random(3);
        var delivery = perSynapse
            ? new SlicedDelivery(c, false, true, Enumerable.Range(0, c.Count).Select(_ => rng.Next(0, 10) * Dt).ToArray(), Dt, 5)
            : new SlicedDelivery(c, false, true, 5 * Dt, Dt, 5);
        // A repeating pattern of spike sets (period 7, coprime with the ring length): after a few
        // periods every slot has seen its largest load, so the buffers stop growing.
        int[][] patterns = Enumerable.Range(0, 7)
            .Select(k => Enumerable.Range(0, 200).Where(_ => rng.NextDouble() < 0.1 * (k + 1) / 7).ToArray())
            .ToArray();
        long checksum = 0;
        long step = 0;
        for (; step < 500; step++)
            checksum += RunStep(delivery, step, patterns[step % 7]);

        GC.Collect();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (; step < 2500; step++)
            checksum += RunStep(delivery, step, patterns[step % 7]);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(checksum > 0, "spikes must have been delivered");
    }

    private static long RunStep(SlicedDelivery delivery, long step, int[] spikes)
    {
        delivery.Push(step, spikes);
        long sum = 0;
        for (int p = 0; p < delivery.SliceCount; p++)
        {
            var events = delivery.Events(p, p + 1);
            for (ReadOnlySpan<int> ids = events.Next(); !ids.IsEmpty; ids = events.Next())
                foreach (int s in ids)
                    sum += s + 1;
        }
        return sum;
    }
}
