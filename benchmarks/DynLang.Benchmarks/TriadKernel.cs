using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DynLang.Runtime;

namespace DynLang.Benchmarks;

/// <summary>
/// STREAM's triad <c>a[i] = b[i] + s*c[i]</c> as an <see cref="IRangeKernel"/>, written the way
/// the generator writes its kernels (Vector&lt;double&gt; body, scalar tail, same chunk size), so that
/// running it on <see cref="WorkerPool.Shared"/> gives the bandwidth ceiling the generated Step
/// can reach with the same threads and the same hand-out of chunks.
/// </summary>
public sealed class TriadKernel : IRangeKernel
{
    /// <summary>Same grain as the generated populations (their private ChunkSize = 16384).</summary>
    public const int ChunkSize = 16384;

    private readonly double[] _a;
    private readonly double[] _b;
    private readonly double[] _c;
    private readonly double _s;

    public TriadKernel(int count, double scalar)
    {
        _a = new double[count];
        _b = new double[count];
        _c = new double[count];
        _s = scalar;
        // Touch every page before timing (as stream_c.c does) so first-touch faults are not measured.
        _a.AsSpan().Fill(1.0);
        _b.AsSpan().Fill(2.0);
        _c.AsSpan().Fill(0.5);
    }

    /// <summary>One triad over all elements on the shared pool (all cores).</summary>
    public void RunParallel() => WorkerPool.Shared.Run(this, _a.Length, ChunkSize);

    /// <summary>One triad over all elements on the calling thread only.</summary>
    public void RunSingleThread() => Execute(0, _a.Length);

    public void Execute(int start, int end)
    {
        ref double a0 = ref MemoryMarshal.GetArrayDataReference(_a);
        ref double b0 = ref MemoryMarshal.GetArrayDataReference(_b);
        ref double c0 = ref MemoryMarshal.GetArrayDataReference(_c);
        var s = new Vector<double>(_s);
        int i = start;
        for (; i <= end - Vector<double>.Count; i += Vector<double>.Count)
        {
            var r = Vector.LoadUnsafe(ref b0, (nuint)i) + s * Vector.LoadUnsafe(ref c0, (nuint)i);
            r.StoreUnsafe(ref a0, (nuint)i);
        }

        for (; i < end; i++)
        {
            Unsafe.Add(ref a0, i) = Unsafe.Add(ref b0, i) + _s * Unsafe.Add(ref c0, i);
        }
    }
}
