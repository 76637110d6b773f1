using DynLang.Runtime;
using DynLang.Runtime.Tests.IO;

namespace DynLang.Runtime.Tests.Monitors;

public sealed class PopulationRateMonitorTests : IDisposable
{
    private const double Dt = 1e-4;
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private static FakeSpikeSource Source() =>
        new(5, Array.Empty<int>(), new[] { 1, 4 }, new[] { 0 }, Array.Empty<int>(), new[] { 0, 2, 3, 4 }, new[] { 3 }, new[] { 0, 1, 2, 3, 4 });

    [Fact]
    public void Rate_is_spikes_over_dt_over_elements_every_step()
    {
        var source = Source();
        using var monitor = new PopulationRateMonitor(source, "rate");
        PhaseDriver.PrepareAndRun(new INetworkObject[] { monitor, source }, 0, 12, Dt);

        int[] counts = Enumerable.Range(0, 12).Select(s => source.SpikesAt(s).Length).ToArray();
        Assert.Equal(counts, monitor.SpikeCounts.ToArray());
        // Brian2's expression in its order: 1.0 * n / dt / N, so equality is exact.
        Assert.Equal(counts.Select(n => 1.0 * n / Dt / 5), monitor.Rates.ToArray());
        Assert.Equal(Enumerable.Range(0, 12).Select(s => s * Dt), monitor.Times.ToArray());
        Assert.Equal(Enumerable.Range(0, 12).Select(s => (long)s), monitor.Steps.ToArray());
        Assert.Equal(4000.0, monitor.Rates[1]); // 2 of 5 neurons in 0.1 ms: 0.4 / 1e-4 s
    }

    [Theory]
    [InlineData(0.0001)]  // int(0.5) = 0: one step, the rates themselves
    [InlineData(0.0005)]  // int(2.4999999999999996) = 2: five steps
    [InlineData(0.001)]   // int(5.000000000000001) = 5: eleven steps
    [InlineData(0.1)]     // 1001 steps, longer than the recording
    public void Flat_smoothing_matches_numpy_convolve_same_of_brian2s_window(double width)
    {
        var source = Source();
        using var monitor = new PopulationRateMonitor(source, "rate");
        PhaseDriver.PrepareAndRun(new INetworkObject[] { source, monitor }, 0, 40, Dt);
        double[] rates = monitor.Rates.ToArray();

        // Brian2: width_dt = int(width / 2 / dt) * 2 + 1; np.convolve(rate, ones(width_dt) / width_dt, 'same').
        int m = (int)(width / 2 / Dt) * 2 + 1;
        int h = m / 2;
        double[] expected = new double[rates.Length];
        for (int k = 0; k < rates.Length; k++)
            for (int j = k - h; j <= k + h; j++)
                if (j >= 0 && j < rates.Length) expected[k] += rates[j] * (1.0 / m);

        double[] smoothed = monitor.SmoothedRates(width);
        Assert.Equal(rates.Length, smoothed.Length);
        // Ours sums integer counts exactly and divides once; numpy rounds each of up to m
        // products and sums: the two differ by at most about (m + 3) rounding errors of the
        // largest rate (10,000 Hz here), far below one spike's contribution (2000/m Hz).
        double tolerance = (m + 3) * 1.2e-16 * 10_000;
        for (int k = 0; k < rates.Length; k++)
            Assert.True(Math.Abs(smoothed[k] - expected[k]) <= tolerance, $"k = {k}: {smoothed[k]} vs numpy-style {expected[k]}");
        if (m == 1) Assert.Equal(rates, smoothed);
    }

    [Fact]
    public void A_single_spike_spreads_over_the_window_with_zeros_beyond_the_recording()
    {
        // One spike at step 0 of 1 neuron: numpy's 'same' mode pads with zeros, so step 0 gets
        // 1/5 of the rate and so do steps 1 and 2 (window of 5 centred on each), and nothing after.
        var source = new FakeSpikeSource(1, new[] { 0 }, Array.Empty<int>(), Array.Empty<int>(), Array.Empty<int>(), Array.Empty<int>(), Array.Empty<int>(), Array.Empty<int>(), Array.Empty<int>());
        using var monitor = new PopulationRateMonitor(source, "rate");
        PhaseDriver.PrepareAndRun(new INetworkObject[] { source, monitor }, 0, 8, Dt);
        double[] smoothed = monitor.SmoothedRates(0.0005);
        double fifth = 1.0 / Dt / 1 / 5;
        Assert.Equal(new[] { fifth, fifth, fifth, 0, 0, 0, 0, 0 }, smoothed);
    }

    [Fact]
    public void Csv_holds_time_and_rate()
    {
        var source = Source();
        string csv = _dir.File("rate.csv");
        using (var monitor = new PopulationRateMonitor(source, "rate", csv))
        {
            PhaseDriver.PrepareAndRun(new INetworkObject[] { source, monitor }, 0, 3, Dt);
        }
        string[] lines = File.ReadAllLines(csv);
        Assert.Equal(new[] { "time_s,rate_hz", "0,0", "0.0001,4000", "0.0002,2000" }, lines);
    }

    [Fact]
    public void Bad_arguments_and_ambiguous_windows_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new PopulationRateMonitor(new FakeSpikeSource(0, Array.Empty<int>()), "r"));
        var source = Source();
        using var monitor = new PopulationRateMonitor(source, "rate");
        Assert.Empty(monitor.SmoothedRates(0.01));
        Assert.Throws<ArgumentOutOfRangeException>(() => monitor.SmoothedRates(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => monitor.SmoothedRates(double.NaN));
        var objects = new INetworkObject[] { source, monitor };
        PhaseDriver.PrepareAndRun(objects, 0, 3, Dt);
        Assert.Throws<ArgumentOutOfRangeException>(() => monitor.SmoothedRates(1e300));
        PhaseDriver.PrepareAndRun(objects, 3, 3, 2 * Dt);
        var e = Assert.Throws<InvalidOperationException>(() => monitor.SmoothedRates(0.001));
        Assert.Contains("different time steps", e.Message);
    }
}
