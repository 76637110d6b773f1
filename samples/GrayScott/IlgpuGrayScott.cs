using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace GrayScott;

/// <summary>
/// The generated ILGPU class (<see cref="GrayScottFieldIlgpu"/>) on the first CUDA device, or on
/// ILGPU's CPU accelerator when there is none. The CPU accelerator runs the kernel's .NET code on
/// simulated threads: slow, but it computes the CPU class's bits (no fused multiply-add), so it is
/// the path that checks the kernels here. On CUDA the device compiler may fuse multiply-adds, so the
/// last bits (and the sha256) may differ from the CPU backend's.
/// </summary>
internal sealed class IlgpuGrayScott : IGrayScottStepper
{
    private readonly Context _context;
    private readonly Accelerator _accelerator;
    private readonly GrayScottFieldIlgpu _field;

    public IlgpuGrayScott(int n)
    {
        _context = Context.Create(builder => builder.Cuda().CPU());
        var cuda = _context.GetCudaDevices();
        _accelerator = cuda.Count > 0 ? cuda[0].CreateAccelerator(_context) : _context.CreateCPUAccelerator(0);
        IsCpuAccelerator = cuda.Count == 0;
        _field = new GrayScottFieldIlgpu(_accelerator, n, n);
    }

    /// <summary>True when no CUDA device was found and ILGPU's CPU accelerator runs the kernels.</summary>
    public bool IsCpuAccelerator { get; }

    public string Description => IsCpuAccelerator
        ? $"ILGPU CPU accelerator (no CUDA device found; simulated threads: a correctness path, slow) — {_accelerator.Name}"
        : $"ILGPU CUDA — {_accelerator.Name} ({_accelerator.MemorySize / (1L << 20)} MiB)";

    public void Load(ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        _field.UploadU(u);
        _field.UploadV(v);
    }

    public void Step(double dt, int steps)
    {
        // Steps are queued on the accelerator's stream; the downloads in CopyTo wait for them.
        for (int s = 0; s < steps; s++) _field.Step(dt);
        _field.Synchronize();
    }

    public void CopyTo(Span<double> u, Span<double> v)
    {
        _field.DownloadU(u);
        _field.DownloadV(v);
    }

    public void Dispose()
    {
        _field.Dispose();
        _accelerator.Dispose();
        _context.Dispose();
    }
}
