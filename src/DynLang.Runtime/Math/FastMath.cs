using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace DynLang.Runtime;

/// <summary>
/// The vectorised functions of the "fast" math mode (model <c>math fast</c>): whole-vector
/// exp, log, exprel, pow, sqrt, tanh, sin and cos on <see cref="Vector{T}"/> of any width
/// (128, 256 or 512 bits), with scalar overloads.
/// </summary>
/// <remarks>
/// <para><b>Determinism.</b> Every function is one sequence of lane-wise IEEE 754 operations (+, −,
/// ×, ÷, √, compare-and-select, and integer/bit operations on the exponent field), written once
/// on <see cref="Vector{T}"/>, each rounded to nearest. There is no fused multiply-add (RyuJIT does
/// not contract a*b+c — dotnet/coreclr#12090 is an open proposal — and the x64 disassembly shows
/// separate multiplies and adds), no table lookup, no use of .NET's own
/// <c>Vector.Exp</c>/<c>Vector128.Exp</c> and no <c>Vector.Min</c>/<c>Max</c> (whose NaN rules
/// differ between x64 and arm64). The only branches are on whole vectors and change no bits:
/// Exp and Pow skip their clamping and two-step scaling when every lane is in the usual range
/// (the general path rounds the same there), and Sin/Cos re-reduce, one by one, the lanes with
/// |x| &gt; 1.6e6 by exact integer arithmetic. Each scalar overload broadcasts its argument and
/// returns lane 0 of the vector overload, so the SIMD body and the scalar tail of a kernel give the
/// same bits, whatever the vector width and whatever the neighbouring lanes hold. The results are
/// therefore the same on every x64 and arm64 machine (up to the payload of a NaN) — checked here
/// with 128-, 256- and 512-bit vectors and without hardware intrinsics against recorded checksums
/// (FastMathScalarVectorTests) — unlike <see cref="VectorMath"/>, which calls the platform's
/// <see cref="Math"/> (glibc, the Windows CRT or Apple's libm, each rounding differently).</para>
/// <para><b>Algorithms.</b> exp: Cody–Waite reduction x = k·ln2 + r, |r| ≤ ln2/2, a degree-12
/// minimax polynomial, 2^k built in the exponent bits in two halves (so results down to the
/// smallest subnormal are rounded once, not flushed). log: fdlibm's — exponent/mantissa split
/// with m in [√2/2, √2), s = (m−1)/(m+1), degree-14 minimax in s (subnormal inputs are scaled by
/// 2^54 first). exprel: 1 + x·P(x) (the exp polynomial) for |x| ≤ ln2/2, else expm1(x)/x with
/// expm1 = 2^k·(e^r − 1) + (2^k − 1) free of cancellation; (e^x − 1)/x is +∞ when e^x overflows
/// and −1/x once e^x is negligible, like <see cref="ScalarMath.Exprel(double)"/>. tanh: an odd
/// minimax polynomial x + x³·T(x²) for |x| ≤ 0.4, else expm1(2|x|)/(expm1(2|x|) + 2), with the
/// sign of x; exactly ±1 from |x| = 20 (10 in single precision). sin/cos: Cody–Waite reduction
/// modulo π/2 with π/2 in four parts (three of 33 bits) kept as a double-double, exact for
/// |x| ≤ 1.6e6; larger finite arguments are reduced lane by lane by an exact integer
/// Payne–Hanek reduction (1,280 bits of 2/π), so there is no platform fallback at all; then
/// fdlibm's kernels. pow: exp(y·log|x|) with log|x| as a double-double (≈ 2^−100 relative, the
/// atanh series with its leading terms exact), y·log|x| as a double-double (26-bit halves
/// multiply exactly), then exp of the double-double argument; the special cases
/// (±0, ±∞, NaN, negative x with integer or non-integer y, y = 0, x = 1) are those of
/// <see cref="Math.Pow"/>. sqrt: <see cref="Vector.SquareRoot{T}"/>, correctly rounded.
/// Single precision: exp, log, exprel and tanh are computed natively in float (minimax
/// polynomials for float); sin, cos and pow are computed in double on the widened lanes and
/// rounded once to float, which makes them correctly rounded in practice.</para>
/// <para><b>Accuracy</b>: the largest error in ulp of the exact result, measured against a
/// double-double reference (≈ 2^−100 relative, independent of the platform's libm) over 10^7
/// deterministic points per function and precision, spread uniformly and log-uniformly over the
/// domain and densely near 0 or 1 (the domains of tests/DynLang.Runtime.Tests/Math/FastMathAccuracyTests.cs,
/// which assert the bounds on 2·10^5 points):
/// <list type="table">
/// <listheader><term>function</term><description>domain sampled: max ulp double / float</description></listheader>
/// <item><term>Exp</term><description>[−745.13, 709.78] (float [−103.97, 88.72]), subnormal results included: 0.94 / 0.95</description></item>
/// <item><term>Log</term><description>(0, max], subnormals included: 0.85 / 0.84</description></item>
/// <item><term>Exprel</term><description>[−745, 709.78] (float [−104, 88.72]): 1.47 / 1.50</description></item>
/// <item><term>Tanh</term><description>all x: 1.49 / 1.50</description></item>
/// <item><term>Sin, Cos</term><description>every finite x (dense to |x| = 1.6e6, every binade beyond): 0.78 / 0.50</description></item>
/// <item><term>Pow</term><description>x in (0, 1e300] (float (0, 1e37]) with |y·ln x| ≤ 700 (float 87), and x &lt; 0 with integer y; normal results: 0.99 / 0.50</description></item>
/// <item><term>Sqrt</term><description>correctly rounded: 0.5 / 0.5</description></item>
/// </list>
/// Exact cases stay exact where the error analysis allows it (e.g. pow(2, 10) = 1024, pow(−3, 3) = −27,
/// log(1) = 0, exp(0) = 1), and the special values are those of <see cref="Math"/>.</para>
/// </remarks>
public static class FastMath
{
    // ------------------------------------------------------------------------------------------
    // Scalar overloads: lane 0 of the vector overload, so scalar and vector agree bit for bit.
    // ------------------------------------------------------------------------------------------

    /// <summary>e^x; bit for bit lane 0 of <see cref="Exp(Vector{double})"/>.</summary>
    public static double Exp(double x) => Exp(new Vector<double>(x))[0];

    /// <summary>ln x; bit for bit lane 0 of <see cref="Log(Vector{double})"/>.</summary>
    public static double Log(double x) => Log(new Vector<double>(x))[0];

    /// <summary>(e^x − 1)/x, 1 at 0; bit for bit lane 0 of <see cref="Exprel(Vector{double})"/>.</summary>
    public static double Exprel(double x) => Exprel(new Vector<double>(x))[0];

    /// <summary>√x, correctly rounded.</summary>
    public static double Sqrt(double x) => Sqrt(new Vector<double>(x))[0];

    /// <summary>tanh x; bit for bit lane 0 of <see cref="Tanh(Vector{double})"/>.</summary>
    public static double Tanh(double x) => Tanh(new Vector<double>(x))[0];

    /// <summary>sin x; bit for bit lane 0 of <see cref="Sin(Vector{double})"/>.</summary>
    public static double Sin(double x) => Sin(new Vector<double>(x))[0];

    /// <summary>cos x; bit for bit lane 0 of <see cref="Cos(Vector{double})"/>.</summary>
    public static double Cos(double x) => Cos(new Vector<double>(x))[0];

    /// <summary>x^y with Math.Pow's special cases; bit for bit lane 0 of <see cref="Pow(Vector{double}, Vector{double})"/>.</summary>
    public static double Pow(double x, double y) => Pow(new Vector<double>(x), new Vector<double>(y))[0];

    /// <summary>e^x; bit for bit lane 0 of <see cref="Exp(Vector{float})"/>.</summary>
    public static float Exp(float x) => Exp(new Vector<float>(x))[0];

    /// <summary>ln x; bit for bit lane 0 of <see cref="Log(Vector{float})"/>.</summary>
    public static float Log(float x) => Log(new Vector<float>(x))[0];

    /// <summary>(e^x − 1)/x, 1 at 0; bit for bit lane 0 of <see cref="Exprel(Vector{float})"/>.</summary>
    public static float Exprel(float x) => Exprel(new Vector<float>(x))[0];

    /// <summary>√x, correctly rounded.</summary>
    public static float Sqrt(float x) => Sqrt(new Vector<float>(x))[0];

    /// <summary>tanh x; bit for bit lane 0 of <see cref="Tanh(Vector{float})"/>.</summary>
    public static float Tanh(float x) => Tanh(new Vector<float>(x))[0];

    /// <summary>sin x; bit for bit lane 0 of <see cref="Sin(Vector{float})"/>.</summary>
    public static float Sin(float x) => Sin(new Vector<float>(x))[0];

    /// <summary>cos x; bit for bit lane 0 of <see cref="Cos(Vector{float})"/>.</summary>
    public static float Cos(float x) => Cos(new Vector<float>(x))[0];

    /// <summary>x^y with MathF.Pow's special cases; bit for bit lane 0 of <see cref="Pow(Vector{float}, Vector{float})"/>.</summary>
    public static float Pow(float x, float y) => Pow(new Vector<float>(x), new Vector<float>(y))[0];

    // ------------------------------------------------------------------------------------------
    // Double-precision constants
    // ------------------------------------------------------------------------------------------

    private const double Log2E = 1.4426950408889634;
    // ln 2 = Ln2Hi + Ln2Lo; Ln2Hi has 21 significant bits, so k·Ln2Hi is exact for |k| < 2^32.
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    // 1.5·2^52: x + Shift rounds x to an integer (ties to even) held in the low mantissa bits.
    private const double Shift = 6755399441055744.0;
    private const long ShiftBits = 0x4338000000000000;
    private const long SignBit = unchecked((long)0x8000000000000000);
    private const double MinNormal = 2.2250738585072014e-308;
    private const double Two54 = 18014398509481984.0;
    private const double Sqrt2 = 1.4142135623730951;

    // exp: (e^r − 1 − r)/r² ≈ E0 + E1 r + … + E10 r^10 on |r| ≤ 0.3467 (minimax, 2.5e-18 abs).
    private const double E0 = 0.5;
    private const double E1 = 0.1666666666666667;
    private const double E2 = 0.041666666666666685;
    private const double E3 = 0.008333333333326119;
    private const double E4 = 0.0013888888888874361;
    private const double E5 = 0.0001984126987487564;
    private const double E6 = 2.4801587347426573e-05;
    private const double E7 = 2.7557255330727063e-06;
    private const double E8 = 2.7557252828900456e-07;
    private const double E9 = 2.5105245825534848e-08;
    private const double E10 = 2.092161746147924e-09;

    // log: fdlibm's e_log.c, |Lg1 s² + … + Lg7 s^14 − R(s²)| ≤ 2^−58.45.
    private const double Lg1 = 6.666666666666735130e-01;
    private const double Lg2 = 3.999999999940941908e-01;
    private const double Lg3 = 2.857142874366239149e-01;
    private const double Lg4 = 2.222219843214978396e-01;
    private const double Lg5 = 1.818357216161805012e-01;
    private const double Lg6 = 1.531383769920937332e-01;
    private const double Lg7 = 1.479819860511658591e-01;

    // pow's double-double log: ln m = 2s + s³(2/3 + z·Q(z)), z = s² ≤ 0.02944, Q minimax (2.6e-17 abs).
    private const double TwoThirdsHi = 0.6666666666666666;
    private const double TwoThirdsLo = 3.700743415417188e-17;
    private const double Q0 = 0.4;
    private const double Q1 = 0.28571428571429375;
    private const double Q2 = 0.22222222221651383;
    private const double Q3 = 0.1818181833630941;
    private const double Q4 = 0.1538459487365634;
    private const double Q5 = 0.13334809115814367;
    private const double Q6 = 0.11706127231331157;
    private const double Q7 = 0.1172423621206735;

    // tanh(x) = x + x³·T(x²) on |x| ≤ 0.4, minimax weighted by x² (4.1e-18 relative).
    private const double T0 = -0.3333333333333321;
    private const double T1 = 0.13333333333302486;
    private const double T2 = -0.05396825394143279;
    private const double T3 = 0.021869487391552724;
    private const double T4 = -0.008863207845382168;
    private const double T5 = 0.0035917222952288968;
    private const double T6 = -0.001452149024336117;
    private const double T7 = 0.0005696081323142286;
    private const double T8 = -0.00017466186813036767;

    // sin/cos: π/2 = Pio2A + Pio2B + Pio2C + Pio2CT (A, B, C of 33 bits: n·A, n·B, n·C exact for n < 2^20).
    private const double TwoOverPi = 0.6366197723675814;
    private const double Pio2A = 1.57079632673412561417e+00;
    private const double Pio2B = 6.07710050630396597660e-11;
    private const double Pio2C = 2.02226624871116645580e-21;
    private const double Pio2CT = 8.47842766036889956997e-32;
    private const double Pio2BT = 2.02226624879595063154e-21;   // π/2 − A − B (float path)
    private const double Pio2Hi = 1.5707963267948966;
    private const double Pio2Lo = 6.123233995736766e-17;
    // Cody–Waite is exact up to here (n = round(x·2/π) < 2^20); beyond, Payne–Hanek per lane.
    private const double ReductionLimit = 1.6e6;

    // fdlibm's k_sin.c / k_cos.c, |error| < 2^−58 on |x| ≤ π/4.
    private const double S1 = -1.66666666666666324348e-01;
    private const double S2 = 8.33333333332248946124e-03;
    private const double S3 = -1.98412698298579493134e-04;
    private const double S4 = 2.75573137070700676789e-06;
    private const double S5 = -2.50507602534068634195e-08;
    private const double S6 = 1.58969099521155010221e-10;
    private const double C1 = 4.16666666666666019037e-02;
    private const double C2 = -1.38888888888741095749e-03;
    private const double C3 = 2.48015872894767294178e-05;
    private const double C4 = -2.75573143513906633035e-07;
    private const double C5 = 2.08757232129817482790e-09;
    private const double C6 = -1.13596475577881948265e-11;

    // sin/cos for float lanes, evaluated in double: relative error 1.7e-11 (sin), 1.3e-12 (cos).
    private const double FS1 = -0.1666666666385975;
    private const double FS2 = 0.008333331875895338;
    private const double FS3 = -0.00019840087199504976;
    private const double FS4 = 2.7249970808295216e-06;
    private const double FC1 = 0.04166666666432426;
    private const double FC2 = -0.0013888887672812709;
    private const double FC3 = 2.4800600680953162e-05;
    private const double FC4 = -2.7300987730812577e-07;

    // ------------------------------------------------------------------------------------------
    // Small helpers (all lane-wise IEEE operations)
    // ------------------------------------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> C(double value) => new(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<long> L(long value) => new(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<long> Bits(Vector<double> v) => Vector.AsVectorInt64(v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Dbl(Vector<long> v) => Vector.AsVectorDouble(v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Select(Vector<long> mask, Vector<double> ifTrue, Vector<double> ifFalse) =>
        Vector.ConditionalSelect(mask, ifTrue, ifFalse);

    /// <summary>−v by flipping the sign bit: exact for every value, −(+0) = −0 and NaN stays NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Negate(Vector<double> v) => Dbl(Bits(v) ^ L(SignBit));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<long> IsNaN(Vector<double> v) => ~Vector.Equals(v, v);

    /// <summary>Exact s + e = a + b (Knuth's TwoSum, any magnitudes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> TwoSum(Vector<double> a, Vector<double> b, out Vector<double> e)
    {
        Vector<double> s = a + b;
        Vector<double> bb = s - a;
        e = (a - (s - bb)) + (b - bb);
        return s;
    }

    /// <summary>Exact s + e = a + b for |a| ≥ |b| (Dekker's Fast2Sum).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> FastTwoSum(Vector<double> a, Vector<double> b, out Vector<double> e)
    {
        Vector<double> s = a + b;
        e = b - (s - a);
        return s;
    }

    /// <summary>Exact p + e = a·b without fused multiply-add (Veltkamp split, Dekker product); |a|, |b| &lt; 2^996.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> TwoProd(Vector<double> a, Vector<double> b, out Vector<double> e)
    {
        Vector<double> p = a * b;
        Vector<double> ca = C(134217729.0) * a;
        Vector<double> ah = ca - (ca - a);
        Vector<double> al = a - ah;
        Vector<double> cb = C(134217729.0) * b;
        Vector<double> bh = cb - (cb - b);
        Vector<double> bl = b - bh;
        e = (((ah * bh - p) + ah * bl) + al * bh) + al * bl;
        return p;
    }

    /// <summary>round(x) as a double and as the integer in the low bits (|x| &lt; 2^51).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> RoundToInteger(Vector<double> x, out Vector<long> k)
    {
        Vector<double> t = x + C(Shift);
        k = Bits(t) - L(ShiftBits);
        return t - C(Shift);
    }

    /// <summary>A small integer (|k| &lt; 2^51) as a double, by the same magic constant.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> IntegerToDouble(Vector<long> k) => Dbl(k + L(ShiftBits)) - C(Shift);

    /// <summary>p·2^k for k in [−1077, 1025], as (p·2^k1)·2^k2 with both factors normal: one rounding, also into the subnormals.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> ScaleByPowerOfTwo(Vector<double> p, Vector<long> k)
    {
        Vector<long> half = Vector.ShiftRightLogical(k + L(1077), 1);    // k1 = half − 538
        Vector<double> s1 = Dbl(Vector.ShiftLeft(half + L(485), 52));   // 2^k1
        Vector<double> s2 = Dbl(Vector.ShiftLeft(k - half + L(1561), 52)); // 2^(k − k1)
        return p * s1 * s2;
    }

    /// <summary>(e^r − 1 − r)/r², the minimax polynomial of exp, exprel and expm1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> ExpPoly(Vector<double> r) =>
        C(E0) + r * (C(E1) + r * (C(E2) + r * (C(E3) + r * (C(E4) + r * (C(E5) + r * (C(E6)
        + r * (C(E7) + r * (C(E8) + r * (C(E9) + r * C(E10))))))))));

    /// <summary>x = k·ln2 + r, |r| ≤ 0.3466, for |x| ≤ 746.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> ExpReduce(Vector<double> x, out Vector<long> k)
    {
        Vector<double> kd = RoundToInteger(x * C(Log2E), out k);
        return (x - kd * C(Ln2Hi)) - kd * C(Ln2Lo);
    }

    /// <summary>x = k·ln2 + r + rl, with rl the rounding error of r (for expm1, where it matters).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> ExpReduce(Vector<double> x, out Vector<long> k, out Vector<double> rl)
    {
        Vector<double> kd = RoundToInteger(x * C(Log2E), out k);
        Vector<double> r1 = x - kd * C(Ln2Hi);                          // exact
        return TwoSum(r1, Negate(kd * C(Ln2Lo)), out rl);
    }

    /// <summary>
    /// e^x − 1 for x = k·ln2 + r + rl in [−60, 710], without cancellation: with h = 2^(k−1),
    /// e^x − 1 ≈ 2·((h·r + (h − ½)) + h·(r²·P(r) + rl)), the first sum kept exact (h − ½ with its
    /// rounding error for k &gt; 53, then TwoSum), so the only roundings are those of the small
    /// terms and the last sum.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> ExpM1FromReduced(Vector<double> r, Vector<double> rl, Vector<long> k, Vector<double> poly)
    {
        Vector<double> half = Dbl(Vector.ShiftLeft(k + L(1022), 52));      // 2^(k−1), k in [−87, 1024]
        Vector<double> hm = half - C(0.5);
        Vector<double> hmError = (half - hm) - C(0.5);                   // exact (Fast2Sum)
        Vector<double> hr = half * r;                                    // exact
        Vector<double> a = TwoSum(hr, hm, out Vector<double> ae);
        return C(2.0) * (a + ((ae + hmError) + half * (r * (r * poly) + rl)));
    }

    // ------------------------------------------------------------------------------------------
    // Double precision
    // ------------------------------------------------------------------------------------------

    /// <summary>e^x on each lane (≤ 1 ulp; exp(709.78) finite, exp(710) = +∞, exp(−745) the smallest subnormal).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Exp(Vector<double> x)
    {
        if (Vector.LessThanOrEqualAll(Vector.Abs(x), C(708.0)))
        {
            // Every lane in range (the usual case): 2^k is normal and one multiplication rounds the
            // same as the two below, so this shortcut gives the same bits as the general path.
            Vector<double> r0 = ExpReduce(x, out Vector<long> k0);
            Vector<double> p0 = C(1.0) + (r0 + (r0 * r0) * ExpPoly(r0));
            return p0 * Dbl(Vector.ShiftLeft(k0 + L(1023), 52));
        }
        // Clamping keeps k in range; e^710 still overflows and e^−746 still rounds to 0. NaN passes.
        Vector<double> xc = Select(Vector.GreaterThan(x, C(710.0)), C(710.0), x);
        xc = Select(Vector.LessThan(xc, C(-746.0)), C(-746.0), xc);
        Vector<double> r = ExpReduce(xc, out Vector<long> k);
        Vector<double> p = C(1.0) + (r + (r * r) * ExpPoly(r));
        return ScaleByPowerOfTwo(p, k);
    }

    /// <summary>ln x on each lane (≤ 1 ulp; subnormals exact in the reduction, ln 0 = −∞, ln of a negative = NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Log(Vector<double> x)
    {
        Vector<double> m = LogReduce(x, out Vector<double> e);
        Vector<double> f = m - C(1.0);
        Vector<double> s = f / (C(2.0) + f);
        Vector<double> z = s * s;
        Vector<double> w = z * z;
        Vector<double> t1 = w * (C(Lg2) + w * (C(Lg4) + w * C(Lg6)));
        Vector<double> t2 = z * (C(Lg1) + w * (C(Lg3) + w * (C(Lg5) + w * C(Lg7))));
        Vector<double> hfsq = C(0.5) * f * f;
        Vector<double> result = e * C(Ln2Hi) - ((hfsq - (s * (hfsq + (t2 + t1)) + e * C(Ln2Lo))) - f);
        return LogSpecialCases(x, result);
    }

    /// <summary>x = 2^e·m with m in [√2/2, √2) for positive x (subnormals scaled by 2^54 first).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> LogReduce(Vector<double> x, out Vector<double> e)
    {
        Vector<long> subnormal = Vector.LessThan(x, C(MinNormal));
        Vector<double> xs = Select(subnormal, x * C(Two54), x);
        Vector<long> bits = Bits(xs);
        Vector<double> m = Dbl((bits & L(0x000FFFFFFFFFFFFF)) | L(0x3FF0000000000000));
        Vector<long> big = Vector.GreaterThan(m, C(Sqrt2));
        m = Select(big, m * C(0.5), m);
        Vector<long> exponent = Vector.ShiftRightLogical(bits, 52) - L(1023) - (subnormal & L(54)) - big;
        e = IntegerToDouble(exponent);
        return m;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> LogSpecialCases(Vector<double> x, Vector<double> result)
    {
        result = Select(Vector.Equals(x, Vector<double>.Zero), C(double.NegativeInfinity), result);
        result = Select(Vector.LessThan(x, Vector<double>.Zero), C(double.NaN), result);
        result = Select(Vector.Equals(x, C(double.PositiveInfinity)), x, result);
        return Select(IsNaN(x), x, result);
    }

    /// <summary>
    /// exprel(x) = (e^x − 1)/x on each lane, 1 at 0 (≤ 1.5 ulp). Like <see cref="ScalarMath.Exprel(double)"/>:
    /// +∞ once e^x overflows (x ≳ 709.78), −1/x once e^x is negligible, 0 at −∞.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Exprel(Vector<double> x)
    {
        Vector<double> xc = Select(Vector.GreaterThan(x, C(710.0)), C(710.0), x);
        xc = Select(Vector.LessThan(xc, C(-60.0)), C(-60.0), xc);   // e^−60 < 2^−86: e^x − 1 = −1 exactly
        Vector<double> r = ExpReduce(xc, out Vector<long> k, out Vector<double> rl);
        Vector<double> poly = ExpPoly(r);
        Vector<double> near0 = C(1.0) + r * poly;                      // k = 0: r = x, exprel = 1 + x·P(x)
        Vector<double> far = ExpM1FromReduced(r, rl, k, poly) / x;
        Vector<double> result = Select(Vector.Equals(k, Vector<long>.Zero), near0, far);
        return Select(Vector.Equals(x, C(double.PositiveInfinity)), x, result);
    }

    /// <summary>√x on each lane (correctly rounded).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Sqrt(Vector<double> x) => Vector.SquareRoot(x);

    /// <summary>tanh x on each lane (≤ 1.5 ulp), ±1 exactly for |x| ≥ 20, odd (tanh(−0) = −0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Tanh(Vector<double> x)
    {
        Vector<double> ax = Vector.Abs(x);
        ax = Select(Vector.GreaterThan(ax, C(20.0)), C(20.0), ax);     // tanh(20) rounds to 1; NaN passes
        // |x| ≤ 0.4: odd polynomial (the quotient below would cost up to 2.3 ulp there).
        Vector<double> z = ax * ax;
        Vector<double> small = ax + ax * (z * (C(T0) + z * (C(T1) + z * (C(T2) + z * (C(T3) + z * (C(T4)
            + z * (C(T5) + z * (C(T6) + z * (C(T7) + z * C(T8))))))))));
        Vector<double> y = ax + ax;
        Vector<double> r = ExpReduce(y, out Vector<long> k, out Vector<double> rl);
        Vector<double> em1 = ExpM1FromReduced(r, rl, k, ExpPoly(r));   // e^{2|x|} − 1
        Vector<double> t = Select(Vector.LessThanOrEqual(ax, C(0.4)), small, em1 / (em1 + C(2.0)));
        return Dbl(Bits(t) | (Bits(x) & L(SignBit)));
    }

    /// <summary>sin x on each lane (≤ 1 ulp for every finite x; ±∞ and NaN give NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Sin(Vector<double> x)
    {
        Vector<double> rh = SinCosReduce(x, out Vector<double> rl, out Vector<long> n);
        Vector<double> result = SinCosQuadrant(rh, rl, n);
        // |x| < 2^−26: x is sin x correctly rounded (this also keeps −0 and subnormals exact).
        return Select(Vector.LessThan(Vector.Abs(x), C(1.4901161193847656e-08)), x, result);
    }

    /// <summary>cos x on each lane (≤ 1 ulp for every finite x; ±∞ and NaN give NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Cos(Vector<double> x)
    {
        Vector<double> rh = SinCosReduce(x, out Vector<double> rl, out Vector<long> n);
        return SinCosQuadrant(rh, rl, n + L(1));   // cos x = sin(x + π/2)
    }

    /// <summary>x = n·π/2 + (rh + rl), |rh + rl| ≤ π/4 (a little more at ties), rh + rl accurate to ≈ 2^−100 absolute.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> SinCosReduce(Vector<double> x, out Vector<double> rl, out Vector<long> n)
    {
        Vector<double> nd = RoundToInteger(x * C(TwoOverPi), out n);
        Vector<double> a = x - nd * C(Pio2A);                          // exact (Sterbenz, n·A exact)
        Vector<double> bh = TwoSum(a, Negate(nd * C(Pio2B)), out Vector<double> bl);
        Vector<double> ch = TwoSum(bh, Negate(nd * C(Pio2C)), out Vector<double> cl);
        Vector<double> tail = (bl + cl) - nd * C(Pio2CT);
        Vector<double> rh = TwoSum(ch, tail, out rl);
        if (Vector.GreaterThanAny(Vector.Abs(x), C(ReductionLimit)))
            rh = ReduceLargeLanes(x, ref rl, ref n, rh);
        return rh;
    }

    /// <summary>±sin or ±cos of r = rh + rl by quadrant n (fdlibm kernels).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> SinCosQuadrant(Vector<double> x, Vector<double> y, Vector<long> n)
    {
        Vector<double> z = x * x;
        Vector<double> w = z * z;
        // __kernel_sin(x, y, 1)
        Vector<double> rs = C(S2) + z * (C(S3) + z * C(S4)) + z * w * (C(S5) + z * C(S6));
        Vector<double> v = z * x;
        Vector<double> sin = x - ((z * (C(0.5) * y - v * rs) - y) - v * C(S1));
        // __kernel_cos(x, y)
        Vector<double> rc = z * (C(C1) + z * (C(C2) + z * C(C3))) + w * w * (C(C4) + z * (C(C5) + z * C(C6)));
        Vector<double> hz = C(0.5) * z;
        Vector<double> wc = C(1.0) - hz;
        Vector<double> cos = wc + (((C(1.0) - wc) - hz) + (z * rc - x * y));
        Vector<double> result = Select(Vector.Equals(n & L(1), Vector<long>.Zero), sin, cos);
        return Dbl(Bits(result) ^ Vector.ShiftLeft(n & L(2), 62));
    }

    /// <summary>Replaces the reduction of the finite lanes with |x| above the Cody–Waite limit by the exact Payne–Hanek one.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector<double> ReduceLargeLanes(Vector<double> x, ref Vector<double> rl, ref Vector<long> n, Vector<double> rh)
    {
        Span<double> xs = stackalloc double[Vector<double>.Count];
        Span<double> his = stackalloc double[Vector<double>.Count];
        Span<double> los = stackalloc double[Vector<double>.Count];
        Span<long> ns = stackalloc long[Vector<long>.Count];
        x.CopyTo(xs);
        rh.CopyTo(his);
        rl.CopyTo(los);
        n.CopyTo(ns);
        for (int i = 0; i < xs.Length; i++)
        {
            double a = Math.Abs(xs[i]);
            if (a > ReductionLimit && a <= double.MaxValue)
                ns[i] = ReduceLarge(xs[i], out his[i], out los[i]);
        }
        rl = new Vector<double>(los);
        n = new Vector<long>(ns);
        return new Vector<double>(his);
    }

    // 2/π to 1,280 bits (bit 1 after the binary point is the most significant bit of the first word).
    private static ReadOnlySpan<ulong> TwoOverPiBits =>
    [
        0xA2F9836E4E441529UL, 0xFC2757D1F534DDC0UL, 0xDB6295993C439041UL, 0xFE5163ABDEBBC561UL,
        0xB7246E3A424DD2E0UL, 0x06492EEA09D1921CUL, 0xFE1DEB1CB129A73EUL, 0xE88235F52EBB4484UL,
        0xE99C7026B45F7E41UL, 0x3991D639835339F4UL, 0x9C845F8BBDF9283BUL, 0x1FF897FFDE05980FUL,
        0xEF2F118B5A0A6D1FUL, 0x6D367ECF27CB09B7UL, 0x4F463F669E5FEA2DUL, 0x7527BAC7EBE5F17BUL,
        0x3D0739F78A5292EAUL, 0x6BFB5FB11F8D5D08UL, 0x56033046FC7B6BABUL, 0xF0CFBC209AF4361DUL,
    ];

    /// <summary>The 64 bits of 2/π starting at bit <paramref name="start"/> (bit 1 = first after the point; bits at ≤ 0 are 0).</summary>
    private static ulong TwoOverPiWindow(int start)
    {
        ReadOnlySpan<ulong> t = TwoOverPiBits;
        if (start <= 0)
        {
            int shift = 1 - start;                 // zeros in front of bit 1
            return shift >= 64 ? 0 : t[0] >> shift;
        }
        int index = (start - 1) >> 6, offset = (start - 1) & 63;
        ulong w = t[index] << offset;
        if (offset != 0) w |= t[index + 1] >> (64 - offset);
        return w;
    }

    /// <summary>
    /// Payne–Hanek: for finite |x| &gt; 1.6e6, x = n·π/2 + (rh + rl) with |rh + rl| ≤ π/4, using integer
    /// arithmetic on 192 bits of 2/π around x's exponent (error below 2^−130 in units of π/2) — exact
    /// and identical on every machine. Returns n mod 4.
    /// </summary>
    internal static int ReduceLarge(double x, out double rh, out double rl)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);
        int exponent = (int)((bits >> 52) & 0x7FF) - 1075;      // |x| = M·2^exponent
        ulong mantissa = ((ulong)bits & 0x000FFFFFFFFFFFFFUL) | (1UL << 52);
        // Bits of 2/π with weight 2^(exponent − i) ≥ 4 add multiples of 4 to x·2/π: skip them. The
        // 192-bit window W from bit exponent − 1 gives x·2/π ≡ M·W·2^−190 (mod 4), the rest < 2^−137.
        int start = exponent - 1;
        ulong w2 = TwoOverPiWindow(start), w1 = TwoOverPiWindow(start + 64), w0 = TwoOverPiWindow(start + 128);
        ulong h0 = Math.BigMul(mantissa, w0, out ulong p0);
        ulong h1 = Math.BigMul(mantissa, w1, out ulong l1);
        ulong h2 = Math.BigMul(mantissa, w2, out ulong l2);
        ulong p1 = h0 + l1;
        ulong carry = p1 < h0 ? 1UL : 0UL;
        ulong p2 = h1 + l2;
        ulong carry2 = p2 < h1 ? 1UL : 0UL;
        p2 += carry;
        _ = h2 + carry2 + (p2 < carry ? 1UL : 0UL);               // bits ≥ 192: multiples of 4
        int quadrant = (int)(p2 >> 62);                          // bits 190, 191: integer part mod 4
        ulong f2 = p2 & 0x3FFFFFFFFFFFFFFFUL;                    // fraction = (f2:p1:p0)/2^190
        bool negative = (f2 >> 61) != 0;                         // fraction ≥ ½: round up, r < 0
        if (negative)
        {
            // 2^190 − fraction, in 192-bit two's complement.
            p0 = ~p0 + 1;
            p1 = ~p1 + (p0 == 0 ? 1UL : 0UL);
            f2 = (~f2 + (p0 == 0 && p1 == 0 ? 1UL : 0UL)) & 0x3FFFFFFFFFFFFFFFUL;
            quadrant++;
        }
        // Normalise so the leading 1 is bit 191 of t2:t1:t0, then take 53 + 53 bits.
        int lz = f2 != 0 ? BitOperations.LeadingZeroCount(f2)
               : p1 != 0 ? 64 + BitOperations.LeadingZeroCount(p1)
               : 128 + BitOperations.LeadingZeroCount(p0);
        ulong t2, t1;
        if (lz >= 128) { t2 = p0 << (lz - 128); t1 = 0; }
        else if (lz >= 64)
        {
            int s = lz - 64;
            t2 = s == 0 ? p1 : (p1 << s) | (p0 >> (64 - s));
            t1 = p0 << s;
        }
        else
        {
            t2 = lz == 0 ? f2 : (f2 << lz) | (p1 >> (64 - lz));
            t1 = lz == 0 ? p1 : (p1 << lz) | (p0 >> (64 - lz));
        }
        // fraction = t/2^(190 + lz − 2·0) with t = t2:t1:… (leading bit 191): F = hi·2^(139−190−lz) + lo·2^(86−190−lz).
        double hi = Math.ScaleB((double)(t2 >> 11), -51 - lz);
        double lo = Math.ScaleB((double)(((t2 & 0x7FF) << 42) | (t1 >> 22)), -104 - lz);
        // r = (hi + lo)·π/2 as a double-double (Dekker product, no FMA).
        double p = hi * Pio2Hi;
        double e = ScalarTwoProdError(hi, Pio2Hi, p) + (hi * Pio2Lo + lo * Pio2Hi);
        double r = p + e;
        double rErr = e - (r - p);
        if (negative) { r = -r; rErr = -rErr; }
        if (x < 0) { r = -r; rErr = -rErr; quadrant = -quadrant; }
        rh = r;
        rl = rErr;
        return quadrant & 3;
    }

    private static double ScalarTwoProdError(double a, double b, double p)
    {
        double ca = 134217729.0 * a, ah = ca - (ca - a), al = a - ah;
        double cb = 134217729.0 * b, bh = cb - (cb - b), bl = b - bh;
        return (((ah * bh - p) + ah * bl) + al * bh) + al * bl;
    }

    /// <summary>x^y on each lane with <see cref="Math.Pow"/>'s special cases (≤ 1 ulp for normal results).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Pow(Vector<double> x, Vector<double> y)
    {
        Vector<double> lh = LogDoubleDouble(Vector.Abs(x), out Vector<double> ll);
        // |y| ≥ 2^64 over- or underflows unless |x| = 1 (a special case): clamp to keep the products finite.
        Vector<double> yc = Select(Vector.GreaterThan(y, C(1.8446744073709552e19)), C(1.8446744073709552e19), y);
        yc = Select(Vector.LessThan(yc, C(-1.8446744073709552e19)), C(-1.8446744073709552e19), yc);
        // y·ln|x| = th + tl: the 26-bit halves multiply exactly, the rest is 2^−26 smaller.
        Vector<double> y26 = High26(yc);
        Vector<double> l26 = High26(lh);
        Vector<double> th = y26 * l26;
        Vector<double> tl = (y26 * (lh - l26) + (yc - y26) * lh) + yc * ll;
        // Usual case, x > 0 finite and |y·ln x| ≤ 708 in every lane: no special case applies (or, for
        // x = 1 or y = 0, e^0 = 1 is already right) and e^t needs no clamping; same bits either way.
        Vector<long> ordinary = Vector.GreaterThan(x, Vector<double>.Zero) & Vector.LessThan(x, C(double.PositiveInfinity))
            & Vector.LessThanOrEqual(Vector.Abs(th), C(708.0));
        if (Vector.EqualsAll(ordinary, Vector<long>.AllBitsSet))
            return ExpDoubleDouble(th, tl, clamp: false);
        return PowSpecialCases(x, y, ExpDoubleDouble(th, tl, clamp: true));
    }

    /// <summary>v with the low 27 mantissa bits cleared: 26 significant bits, so the product of two such is exact.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> High26(Vector<double> v) => Dbl(Bits(v) & L(unchecked((long)0xFFFFFFFFF8000000)));

    /// <summary>ln x = hi + lo to ≈ 2^−100 relative for positive finite x (garbage otherwise).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> LogDoubleDouble(Vector<double> x, out Vector<double> lo)
    {
        Vector<double> m = LogReduce(x, out Vector<double> e);
        Vector<double> f = m - C(1.0);                                   // exact
        Vector<double> gh = FastTwoSum(C(1.0), m, out Vector<double> gl); // g = m + 1 = gh + gl
        Vector<double> invg = C(1.0) / gh;
        // s = f/g = sh + sl with sh of 26 bits, so that sh·(26-bit part of g) and sh² are exact.
        Vector<double> sh = High26(f * invg);
        Vector<double> th = High26(gh);
        Vector<double> tl = (gh - th) + gl;
        Vector<double> sl = ((f - sh * th) - sh * tl) * invg;           // f − sh·th exact (Sterbenz)
        // ln m = 2s + s³·(2/3 + z·Q(z)), z = s²
        Vector<double> sq = sh * sh;                                     // exact
        Vector<double> sql = sl * (sh + sh + sl);                        // s² = sq + sql
        Vector<double> z = sq + sql;
        Vector<double> zq = z * (C(Q0) + z * (C(Q1) + z * (C(Q2) + z * (C(Q3) + z * (C(Q4) + z * (C(Q5) + z * (C(Q6) + z * C(Q7))))))));
        Vector<double> qh = FastTwoSum(C(TwoThirdsHi), zq, out Vector<double> ql);
        ql += C(TwoThirdsLo);
        // s³ = cuA + cuB + cuC: the first two exact (26-bit factors), the third 2^−24 smaller.
        Vector<double> sq26 = High26(sq);
        Vector<double> cuA = sq26 * sh;
        Vector<double> cuB = (sq - sq26) * sh;
        Vector<double> cuC = sq * sl + sql * (sh + sl);
        Vector<double> tth = TwoProd(cuA, qh, out Vector<double> ttl);   // s³·(2/3 + zQ) ≈ 1% of ln m
        ttl += cuA * ql + (cuB + cuC) * qh;
        Vector<double> bh = FastTwoSum(sh + sh, tth, out Vector<double> be);
        Vector<double> ch = TwoSum(e * C(Ln2Hi), bh, out Vector<double> ce);  // e·Ln2Hi exact
        Vector<double> rest = (((ce + be) + e * C(Ln2Lo)) + (sl + sl)) + ttl;
        return FastTwoSum(ch, rest, out lo);
    }

    /// <summary>e^(hi + lo) for a double-double argument: hi clamped to [−746, 710], or (no clamp) |hi| ≤ 708.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> ExpDoubleDouble(Vector<double> hi, Vector<double> lo, bool clamp)
    {
        if (clamp)
        {
            Vector<long> over = Vector.GreaterThan(hi, C(710.0));
            Vector<long> under = Vector.LessThan(hi, C(-746.0));
            hi = Select(over, C(710.0), Select(under, C(-746.0), hi));
            lo = Select(over | under, Vector<double>.Zero, lo);
        }
        Vector<double> kd = RoundToInteger(hi * C(Log2E), out Vector<long> k);
        Vector<double> r1 = hi - kd * C(Ln2Hi);                          // exact
        Vector<double> r2 = lo - kd * C(Ln2Lo);
        Vector<double> rh = TwoSum(r1, r2, out Vector<double> rl);
        Vector<double> q = rh + (rh * rh) * ExpPoly(rh);
        Vector<double> p = C(1.0) + (q + (rl + q * rl));                  // (1 + q)(1 + rl)
        return clamp ? ScaleByPowerOfTwo(p, k) : p * Dbl(Vector.ShiftLeft(k + L(1023), 52));
    }

    /// <summary>Math.Pow's special cases over the general value <paramref name="general"/> = |x|^y.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> PowSpecialCases(Vector<double> x, Vector<double> y, Vector<double> general)
    {
        Vector<double> ay = Vector.Abs(y);
        Vector<double> ax = Vector.Abs(x);
        Vector<double> inf = C(double.PositiveInfinity);
        Vector<long> yInfinite = Vector.Equals(ay, inf);
        Vector<long> yInteger = Vector.Equals(Vector.Floor(y), y) & ~yInfinite;
        Vector<double> halfY = C(0.5) * y;
        Vector<long> yOdd = yInteger & ~Vector.Equals(Vector.Floor(halfY), halfY);   // |y| ≥ 2^53 is even
        Vector<long> xNegative = Vector.LessThan(Bits(x), Vector<long>.Zero);     // sign bit, −0 included
        Vector<long> flip = xNegative & yOdd;

        Vector<double> result = Select(flip, Negate(general), general);
        result = Select(xNegative & ~yInteger, C(double.NaN), result);         // (−a)^non-integer
        // x = ±0 or ±∞: 0 or ∞ by the sign of y, negative for odd y and a negative x.
        Vector<long> xZero = Vector.Equals(x, Vector<double>.Zero);
        Vector<long> xInfinite = Vector.Equals(ax, inf);
        Vector<double> magnitude = Select(~(Vector.LessThan(y, Vector<double>.Zero) ^ xZero), inf, Vector<double>.Zero);
        result = Select(xZero | xInfinite, Select(flip, Negate(magnitude), magnitude), result);
        // y = ±∞: ∞ if (|x| > 1) == (y > 0), else 0; 1 for |x| = 1.
        Vector<double> limit = Select(~(Vector.GreaterThan(ax, C(1.0)) ^ Vector.GreaterThan(y, Vector<double>.Zero)), inf, Vector<double>.Zero);
        limit = Select(Vector.Equals(ax, C(1.0)), C(1.0), limit);
        result = Select(yInfinite, limit, result);
        result = Select(IsNaN(x) | IsNaN(y), x + y, result);
        return Select(Vector.Equals(y, Vector<double>.Zero) | Vector.Equals(x, C(1.0)), C(1.0), result);
    }

    // ------------------------------------------------------------------------------------------
    // Single precision
    // ------------------------------------------------------------------------------------------

    private const float Log2EF = 1.44269504f;
    private const float Ln2HiF = 0.693359375f;          // 9 significant bits: k·Ln2HiF exact for |k| < 2^15
    private const float Ln2LoF = -2.12194440e-4f;
    private const float ShiftF = 12582912f;             // 1.5·2^23
    private const int ShiftBitsF = 0x4B400000;
    private const int SignBitF = unchecked((int)0x80000000);
    private const float Ln2HiLogF = 0.693145751953125f; // 16 significant bits: e·hi exact
    private const float Ln2LoLogF = 1.428606765330187e-06f;

    // exp: (e^r − 1 − r)/r² on |r| ≤ 0.3467, float minimax (4.3e-9 abs).
    private const float EF0 = 0.5f;
    private const float EF1 = 0.1666666716337204f;
    private const float EF2 = 0.041666463017463684f;
    private const float EF3 = 0.00833328627049923f;
    private const float EF4 = 0.0013933676527813077f;
    private const float EF5 = 0.00019907622481696308f;

    // tanh(x) = x + x³·(TF0 + … + TF3 x⁶) on |x| ≤ 0.4 (2.8e-9 relative).
    private const float TF0 = -0.33333298563957214f;
    private const float TF1 = 0.13331234455108643f;
    private const float TF2 = -0.05356414243578911f;
    private const float TF3 = 0.018751228228211403f;

    // log: R(z) ≈ z·(LF1 + z·(LF2 + z·(LF3 + z·LF4))), z = s² ≤ 0.0295 (6e-10 abs).
    private const float LF1 = 0.6666666865348816f;
    private const float LF2 = 0.4000012278556824f;
    private const float LF3 = 0.28550729155540466f;
    private const float LF4 = 0.23332633078098297f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> F(float value) => new(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<int> I(int value) => new(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<int> Bits(Vector<float> v) => Vector.AsVectorInt32(v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Flt(Vector<int> v) => Vector.AsVectorSingle(v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Select(Vector<int> mask, Vector<float> ifTrue, Vector<float> ifFalse) =>
        Vector.ConditionalSelect(mask, ifTrue, ifFalse);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> ExpPoly(Vector<float> r) =>
        F(EF0) + r * (F(EF1) + r * (F(EF2) + r * (F(EF3) + r * (F(EF4) + r * F(EF5)))));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> ExpReduce(Vector<float> x, out Vector<int> k)
    {
        Vector<float> t = x * F(Log2EF) + F(ShiftF);
        k = Bits(t) - I(ShiftBitsF);
        Vector<float> kd = t - F(ShiftF);
        return (x - kd * F(Ln2HiF)) - kd * F(Ln2LoF);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> ExpReduce(Vector<float> x, out Vector<int> k, out Vector<float> rl)
    {
        Vector<float> t = x * F(Log2EF) + F(ShiftF);
        k = Bits(t) - I(ShiftBitsF);
        Vector<float> kd = t - F(ShiftF);
        Vector<float> r1 = x - kd * F(Ln2HiF);                         // exact
        Vector<float> t2 = kd * F(Ln2LoF);
        Vector<float> r = r1 - t2;                                      // TwoSum(r1, −t2)
        Vector<float> bb = r - r1;
        rl = (r1 - (r - bb)) - (t2 + bb);
        return r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> ExpM1FromReduced(Vector<float> r, Vector<float> rl, Vector<int> k, Vector<float> poly)
    {
        Vector<float> half = Flt(Vector.ShiftLeft(k + I(126), 23));      // 2^(k−1), k in [−44, 128]
        Vector<float> hr = half * r;
        Vector<float> hm = half - F(0.5f);
        Vector<float> hmError = (half - hm) - F(0.5f);                  // exact (Fast2Sum)
        Vector<float> a = hr + hm;                                       // TwoSum: a + ae = hr + hm exactly
        Vector<float> bb = a - hr;
        Vector<float> ae = (hr - (a - bb)) + (hm - bb);
        return F(2f) * (a + ((ae + hmError) + half * (r * (r * poly) + rl)));
    }

    /// <summary>e^x on each lane (≤ 1 ulp; down to the smallest subnormal, +∞ above 88.72).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Exp(Vector<float> x)
    {
        if (Vector.LessThanOrEqualAll(Vector.Abs(x), F(87f)))
        {
            // Every lane in range: 2^k normal, one multiplication (same bits as the general path).
            Vector<float> r0 = ExpReduce(x, out Vector<int> k0);
            Vector<float> p0 = F(1f) + (r0 + (r0 * r0) * ExpPoly(r0));
            return p0 * Flt(Vector.ShiftLeft(k0 + I(127), 23));
        }
        Vector<float> xc = Select(Vector.GreaterThan(x, F(89f)), F(89f), x);
        xc = Select(Vector.LessThan(xc, F(-104f)), F(-104f), xc);
        Vector<float> r = ExpReduce(xc, out Vector<int> k);
        Vector<float> p = F(1f) + (r + (r * r) * ExpPoly(r));
        // 2^k for k in [−150, 128] as 2^k1·2^k2, both normal.
        Vector<int> half = Vector.ShiftRightLogical(k + I(150), 1);          // k1 = half − 75
        Vector<float> s1 = Flt(Vector.ShiftLeft(half + I(52), 23));
        Vector<float> s2 = Flt(Vector.ShiftLeft(k - half + I(202), 23));
        return p * s1 * s2;
    }

    /// <summary>ln x on each lane (≤ 1 ulp; subnormals, ln 0 = −∞, ln of a negative = NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Log(Vector<float> x)
    {
        Vector<int> subnormal = Vector.LessThan(x, F(1.17549435e-38f));
        Vector<float> xs = Select(subnormal, x * F(33554432f), x);        // 2^25
        Vector<int> bits = Bits(xs);
        Vector<float> m = Flt((bits & I(0x007FFFFF)) | I(0x3F800000));
        Vector<int> big = Vector.GreaterThan(m, F(1.41421356f));
        m = Select(big, m * F(0.5f), m);
        Vector<int> exponent = Vector.ShiftRightLogical(bits, 23) - I(127) - (subnormal & I(25)) - big;
        Vector<float> e = Flt(exponent + I(ShiftBitsF)) - F(ShiftF);
        Vector<float> f = m - F(1f);
        Vector<float> s = f / (F(2f) + f);
        Vector<float> z = s * s;
        Vector<float> rr = z * (F(LF1) + z * (F(LF2) + z * (F(LF3) + z * F(LF4))));
        Vector<float> hfsq = F(0.5f) * f * f;
        Vector<float> result = e * F(Ln2HiLogF) - ((hfsq - (s * (hfsq + rr) + e * F(Ln2LoLogF))) - f);
        result = Select(Vector.Equals(x, Vector<float>.Zero), F(float.NegativeInfinity), result);
        result = Select(Vector.LessThan(x, Vector<float>.Zero), F(float.NaN), result);
        result = Select(Vector.Equals(x, F(float.PositiveInfinity)), x, result);
        return Select(~Vector.Equals(x, x), x, result);
    }

    /// <summary>exprel(x) = (e^x − 1)/x on each lane, 1 at 0; +∞ once e^x overflows, −1/x once it is negligible.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Exprel(Vector<float> x)
    {
        Vector<float> xc = Select(Vector.GreaterThan(x, F(89f)), F(89f), x);
        xc = Select(Vector.LessThan(xc, F(-30f)), F(-30f), xc);        // e^−30 < 2^−43
        Vector<float> r = ExpReduce(xc, out Vector<int> k, out Vector<float> rl);
        Vector<float> poly = ExpPoly(r);
        Vector<float> near0 = F(1f) + r * poly;
        Vector<float> far = ExpM1FromReduced(r, rl, k, poly) / x;
        Vector<float> result = Select(Vector.Equals(k, Vector<int>.Zero), near0, far);
        return Select(Vector.Equals(x, F(float.PositiveInfinity)), x, result);
    }

    /// <summary>√x on each lane (correctly rounded).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Sqrt(Vector<float> x) => Vector.SquareRoot(x);

    /// <summary>tanh x on each lane (≤ 1.5 ulp), ±1 exactly for |x| ≥ 9.1, odd.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Tanh(Vector<float> x)
    {
        Vector<float> ax = Vector.Abs(x);
        ax = Select(Vector.GreaterThan(ax, F(10f)), F(10f), ax);
        Vector<float> z = ax * ax;
        Vector<float> small = ax + ax * (z * (F(TF0) + z * (F(TF1) + z * (F(TF2) + z * F(TF3)))));
        Vector<float> y = ax + ax;
        Vector<float> r = ExpReduce(y, out Vector<int> k, out Vector<float> rl);
        Vector<float> em1 = ExpM1FromReduced(r, rl, k, ExpPoly(r));
        Vector<float> t = Select(Vector.LessThanOrEqual(ax, F(0.4f)), small, em1 / (em1 + F(2f)));
        return Flt(Bits(t) | (Bits(x) & I(SignBitF)));
    }

    /// <summary>sin x on each lane, computed in double and rounded once (≤ 0.5 ulp in practice).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Sin(Vector<float> x)
    {
        Vector.Widen(x, out Vector<double> lo, out Vector<double> hi);
        Vector<float> result = Vector.Narrow(SinCosForFloat(lo, L(0)), SinCosForFloat(hi, L(0)));
        return Select(Vector.Equals(x, Vector<float>.Zero), x, result);      // sin(−0) = −0
    }

    /// <summary>cos x on each lane, computed in double and rounded once (≤ 0.5 ulp in practice).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Cos(Vector<float> x)
    {
        Vector.Widen(x, out Vector<double> lo, out Vector<double> hi);
        return Vector.Narrow(SinCosForFloat(lo, L(1)), SinCosForFloat(hi, L(1)));
    }

    /// <summary>sin (shift 0) or cos (shift 1) of float values held in double lanes, to ≈ 2^−36 relative.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> SinCosForFloat(Vector<double> x, Vector<long> shift)
    {
        // A float has 24 bits, so three parts of π/2 suffice: r is accurate to ≈ 2^−52 relative.
        Vector<double> nd = RoundToInteger(x * C(TwoOverPi), out Vector<long> n);
        Vector<double> r = ((x - nd * C(Pio2A)) - nd * C(Pio2B)) - nd * C(Pio2BT);
        if (Vector.GreaterThanAny(Vector.Abs(x), C(ReductionLimit)))
        {
            Vector<double> rl = Vector<double>.Zero;
            r = ReduceLargeLanes(x, ref rl, ref n, r);
            r += rl;
        }
        n += shift;
        Vector<double> z = r * r;
        Vector<double> sin = r + r * z * (C(FS1) + z * (C(FS2) + z * (C(FS3) + z * C(FS4))));
        Vector<double> cos = (C(1.0) - C(0.5) * z) + (z * z) * (C(FC1) + z * (C(FC2) + z * (C(FC3) + z * C(FC4))));
        Vector<double> result = Select(Vector.Equals(n & L(1), Vector<long>.Zero), sin, cos);
        return Dbl(Bits(result) ^ Vector.ShiftLeft(n & L(2), 62));
    }

    /// <summary>x^y on each lane with MathF.Pow's special cases, computed in double and rounded once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Pow(Vector<float> x, Vector<float> y)
    {
        Vector.Widen(x, out Vector<double> xlo, out Vector<double> xhi);
        Vector.Widen(y, out Vector<double> ylo, out Vector<double> yhi);
        return Vector.Narrow(PowForFloat(xlo, ylo), PowForFloat(xhi, yhi));
    }

    /// <summary>|x|^y for float values in double lanes: ln|x| to 1 ulp of double, so y·ln|x| is off by
    /// less than 2^−44 relative wherever the float result is finite and non-zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> PowForFloat(Vector<double> x, Vector<double> y)
    {
        Vector<double> t = y * Log(Vector.Abs(x));
        return PowSpecialCases(x, y, Exp(t));
    }
}
