using DynLang.Runtime;

namespace DynLang.Runtime.Tests;

/// <summary>
/// Pushing and delivering allocate nothing once the slot buffers have grown. In the collection
/// that runs alone, with a collection before the window: a garbage collection started by another
/// test while this thread is measured charges the unused tail of its allocation context (~8 KB)
/// to it — more likely the longer the window lasts, i.e. on a loaded machine.
/// </summary>
[Collection(nameof(DynLang.Runtime.Tests.Monitors.AllocationMeasurements))]
public sealed class SpikeQueueAllocationTests
{
    private const double Dt = 1e-4;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SteadyStateStepsAllocateNothing(bool perSynapse)
    {
        var c = Connectivity.Random(200, 200, 0.1, 11, name: "alloc");
        var rng = new Random(3);
        var queue = perSynapse
            ? new SpikeQueue(c, false, Enumerable.Range(0, c.Count).Select(_ => rng.Next(0, 10) * Dt).ToArray(), Dt)
            : new SpikeQueue(c, false, 5 * Dt, Dt);

        SpikeDeliveryAllocation.AssertSteadyStateAllocatesNothing(rng, (step, spikes) => RunStep(queue, step, spikes));
    }

    private static long RunStep(SpikeQueue queue, long step, int[] spikes)
    {
        queue.Push(step, spikes);
        long sum = 0;
        foreach (int s in queue.Deliver(step))
            sum += s + 1;
        return sum;
    }
}
