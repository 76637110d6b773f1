using DynLang.Runtime;

namespace Samples;

/// <summary>The sample's two pictures, drawn with ScottPlot.</summary>
internal static class WeightPlots
{
    private const int Bins = 50;

    /// <summary>Histogram of w/gmax in 50 bins over [0, 1] (Song et al. 2000, Fig. 2).</summary>
    public static void Histogram(ReadOnlySpan<double> w, double gmax, double duration, string path)
    {
        var counts = new double[Bins];
        foreach (double value in w)
            counts[Math.Clamp((int)(value / gmax * Bins), 0, Bins - 1)]++;   // w = gmax goes in the last bin
        var centres = Enumerable.Range(0, Bins).Select(b => (b + 0.5) / Bins).ToArray();

        var plot = new ScottPlot.Plot();
        var bars = plot.Add.Bars(centres, counts);
        foreach (var bar in bars.Bars)
        {
            bar.Size = 1.0 / Bins;
            bar.LineWidth = 0;
        }
        plot.Axes.SetLimitsX(0, 1);
        plot.Axes.Margins(bottom: 0);
        plot.XLabel("w / gmax");
        plot.YLabel("number of synapses");
        plot.Title($"STDP weights after {duration:0.###} s ({w.Length} synapses, {Bins} bins)");
        plot.SavePng(path, 800, 500);
    }

    /// <summary>
    /// Mean w/gmax and the fractions below 0.1·gmax and above 0.9·gmax at every sample of the
    /// monitor, plus the final state (the monitor samples at the start of a step, so the end of
    /// the run is not among its samples).
    /// </summary>
    public static void OverTime(StateMonitor<double> monitor, ReadOnlySpan<double> final, double finalTime, double gmax, string path)
    {
        int samples = monitor.SampleCount;
        var times = new double[samples + 1];
        var mean = new double[samples + 1];
        var nearZero = new double[samples + 1];
        var nearMax = new double[samples + 1];
        for (int k = 0; k <= samples; k++)
        {
            var w = k < samples ? monitor.Sample(k) : final;
            times[k] = k < samples ? monitor.Times[k] : finalTime;
            var stats = WeightStats.Of(w, gmax);
            (mean[k], nearZero[k], nearMax[k]) = (stats.Mean, stats.NearZero, stats.NearMax);
        }

        var plot = new ScottPlot.Plot();
        foreach (var (values, label) in new[] { (mean, "mean w/gmax"), (nearZero, "fraction below 0.1·gmax"), (nearMax, "fraction above 0.9·gmax") })
        {
            var line = plot.Add.ScatterLine(times, values);
            line.LegendText = label;
            line.LineWidth = 2;
        }
        plot.Axes.SetLimitsY(0, 1);
        plot.XLabel("time (s)");
        plot.YLabel("w / gmax, fraction of synapses");
        plot.Title("STDP: the weights move to the bounds");
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        plot.SavePng(path, 800, 500);
    }
}
