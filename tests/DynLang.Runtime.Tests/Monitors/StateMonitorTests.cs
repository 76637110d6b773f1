using System.Globalization;
using DynLang.Runtime;
using DynLang.Runtime.Tests.IO;

namespace DynLang.Runtime.Tests.Monitors;

public sealed class StateMonitorTests : IDisposable
{
    private const double Dt = 1e-4;
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Samples_every_n_steps_before_the_update_whichever_was_added_first(bool monitorFirst)
    {
        var population = new CountingPopulation<double>(5);
        using var monitor = new StateMonitor<double>("v", () => population.v, indices: new[] { 4, 0, 2 }, everySteps: 3);
        INetworkObject[] order = monitorFirst ? new INetworkObject[] { monitor, population } : new INetworkObject[] { population, monitor };
        PhaseDriver.PrepareAndRun(order, 0, 10, Dt);

        Assert.Equal(new long[] { 0, 3, 6, 9 }, monitor.Steps.ToArray());
        Assert.Equal(new[] { 0, 3 * Dt, 6 * Dt, 9 * Dt }, monitor.Times.ToArray());
        Assert.Equal(3, monitor.Columns);
        Assert.Equal(new[] { 4, 0, 2 }, monitor.RecordedIndices);
        // Start of step s: 100 i + s (the step's own update has not happened yet).
        Assert.Equal(new[] { 400.0, 403, 406, 409 }, monitor.ValuesOf(0));
        Assert.Equal(new[] { 0.0, 3, 6, 9 }, monitor.ValuesOf(1));
        Assert.Equal(new[] { 406.0, 6, 206 }, monitor.Sample(2).ToArray());
        double[,] m = monitor.ToMatrix();
        Assert.Equal(209.0, m[3, 2]);
        Assert.Equal(monitor.Values.ToArray(), m.Cast<double>());
    }

    [Fact]
    public void Null_indices_record_every_element()
    {
        var population = new CountingPopulation<double>(4);
        using var monitor = new StateMonitor<double>("v", () => population.v);
        PhaseDriver.PrepareAndRun(new INetworkObject[] { population, monitor }, 0, 2, Dt);
        Assert.Equal(new[] { 0, 1, 2, 3 }, monitor.RecordedIndices);
        Assert.Equal(new[] { 0.0, 100, 200, 300, 1, 101, 201, 301 }, monitor.Values.ToArray());
    }

    [Fact]
    public void Files_hold_the_same_samples_as_memory()
    {
        var population = new CountingPopulation<double>(3);
        string csv = _dir.File("v.csv");
        string prefix = _dir.File("v");
        using (var monitor = new StateMonitor<double>("v", () => population.v, new[] { 2, 1 }, everySteps: 2, csvPath: csv, npyPathPrefix: prefix))
        {
            PhaseDriver.PrepareAndRun(new INetworkObject[] { population, monitor }, 0, 7, Dt);
        }
        string[] lines = File.ReadAllLines(csv);
        Assert.Equal("t,v[2],v[1]", lines[0]);
        Assert.Equal(new[] { "0,200,100", $"{CsvWriter.Format(2 * Dt)},202,102" }, lines.Skip(1).Take(2));
        Assert.Equal(5, lines.Length); // header + steps 0, 2, 4, 6

        double[,] values = Npy.ReadDoubleMatrix(prefix + ".npy", rows: 4, columns: 2);
        Assert.Equal(new double[,] { { 200, 100 }, { 202, 102 }, { 204, 104 }, { 206, 106 } }, values);
        Assert.Equal(new[] { 0, 2 * Dt, 4 * Dt, 6 * Dt }, Npy.ReadDoubles(prefix + "_t.npy", 4));
    }

    [Fact]
    public void Float_variables_are_written_in_their_own_shortest_form_and_widened_exactly_in_npy()
    {
        var v = new float[] { 0.1f, -1.5f };
        string csv = _dir.File("f.csv");
        string prefix = _dir.File("f");
        using (var monitor = new StateMonitor<float>("u", () => v, csvPath: csv, npyPathPrefix: prefix))
        {
            monitor.Prepare(Dt);
            monitor.Run(NetworkPhase.Start, new NetworkClock(0, 0, Dt));
            Assert.Equal(new[] { 0.1f, -1.5f }, monitor.Values.ToArray());
        }
        Assert.Equal("0,0.1,-1.5", File.ReadAllLines(csv)[1]);
        Assert.Equal(new[] { (double)0.1f, -1.5 }, Npy.ReadDoubleMatrix(prefix + ".npy", 1, 2).Cast<double>());
        Assert.Equal("<f8", Npy.Read(prefix + ".npy").Dtype);
    }

    [Fact]
    public void Bad_arguments_name_the_monitor_and_the_bound()
    {
        var v = new double[4];
        var index = Assert.Throws<ArgumentOutOfRangeException>(() => new StateMonitor<double>("v", () => v, new[] { 1, 4 }));
        Assert.Contains("State monitor 'v': index 4 is outside the variable's 0..3", index.Message);
        var every = Assert.Throws<ArgumentOutOfRangeException>(() => new StateMonitor<double>("v", () => v, everySteps: 0));
        Assert.Contains("at least 1 step", every.Message);
        Assert.Throws<ArgumentException>(() => new StateMonitor<double>("v", () => v, Array.Empty<int>()));
        Assert.Throws<ArgumentException>(() => new StateMonitor<double>("v", () => Span<double>.Empty));
        var type = Assert.Throws<NotSupportedException>(() => new StateMonitor<int>("n", () => new int[3]));
        Assert.Contains("not Int32", type.Message);
    }

    [Fact]
    public void A_variable_that_changes_length_is_reported_at_the_next_sample()
    {
        var population = new CountingPopulation<double>(3);
        using var monitor = new StateMonitor<double>("v", () => population.v);
        monitor.Prepare(Dt);
        population.Resize(2);
        var e = Assert.Throws<InvalidOperationException>(() => monitor.Run(NetworkPhase.Start, new NetworkClock(0, 0, Dt)));
        Assert.Contains("the variable has 2 elements now, 3 when the monitor was created", e.Message);
        Assert.Throws<InvalidOperationException>(() => monitor.Prepare(Dt));
    }

    [Fact]
    public void Column_and_sample_accessors_check_their_argument()
    {
        var v = new double[2];
        using var monitor = new StateMonitor<double>("v", () => v);
        Assert.Throws<ArgumentOutOfRangeException>(() => monitor.ValuesOf(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => monitor.Sample(0));
        Assert.Equal(new double[0, 2], monitor.ToMatrix());
    }
}
