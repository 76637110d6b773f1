using System.Diagnostics;

namespace GpuBenchmark;

/// <summary>Times repeated device work: each sample runs a batch of calls then waits for the device.</summary>
internal static class Timing
{
    /// <summary>
    /// Seconds per call: <paramref name="warmup"/> calls first (kernel compilation, clocks), then
    /// <paramref name="samples"/> batches of <paramref name="batch"/> calls, each timed from its
    /// first launch to the device being idle; the median batch over its length. Batching spreads
    /// the launch latency and the final synchronisation over many steps, as a simulation runs.
    /// </summary>
    public static Measurement PerCall(Action call, Action synchronize, int warmup = 20, int samples = 15, int batch = 50)
    {
        for (int k = 0; k < warmup; k++) call();
        synchronize();
        var perCall = new double[samples];
        for (int s = 0; s < samples; s++)
        {
            var watch = Stopwatch.StartNew();
            for (int k = 0; k < batch; k++) call();
            synchronize();
            perCall[s] = watch.Elapsed.TotalSeconds / batch;
        }
        Array.Sort(perCall);
        return new Measurement(perCall[samples / 2], perCall[0], samples, batch);
    }
}

/// <summary>Median and best seconds per call over the samples.</summary>
internal sealed record Measurement(double MedianSeconds, double BestSeconds, int Samples, int Batch);
