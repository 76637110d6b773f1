using System.Numerics;

namespace DynLang.Runtime.Tests.MathFunctions;

/// <summary>Deterministic sample points (SplitMix64) and the max-ulp measurement over them.</summary>
internal sealed class SamplePoints
{
    private ulong _state;

    public SamplePoints(ulong seed) => _state = seed;

    public ulong NextBits()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextUnit() => (NextBits() >> 11) * (1.0 / 9007199254740992.0);

    public double Uniform(double a, double b) => a + (b - a) * NextUnit();

    /// <summary>|x| log-uniform in [lo, hi] (lo &gt; 0), negative half the time when <paramref name="bothSigns"/>.</summary>
    public double LogUniform(double lo, double hi, bool bothSigns)
    {
        double x = Math.Exp(Uniform(Math.Log(lo), Math.Log(hi)));
        x = Math.Clamp(x, lo, hi);
        return bothSigns && (NextBits() & 1) != 0 ? -x : x;
    }

    /// <summary>n points: half uniform on [a, b], half with |x| log-uniform on [lo, hi] (signs as in [a, b]).</summary>
    public double[] Mixed(int n, double a, double b, double lo, double hi)
    {
        var xs = new double[n];
        bool bothSigns = a < 0 && b > 0;
        for (int i = 0; i < n; i++)
        {
            if ((i & 1) == 0) xs[i] = Uniform(a, b);
            else
            {
                double x = LogUniform(lo, hi, bothSigns);
                if (!bothSigns && b <= 0) x = -x;
                xs[i] = Math.Clamp(x, a, b);
            }
        }
        return xs;
    }
}

/// <summary>The largest error in ulp of a function over sample points, against <see cref="DoubleDoubleReference"/>.</summary>
internal static class UlpMeasurement
{
    /// <summary>A reference value v·2^scale.</summary>
    public delegate DD Reference(double x, out int scale);

    public readonly record struct Worst(double MaxUlp, double X, double Computed, double Y = double.NaN)
    {
        public override string ToString() =>
            $"{MaxUlp:F3} ulp at x = {X:R}{(double.IsNaN(Y) ? "" : $", y = {Y:R}")} (got {Computed:R})";
    }

    /// <summary>Max ulp error of the vector function over <paramref name="xs"/> (run a vector at a time, the tail through the scalar).</summary>
    public static Worst Double(Func<Vector<double>, Vector<double>> f, Func<double, double> scalar, double[] xs, Reference reference)
    {
        var ys = Apply(f, scalar, xs);
        Worst worst = default;
        for (int i = 0; i < xs.Length; i++)
        {
            DD v = reference(xs[i], out int scale);
            double e = Ulp.ErrorDouble(ys[i], v, scale);
            if (!(e <= worst.MaxUlp)) worst = new Worst(e, xs[i], ys[i]);
        }
        return worst;
    }

    public static Worst Float(Func<Vector<float>, Vector<float>> f, Func<float, float> scalar, float[] xs, Reference reference)
    {
        var ys = Apply(f, scalar, xs);
        Worst worst = default;
        for (int i = 0; i < xs.Length; i++)
        {
            DD v = reference(xs[i], out int scale);
            double e = Ulp.ErrorFloat(ys[i], v, scale);
            if (!(e <= worst.MaxUlp)) worst = new Worst(e, xs[i], ys[i]);
        }
        return worst;
    }

    public static T[] Apply<T>(Func<Vector<T>, Vector<T>> f, Func<T, T> scalar, T[] xs) where T : struct
    {
        var ys = new T[xs.Length];
        int n = Vector<T>.Count, i = 0;
        for (; i + n <= xs.Length; i += n) f(new Vector<T>(xs, i)).CopyTo(ys, i);
        for (; i < xs.Length; i++) ys[i] = scalar(xs[i]);
        return ys;
    }

    public static float[] ToFloat(double[] xs) => Array.ConvertAll(xs, x => (float)x);

    // References in the (x, out scale) shape.
    public static DD Exp(double x, out int scale) => DoubleDoubleReference.Exp(x, out scale);
    public static DD Log(double x, out int scale) { scale = 0; return DoubleDoubleReference.Log(x); }
    public static DD Exprel(double x, out int scale) => DoubleDoubleReference.Exprel(x, out scale);
    public static DD Tanh(double x, out int scale) { scale = 0; return DoubleDoubleReference.Tanh(x); }
    public static DD Sin(double x, out int scale) { scale = 0; return DoubleDoubleReference.Sin(x); }
    public static DD Cos(double x, out int scale) { scale = 0; return DoubleDoubleReference.Cos(x); }
}

/// <summary>The sample domains of the accuracy tests (shared so the same points can be measured at any count).</summary>
internal static class FastMathDomains
{
    public static readonly string[] Functions = ["Exp", "Log", "Exprel", "Tanh", "Sin", "Cos", "Pow", "Sqrt"];

    /// <summary>Max ulp error of FastMath's <paramref name="function"/> over n deterministic points of its domain.</summary>
    public static UlpMeasurement.Worst Measure(string function, bool single, int n)
    {
        var p = new SamplePoints(0x5EED0000UL + (ulong)Array.IndexOf(Functions, function) * 7919 + (single ? 1UL : 0UL));
        int q = n / 4;
        return (function, single) switch
        {
            // Whole range: results from the largest double down to the smallest subnormal.
            ("Exp", false) => D(FastMath.Exp, FastMath.Exp, Concat(p.Mixed(n - q, -745.13, 709.78, 1e-20, 745), p.Mixed(q, -1, 1, 1e-300, 1)), UlpMeasurement.Exp),
            ("Exp", true) => F(FastMath.Exp, FastMath.Exp, Concat(p.Mixed(n - q, -103.97, 88.72, 1e-10, 104), p.Mixed(q, -1, 1, 1e-40, 1)), UlpMeasurement.Exp),
            // Every binade from the smallest subnormal to the largest double, and densely around 1.
            ("Log", false) => D(FastMath.Log, FastMath.Log, Concat(p.Mixed(n - q, 0, 1e6, 4.9e-324, 1.7e308), p.Mixed(q, 0.5, 2, 0.5, 2)), UlpMeasurement.Log),
            ("Log", true) => F(FastMath.Log, FastMath.Log, Concat(p.Mixed(n - q, 0, 1e6, 1.4e-45, 3.4e38), p.Mixed(q, 0.5, 2, 0.5, 2)), UlpMeasurement.Log),
            // Up to the overflow of e^x, down to where e^x underflows; densely near 0.
            ("Exprel", false) => D(FastMath.Exprel, FastMath.Exprel, Concat(p.Mixed(n - q, -745, 709.78, 1e-20, 745), p.Mixed(q, -2, 2, 1e-300, 2)), UlpMeasurement.Exprel),
            ("Exprel", true) => F(FastMath.Exprel, FastMath.Exprel, Concat(p.Mixed(n - q, -104, 88.72, 1e-10, 104), p.Mixed(q, -2, 2, 1e-40, 2)), UlpMeasurement.Exprel),
            ("Tanh", false) => D(FastMath.Tanh, FastMath.Tanh, Concat(p.Mixed(n - q, -25, 25, 1e-300, 400), p.Mixed(q, -1, 1, 1e-10, 1)), UlpMeasurement.Tanh),
            ("Tanh", true) => F(FastMath.Tanh, FastMath.Tanh, Concat(p.Mixed(n - q, -12, 12, 1e-40, 100), p.Mixed(q, -1, 1, 1e-10, 1)), UlpMeasurement.Tanh),
            // The Cody–Waite range densely, and every binade up to the largest double (Payne–Hanek).
            ("Sin", false) => D(FastMath.Sin, FastMath.Sin, Concat(p.Mixed(n - q, -1.6e6, 1.6e6, 1e-300, 1.7e308), p.Mixed(q, -10, 10, 1e-10, 10)), UlpMeasurement.Sin),
            ("Sin", true) => F(FastMath.Sin, FastMath.Sin, Concat(p.Mixed(n - q, -1.6e6, 1.6e6, 1e-40, 3.4e38), p.Mixed(q, -10, 10, 1e-10, 10)), UlpMeasurement.Sin),
            ("Cos", false) => D(FastMath.Cos, FastMath.Cos, Concat(p.Mixed(n - q, -1.6e6, 1.6e6, 1e-300, 1.7e308), p.Mixed(q, -10, 10, 1e-10, 10)), UlpMeasurement.Cos),
            ("Cos", true) => F(FastMath.Cos, FastMath.Cos, Concat(p.Mixed(n - q, -1.6e6, 1.6e6, 1e-40, 3.4e38), p.Mixed(q, -10, 10, 1e-10, 10)), UlpMeasurement.Cos),
            ("Sqrt", false) => D(FastMath.Sqrt, FastMath.Sqrt, p.Mixed(n, 0, 1e6, 4.9e-324, 1.7e308), Sqrt),
            ("Sqrt", true) => F(FastMath.Sqrt, FastMath.Sqrt, p.Mixed(n, 0, 1e6, 1.4e-45, 3.4e38), Sqrt),
            ("Pow", false) => PowDouble(p, n),
            ("Pow", true) => PowFloat(p, n),
            _ => throw new ArgumentException(function),
        };
    }

    private static double[] Concat(double[] a, double[] b) => [.. a, .. b];

    private static UlpMeasurement.Worst D(Func<System.Numerics.Vector<double>, System.Numerics.Vector<double>> f, Func<double, double> s, double[] xs, UlpMeasurement.Reference r) =>
        UlpMeasurement.Double(f, s, xs, r);

    private static UlpMeasurement.Worst F(Func<System.Numerics.Vector<float>, System.Numerics.Vector<float>> f, Func<float, float> s, double[] xs, UlpMeasurement.Reference r) =>
        UlpMeasurement.Float(f, s, UlpMeasurement.ToFloat(xs), r);

    // √x by one Newton step in double-double from the correctly rounded root (x scaled by 2^200 first
    // when tiny, so the residual x − r² keeps its bits).
    private static DD Sqrt(double x, out int scale)
    {
        scale = 0;
        if (x == 0) return 0.0;
        if (x < 1e-250)
        {
            x = Math.ScaleB(x, 200);
            scale = -100;
        }
        double r = Math.Sqrt(x);
        return (DD)r + ((DD)x - (DD)r * r) / (2 * r);
    }

    /// <summary>x in (0, 1e300] (log-uniform, around 1, uniform to 100) and y with |y·ln x| ≤ 700; a seventh
    /// with x &lt; 0 and integer y. Points whose result is subnormal or overflows are skipped.</summary>
    private static UlpMeasurement.Worst PowDouble(SamplePoints p, int n)
    {
        var (xs, ys) = PowPoints(p, n, 1e-300, 1e300, 700, 1e6);
        return PowWorst(xs, ys, v => v.Apply(FastMath.Pow), Ulp.ErrorDouble, -1022, 1023);
    }

    private static UlpMeasurement.Worst PowFloat(SamplePoints p, int n)
    {
        var (xs, ys) = PowPoints(p, n, 1e-37, 1e37, 87, 1e3);
        for (int i = 0; i < n; i++)
        {
            xs[i] = (float)xs[i];
            ys[i] = (float)ys[i];
        }
        return PowWorst(xs, ys, v => v.ApplyFloat(FastMath.Pow), (c, r, k) => Ulp.ErrorFloat((float)c, r, k), -126, 127);
    }

    private static (double[] X, double[] Y) PowPoints(SamplePoints p, int n, double lo, double hi, double tMax, double yMax)
    {
        var xs = new double[n];
        var ys = new double[n];
        for (int i = 0; i < n; i++)
        {
            double x = (i % 3) switch { 0 => p.LogUniform(lo, hi, false), 1 => p.Uniform(0.5, 2), _ => p.Uniform(0, 100) };
            double l = Math.Max(Math.Abs(Math.Log(x)), 1e-300);
            double yLimit = Math.Min(tMax / l, yMax);
            double y = (i & 4) == 0 ? p.Uniform(-yLimit, yLimit) : p.LogUniform(Math.Min(1e-10, yLimit), yLimit, true);
            if (i % 7 == 0)
            {
                x = -x;
                y = Math.Round(y);
            }
            xs[i] = x;
            ys[i] = y;
        }
        return (xs, ys);
    }

    private sealed class PowVectors(double[] xs, double[] ys)
    {
        public double[] Apply(Func<System.Numerics.Vector<double>, System.Numerics.Vector<double>, System.Numerics.Vector<double>> f)
        {
            var r = new double[xs.Length];
            int c = System.Numerics.Vector<double>.Count, i = 0;
            for (; i + c <= xs.Length; i += c) f(new(xs, i), new(ys, i)).CopyTo(r, i);
            for (; i < xs.Length; i++) r[i] = FastMath.Pow(xs[i], ys[i]);
            return r;
        }

        public double[] ApplyFloat(Func<System.Numerics.Vector<float>, System.Numerics.Vector<float>, System.Numerics.Vector<float>> f)
        {
            var fx = Array.ConvertAll(xs, v => (float)v);
            var fy = Array.ConvertAll(ys, v => (float)v);
            var r = new float[xs.Length];
            int c = System.Numerics.Vector<float>.Count, i = 0;
            for (; i + c <= xs.Length; i += c) f(new(fx, i), new(fy, i)).CopyTo(r, i);
            for (; i < xs.Length; i++) r[i] = FastMath.Pow(fx[i], fy[i]);
            return Array.ConvertAll(r, v => (double)v);
        }
    }

    private static UlpMeasurement.Worst PowWorst(double[] xs, double[] ys, Func<PowVectors, double[]> vector, Func<double, DD, int, double> error, int minExponent, int maxExponent)
    {
        double[] got = vector(new PowVectors(xs, ys));
        UlpMeasurement.Worst worst = default;
        for (int i = 0; i < xs.Length; i++)
        {
            DD v = DoubleDoubleReference.Pow(xs[i], ys[i], out int k);
            int e = Math.ILogB(v.Hi) + k;
            if (e < minExponent || e > maxExponent) continue;          // subnormal or overflowing result
            double err = error(got[i], v, k);
            if (!(err <= worst.MaxUlp)) worst = new UlpMeasurement.Worst(err, xs[i], got[i], ys[i]);
        }
        return worst;
    }
}
