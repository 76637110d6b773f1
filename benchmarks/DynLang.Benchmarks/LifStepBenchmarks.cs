using BenchmarkDotNet.Attributes;
using DynLang.Runtime;

namespace DynLang.Benchmarks;

/// <summary>
/// One LIF time step over N neurons: the generated kernels against the hand-written scalar loop
/// and against the triad, the memory-bandwidth ceiling measured with the same threads in the same
/// run. The bandwidth columns (see <see cref="BandwidthColumns"/>) derive ns/element and GB/s from
/// the byte counts on each method.
/// </summary>
[MemoryDiagnoser]
public class LifStepBenchmarks
{
    private LIFPopulation _lif = null!;
    private LIFPopulation _lifChecked = null!;
    private LIFFloatPopulation _lifFloat = null!;
    private ScalarLif _scalar = null!;
    private TriadKernel _triad = null!;

    /// <summary>
    /// The population sizes: 1e6 neurons (24 MB of double state) and 1e7 (240 MB), both far past
    /// the per-core L2 but not necessarily past a large shared L3 (300 MiB on the machine of
    /// RESULTS.md). Program adds 4e7 (960 MB) for <c>--large</c>, so the last size certainly
    /// streams from DRAM. Read in-process (the toolchain is in-process), so Program can set it.
    /// </summary>
    public static int[] Sizes { get; set; } = [1_000_000, 10_000_000];

    public static IEnumerable<int> SizeValues => Sizes;

    [ParamsSource(nameof(SizeValues))]
    public int N { get; set; }

    [GlobalSetup(Target = nameof(GeneratedStep))]
    public void SetupGenerated()
    {
        _lif = new LIFPopulation(N);
        Workload.Fill(_lif.v, _lif.I);
    }

    [GlobalSetup(Target = nameof(GeneratedStepChecked))]
    public void SetupGeneratedChecked()
    {
        _lifChecked = new LIFPopulation(N) { CheckFinite = true };
        Workload.Fill(_lifChecked.v, _lifChecked.I);
    }

    [GlobalSetup(Target = nameof(GeneratedStepFloat))]
    public void SetupGeneratedFloat()
    {
        _lifFloat = new LIFFloatPopulation(N);
        Workload.Fill(_lifFloat.v, _lifFloat.I);
    }

    [GlobalSetup(Target = nameof(ScalarLoop))]
    public void SetupScalar()
    {
        _scalar = new ScalarLif(N);
        Workload.Fill(_scalar.V, _scalar.I);
    }

    [GlobalSetup(Targets = [nameof(TriadParallel), nameof(TriadSingleThread)])]
    public void SetupTriad() => _triad = new TriadKernel(N, 3.0);

    // Generated double kernel (obj/<config>/net10.0/generated/.../LIF.g.cs, StepRange): per neuron
    // it loads v (8 B), I (8 B) and __lastSpike (long, 8 B) and stores v (8 B) = 32 B; v is read
    // before it is written, so write-allocate adds nothing. __lastSpike is stored only in vectors
    // where a lane spikes (~0.4% of neurons a step here, so ≤ 1.6% of vectors), left out.
    [Benchmark(Description = "Generated Step (double)")]
    [BytesPerElement(32, 32)]
    public int GeneratedStep()
    {
        _lif.Step(Workload.Dt);
        return _lif.SpikeCount;
    }

    // The same step with the finite-state guard on (the default in Debug builds and in a Network):
    // after the step, FiniteGuard reads v once more (8 B) with SIMD: 40 B per neuron.
    [Benchmark(Description = "Generated Step (double), CheckFinite")]
    [BytesPerElement(40, 40)]
    public int GeneratedStepChecked()
    {
        _lifChecked.Step(Workload.Dt);
        return _lifChecked.SpikeCount;
    }

    // Generated float kernel (LIFFloat.g.cs): v (4 B), I (4 B), __lastSpike (int, 4 B) loaded,
    // v (4 B) stored = 16 B; rare __lastSpike stores left out as above.
    [Benchmark(Description = "Generated Step (float)")]
    [BytesPerElement(16, 16)]
    public int GeneratedStepFloat()
    {
        _lifFloat.Step(Workload.Dt);
        return _lifFloat.SpikeCount;
    }

    // Hand-written loop: loads the int counter (4 B), and for non-refractory neurons v and I
    // (16 B) and stores v (8 B) = 28 B; refractory neurons (~7% here) skip v and I but store
    // their counter — counted as 28 B throughout (their cache lines are fetched anyway for the
    // neighbouring neurons).
    [Benchmark(Baseline = true, Description = "Scalar loop (double, 1 thread)")]
    [BytesPerElement(28, 28)]
    public int ScalarLoop()
    {
        _scalar.Step(Workload.Dt);
        return _scalar.SpikeCount;
    }

    // Triad: loads b and c (16 B), stores a (8 B) = 24 B by STREAM's convention; a is never read,
    // so with write-allocate the line fill of a adds 8 B = 32 B of real traffic.
    [Benchmark(Description = "Triad (double, pool)")]
    [BytesPerElement(24, 32)]
    public void TriadParallel() => _triad.RunParallel();

    [Benchmark(Description = "Triad (double, 1 thread)")]
    [BytesPerElement(24, 32)]
    public void TriadSingleThread() => _triad.RunSingleThread();

    /// <summary>Threads the generated kernel and the pooled triad run on (for the report).</summary>
    public static int PoolThreads => WorkerPool.Shared.DegreeOfParallelism;
}
