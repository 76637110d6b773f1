using DynLang.Runtime;
using DynLang.Runtime.Tests.IO;

namespace DynLang.Runtime.Tests.Monitors;

/// <summary>
/// A run that stops mid-way (an exception in a step, or a cancellation between steps) and then
/// flushes its recorders, as the network does, without disposing them: every file holds exactly
/// the records made so far and reads back while the monitors still hold it open.
/// </summary>
public sealed class InterruptedRunTests : IDisposable
{
    private const double Dt = 1e-4;
    private const int CompletedSteps = 37;
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Throws in the groups phase of one step, as a failing model update would.</summary>
    private sealed class FailingObject : INetworkObject
    {
        public long FailAt { get; init; } = long.MaxValue;
        public string Name => "failing";
        public void Prepare(double dt) { }
        public void Run(NetworkPhase phase, NetworkClock clock)
        {
            if (phase == NetworkPhase.Groups && clock.Step == FailAt) throw new InvalidOperationException("model blew up");
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void After_an_exception_or_a_cancel_the_flushed_files_hold_exactly_the_records_so_far(bool throwMidStep)
    {
        var source = new FakeSpikeSource(5, Array.Empty<int>(), new[] { 1, 4 }, new[] { 0 }, new[] { 0, 2, 3, 4 });
        var population = new CountingPopulation<double>(3);
        string spikePrefix = _dir.File("spikes"), statePrefix = _dir.File("v");
        var spikes = new SpikeMonitor(source, "spikes", _dir.File("spikes.csv"), spikePrefix);
        var state = new StateMonitor<double>("v", () => population.v, new[] { 0, 2 }, everySteps: 4, _dir.File("v.csv"), statePrefix);
        var rate = new PopulationRateMonitor(source, "rate", _dir.File("rate.csv"));
        var recorders = new MonitorBase[] { spikes, state, rate };
        foreach (MonitorBase m in recorders)
        {
            // Only an explicit flush writes: what the files hold is what the interruption's flush wrote.
            m.FlushIntervalSteps = 0;
            m.FlushWallInterval = TimeSpan.Zero;
        }
        var failing = new FailingObject { FailAt = throwMidStep ? CompletedSteps : long.MaxValue };
        var objects = new INetworkObject[] { spikes, state, rate, source, population, failing };
        using var cancel = new CancellationTokenSource();

        // The network's loop in miniature: steps until cancelled; on any exit, flush every recorder.
        try
        {
            foreach (INetworkObject o in objects) o.Prepare(Dt);
            for (long s = 0; s < 1000 && !cancel.IsCancellationRequested; s++)
            {
                PhaseDriver.Run(objects, s, 1, Dt);
                if (s == CompletedSteps - 1) cancel.Cancel();
            }
        }
        catch (InvalidOperationException e) when (e.Message == "model blew up")
        {
        }
        finally
        {
            foreach (INetworkObject o in objects) (o as IRecorder)?.Flush();
        }

        // Memory: the spikes and rates of steps 0..36, state samples at 0, 4, …, 36.
        int expectedSpikes = Enumerable.Range(0, CompletedSteps).Sum(s => source.SpikesAt(s).Length);
        Assert.Equal(expectedSpikes, spikes.Count);
        Assert.Equal(CompletedSteps, rate.SampleCount);
        Assert.Equal(10, state.SampleCount);

        // Files, read while the monitors still have them open.
        Assert.Equal(spikes.Indices.ToArray(), Npy.ReadInt32(spikePrefix + "_i.npy", expectedSpikes));
        Assert.Equal(spikes.Times.ToArray(), Npy.ReadDoubles(spikePrefix + "_t.npy", expectedSpikes));
        Assert.Equal(expectedSpikes + 1, TempFolder.ReadLinesShared(_dir.File("spikes.csv")).Length);
        Assert.Equal(state.Values.ToArray(), Npy.ReadDoubleMatrix(statePrefix + ".npy", 10, 2).Cast<double>());
        Assert.Equal(state.Times.ToArray(), Npy.ReadDoubles(statePrefix + "_t.npy", 10));
        Assert.Equal(11, TempFolder.ReadLinesShared(_dir.File("v.csv")).Length);
        Assert.Equal(CompletedSteps + 1, TempFolder.ReadLinesShared(_dir.File("rate.csv")).Length);

        // The monitors are still usable: a further run appends after the interrupted one.
        PhaseDriver.Run(new INetworkObject[] { spikes, state, rate, source, population }, CompletedSteps, 3, Dt);
        foreach (MonitorBase m in recorders) m.Dispose();
        Assert.Equal(CompletedSteps + 3 + 1, File.ReadAllLines(_dir.File("rate.csv")).Length);
        Assert.Equal(spikes.Indices.ToArray(), Npy.ReadInt32(spikePrefix + "_i.npy", spikes.Count));
        Assert.True(spikes.Count > expectedSpikes, "the further run should have added spikes");
    }

    [Fact]
    public void Without_a_flush_the_files_hold_the_last_automatic_flush_and_still_read()
    {
        var source = new FakeSpikeSource(2, new[] { 0 }, new[] { 1 });
        string prefix = _dir.File("s");
        var spikes = new SpikeMonitor(source, "spikes", _dir.File("s.csv"), prefix) { FlushIntervalSteps = 8, FlushWallInterval = TimeSpan.Zero };
        try
        {
            PhaseDriver.PrepareAndRun(new INetworkObject[] { source, spikes }, 0, 13, Dt);
            // A process killed now (no Flush, no Dispose) leaves the 8 spikes of the flush at step 7.
            Assert.Equal(new[] { 0, 1, 0, 1, 0, 1, 0, 1 }, Npy.ReadInt32(prefix + "_i.npy", 8));
            Assert.Equal(9, TempFolder.ReadLinesShared(_dir.File("s.csv")).Length);
        }
        finally
        {
            spikes.Dispose();
        }
    }
}
