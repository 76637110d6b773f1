using System.Numerics;

namespace DynLang.Runtime.Tests.MathFunctions;

/// <summary>A double-double: the unevaluated sum Hi + Lo, |Lo| ≤ ulp(Hi)/2, about 106 bits.</summary>
internal readonly struct DD
{
    public readonly double Hi;
    public readonly double Lo;

    public DD(double hi, double lo = 0)
    {
        Hi = hi;
        Lo = lo;
    }

    public static implicit operator DD(double x) => new(x);

    private static DD FastTwoSum(double a, double b)
    {
        double s = a + b;
        return new DD(s, b - (s - a));
    }

    private static DD TwoSum(double a, double b)
    {
        double s = a + b;
        double bb = s - a;
        return new DD(s, (a - (s - bb)) + (b - bb));
    }

    // Exact product with a (correctly rounded, software-emulated if need be) fused multiply-add.
    private static DD TwoProd(double a, double b)
    {
        double p = a * b;
        return new DD(p, Math.FusedMultiplyAdd(a, b, -p));
    }

    /// <summary>Accurate sum (relative error ≤ 3·2^−106 even under cancellation; Joldes, Muller, Popescu 2017).</summary>
    public static DD operator +(DD a, DD b)
    {
        DD s = TwoSum(a.Hi, b.Hi);
        DD t = TwoSum(a.Lo, b.Lo);
        DD u = FastTwoSum(s.Hi, s.Lo + t.Hi);
        return FastTwoSum(u.Hi, u.Lo + t.Lo);
    }

    public static DD operator -(DD a) => new(-a.Hi, -a.Lo);

    public static DD operator -(DD a, DD b) => a + -b;

    public static DD operator *(DD a, DD b)
    {
        DD p = TwoProd(a.Hi, b.Hi);
        return FastTwoSum(p.Hi, p.Lo + (a.Hi * b.Lo + a.Lo * b.Hi));
    }

    public static DD operator /(DD a, DD b)
    {
        double q1 = a.Hi / b.Hi;
        DD r = a - b * q1;
        double q2 = r.Hi / b.Hi;
        r -= b * q2;
        double q3 = r.Hi / b.Hi;
        DD q = FastTwoSum(q1, q2);
        return q + q3;
    }

    public static DD ScaleB(DD a, int n) => new(Math.ScaleB(a.Hi, n), Math.ScaleB(a.Lo, n));

    public double ToDouble() => Hi + Lo;

    public override string ToString() => $"{Hi:R} + {Lo:R}";
}

/// <summary>
/// Reference values to ≈ 2^−100 relative, independent of the code under test: double-double
/// Taylor series, and for sin/cos an exact big-integer reduction by a Machin π of 1,600 bits.
/// A value is returned as (v, scale) meaning v·2^scale, so results in the subnormal range (and
/// e^x/x just past the overflow threshold) keep their precision.
/// </summary>
internal static class DoubleDoubleReference
{
    public static readonly DD Ln2 = new(0.6931471805599453, 2.3190468138462996e-17);

    // 1/n as double-doubles, so the series below multiply instead of divide.
    private static readonly DD[] Inverse = Enumerable.Range(0, 6400).Select(n => n == 0 ? new DD(0) : (DD)1.0 / n).ToArray();

    /// <summary>e^r − 1 for |r| ≤ 2 by Taylor on r/2^10 and ten doublings e(2a) − 1 = E(E + 2).</summary>
    public static DD Expm1Small(DD r)
    {
        DD s = DD.ScaleB(r, -10);
        DD term = s, sum = s;
        for (int n = 2; n < 30 && Math.Abs(term.Hi) > 1e-40 * Math.Abs(sum.Hi); n++)
        {
            term = term * s * Inverse[n];
            sum += term;
        }
        for (int i = 0; i < 10; i++) sum *= sum + 2.0;
        return sum;
    }

    /// <summary>e^x = v·2^scale for any finite x (v in [0.7, 1.5]).</summary>
    public static DD Exp(DD x, out int scale)
    {
        double k = Math.Round(x.Hi / Ln2.Hi);
        scale = (int)k;
        DD r = x - Ln2 * k;
        return 1.0 + Expm1Small(r);
    }

    public static DD Exp(double x, out int scale) => Exp((DD)x, out scale);

    /// <summary>ln x for positive finite x (subnormals included): ln m by the atanh series, m in [0.75, 1.5).</summary>
    public static DD Log(double x)
    {
        int e = Math.ILogB(x);
        double m = Math.ScaleB(x, -e);
        if (m >= 1.5) { m *= 0.5; e++; }
        DD s = (DD)(m - 1.0) / ((DD)m + 1.0);      // m − 1 exact
        DD s2 = s * s;
        DD power = s, sum = s;
        for (int n = 3; n < 200 && Math.Abs(power.Hi) > 1e-40 * Math.Abs(sum.Hi); n += 2)
        {
            power *= s2;
            sum += power * Inverse[n];
        }
        return Ln2 * e + DD.ScaleB(sum, 1);
    }

    /// <summary>(e^x − 1)/x, 1 at 0, as v·2^scale.</summary>
    public static DD Exprel(double x, out int scale)
    {
        scale = 0;
        if (x == 0) return 1.0;
        if (Math.Abs(x) < 0.5)
        {
            // Σ x^n/(n+1)!
            DD term = 1.0, sum = 1.0;
            for (int n = 1; n < 60 && Math.Abs(term.Hi) > 1e-40; n++)
            {
                term = term * x * Inverse[n + 1];
                sum += term;
            }
            return sum;
        }
        if (x < -800) return -1.0 / (DD)x;     // e^x < 2^−1150: irrelevant at 106 bits
        DD v = Exp(x, out int k);
        if (k > 900)
        {
            // e^x/x, the −1/x below 2^−900 relative.
            scale = k;
            return v / x;
        }
        return (DD.ScaleB(v, k) - 1.0) / x;
    }

    /// <summary>tanh x.</summary>
    public static DD Tanh(double x)
    {
        double a = Math.Abs(x);
        DD t;
        if (a < 0.5)
        {
            DD e = Expm1Small(2 * a);
            t = e / (e + 2.0);
        }
        else if (a > 200) t = 1.0 - DD.ScaleB(Exp(-2 * a, out int k2), k2 + 1);   // 1 − 2e^{−2a}
        else
        {
            DD v = DD.ScaleB(Exp(2 * a, out int k), k);
            t = 1.0 - 2.0 / (v + 1.0);
        }
        return x < 0 ? -t : t;
    }

    /// <summary>x^y = v·2^scale for x &gt; 0 finite and y finite (|y·ln x| &lt; 745·1.01), or x &lt; 0 and y an integer.</summary>
    public static DD Pow(double x, double y, out int scale)
    {
        DD v = Exp(Log(Math.Abs(x)) * y, out scale);
        bool odd = x < 0 && Math.Abs(y) < 9007199254740992.0 && Math.Abs(y % 2) == 1;
        return odd ? -v : v;
    }

    // ---- sin, cos: exact reduction with a big-integer π ----

    private const int PiBits = 1600;
    private static readonly Lazy<BigInteger> PiFixed = new(ComputePi);

    /// <summary>⌊π·2^1600⌋ ± a few units, by Machin: π = 16 atan(1/5) − 4 atan(1/239).</summary>
    private static BigInteger ComputePi()
    {
        int guard = 32;
        BigInteger one = BigInteger.One << (PiBits + guard);
        BigInteger pi = 16 * Atan(5, one) - 4 * Atan(239, one);
        return pi >> guard;

        static BigInteger Atan(int n, BigInteger one)
        {
            BigInteger n2 = n * n;
            BigInteger power = one / n, sum = power;
            for (int k = 1; !power.IsZero; k++)
            {
                power /= n2;
                BigInteger term = power / (2 * k + 1);
                sum += (k & 1) == 1 ? -term : term;
            }
            return sum;
        }
    }

    /// <summary>x = n·π/2 + r exactly to ≈ 2^−170 absolute; returns n mod 4 and r as a double-double.</summary>
    public static int ReducePiOver2(double x, out DD r)
    {
        double a = Math.Abs(x);
        if (a < 0.78)
        {
            r = x;
            return 0;
        }
        int ilogb = Math.ILogB(a);
        long mantissa = (long)Math.ScaleB(a, 52 - ilogb);       // exact, 53 bits
        int exponent = ilogb - 52;
        int fraction = ilogb + 170;                             // fixed-point bits; exponent + fraction ≥ 0
        BigInteger xFixed = new BigInteger(mantissa) << (exponent + fraction);
        BigInteger halfPi = PiFixed.Value >> (PiBits - fraction + 1);
        BigInteger n = BigInteger.DivRem(xFixed, halfPi, out BigInteger rem);
        if (rem * 2 > halfPi)
        {
            n += 1;
            rem -= halfPi;
        }
        r = ToDD(rem, fraction);
        int quadrant = (int)(n % 4);
        if (x < 0)
        {
            r = -r;
            quadrant = (4 - quadrant) % 4;
        }
        return quadrant;
    }

    private static DD ToDD(BigInteger value, int fractionBits)
    {
        int sign = value.Sign;
        BigInteger abs = BigInteger.Abs(value);
        double hi = Top53(abs, fractionBits, out BigInteger rest);
        double lo = Top53(rest, fractionBits, out _);
        DD d = new DD(hi) + lo;
        return sign < 0 ? -d : d;

        static double Top53(BigInteger v, int fractionBits, out BigInteger rest)
        {
            if (v.IsZero)
            {
                rest = BigInteger.Zero;
                return 0;
            }
            int shift = Math.Max((int)v.GetBitLength() - 53, 0);
            BigInteger top = v >> shift;
            rest = v - (top << shift);
            return Math.ScaleB((double)(long)top, shift - fractionBits);
        }
    }

    public static DD Sin(double x)
    {
        int q = ReducePiOver2(x, out DD r);
        DD v = (q & 1) == 0 ? SinTaylor(r) : CosTaylor(r);
        return (q & 2) == 0 ? v : -v;
    }

    public static DD Cos(double x)
    {
        int q = (ReducePiOver2(x, out DD r) + 1) & 3;
        DD v = (q & 1) == 0 ? SinTaylor(r) : CosTaylor(r);
        return (q & 2) == 0 ? v : -v;
    }

    private static DD SinTaylor(DD r)
    {
        DD r2 = r * r, term = r, sum = r;
        for (int n = 1; n < 40 && Math.Abs(term.Hi) > 1e-40 * Math.Abs(sum.Hi); n++)
        {
            term = -(term * r2 * Inverse[2 * n * (2 * n + 1)]);
            sum += term;
        }
        return sum;
    }

    private static DD CosTaylor(DD r)
    {
        DD r2 = r * r, term = 1.0, sum = 1.0;
        for (int n = 1; n < 40 && Math.Abs(term.Hi) > 1e-40; n++)
        {
            term = -(term * r2 * Inverse[(2 * n - 1) * (2 * n)]);
            sum += term;
        }
        return sum;
    }
}

/// <summary>Errors in units in the last place of the exact value.</summary>
internal static class Ulp
{
    /// <summary>|computed − v·2^scale| in ulp of v·2^scale (double format, subnormal ulp 2^−1074).</summary>
    public static double ErrorDouble(double computed, DD v, int scale = 0) => Error(computed, v, scale, 52, -1022);

    /// <summary>The same in float ulp (subnormal ulp 2^−149).</summary>
    public static double ErrorFloat(float computed, DD v, int scale = 0) => Error(computed, v, scale, 23, -126);

    private static double Error(double computed, DD v, int scale, int mantissaBits, int minExponent)
    {
        if (double.IsNaN(computed) || double.IsInfinity(computed)) return double.PositiveInfinity;
        if (v.Hi == 0) return computed == 0 ? 0 : double.PositiveInfinity;
        int e = Math.ILogB(v.Hi);
        // An exact power of two with a negative tail lies in the binade below.
        if (Math.Abs(v.Hi) == Math.ScaleB(1.0, e) && v.Lo != 0 && Math.Sign(v.Lo) != Math.Sign(v.Hi)) e--;
        int ulpExponent = Math.Max(e + scale, minExponent) - mantissaBits;
        DD diff = (DD)Math.ScaleB(computed, -scale) - v;
        return Math.Abs(Math.ScaleB(diff.Hi, scale - ulpExponent));
    }
}
