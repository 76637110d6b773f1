using System.Globalization;
using DynLang.Runtime;
using DynLang.Runtime.Tests.IO;

namespace DynLang.Runtime.Tests.Monitors;

public sealed class SpikeMonitorTests : IDisposable
{
    private const double Dt = 1e-4;
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    // Steps cycle through: none, {1, 4}, {0}, none, {0, 2, 3, 4}.
    private static FakeSpikeSource Source() =>
        new(5, Array.Empty<int>(), new[] { 1, 4 }, new[] { 0 }, Array.Empty<int>(), new[] { 0, 2, 3, 4 });

    private static (List<int> Indices, List<long> Steps) Expected(FakeSpikeSource source, long from, int steps)
    {
        var indices = new List<int>();
        var stepList = new List<long>();
        for (long s = from; s < from + steps; s++)
        {
            foreach (int i in source.SpikesAt(s))
            {
                indices.Add(i);
                stepList.Add(s);
            }
        }
        return (indices, stepList);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Records_every_spike_with_step_and_time_whichever_was_added_first(bool monitorFirst)
    {
        var source = Source();
        using var monitor = new SpikeMonitor(source, "spikes");
        INetworkObject[] order = monitorFirst ? new INetworkObject[] { monitor, source } : new INetworkObject[] { source, monitor };
        PhaseDriver.PrepareAndRun(order, 0, 23, Dt);

        var (indices, steps) = Expected(source, 0, 23);
        Assert.Equal(indices, monitor.Indices.ToArray());
        Assert.Equal(steps, monitor.Steps.ToArray());
        Assert.Equal(steps.Select(s => s * Dt), monitor.Times.ToArray());
        Assert.Equal(indices.Count, monitor.Count);
    }

    [Fact]
    public void Buffers_grow_past_their_first_capacity_without_losing_records()
    {
        // 1000 steps of this pattern make 1400 spikes: several doublings of the 256-record start.
        var source = Source();
        using var monitor = new SpikeMonitor(source, "spikes", npyPathPrefix: _dir.File("g"));
        monitor.FlushIntervalSteps = 97; // flushes fall between growths, at odd offsets
        PhaseDriver.PrepareAndRun(new INetworkObject[] { source, monitor }, 0, 1000, Dt);
        var (indices, steps) = Expected(source, 0, 1000);
        Assert.Equal(1400, monitor.Count);
        Assert.Equal(indices, monitor.Indices.ToArray());
        Assert.Equal(steps, monitor.Steps.ToArray());
        monitor.Flush();
        Assert.Equal(indices, Npy.ReadInt32(_dir.File("g_i.npy"), 1400));
    }

    [Fact]
    public void Counts_per_element_add_up_the_spikes_of_each_index()
    {
        var source = Source();
        using var monitor = new SpikeMonitor(source, "spikes");
        PhaseDriver.PrepareAndRun(new INetworkObject[] { source, monitor }, 0, 10, Dt);
        // Two cycles of the pattern: index 0 spikes twice a cycle, 1 once, 2 once, 3 once, 4 twice.
        Assert.Equal(new[] { 4, 2, 2, 2, 4 }, monitor.CountsPerElement());
    }

    [Fact]
    public void A_second_run_appends_to_the_records()
    {
        var source = Source();
        using var monitor = new SpikeMonitor(source, "spikes");
        var objects = new INetworkObject[] { source, monitor };
        PhaseDriver.PrepareAndRun(objects, 0, 7, Dt);
        PhaseDriver.PrepareAndRun(objects, 7, 6, Dt);
        Assert.Equal(Expected(source, 0, 13).Steps, monitor.Steps.ToArray());
    }

    [Fact]
    public void Files_hold_the_same_records_as_memory()
    {
        var source = Source();
        string csv = _dir.File("spikes.csv");
        string prefix = _dir.File("spikes");
        using (var monitor = new SpikeMonitor(source, "spikes", csv, prefix))
        {
            Assert.Equal(prefix + "_i.npy", monitor.NpyIndexPath);
            Assert.Equal(prefix + "_t.npy", monitor.NpyTimePath);
            PhaseDriver.PrepareAndRun(new INetworkObject[] { source, monitor }, 0, 17, Dt);
        }
        var (indices, steps) = Expected(source, 0, 17);
        string[] lines = File.ReadAllLines(csv);
        Assert.Equal("index,time_s", lines[0]);
        Assert.Equal(indices.Count, lines.Length - 1);
        for (int k = 0; k < indices.Count; k++)
        {
            string[] f = lines[k + 1].Split(',');
            Assert.Equal(indices[k], int.Parse(f[0], CultureInfo.InvariantCulture));
            Assert.Equal(steps[k] * Dt, double.Parse(f[1], CultureInfo.InvariantCulture));
        }
        Assert.Equal(indices, Npy.ReadInt32(prefix + "_i.npy", indices.Count));
        Assert.Equal(steps.Select(s => s * Dt), Npy.ReadDoubles(prefix + "_t.npy", indices.Count));
    }

    [Fact]
    public void Files_are_flushed_every_FlushIntervalSteps_steps()
    {
        var source = Source();
        string prefix = _dir.File("f");
        using var monitor = new SpikeMonitor(source, "spikes", _dir.File("f.csv"), prefix)
        {
            FlushIntervalSteps = 10,
            FlushWallInterval = TimeSpan.Zero,
        };
        PhaseDriver.PrepareAndRun(new INetworkObject[] { source, monitor }, 0, 25, Dt);

        int afterTwenty = Expected(source, 0, 20).Indices.Count;
        Assert.Equal(Expected(source, 0, 25).Indices.Count, monitor.Count);
        Assert.True(afterTwenty < monitor.Count, "the test needs spikes after the last automatic flush");
        Assert.Equal(afterTwenty, Npy.ReadInt32(prefix + "_i.npy").Length);
        Assert.Equal(afterTwenty, TempFolder.ReadLinesShared(_dir.File("f.csv")).Length - 1);
    }

    /// <summary>A wall clock that moves only when told (no sleeping, no dependence on the machine's load).</summary>
    private sealed class ManualClock : TimeProvider
    {
        public long Ticks { get; set; } = 1_000_000;
        public override long TimestampFrequency => 1_000_000;
        public override long GetTimestamp() => Ticks;
        public void Advance(TimeSpan by) => Ticks += (long)(by.TotalSeconds * TimestampFrequency);
    }

    [Fact]
    public void Files_are_flushed_when_the_wall_clock_interval_has_passed()
    {
        // Was: 3 steps then Assert "nothing flushed yet, well within 500 ms", then Thread.Sleep(700).
        // On a loaded machine the 3 steps can take longer than 500 ms: the assertion failed.
        var source = new FakeSpikeSource(2, new[] { 0, 1 });
        string prefix = _dir.File("w");
        var clock = new ManualClock();
        using var monitor = new SpikeMonitor(source, "spikes", npyPathPrefix: prefix)
        {
            FlushIntervalSteps = 0,
            FlushWallInterval = TimeSpan.FromMilliseconds(500),
        };
        monitor.Clock = clock;
        var objects = new INetworkObject[] { source, monitor };
        PhaseDriver.PrepareAndRun(objects, 0, 2, Dt);
        clock.Advance(TimeSpan.FromMilliseconds(499));
        PhaseDriver.Run(objects, 2, 1, Dt);
        Assert.Empty(Npy.ReadInt32(prefix + "_i.npy")); // 499 ms: not yet (the step-count flush is off)
        clock.Advance(TimeSpan.FromMilliseconds(1));
        PhaseDriver.Run(objects, 3, 1, Dt);
        Assert.Equal(8, Npy.ReadInt32(prefix + "_i.npy").Length); // 500 ms: the step that sees it flushes
        clock.Advance(TimeSpan.FromMilliseconds(499));
        PhaseDriver.Run(objects, 4, 1, Dt);
        Assert.Equal(8, Npy.ReadInt32(prefix + "_i.npy").Length); // the interval restarted at the flush
        clock.Advance(TimeSpan.FromMilliseconds(1));
        PhaseDriver.Run(objects, 5, 1, Dt);
        Assert.Equal(12, Npy.ReadInt32(prefix + "_i.npy").Length);
    }

    [Fact]
    public void After_dispose_records_stay_readable_flush_does_nothing_and_running_throws()
    {
        var source = Source();
        var monitor = new SpikeMonitor(source, "spikes", _dir.File("d.csv"));
        PhaseDriver.PrepareAndRun(new INetworkObject[] { source, monitor }, 0, 5, Dt);
        monitor.Dispose();
        monitor.Flush();
        monitor.Dispose();
        Assert.Equal(7, monitor.Count);
        Assert.Equal(8, File.ReadAllLines(_dir.File("d.csv")).Length);
        Assert.Throws<ObjectDisposedException>(() => monitor.Run(NetworkPhase.End, new NetworkClock(5, 5 * Dt, Dt)));
        Assert.Throws<ObjectDisposedException>(() => monitor.Prepare(Dt));
    }

    [Fact]
    public void Bad_arguments_name_the_monitor_and_value()
    {
        var source = Source();
        Assert.Throws<ArgumentException>(() => new SpikeMonitor(source, " "));
        Assert.Throws<ArgumentNullException>(() => new SpikeMonitor(null!, "m"));
        using var monitor = new SpikeMonitor(source, "exc spikes");
        var dt = Assert.Throws<ArgumentOutOfRangeException>(() => monitor.Prepare(0));
        Assert.Contains("'exc spikes'", dt.Message);
        var interval = Assert.Throws<ArgumentOutOfRangeException>(() => monitor.FlushIntervalSteps = -1);
        Assert.Contains("'exc spikes'", interval.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => monitor.FlushWallInterval = TimeSpan.FromSeconds(-1));
        Assert.ThrowsAny<IOException>(() => new SpikeMonitor(source, "m", npyPathPrefix: _dir.File(Path.Combine("missing", "x"))));
    }

    [Fact]
    public void An_index_outside_the_source_is_reported_by_CountsPerElement()
    {
        var source = new FakeSpikeSource(3, new[] { 1, 3 });
        using var monitor = new SpikeMonitor(source, "bad");
        PhaseDriver.PrepareAndRun(new INetworkObject[] { source, monitor }, 0, 1, Dt);
        var e = Assert.Throws<InvalidOperationException>(() => monitor.CountsPerElement());
        Assert.Contains("spike 1 has index 3, outside the source's 0..2", e.Message);
    }

    [Fact]
    public void Phases_it_does_not_know_are_ignored()
    {
        var source = Source();
        using var monitor = new SpikeMonitor(source, "spikes");
        monitor.Prepare(Dt);
        monitor.Run((NetworkPhase)99, new NetworkClock(0, 0, Dt));
        Assert.Equal(0, monitor.Count);
    }
}
