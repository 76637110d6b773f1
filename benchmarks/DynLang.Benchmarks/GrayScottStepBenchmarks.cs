using BenchmarkDotNet.Attributes;

namespace DynLang.Benchmarks;

/// <summary>
/// One Gray–Scott step (two coupled fields, 5-point Laplacian, periodic) on an n×n grid: the
/// generated field kernel against the hand-written scalar loop and against the triad (the
/// memory-bandwidth ceiling, same threads, same run). 1024² (16 MiB of state per copy) and 4096²
/// (256 MiB per copy, past the last-level cache).
/// </summary>
[MemoryDiagnoser]
public class GrayScottStepBenchmarks
{
    private GrayScottField _field = null!;
    private ScalarGrayScott _scalar = null!;
    private TriadKernel _triad = null!;

    [Params(1024, 4096)]
    public int Size { get; set; }

    // Timed on the homogeneous steady state u = 1, v = 0: the work per cell does not depend on the
    // values, except that subnormal operands cost a microcode assist each. From the reference's seed
    // square, diffusion spreads a front of subnormal v (down to 4.9e-324, on ~4% of a 1024² grid
    // after 1000 steps) and the step then mostly measures that penalty (2.7–3.2 ms instead of
    // ~1.5 ms at 1024², both kernels alike), not the kernel. Zeros stay exact zeros (no subnormals).
    [GlobalSetup(Target = nameof(GeneratedStep))]
    public void SetupGenerated() => _field = new GrayScottField(Size, Size);

    [GlobalSetup(Target = nameof(ScalarLoop))]
    public void SetupScalar()
    {
        _scalar = new ScalarGrayScott(Size);
        Array.Fill(_scalar.U, 1.0);
        Array.Fill(_scalar.V, 0.0);
    }

    // The triad over as many elements as the grid has cells, so its bytes per element compare
    // directly with the step's.
    [GlobalSetup(Targets = [nameof(TriadParallel), nameof(TriadSingleThread)])]
    public void SetupTriad() => _triad = new TriadKernel(Size * Size, 3.0);

    // Per cell: loads u and v (16 B; the stencil's neighbours come from cache, rows are reused
    // across three consecutive rows), stores u' and v' into the other buffers (16 B) = 32 B;
    // u' and v' are never read before being written, so write-allocate adds 16 B = 48 B.
    // Generated kernel (GrayScott.g.cs, the euler pass): per cell loads u and v and stores the new
    // u and v into the second buffers, swapped after the step = 32 B; +16 B write-allocate.
    [Benchmark(Description = "Generated Step (double)")]
    [BytesPerElement(32, 48)]
    public void GeneratedStep() => _field.Step(1.0);

    [Benchmark(Baseline = true, Description = "Scalar loop (double, 1 thread)")]
    [BytesPerElement(32, 48)]
    public void ScalarLoop() => _scalar.Step(1.0);

    [Benchmark(Description = "Triad (double, pool)")]
    [BytesPerElement(24, 32)]
    public void TriadParallel() => _triad.RunParallel();

    [Benchmark(Description = "Triad (double, 1 thread)")]
    [BytesPerElement(24, 32)]
    public void TriadSingleThread() => _triad.RunSingleThread();
}
