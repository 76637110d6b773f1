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
        SpikeDeliveryAllocation.AssertSteadyStateAllocatesNothing(rng, (step, spikes) => RunStep(delivery, step, spikes));
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
