using ILGPU.Runtime;

namespace GpuBenchmark;

/// <summary>The Gray–Scott step (samples/GrayScott): the ILGPU field kernel against the CPU class, then timed.</summary>
internal static class GrayScottCase
{
    private const double Dt = 1.0;

    /// <summary>
    /// Runs both backends side by side from the documented start (u = 1, v = 0, a 20×20 square of
    /// u = 0.5, v = 0.25 in the middle) and compares u and v. On ILGPU's CPU accelerator the kernel is
    /// .NET code printed from the CPU class's IR: bit for bit, or the check fails. On CUDA the compiler
    /// contracts a*b + c into fused multiply-adds (one rounding instead of two), so a step's result may
    /// differ by a few ulp of its O(1) values. Diffusion (D·dt/dx² ≤ 0.16) and the decay terms damp
    /// such differences; the reaction can grow them. Measured on the CPU (256², 200 steps): nudging
    /// every cell of u and v by one ulp in a random direction after every step changes the final
    /// fields by 5.1e-15 at most, so even 8 ulp per step stays near 4e-14. The bound 1e-11 leaves a
    /// factor of ~250 over that and is still far below a genuine error (a wrong boundary or operation
    /// order changes values by 1e-3 or more within a few steps).
    /// </summary>
    public static object Check(Accelerator accelerator, int size, int steps, bool exact)
    {
        var cpu = new GrayScottField(size, size);
        using var gpu = new GrayScottFieldIlgpu(accelerator, size, size);
        Start(cpu.u, cpu.v, size);
        gpu.UploadU(cpu.u);
        gpu.UploadV(cpu.v);
        for (int s = 0; s < steps; s++)
        {
            cpu.Step(Dt);
            gpu.Step(Dt);
        }
        var u = gpu.DownloadU();
        var v = gpu.DownloadV();
        double maxDiff = 0;
        long bitDifferent = 0;
        ReadOnlySpan<double> cu = cpu.u, cv = cpu.v;
        for (int i = 0; i < u.Length; i++)
        {
            maxDiff = Math.Max(maxDiff, Math.Max(Math.Abs(u[i] - cu[i]), Math.Abs(v[i] - cv[i])));
            if (BitConverter.DoubleToInt64Bits(u[i]) != BitConverter.DoubleToInt64Bits(cu[i])) bitDifferent++;
            if (BitConverter.DoubleToInt64Bits(v[i]) != BitConverter.DoubleToInt64Bits(cv[i])) bitDifferent++;
        }
        double tolerance = exact ? 0 : 1e-11;
        bool ok = exact ? bitDifferent == 0 : maxDiff <= tolerance;
        return new { model = "Gray-Scott (double, euler, periodic)", cells = (long)size * size, steps, max_abs_diff = maxDiff,
            values_not_bit_identical = bitDifferent, tolerance, bit_identical_required = exact, ok };
    }

    /// <summary>Seconds per Step on a <paramref name="size"/>² grid, double and float, with the bytes each step must move.</summary>
    public static object Time(Accelerator accelerator, int size, double copyGigabytesPerSecond)
    {
        long cells = (long)size * size;
        using var d = new GrayScottFieldIlgpu(accelerator, size, size);
        using var f = new GrayScottFloatFieldIlgpu(accelerator, size, size);
        var u = new double[cells];
        var v = new double[cells];
        Start(u, v, size);
        d.UploadU(u);
        d.UploadV(v);
        f.UploadU(Array.ConvertAll(u, x => (float)x));
        f.UploadV(Array.ConvertAll(v, x => (float)x));
        var td = Timing.PerCall(() => d.Step(Dt), d.Synchronize);
        var tf = Timing.PerCall(() => f.Step(Dt), f.Synchronize);
        // The least a step must move: read u and v, write u' and v' (the neighbours' reads hit cache).
        long bytesD = 32 * cells, bytesF = 16 * cells;
        double gbD = bytesD / td.MedianSeconds / 1e9, gbF = bytesF / tf.MedianSeconds / 1e9;
        return new
        {
            size,
            cells,
            @double = new { median_s = td.MedianSeconds, best_s = td.BestSeconds, bytes_per_step = bytesD, gb_per_s = gbD, fraction_of_copy = gbD / copyGigabytesPerSecond },
            @float = new { median_s = tf.MedianSeconds, best_s = tf.BestSeconds, bytes_per_step = bytesF, gb_per_s = gbF, fraction_of_copy = gbF / copyGigabytesPerSecond },
        };
    }

    /// <summary>The sample's start, centred on any size ≥ 20.</summary>
    private static void Start(Span<double> u, Span<double> v, int size)
    {
        u.Fill(1.0);
        v.Clear();
        int lo = size / 2 - 10, hi = size / 2 + 9;
        for (int y = lo; y <= hi; y++)
        for (int x = lo; x <= hi; x++)
        {
            u[y * size + x] = 0.5;
            v[y * size + x] = 0.25;
        }
    }
}
