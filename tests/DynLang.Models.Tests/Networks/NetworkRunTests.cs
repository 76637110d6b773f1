using System.Globalization;
using DynLang.Runtime;

namespace DynLang.Models.Tests.Networks;

/// <summary>
/// The network runner with generated models (Models/Networks/Runner.dyn, RunnerCell): durations
/// that are whole numbers of steps, progress, runs that continue one another, and runs that end
/// early — by an exception or a cancellation — leaving monitor files that hold exactly the
/// spikes recorded before.
/// </summary>
/// <remarks>
/// RunnerCell: dv/dt = I, reset to 0 above v_th = 0.47 mV. With dt = 0.1 ms and I = 1, 2, 0.5 mV/ms
/// v gains 0.1, 0.2, 0.05 mV a step, so neuron i spikes every 5, 3, 10 steps — in the steps k with
/// (k + 1) mod period = 0. The threshold is ≥ 0.02 mV from every value v takes, far beyond rounding.
/// </remarks>
public sealed class NetworkRunTests : IDisposable
{
    private const double Dt = 1e-4;
    private static readonly int[] Periods = { 5, 3, 10 };
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dynlang-nettests-" + Guid.NewGuid().ToString("N"));

    public NetworkRunTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static RunnerCellPopulation Cells(bool setThreshold = true)
    {
        var cells = new RunnerCellPopulation(3);
        if (setThreshold) cells.Parameters = cells.Parameters with { v_th = 0.47e-3 };
        new[] { 1.0, 2.0, 0.5 }.CopyTo(cells.I); // mV/ms = V/s
        return cells;
    }

    /// <summary>(index, step) of every spike in steps [0, steps), by step then index.</summary>
    private static List<(int Index, long Step)> ExpectedSpikes(long steps)
    {
        var spikes = new List<(int, long)>();
        for (long k = 0; k < steps; k++)
            for (int i = 0; i < Periods.Length; i++)
                if ((k + 1) % Periods[i] == 0) spikes.Add((i, k));
        return spikes;
    }

    private static List<(int, long)> Recorded(SpikeMonitor monitor) =>
        monitor.Indices.ToArray().Zip(monitor.Steps.ToArray()).Select(p => (p.First, p.Second)).ToList();

    // ---- durations ------------------------------------------------------------------------------

    [Theory]
    [InlineData(2.5e-4)]   // 2.5 steps
    [InlineData(1.00001e-3)] // 10.0001 steps: off by far more than rounding
    public void A_duration_that_is_not_a_whole_number_of_steps_is_refused_before_any_step(double duration)
    {
        var cells = Cells();
        var network = new Network(Dt).Add(cells);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => network.Run(duration));
        Assert.Contains(duration.ToString("R", CultureInfo.InvariantCulture), error.Message);
        Assert.Contains("whole number", error.Message);
        Assert.Equal(0, network.StepIndex);
        Assert.Equal(0, cells.StepIndex);
    }

    [Fact]
    public void A_negative_duration_is_refused()
    {
        var network = new Network(Dt).Add(Cells());
        Assert.Throws<ArgumentOutOfRangeException>(() => network.Run(-Dt));
        Assert.Equal(0, network.StepIndex);
    }

    [Fact]
    public void A_duration_in_seconds_that_divides_only_up_to_rounding_is_accepted()
    {
        // 0.3 s / 1e-4 s = 2999.9999999999995 in binary: still the 3000 steps the user meant.
        Assert.NotEqual(3000.0, 0.3 / Dt);
        var cells = Cells();
        var network = new Network(Dt).Add(cells);
        network.Run(0.3);
        Assert.Equal(3000, network.StepIndex);
        Assert.Equal(3000, cells.StepIndex);
    }

    // ---- progress and continuation --------------------------------------------------------------

    [Fact]
    public void Progress_ends_with_every_step_done_and_never_goes_back()
    {
        var progress = new RecordingProgress();
        var network = new Network(Dt).Add(Cells());
        network.Run(0.2, progress);
        Assert.NotEmpty(progress.Reports);
        var last = progress.Reports[^1];
        Assert.Equal(2000, last.StepsTotal);
        Assert.Equal(2000, last.StepsDone);
        Assert.Equal(1.0, last.Fraction);
        Assert.Equal(network.Time, last.Time);
        Assert.Equal(TimeSpan.Zero, last.Remaining);
        for (int k = 1; k < progress.Reports.Count; k++)
            Assert.True(progress.Reports[k].StepsDone >= progress.Reports[k - 1].StepsDone);
        Assert.All(progress.Reports, r => Assert.InRange(r.Fraction, 0.0, 1.0));
    }

    [Fact]
    public void A_second_run_continues_the_clock_the_states_and_the_records()
    {
        var cells = Cells();
        var spikes = new SpikeMonitor(cells, "spikes");
        var v = new StateMonitor<double>("v", () => cells.v);
        var network = new Network(Dt).Add(cells, spikes, v);
        network.Run(12 * Dt);
        network.Run(13 * Dt);
        Assert.Equal(25, network.StepIndex);
        Assert.Equal(25 * Dt, network.Time);
        Assert.Equal(25, cells.StepIndex);
        // The population sums its dt's: 25 additions of 1e-4 are within a few ulps of 25·1e-4.
        Assert.Equal(25 * Dt, cells.Time, 1e-17);
        Assert.Equal(Enumerable.Range(0, 25).Select(k => (long)k), v.Steps.ToArray());
        Assert.Equal(Enumerable.Range(0, 25).Select(k => k * Dt), v.Times.ToArray());
        // The spikes continue across the boundary as in one run of 25 steps (neuron 1 spikes in
        // step 11 and 14, neuron 0 in 9 and 14).
        Assert.Equal(ExpectedSpikes(25), Recorded(spikes));
    }

    // ---- runs that end early --------------------------------------------------------------------

    private SpikeMonitor FileMonitor(ISpikeSource cells, int flushEvery)
    {
        var monitor = new SpikeMonitor(cells, "spikes", Path.Combine(_folder, "spikes.csv"), Path.Combine(_folder, "spikes"));
        monitor.FlushIntervalSteps = flushEvery;
        monitor.FlushWallInterval = TimeSpan.Zero; // flush points by step count only, so the test is deterministic
        return monitor;
    }

    /// <summary>The files as a reader sees them, while the monitor is still open (no Dispose).</summary>
    private List<(int, long)> FromFiles(SpikeMonitor monitor, out List<(int, double)> csv)
    {
        int[] indices = Npy.ReadInt32(monitor.NpyIndexPath!);
        double[] times = Npy.ReadDoubles(monitor.NpyTimePath!);
        Assert.Equal(indices.Length, times.Length);
        using (var stream = new FileStream(monitor.CsvPath!, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        using (var reader = new StreamReader(stream))
        {
            Assert.Equal("index,time_s", reader.ReadLine());
            csv = new List<(int, double)>();
            for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
            {
                var fields = line.Split(',');
                csv.Add((int.Parse(fields[0], CultureInfo.InvariantCulture), double.Parse(fields[1], CultureInfo.InvariantCulture)));
            }
        }
        return indices.Zip(times).Select(p => (p.First, (long)Math.Round(p.Second / Dt))).ToList();
    }

    private void AssertFilesHoldExactly(SpikeMonitor monitor, List<(int Index, long Step)> expected)
    {
        var npy = FromFiles(monitor, out var csv);
        Assert.Equal(expected, Recorded(monitor));
        Assert.Equal(expected, npy);
        // The CSV's times are the steps' times, written so that they read back to the same double.
        Assert.Equal(expected.Select(e => (e.Index, e.Step * Dt)), csv);
    }

    [Fact]
    public void An_exception_mid_run_leaves_files_with_exactly_the_spikes_recorded_before_it()
    {
        var cells = Cells();
        var monitor = FileMonitor(cells, flushEvery: 7); // some flushed during the run, the rest by the network
        var failure = new PhaseAction("fails at step 50", NetworkPhase.Groups, clock =>
        {
            if (clock.Step == 50) throw new InvalidDataException("stop at step 50");
        });
        // The failing object acts before the population in step 50: the spikes of steps 0..49 are all there is.
        var network = new Network(Dt).Add(failure, cells, monitor);
        var error = Assert.Throws<InvalidDataException>(() => network.Run(100 * Dt));
        Assert.Equal("stop at step 50", error.Message);
        Assert.Equal(50, network.StepIndex);
        AssertFilesHoldExactly(monitor, ExpectedSpikes(50));
        monitor.Dispose();
    }

    [Fact]
    public void A_parameter_unset_mid_run_stops_the_run_naming_it_and_keeps_the_spikes_so_far()
    {
        var cells = Cells();
        var monitor = FileMonitor(cells, flushEvery: 0);
        var unset = new PhaseAction("unsets v_th at step 30", NetworkPhase.Start, clock =>
        {
            if (clock.Step == 30) cells.Parameters = cells.Parameters with { v_th = double.NaN };
        });
        var network = new Network(Dt).Add(unset, cells, monitor);
        var error = Assert.Throws<InvalidOperationException>(() => network.Run(100 * Dt));
        Assert.Contains("v_th", error.Message);
        AssertFilesHoldExactly(monitor, ExpectedSpikes(30));
        monitor.Dispose();
    }

    [Fact]
    public void A_parameter_never_set_stops_the_first_step_and_leaves_valid_empty_files()
    {
        var cells = Cells(setThreshold: false);
        var monitor = FileMonitor(cells, flushEvery: 0);
        var network = new Network(Dt).Add(cells, monitor);
        var error = Assert.Throws<InvalidOperationException>(() => network.Run(10 * Dt));
        Assert.Contains("v_th", error.Message);
        Assert.Equal(0, network.StepIndex);
        AssertFilesHoldExactly(monitor, new List<(int, long)>());
        monitor.Dispose();
    }

    [Fact]
    public void A_cancelled_run_stops_between_steps_and_keeps_every_spike_so_far()
    {
        var cells = Cells();
        var monitor = FileMonitor(cells, flushEvery: 0);
        using var cancellation = new CancellationTokenSource();
        var cancel = new PhaseAction("cancels in step 20", NetworkPhase.End, clock =>
        {
            if (clock.Step == 20) cancellation.Cancel();
        });
        var network = new Network(Dt).Add(cells, monitor, cancel);
        Assert.ThrowsAny<OperationCanceledException>(() => network.Run(100 * Dt, cancellation: cancellation.Token));
        // Step 20 completed (cancellation is checked before each step), step 21 never began.
        Assert.Equal(21, network.StepIndex);
        AssertFilesHoldExactly(monitor, ExpectedSpikes(21));
        monitor.Dispose();
    }
}
