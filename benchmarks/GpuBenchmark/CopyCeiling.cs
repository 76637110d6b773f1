using ILGPU;
using ILGPU.Runtime;

namespace GpuBenchmark;

/// <summary>Device-to-device copy of a buffer: the bandwidth a memory-bound kernel can at best reach.</summary>
internal static class CopyCeiling
{
    /// <summary>GB/s of a copy reading and writing <paramref name="bytes"/>/2 each (the bytes counted are read + written).</summary>
    public static (Measurement Time, double GigabytesPerSecond, long Bytes) Measure(Accelerator accelerator, long bytes)
    {
        long n = bytes / 2 / sizeof(float);
        using var source = accelerator.Allocate1D<float>(n);
        using var target = accelerator.Allocate1D<float>(n);
        source.MemSetToZero();
        var time = Timing.PerCall(() => source.View.CopyTo(accelerator.DefaultStream, target.View), accelerator.Synchronize, batch: 20);
        long moved = 2 * n * sizeof(float);
        return (time, moved / time.MedianSeconds / 1e9, moved);
    }
}
