using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace GpuBenchmark;

/// <summary>The accelerator to measure: the first CUDA device, or ILGPU's CPU accelerator for a dry run.</summary>
internal static class DeviceChoice
{
    public static (Context Context, Accelerator Accelerator, bool IsGpu) Open(bool forceCpu)
    {
        var context = Context.Create(builder => builder.Cuda().CPU());
        var cuda = context.GetCudaDevices();
        if (!forceCpu && cuda.Count > 0)
            return (context, cuda[0].CreateAccelerator(context), true);
        return (context, context.CreateCPUAccelerator(0), false);
    }
}
