using DynLang.Runtime;
using DynLang.Runtime.Tests.IO;

namespace DynLang.Runtime.Tests.Monitors;

/// <summary>
/// Runs alone: a garbage collection started by another test's allocations while this thread is
/// being measured retires its allocation context, and GetAllocatedBytesForCurrentThread then
/// counts the unused ~8 KB tail as if this thread had allocated it (seen here: 8,024 bytes once).
/// </summary>
[CollectionDefinition(nameof(AllocationMeasurements), DisableParallelization = true)]
public sealed class AllocationMeasurements
{
}

/// <summary>Recording allocates nothing per step once the record buffers have room (growth is amortised, and Reserve avoids it).</summary>
[Collection(nameof(AllocationMeasurements))]
public sealed class AllocationTests : IDisposable
{
    private const double Dt = 1e-4;
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Steps_that_do_not_grow_the_buffers_allocate_nothing(bool withFiles)
    {
        var source = new FakeSpikeSource(5, new[] { 1, 4 }, new[] { 0 }, Array.Empty<int>(), new[] { 0, 2, 3, 4 });
        var population = new CountingPopulation<double>(50);
        var floats = new float[20];
        string? F(string name) => withFiles ? _dir.File(name) : null;
        var monitors = new MonitorBase[]
        {
            new SpikeMonitor(source, "spikes", F("s.csv"), F("s")),
            new StateMonitor<double>("v", () => population.v, everySteps: 1, csvPath: F("v.csv"), npyPathPrefix: F("v")),
            new StateMonitor<double>("v", () => population.v, new[] { 3, 1, 49 }, everySteps: 7, csvPath: F("w.csv")),
            new StateMonitor<float>("u", () => floats, new[] { 0, 19 }, npyPathPrefix: F("u")),
            new PopulationRateMonitor(source, "rate", F("r.csv")),
        };
        try
        {
            const int steps = 3000;
            ((SpikeMonitor)monitors[0]).Reserve(4 * steps);
            ((StateMonitor<double>)monitors[1]).Reserve(steps);
            ((StateMonitor<double>)monitors[2]).Reserve(steps);
            ((StateMonitor<float>)monitors[3]).Reserve(steps);
            ((PopulationRateMonitor)monitors[4]).Reserve(steps);
            foreach (MonitorBase m in monitors)
            {
                // Flushing (not per step) is out of this measurement.
                m.FlushIntervalSteps = 0;
                m.FlushWallInterval = TimeSpan.Zero;
            }
            var objects = new INetworkObject[] { source, population }.Concat(monitors).ToArray();
            PhaseDriver.PrepareAndRun(objects, 0, 100, Dt); // JIT and first-use work

            GC.Collect(); // start the window with a fresh heap, so that no collection is due inside it
            long before = GC.GetAllocatedBytesForCurrentThread();
            PhaseDriver.Run(objects, 100, steps - 200, Dt);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(0, allocated);
            Assert.Equal(steps - 100, ((StateMonitor<double>)monitors[1]).SampleCount);
        }
        finally
        {
            foreach (MonitorBase m in monitors) m.Dispose();
        }
    }
}
