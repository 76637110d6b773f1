using System.Numerics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using DynLang.Runtime;

namespace DynLang.Benchmarks;

/// <summary>
/// Throughput of the "fast" math mode (<see cref="FastMath"/>) against the "platform" mode
/// (<see cref="VectorMath"/>: each lane through Math.Exp etc.) on whole vectors, as a generated
/// kernel calls them: one loop over 4,096 elements (32 KiB per array, in L1/L2, so the functions
/// are timed, not memory), one thread. Each result is per element (OperationsPerInvoke), and each
/// category's baseline is the platform function, so Ratio is the platform's time share.
/// </summary>
/// <remarks>
/// Run by hand, not in CI (timings are never asserted). Program.cs picks its benchmark classes
/// explicitly, so this one needs a line there (e.g. a <c>--fastmath</c> switch running
/// <c>BenchmarkRunner.Run&lt;FastMathBenchmarks&gt;(config, benchmarkArgs)</c>); until then, run it from
/// a console that compiles this file and references DynLang.Runtime and BenchmarkDotNet.
/// Arguments: exp, tanh and sin on x uniform in [−50, 50] (all in exp's fast range), exprel on
/// [−20, 20] (Hodgkin–Huxley rate arguments, 0 included), log on (0.1, 10.1), pow on x in
/// (0.1, 10.1) and y in [−4, 4].
/// <para>First run (AMD EPYC 2.1 GHz, 2 cores shared with other builds — load average 6 to 12, so
/// the fastest iteration is the figure to read; Vector&lt;double&gt;.Count = 4), ns per element,
/// platform → fast: exp 4.60 → 1.47, exprel 15.6 → 2.71, pow 14.5 → 9.30, log 5.92 → 2.40,
/// tanh 9.41 → 4.44, sin 16.1 → 4.39; float exp 2.46 → 0.42, float exprel 12.1 → 1.26. With
/// DOTNET_MaxVectorTBitWidth=512 (8 lanes): exp 0.73, exprel 2.01, pow 5.33.</para>
/// </remarks>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class FastMathBenchmarks
{
    public const int N = 4096;

    private readonly double[] _wide = new double[N];
    private readonly double[] _rate = new double[N];
    private readonly double[] _positive = new double[N];
    private readonly double[] _exponent = new double[N];
    private readonly double[] _out = new double[N];
    private readonly float[] _wideF = new float[N];
    private readonly float[] _rateF = new float[N];
    private readonly float[] _outF = new float[N];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(12345);
        for (int i = 0; i < N; i++)
        {
            _wide[i] = random.NextDouble() * 100 - 50;
            _rate[i] = random.NextDouble() * 40 - 20;
            _positive[i] = random.NextDouble() * 10 + 0.1;
            _exponent[i] = random.NextDouble() * 8 - 4;
            _wideF[i] = (float)_wide[i];
            _rateF[i] = (float)_rate[i];
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "Exp platform")]
    [BenchmarkCategory("Exp double")]
    public void ExpPlatform()
    {
        double[] x = _wide, y = _out;
        for (int i = 0; i < x.Length; i += Vector<double>.Count) VectorMath.Exp(new Vector<double>(x, i)).CopyTo(y, i);
    }

    [Benchmark(OperationsPerInvoke = N, Description = "Exp fast")]
    [BenchmarkCategory("Exp double")]
    public void ExpFast()
    {
        double[] x = _wide, y = _out;
        for (int i = 0; i < x.Length; i += Vector<double>.Count) FastMath.Exp(new Vector<double>(x, i)).CopyTo(y, i);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "Exprel platform")]
    [BenchmarkCategory("Exprel double")]
    public void ExprelPlatform()
    {
        double[] x = _rate, y = _out;
        for (int i = 0; i < x.Length; i += Vector<double>.Count) VectorMath.Exprel(new Vector<double>(x, i)).CopyTo(y, i);
    }

    [Benchmark(OperationsPerInvoke = N, Description = "Exprel fast")]
    [BenchmarkCategory("Exprel double")]
    public void ExprelFast()
    {
        double[] x = _rate, y = _out;
        for (int i = 0; i < x.Length; i += Vector<double>.Count) FastMath.Exprel(new Vector<double>(x, i)).CopyTo(y, i);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "Pow platform")]
    [BenchmarkCategory("Pow double")]
    public void PowPlatform()
    {
        double[] x = _positive, e = _exponent, y = _out;
        for (int i = 0; i < x.Length; i += Vector<double>.Count)
            VectorMath.Pow(new Vector<double>(x, i), new Vector<double>(e, i)).CopyTo(y, i);
    }

    [Benchmark(OperationsPerInvoke = N, Description = "Pow fast")]
    [BenchmarkCategory("Pow double")]
    public void PowFast()
    {
        double[] x = _positive, e = _exponent, y = _out;
        for (int i = 0; i < x.Length; i += Vector<double>.Count)
            FastMath.Pow(new Vector<double>(x, i), new Vector<double>(e, i)).CopyTo(y, i);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "Log platform")]
    [BenchmarkCategory("Log double")]
    public void LogPlatform()
    {
        double[] x = _positive, y = _out;
        for (int i = 0; i < x.Length; i += Vector<double>.Count) VectorMath.Log(new Vector<double>(x, i)).CopyTo(y, i);
    }

    [Benchmark(OperationsPerInvoke = N, Description = "Log fast")]
    [BenchmarkCategory("Log double")]
    public void LogFast()
    {
        double[] x = _positive, y = _out;
        for (int i = 0; i < x.Length; i += Vector<double>.Count) FastMath.Log(new Vector<double>(x, i)).CopyTo(y, i);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "Tanh platform")]
    [BenchmarkCategory("Tanh double")]
    public void TanhPlatform()
    {
        double[] x = _wide, y = _out;
        for (int i = 0; i < x.Length; i += Vector<double>.Count) VectorMath.Tanh(new Vector<double>(x, i)).CopyTo(y, i);
    }

    [Benchmark(OperationsPerInvoke = N, Description = "Tanh fast")]
    [BenchmarkCategory("Tanh double")]
    public void TanhFast()
    {
        double[] x = _wide, y = _out;
        for (int i = 0; i < x.Length; i += Vector<double>.Count) FastMath.Tanh(new Vector<double>(x, i)).CopyTo(y, i);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "Sin platform")]
    [BenchmarkCategory("Sin double")]
    public void SinPlatform()
    {
        double[] x = _wide, y = _out;
        for (int i = 0; i < x.Length; i += Vector<double>.Count) VectorMath.Sin(new Vector<double>(x, i)).CopyTo(y, i);
    }

    [Benchmark(OperationsPerInvoke = N, Description = "Sin fast")]
    [BenchmarkCategory("Sin double")]
    public void SinFast()
    {
        double[] x = _wide, y = _out;
        for (int i = 0; i < x.Length; i += Vector<double>.Count) FastMath.Sin(new Vector<double>(x, i)).CopyTo(y, i);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "Exp float platform")]
    [BenchmarkCategory("Exp float")]
    public void ExpFloatPlatform()
    {
        float[] x = _wideF, y = _outF;
        for (int i = 0; i < x.Length; i += Vector<float>.Count) VectorMath.Exp(new Vector<float>(x, i)).CopyTo(y, i);
    }

    [Benchmark(OperationsPerInvoke = N, Description = "Exp float fast")]
    [BenchmarkCategory("Exp float")]
    public void ExpFloatFast()
    {
        float[] x = _wideF, y = _outF;
        for (int i = 0; i < x.Length; i += Vector<float>.Count) FastMath.Exp(new Vector<float>(x, i)).CopyTo(y, i);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "Exprel float platform")]
    [BenchmarkCategory("Exprel float")]
    public void ExprelFloatPlatform()
    {
        float[] x = _rateF, y = _outF;
        for (int i = 0; i < x.Length; i += Vector<float>.Count) VectorMath.Exprel(new Vector<float>(x, i)).CopyTo(y, i);
    }

    [Benchmark(OperationsPerInvoke = N, Description = "Exprel float fast")]
    [BenchmarkCategory("Exprel float")]
    public void ExprelFloatFast()
    {
        float[] x = _rateF, y = _outF;
        for (int i = 0; i < x.Length; i += Vector<float>.Count) FastMath.Exprel(new Vector<float>(x, i)).CopyTo(y, i);
    }
}
