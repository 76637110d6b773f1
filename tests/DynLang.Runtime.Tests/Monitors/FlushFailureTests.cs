using System.Globalization;
using DynLang.Runtime;
using DynLang.Runtime.Tests.IO;

namespace DynLang.Runtime.Tests.Monitors;

/// <summary>
/// A monitor whose file cannot be written (an injected full disk) does not stop the others: the
/// network flushes every recorder, then throws what failed — the run's own exception kept.
/// </summary>
public sealed class FlushFailureTests : IDisposable
{
    private const double Dt = 1e-4;
    private const int Steps = 50;
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private sealed class FailingObject(long failAt) : INetworkObject
    {
        public string Name => "failing";
        public void Prepare(double dt) { }
        public void Run(NetworkPhase phase, NetworkClock clock)
        {
            if (phase == NetworkPhase.Groups && clock.Step == failAt) throw new InvalidOperationException("model blew up");
        }
    }

    private sealed class Canceller(CancellationTokenSource source, long atStep) : INetworkObject
    {
        public string Name => "canceller";
        public void Prepare(double dt) { }
        public void Run(NetworkPhase phase, NetworkClock clock)
        {
            if (phase == NetworkPhase.End && clock.Step == atStep) source.Cancel();
        }
    }

    private static FakeSpikeSource Source() => new(5, new[] { 1, 4 }, new[] { 0 }, Array.Empty<int>(), new[] { 0, 2, 3, 4 });

    private static T Quiet<T>(T monitor) where T : MonitorBase
    {
        // Only the end-of-run flush writes, so the failure is met there.
        monitor.FlushIntervalSteps = 0;
        monitor.FlushWallInterval = TimeSpan.Zero;
        return monitor;
    }

    private void AssertSpikeFilesComplete(SpikeMonitor spikes, string csv, string prefix)
    {
        Assert.True(spikes.Count > 0);
        Assert.Equal(spikes.Indices.ToArray(), Npy.ReadInt32(prefix + "_i.npy", spikes.Count));
        Assert.Equal(spikes.Times.ToArray(), Npy.ReadDoubles(prefix + "_t.npy", spikes.Count));
        string[] lines = TempFolder.ReadLinesShared(csv);
        Assert.Equal(spikes.Count + 1, lines.Length);
        for (int k = 0; k < spikes.Count; k++)
            Assert.Equal($"{spikes.Indices[k]},{spikes.Times[k].ToString("R", CultureInfo.InvariantCulture)}", lines[k + 1]);
    }

    [Fact]
    public void A_full_disk_under_the_first_monitor_does_not_stop_the_flush_of_the_ones_after_it()
    {
        using var faults = new FaultyFiles();
        var source = Source();
        var rate = Quiet(new PopulationRateMonitor(source, "rate", _dir.File("rate.csv")));
        var spikes = Quiet(new SpikeMonitor(source, "spikes", _dir.File("spikes.csv"), _dir.File("spikes")));
        var network = new Network(Dt).Add(source, rate, spikes);
        faults["rate.csv"].Full = true;

        var error = Assert.Throws<IOException>(() => network.Run(Steps * Dt));

        Assert.Contains("No space left", error.Message);
        Assert.Equal(Steps, network.StepIndex);
        AssertSpikeFilesComplete(spikes, _dir.File("spikes.csv"), _dir.File("spikes"));
        Assert.Equal(Steps, rate.SampleCount); // still in memory

        // Space freed: disposing writes what the full disk refused.
        faults["rate.csv"].Full = false;
        rate.Dispose();
        spikes.Dispose();
        Assert.Equal(Steps + 1, File.ReadAllLines(_dir.File("rate.csv")).Length);
    }

    [Fact]
    public void A_run_that_fails_and_a_flush_that_fails_are_both_thrown_the_run_first()
    {
        using var faults = new FaultyFiles();
        var source = Source();
        var state = Quiet(new StateMonitor<double>("v", () => new double[] { 1, 2 }, everySteps: 1, csvPath: _dir.File("v.csv")));
        var rate = Quiet(new PopulationRateMonitor(source, "rate", _dir.File("rate.csv")));
        var spikes = Quiet(new SpikeMonitor(source, "spikes", _dir.File("spikes.csv"), _dir.File("spikes")));
        var network = new Network(Dt).Add(source, state, rate, spikes, new FailingObject(failAt: 20));
        faults["v.csv"].Full = true;
        faults["rate.csv"].Full = true;

        var error = Assert.Throws<AggregateException>(() => network.Run(Steps * Dt));

        Assert.Equal(3, error.InnerExceptions.Count);
        Assert.Equal("model blew up", Assert.IsType<InvalidOperationException>(error.InnerExceptions[0]).Message);
        Assert.IsType<IOException>(error.InnerExceptions[1]);
        Assert.IsType<IOException>(error.InnerExceptions[2]);
        Assert.Contains("model blew up", error.Message);
        AssertSpikeFilesComplete(spikes, _dir.File("spikes.csv"), _dir.File("spikes"));
        Assert.Equal(20, rate.SampleCount);
        faults["v.csv"].Full = false;
        faults["rate.csv"].Full = false;
        state.Dispose();
        rate.Dispose();
        spikes.Dispose();
    }

    [Fact]
    public void A_cancelled_run_whose_flush_fails_keeps_the_cancellation_first()
    {
        using var faults = new FaultyFiles();
        var source = Source();
        var rate = Quiet(new PopulationRateMonitor(source, "rate", _dir.File("rate.csv")));
        var spikes = Quiet(new SpikeMonitor(source, "spikes", npyPathPrefix: _dir.File("spikes")));
        using var cancel = new CancellationTokenSource();
        var network = new Network(Dt).Add(source, rate, spikes, new Canceller(cancel, atStep: 10));
        faults["rate.csv"].Full = true;

        var error = Assert.Throws<AggregateException>(() => network.Run(Steps * Dt, cancellation: cancel.Token));

        Assert.IsAssignableFrom<OperationCanceledException>(error.InnerExceptions[0]);
        Assert.IsType<IOException>(error.InnerExceptions[1]);
        Assert.Equal(11, network.StepIndex);
        Assert.Equal(spikes.Indices.ToArray(), Npy.ReadInt32(_dir.File("spikes_i.npy"), spikes.Count));
        faults["rate.csv"].Full = false;
        rate.Dispose();
        spikes.Dispose();
    }

    [Fact]
    public void Two_failing_recorders_give_an_aggregate_and_a_failing_csv_does_not_stop_the_npy_files_of_its_monitor()
    {
        using var faults = new FaultyFiles();
        var source = Source();
        var first = Quiet(new SpikeMonitor(source, "first", _dir.File("a.csv"), _dir.File("a")));
        var second = Quiet(new SpikeMonitor(source, "second", _dir.File("b.csv")));
        var network = new Network(Dt).Add(source, first, second);
        faults["a.csv"].Full = true;
        faults["b.csv"].Full = true;

        var error = Assert.Throws<AggregateException>(() => network.Run(Steps * Dt));

        Assert.Equal(2, error.InnerExceptions.Count);
        Assert.All(error.InnerExceptions, e => Assert.IsType<IOException>(e));
        Assert.Equal(first.Indices.ToArray(), Npy.ReadInt32(_dir.File("a_i.npy"), first.Count));
        Assert.Equal(first.Times.ToArray(), Npy.ReadDoubles(_dir.File("a_t.npy"), first.Count));
        Assert.Throws<IOException>(() => second.Dispose()); // still full: the final flush fails, the file is closed all the same
        faults["a.csv"].Full = false;
        first.Dispose();
        Assert.Equal(first.Count + 1, File.ReadAllLines(_dir.File("a.csv")).Length);
        second.Dispose();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]   // a write cut inside a row
    [InlineData(13)]  // inside an .npy element
    public void After_space_is_freed_the_next_flush_writes_every_record_once(int partialBytes)
    {
        using var faults = new FaultyFiles();
        var source = Source();
        var spikes = Quiet(new SpikeMonitor(source, "spikes", _dir.File("s.csv"), _dir.File("s")));
        var state = Quiet(new StateMonitor<float>("u", () => new float[] { 0.5f, 1.25f, -3f }, everySteps: 2, csvPath: _dir.File("u.csv"), npyPathPrefix: _dir.File("u")));
        var objects = new INetworkObject[] { source, spikes, state };
        PhaseDriver.PrepareAndRun(objects, 0, 10, Dt);
        spikes.Flush();
        state.Flush();
        PhaseDriver.Run(objects, 10, 15, Dt);
        var streams = faults.Streams.Values.ToList();
        foreach (FaultyStream s in streams)
        {
            s.Full = true;
            s.PartialBytes = partialBytes;
        }
        var aggregate = Assert.Throws<AggregateException>(() => spikes.Flush()); // three files, three failures
        Assert.Equal(3, aggregate.InnerExceptions.Count);
        Assert.ThrowsAny<Exception>(() => state.Flush());
        PhaseDriver.Run(objects, 25, 5, Dt); // recording goes on meanwhile
        foreach (FaultyStream s in streams) s.Full = false;
        spikes.Flush();
        state.Flush();

        AssertSpikeFilesComplete(spikes, _dir.File("s.csv"), _dir.File("s"));
        Assert.Equal(15, state.SampleCount);
        Assert.Equal(state.Times.ToArray(), Npy.ReadDoubles(_dir.File("u_t.npy"), 15));
        Assert.Equal(state.Values.ToArray().Select(v => (double)v), Npy.ReadDoubleMatrix(_dir.File("u.npy"), 15, 3).Cast<double>());
        string[] lines = TempFolder.ReadLinesShared(_dir.File("u.csv"));
        Assert.Equal(16, lines.Length);
        Assert.Equal("t,u[0],u[1],u[2]", lines[0]);
        Assert.All(lines.Skip(1), l => Assert.EndsWith(",0.5,1.25,-3", l));
        spikes.Dispose();
        state.Dispose();
    }
}
