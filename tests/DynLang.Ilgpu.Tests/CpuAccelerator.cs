using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;

namespace DynLang.Ilgpu.Tests;

/// <summary>
/// One ILGPU context and CPU accelerator for all tests: the generated classes cache their compiled
/// kernels per accelerator, so sharing one keeps each kernel's compilation (~0.3 s) to once per run.
/// The CPU accelerator runs the kernels' .NET code on simulated threads: a correctness check of the
/// generated kernels (grid-stride loops, views, uniforms), not a speed measurement.
/// </summary>
public sealed class CpuAcceleratorFixture : IDisposable
{
    public CpuAcceleratorFixture()
    {
        Context = Context.Create(builder => builder.CPU());
        Accelerator = Context.CreateCPUAccelerator(0);
    }

    public Context Context { get; }

    public Accelerator Accelerator { get; }

    public void Dispose()
    {
        Accelerator.Dispose();
        Context.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class CpuAcceleratorCollection : ICollectionFixture<CpuAcceleratorFixture>
{
    public const string Name = "ILGPU CPU accelerator";
}
