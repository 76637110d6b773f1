using System.Numerics;

namespace DynLang.Runtime.Tests.MathFunctions;

/// <summary>
/// The property generated kernels rely on: <see cref="FastMath"/>'s scalar overload returns, bit for
/// bit, what the vector overload returns in any lane, whatever the other lanes hold — so a result
/// does not depend on whether an element went through the SIMD body or the scalar tail, on its
/// lane, or on its neighbours (a NaN, an overflowing or a huge argument next to it takes the other
/// branch of Exp, Pow, Sin and Cos). A golden checksum pins the bits themselves, so running these
/// tests with another vector width (DOTNET_MaxVectorTBitWidth=128/512, DOTNET_EnableAVX2=0,
/// DOTNET_EnableHWIntrinsic=0) or on arm64 checks that results do not depend on the machine.
/// </summary>
public sealed class FastMathScalarVectorTests
{
    private sealed record Unary<T>(string Name, Func<Vector<T>, Vector<T>> Vector, Func<T, T> Scalar) where T : struct;

    private static readonly Unary<double>[] DoubleFunctions =
    [
        new("Exp", FastMath.Exp, FastMath.Exp), new("Log", FastMath.Log, FastMath.Log),
        new("Exprel", FastMath.Exprel, FastMath.Exprel), new("Sqrt", FastMath.Sqrt, FastMath.Sqrt),
        new("Tanh", FastMath.Tanh, FastMath.Tanh), new("Sin", FastMath.Sin, FastMath.Sin), new("Cos", FastMath.Cos, FastMath.Cos),
    ];

    private static readonly Unary<float>[] FloatFunctions =
    [
        new("Exp", FastMath.Exp, FastMath.Exp), new("Log", FastMath.Log, FastMath.Log),
        new("Exprel", FastMath.Exprel, FastMath.Exprel), new("Sqrt", FastMath.Sqrt, FastMath.Sqrt),
        new("Tanh", FastMath.Tanh, FastMath.Tanh), new("Sin", FastMath.Sin, FastMath.Sin), new("Cos", FastMath.Cos, FastMath.Cos),
    ];

    /// <summary>Special values and the branch points of the algorithms (range limits, thresholds, ties).</summary>
    private static readonly double[] Specials =
    [
        0.0, -0.0, double.Epsilon, -double.Epsilon, 2.2250738585072014e-308, -2.2250738585072014e-308, 1e-310, 1.0, -1.0,
        double.PositiveInfinity, double.NegativeInfinity, double.NaN, BitConverter.Int64BitsToDouble(0x7FF0000000000123),
        double.MaxValue, -double.MaxValue, 708.0, Math.BitIncrement(708.0), -708.0, 709.78, 709.782712893384, 710.0, 800.0,
        -745.13, -745.14, -746.0, -800.0, -60.0, -61.0, 0.34657359027997264, 0.3466, -0.3466, 0.4, Math.BitIncrement(0.4),
        20.0, 21.0, 1.6e6, Math.BitIncrement(1.6e6), -1.6e6, 1e22, 6381956970095103.0 * Math.Pow(2, 797), 0.7853981633974483,
        1.5707963267948966, 87.0, 88.72, 89.0, -103.9, -104.0, 9.0, 10.0, 1.4142135623730951, 0.7071067811865476,
    ];

    private static double[] DoubleInputs()
    {
        var p = new SamplePoints(2024);
        var xs = new List<double>(Specials);
        for (int i = 0; i < 3000; i++) xs.Add(p.LogUniform(1e-310, 1e308, bothSigns: true));
        for (int i = 0; i < 3000; i++) xs.Add(p.Uniform(-50, 50));
        for (int i = 0; i < 2000; i++) xs.Add(p.Uniform(-800, 800));
        for (int i = 0; i < 2000; i++) xs.Add(p.Uniform(-2e6, 2e6));
        return [.. xs];
    }

    private static float[] FloatInputs() => Array.ConvertAll(DoubleInputs(), x => (float)x);

    private static bool SameBits(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);

    private static bool SameBits(float a, float b) => BitConverter.SingleToInt32Bits(a) == BitConverter.SingleToInt32Bits(b);

    /// <summary>Each input in every lane position, its neighbours the next inputs of the list.</summary>
    private static void EveryLaneMatchesTheScalar<T>(Unary<T> f, T[] xs, Func<T, T, bool> same) where T : struct
    {
        int n = Vector<T>.Count;
        var lanes = new T[n];
        T[] scalar = Array.ConvertAll(xs, x => f.Scalar(x));
        for (int start = 0; start < xs.Length; start++)
        {
            for (int j = 0; j < n; j++) lanes[j] = xs[(start + j) % xs.Length];
            Vector<T> v = f.Vector(new Vector<T>(lanes));
            for (int j = 0; j < n; j++)
            {
                int i = (start + j) % xs.Length;
                Assert.True(same(scalar[i], v[j]), $"{f.Name}({xs[i]}): scalar {scalar[i]}, lane {j} of {n} gave {v[j]}");
            }
        }
    }

    /// <summary>One special value in one lane among ordinary values: no lane is affected by another.</summary>
    private static void OneSpecialLaneDoesNotDisturbTheOthers<T>(Unary<T> f, T[] specials, T[] ordinary, Func<T, T, bool> same) where T : struct
    {
        int n = Vector<T>.Count;
        var lanes = new T[n];
        foreach (T s in specials)
            for (int pos = 0; pos < n; pos++)
            {
                for (int j = 0; j < n; j++) lanes[j] = j == pos ? s : ordinary[j % ordinary.Length];
                Vector<T> v = f.Vector(new Vector<T>(lanes));
                for (int j = 0; j < n; j++)
                    Assert.True(same(f.Scalar(lanes[j]), v[j]), $"{f.Name}: lane {j} ({lanes[j]}) next to {s} in lane {pos}: {v[j]} vs scalar {f.Scalar(lanes[j])}");
            }
    }

    [Fact]
    public void Double_scalar_equals_every_lane()
    {
        double[] xs = DoubleInputs();
        foreach (var f in DoubleFunctions) EveryLaneMatchesTheScalar(f, xs, SameBits);
    }

    [Fact]
    public void Float_scalar_equals_every_lane()
    {
        float[] xs = FloatInputs();
        foreach (var f in FloatFunctions) EveryLaneMatchesTheScalar(f, xs, SameBits);
    }

    [Fact]
    public void Double_lanes_do_not_interfere()
    {
        double[] ordinary = [0.5, -1.25, 3.75, 0.001, -7.5, 2.0, 0.3, -0.2];
        foreach (var f in DoubleFunctions) OneSpecialLaneDoesNotDisturbTheOthers(f, Specials, ordinary, SameBits);
    }

    [Fact]
    public void Float_lanes_do_not_interfere()
    {
        float[] ordinary = [0.5f, -1.25f, 3.75f, 0.001f, -7.5f, 2.0f, 0.3f, -0.2f];
        float[] specials = Array.ConvertAll(Specials, x => (float)x);
        foreach (var f in FloatFunctions) OneSpecialLaneDoesNotDisturbTheOthers(f, specials, ordinary, SameBits);
    }

    private static (double[] X, double[] Y) PowPairs()
    {
        double[] bases = [0.0, -0.0, 1.0, -1.0, 0.5, -2.0, 2.0, 10.0, 1e-300, 1e300, double.PositiveInfinity, double.NegativeInfinity,
            double.NaN, double.Epsilon, -3.0, 0.9999999, 1.0000001];
        double[] exponents = [0.0, -0.0, 1.0, -1.0, 2.0, 3.0, -3.0, 0.5, -0.5, 1e300, -1e300, double.PositiveInfinity,
            double.NegativeInfinity, double.NaN, 1024.0, -1075.0, 9007199254740993.0, 700.0];
        var xs = new List<double>();
        var ys = new List<double>();
        foreach (double b in bases)
            foreach (double e in exponents)
            {
                xs.Add(b);
                ys.Add(e);
            }
        var p = new SamplePoints(77);
        for (int i = 0; i < 6000; i++)
        {
            double x = p.LogUniform(1e-300, 1e300, bothSigns: (i & 3) == 0);
            double y = (i & 1) == 0 ? p.Uniform(-5, 5) : p.Uniform(-800, 800) / Math.Max(Math.Abs(Math.Log(Math.Abs(x))), 1e-3);
            if (x < 0 && (i & 4) == 0) y = Math.Round(y);
            xs.Add(x);
            ys.Add(y);
        }
        return ([.. xs], [.. ys]);
    }

    [Fact]
    public void Pow_scalar_equals_every_lane_and_lanes_do_not_interfere()
    {
        var (xs, ys) = PowPairs();
        int n = Vector<double>.Count, m = xs.Length;
        var a = new double[n];
        var b = new double[n];
        for (int start = 0; start < m; start++)
        {
            for (int j = 0; j < n; j++)
            {
                a[j] = xs[(start + j * 37) % m];     // neighbours from elsewhere in the list: specials mix with ordinary pairs
                b[j] = ys[(start + j * 37) % m];
            }
            Vector<double> v = FastMath.Pow(new Vector<double>(a), new Vector<double>(b));
            for (int j = 0; j < n; j++)
                Assert.True(SameBits(FastMath.Pow(a[j], b[j]), v[j]), $"pow({a[j]:R}, {b[j]:R}) lane {j}: {v[j]:R} vs {FastMath.Pow(a[j], b[j]):R}");

            int nf = Vector<float>.Count;
            var af = new float[nf];
            var bf = new float[nf];
            for (int j = 0; j < nf; j++)
            {
                af[j] = (float)xs[(start + j * 37) % m];
                bf[j] = (float)ys[(start + j * 37) % m];
            }
            Vector<float> vf = FastMath.Pow(new Vector<float>(af), new Vector<float>(bf));
            for (int j = 0; j < nf; j++)
                Assert.True(SameBits(FastMath.Pow(af[j], bf[j]), vf[j]), $"powf({af[j]:R}, {bf[j]:R}) lane {j}: {vf[j]:R} vs {FastMath.Pow(af[j], bf[j]):R}");
        }
    }

    // ---- golden checksums ----

    private static ulong Fnv(ulong hash, ulong bits)
    {
        for (int i = 0; i < 8; i++)
        {
            hash ^= (bits >> (8 * i)) & 0xFF;
            hash *= 0x100000001B3UL;
        }
        return hash;
    }

    // NaN payloads may differ between x64 and arm64 (a generated NaN is negative on one, positive on
    // the other): all NaNs count as one value.
    private static ulong Canonical(double x) => double.IsNaN(x) ? 0x7FF8000000000000UL : (ulong)BitConverter.DoubleToInt64Bits(x);

    private static ulong Canonical(float x) => float.IsNaN(x) ? 0x7FC00000UL : (uint)BitConverter.SingleToInt32Bits(x);

    private static string Checksums()
    {
        var lines = new List<string>();
        double[] xs = DoubleInputs();
        float[] fs = FloatInputs();
        foreach (var f in DoubleFunctions)
        {
            ulong h = 0xCBF29CE484222325UL;
            foreach (double y in UlpMeasurement.Apply(f.Vector, f.Scalar, xs)) h = Fnv(h, Canonical(y));
            lines.Add($"{f.Name} double {h:X16}");
        }
        foreach (var f in FloatFunctions)
        {
            ulong h = 0xCBF29CE484222325UL;
            foreach (float y in UlpMeasurement.Apply(f.Vector, f.Scalar, fs)) h = Fnv(h, Canonical(y));
            lines.Add($"{f.Name} float {h:X16}");
        }
        var (px, py) = PowPairs();
        ulong hp = 0xCBF29CE484222325UL, hpf = 0xCBF29CE484222325UL;
        for (int i = 0; i < px.Length; i++)
        {
            hp = Fnv(hp, Canonical(FastMath.Pow(px[i], py[i])));
            hpf = Fnv(hpf, Canonical(FastMath.Pow((float)px[i], (float)py[i])));
        }
        lines.Add($"Pow double {hp:X16}");
        lines.Add($"Pow float {hpf:X16}");
        return string.Join("\n", lines);
    }

    /// <summary>
    /// The bits of every result over the inputs above, hashed. Recorded on x64 (AVX-512 hardware,
    /// Vector&lt;T&gt; of 256 bits) and checked equal there with 128- and 512-bit vectors and with hardware
    /// intrinsics off. A change of algorithm or constant changes them on purpose: then replace this
    /// text by the one in the failure message (after checking the accuracy tests).
    /// </summary>
    private const string Golden = """
        Exp double E1F10202A962EEF9
        Log double 20A0F5B8AF453C9D
        Exprel double C0FB8884C29A6703
        Sqrt double 39BAA66D844910D7
        Tanh double 56AA7BBD90CF5751
        Sin double 69CB70A7BB71B657
        Cos double F33621843A2917BD
        Exp float 3889D4C4B3F4EB78
        Log float 9C30C31A5036661C
        Exprel float 7A6C5643E7B683E3
        Sqrt float 02E19A19129F5021
        Tanh float F2F6118F4EAE8B65
        Sin float 4F2AB4FD03884314
        Cos float B829534492DF34E6
        Pow double 0FD76E29491B89A1
        Pow float 34948FE7653A5330
        """;

    [Fact]
    public void Results_are_the_recorded_bits_on_every_machine_and_vector_width()
    {
        string expected = string.Join("\n", Golden.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
        string actual = Checksums();
        Assert.True(expected == actual, $"Vector<double>.Count = {Vector<double>.Count}; the bits changed:\n{actual}");
    }
}
