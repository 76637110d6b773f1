using ILGPU.Runtime;

namespace GpuBenchmark;

/// <summary>The LIF step (benchmarks/DynLang.Benchmarks' model): the ILGPU kernel against the CPU class, then timed.</summary>
internal static class LifCase
{
    private const double Dt = 1e-4;

    /// <summary>
    /// Runs both backends side by side for <paramref name="steps"/> steps from the same inputs and
    /// compares. On ILGPU's CPU accelerator the kernels are .NET code like the CPU class and must
    /// agree bit for bit. On CUDA the compiler may contract a*b + c into one fused multiply-add
    /// (one rounding instead of two) and libdevice's exp is not .NET's: per step the exact
    /// propagator's update then differs by a few ulp of ~65 mV (≈1e-17 V), contracted by the leak
    /// (P = e^{-dt/τ} < 1), so differences stay far below the 1e-12 V reported as the bound; a
    /// spike on another step would show as ~15 mV, and the spike steps are compared exactly.
    /// </summary>
    public static object Check(Accelerator accelerator, int count, int steps)
    {
        var cpu = new LIFPopulation(count);
        using var gpu = new LIFPopulationIlgpu(accelerator, count);
        Fill(cpu.I);
        gpu.UploadI(cpu.I);
        long spikes = 0, stepMismatches = 0;
        for (int s = 0; s < steps; s++)
        {
            cpu.Step(Dt);
            gpu.Step(Dt);
            if (!cpu.SpikesThisStep.SequenceEqual(gpu.SpikesThisStep)) stepMismatches++;
            spikes += cpu.SpikeCount;
        }
        var v = gpu.DownloadV();
        double maxDiff = 0;
        long bitDifferent = 0;
        for (int i = 0; i < count; i++)
        {
            double d = Math.Abs(v[i] - cpu.v[i]);
            if (BitConverter.DoubleToInt64Bits(v[i]) != BitConverter.DoubleToInt64Bits(cpu.v[i])) bitDifferent++;
            maxDiff = Math.Max(maxDiff, d);
        }
        bool ok = stepMismatches == 0 && maxDiff <= 1e-12;
        return new { model = "LIF (double, exact)", neurons = count, steps, spikes, steps_with_different_spikes = stepMismatches,
            max_abs_diff_v = maxDiff, values_not_bit_identical = bitDifferent, tolerance_v = 1e-12, ok };
    }

    /// <summary>Seconds per Step of <paramref name="count"/> neurons, double and float, with the bytes each step moves.</summary>
    public static object Time(Accelerator accelerator, int count)
    {
        using var d = new LIFPopulationIlgpu(accelerator, count);
        using var f = new LIFFloatPopulationIlgpu(accelerator, count);
        var input = new double[count];
        Fill(input);
        d.UploadI(input);
        f.UploadI(input.Select(x => (float)x).ToArray());
        var td = Timing.PerCall(() => d.Step(Dt), d.Synchronize);
        var tf = Timing.PerCall(() => f.Step(Dt), f.Synchronize);
        // Bytes per neuron as in RESULTS.md section 1: v read + written, I read, last-spike stamp read.
        return new
        {
            neurons = count,
            @double = new { median_s = td.MedianSeconds, best_s = td.BestSeconds, bytes_per_step = 32L * count, gb_per_s = 32.0 * count / td.MedianSeconds / 1e9 },
            @float = new { median_s = tf.MedianSeconds, best_s = tf.BestSeconds, bytes_per_step = 16L * count, gb_per_s = 16.0 * count / tf.MedianSeconds / 1e9 },
        };
    }

    // 0 … 3 nA across the population (R·I from 0 to 30 mV against a 15 mV threshold distance):
    // silent, slow and fast neurons side by side, so events and refractoriness are exercised.
    private static void Fill(Span<double> current)
    {
        for (int i = 0; i < current.Length; i++) current[i] = 3e-9 * i / Math.Max(1, current.Length - 1);
    }
}
