namespace DynLang.Runtime.Tests.MathFunctions;

/// <summary>
/// <see cref="FastMath"/> at NaN, ±∞, ±0, subnormals and the overflow and underflow thresholds, in
/// double and float. Exact expectations are compared bit for bit (so the sign of a zero counts);
/// finite non-trivial ones against the double-double reference in ulp.
/// </summary>
public sealed class FastMathEdgeCaseTests
{
    private const double Inf = double.PositiveInfinity;
    private const float InfF = float.PositiveInfinity;

    private static void Same(double expected, double actual, string what)
    {
        if (double.IsNaN(expected)) Assert.True(double.IsNaN(actual), $"{what}: expected NaN, got {actual:R}");
        else Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual), $"{what}: expected {expected:R}, got {actual:R}");
    }

    private static void Same(float expected, float actual, string what)
    {
        if (float.IsNaN(expected)) Assert.True(float.IsNaN(actual), $"{what}: expected NaN, got {actual:R}");
        else Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual), $"{what}: expected {expected:R}, got {actual:R}");
    }

    private static void Near(double actual, DD reference, int scale, double ulps, string what)
    {
        double e = Ulp.ErrorDouble(actual, reference, scale);
        Assert.True(e <= ulps, $"{what}: {actual:R} is {e:F2} ulp from {reference} · 2^{scale}");
    }

    private static void NearF(float actual, DD reference, int scale, double ulps, string what)
    {
        double e = Ulp.ErrorFloat(actual, reference, scale);
        Assert.True(e <= ulps, $"{what}: {actual:R} is {e:F2} ulp from {reference} · 2^{scale}");
    }

    [Fact]
    public void Exp_special_values_and_thresholds()
    {
        Same(double.NaN, FastMath.Exp(double.NaN), "exp(NaN)");
        Same(Inf, FastMath.Exp(Inf), "exp(+inf)");
        Same(0.0, FastMath.Exp(-Inf), "exp(-inf)");
        Same(1.0, FastMath.Exp(0.0), "exp(0)");
        Same(1.0, FastMath.Exp(-0.0), "exp(-0)");
        Same(1.0, FastMath.Exp(double.Epsilon), "exp(subnormal)");
        Same(Inf, FastMath.Exp(710.0), "exp(710)");
        Same(Inf, FastMath.Exp(1e300), "exp(1e300)");
        Same(0.0, FastMath.Exp(-746.0), "exp(-746)");
        Same(0.0, FastMath.Exp(-1e300), "exp(-1e300)");
        // ln(MaxValue) = 709.78271289338397310…: the double just below it is the last finite result
        // (e^x = MaxValue − 213 ulp), the next one overflows (e^x = MaxValue + 800 ulp).
        double lastFinite = 709.782712893384;
        Assert.True(double.IsFinite(FastMath.Exp(lastFinite)));
        Assert.True(double.IsFinite(FastMath.Exp(709.78)));
        Same(Inf, FastMath.Exp(Math.BitIncrement(lastFinite)), "exp(709.7827128933841)");
        foreach (double x in new[] { lastFinite, 709.78, 709.0, 708.0, -708.0, -708.4, -708.5, -709.0, -720.0, -740.0, -744.0, -745.0, -745.13 })
        {
            DD v = DoubleDoubleReference.Exp(x, out int k);
            Near(FastMath.Exp(x), v, k, 1.0, $"exp({x:R})");
        }
        // Subnormal results are rounded once, not flushed: e^−740 ≈ 4.2e-322, e^−745.13 = 2^−1074.
        Assert.True(FastMath.Exp(-740.0) > 4e-322 && FastMath.Exp(-740.0) < 4.3e-322);
        Same(double.Epsilon, FastMath.Exp(-745.13), "exp(-745.13)");
        Same(0.0, FastMath.Exp(-745.14), "exp(-745.14)");   // below ½·2^−1074
    }

    [Fact]
    public void Exp_float_special_values_and_thresholds()
    {
        Same(float.NaN, FastMath.Exp(float.NaN), "exp(NaN)");
        Same(InfF, FastMath.Exp(InfF), "exp(+inf)");
        Same(0f, FastMath.Exp(-InfF), "exp(-inf)");
        Same(1f, FastMath.Exp(0f), "exp(0)");
        Same(1f, FastMath.Exp(-0f), "exp(-0)");
        Same(InfF, FastMath.Exp(88.8f), "exp(88.8)");
        Assert.True(float.IsFinite(FastMath.Exp(88.72f)));
        Same(0f, FastMath.Exp(-104f), "exp(-104)");
        Same(float.Epsilon, FastMath.Exp(-103.9f), "exp(-103.9)");
        foreach (float x in new[] { 88.72f, 88f, 87f, -87f, -87.5f, -90f, -100f, -103f })
        {
            DD v = DoubleDoubleReference.Exp(x, out int k);
            NearF(FastMath.Exp(x), v, k, 1.0, $"expf({x:R})");
        }
    }

    [Fact]
    public void Log_special_values_and_subnormals()
    {
        Same(double.NaN, FastMath.Log(double.NaN), "log(NaN)");
        Same(double.NaN, FastMath.Log(-1.0), "log(-1)");
        Same(double.NaN, FastMath.Log(-Inf), "log(-inf)");
        Same(double.NaN, FastMath.Log(-double.Epsilon), "log(-subnormal)");
        Same(double.NegativeInfinity, FastMath.Log(0.0), "log(0)");
        Same(double.NegativeInfinity, FastMath.Log(-0.0), "log(-0)");
        Same(Inf, FastMath.Log(Inf), "log(+inf)");
        Same(0.0, FastMath.Log(1.0), "log(1)");
        foreach (double x in new[] { double.Epsilon, 2 * double.Epsilon, 1e-320, 1e-310, 2.2250738585072009e-308, 2.2250738585072014e-308,
                     double.MaxValue, Math.BitDecrement(1.0), Math.BitIncrement(1.0), 0.5, 2.0, Math.Sqrt(2), Math.BitIncrement(Math.Sqrt(2)) })
            Near(FastMath.Log(x), DoubleDoubleReference.Log(x), 0, 1.0, $"log({x:R})");

        Same(float.NaN, FastMath.Log(-1f), "logf(-1)");
        Same(float.NegativeInfinity, FastMath.Log(-0f), "logf(-0)");
        Same(InfF, FastMath.Log(InfF), "logf(+inf)");
        Same(0f, FastMath.Log(1f), "logf(1)");
        foreach (float x in new[] { float.Epsilon, 1e-40f, 1.1754942e-38f, 1.17549435e-38f, float.MaxValue, MathF.BitDecrement(1f), MathF.BitIncrement(1f) })
            NearF(FastMath.Log(x), DoubleDoubleReference.Log(x), 0, 1.0, $"logf({x:R})");
    }

    [Fact]
    public void Exprel_special_values_overflow_and_underflow()
    {
        foreach (double x in new[] { 0.0, -0.0, 1e-300, -1e-300, double.Epsilon, 1e-17 })
            Same(1.0, FastMath.Exprel(x), $"exprel({x:R})");
        Same(double.NaN, FastMath.Exprel(double.NaN), "exprel(NaN)");
        Same(Inf, FastMath.Exprel(Inf), "exprel(+inf)");
        Same(0.0, FastMath.Exprel(-Inf), "exprel(-inf)");
        // Like ScalarMath.Exprel: +∞ once e^x overflows, −1/x once e^x is negligible.
        Same(Inf, FastMath.Exprel(709.8), "exprel(709.8)");
        Same(Inf, FastMath.Exprel(800.0), "exprel(800)");
        Assert.True(double.IsFinite(FastMath.Exprel(709.78)));
        Same(1.0 / 800, FastMath.Exprel(-800.0), "exprel(-800)");
        Same(-1.0 / -1e300, FastMath.Exprel(-1e300), "exprel(-1e300)");
        foreach (double x in new[] { 709.78, 700.0, -40.0, -60.0, -61.0, -745.0, 0.3465, 0.3466, 0.34658, -0.3466, 1e-9, -1e-9, 1e-5 })
        {
            DD v = DoubleDoubleReference.Exprel(x, out int k);
            Near(FastMath.Exprel(x), v, k, 2.0, $"exprel({x:R})");
        }

        Same(1f, FastMath.Exprel(0f), "exprelf(0)");
        Same(1f, FastMath.Exprel(-0f), "exprelf(-0)");
        Same(1f, FastMath.Exprel(1e-30f), "exprelf(1e-30)");
        Same(float.NaN, FastMath.Exprel(float.NaN), "exprelf(NaN)");
        Same(InfF, FastMath.Exprel(InfF), "exprelf(+inf)");
        Same(0f, FastMath.Exprel(-InfF), "exprelf(-inf)");
        Same(InfF, FastMath.Exprel(89f), "exprelf(89)");
        Same(1f / 200, FastMath.Exprel(-200f), "exprelf(-200)");
        foreach (float x in new[] { 88.7f, 50f, -20f, -30f, -31f, -103f, 0.3466f, -0.3466f, 1e-5f })
        {
            DD v = DoubleDoubleReference.Exprel(x, out int k);
            NearF(FastMath.Exprel(x), v, k, 2.0, $"exprelf({x:R})");
        }
    }

    [Fact]
    public void Tanh_special_values()
    {
        Same(0.0, FastMath.Tanh(0.0), "tanh(0)");
        Same(-0.0, FastMath.Tanh(-0.0), "tanh(-0)");
        Same(1.0, FastMath.Tanh(Inf), "tanh(+inf)");
        Same(-1.0, FastMath.Tanh(-Inf), "tanh(-inf)");
        Same(double.NaN, FastMath.Tanh(double.NaN), "tanh(NaN)");
        Same(1.0, FastMath.Tanh(20.0), "tanh(20)");
        Same(-1.0, FastMath.Tanh(-1e300), "tanh(-1e300)");
        Same(double.Epsilon, FastMath.Tanh(double.Epsilon), "tanh(subnormal)");
        Same(-1e-310, FastMath.Tanh(-1e-310), "tanh(-1e-310)");
        Same(1e-200, FastMath.Tanh(1e-200), "tanh(1e-200)");
        foreach (double x in new[] { 0.4, Math.BitIncrement(0.4), 0.1733, 0.55, 19.0, 19.1, -5.0 })
            Near(FastMath.Tanh(x), DoubleDoubleReference.Tanh(x), 0, 1.5, $"tanh({x:R})");

        Same(-0f, FastMath.Tanh(-0f), "tanhf(-0)");
        Same(1f, FastMath.Tanh(InfF), "tanhf(+inf)");
        Same(-1f, FastMath.Tanh(-InfF), "tanhf(-inf)");
        Same(float.NaN, FastMath.Tanh(float.NaN), "tanhf(NaN)");
        Same(1f, FastMath.Tanh(10f), "tanhf(10)");
        Same(float.Epsilon, FastMath.Tanh(float.Epsilon), "tanhf(subnormal)");
    }

    [Fact]
    public void Sin_and_cos_special_values_and_huge_arguments()
    {
        Same(0.0, FastMath.Sin(0.0), "sin(0)");
        Same(-0.0, FastMath.Sin(-0.0), "sin(-0)");
        Same(1.0, FastMath.Cos(0.0), "cos(0)");
        Same(1.0, FastMath.Cos(-0.0), "cos(-0)");
        foreach (double x in new[] { Inf, -Inf, double.NaN })
        {
            Same(double.NaN, FastMath.Sin(x), $"sin({x})");
            Same(double.NaN, FastMath.Cos(x), $"cos({x})");
        }
        Same(double.Epsilon, FastMath.Sin(double.Epsilon), "sin(subnormal)");
        Same(-1e-310, FastMath.Sin(-1e-310), "sin(-1e-310)");
        Same(1.0, FastMath.Cos(1e-310), "cos(1e-310)");
        // Around the Cody–Waite limit, the classic huge arguments, the hardest double (Kahan–McDonald).
        foreach (double x in new[] { 1e-8, 1.5707963267948966, 3.141592653589793, 1e5, 1.6e6, Math.BitIncrement(1.6e6), -1.6e6, 1.647e6,
                     1e22, 1e300, double.MaxValue, -double.MaxValue, 6381956970095103.0 * Math.Pow(2, 797), 1.0e15, 2.0e9 })
        {
            Near(FastMath.Sin(x), DoubleDoubleReference.Sin(x), 0, 1.0, $"sin({x:R})");
            Near(FastMath.Cos(x), DoubleDoubleReference.Cos(x), 0, 1.0, $"cos({x:R})");
        }

        Same(-0f, FastMath.Sin(-0f), "sinf(-0)");
        Same(1f, FastMath.Cos(-0f), "cosf(-0)");
        Same(float.NaN, FastMath.Sin(InfF), "sinf(inf)");
        Same(float.NaN, FastMath.Cos(-InfF), "cosf(-inf)");
        Same(float.Epsilon, FastMath.Sin(float.Epsilon), "sinf(subnormal)");
        foreach (float x in new[] { 1.5707964f, 3.1415927f, 1.6e6f, 1.7e6f, 1e20f, float.MaxValue, -float.MaxValue })
        {
            NearF(FastMath.Sin(x), DoubleDoubleReference.Sin(x), 0, 0.501, $"sinf({x:R})");
            NearF(FastMath.Cos(x), DoubleDoubleReference.Cos(x), 0, 0.501, $"cosf({x:R})");
        }
    }

    [Fact]
    public void Sqrt_special_values()
    {
        Same(-0.0, FastMath.Sqrt(-0.0), "sqrt(-0)");
        Same(double.NaN, FastMath.Sqrt(-1.0), "sqrt(-1)");
        Same(Inf, FastMath.Sqrt(Inf), "sqrt(inf)");
        Same(Math.Sqrt(double.Epsilon), FastMath.Sqrt(double.Epsilon), "sqrt(subnormal)");
        Same(-0f, FastMath.Sqrt(-0f), "sqrtf(-0)");
        Same(float.NaN, FastMath.Sqrt(-1f), "sqrtf(-1)");
    }

    private static readonly double[] PowValues =
    [
        0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, -2.0, 3.0, -3.0, 1.5, -1.5, 1e300, -1e300, double.Epsilon, -double.Epsilon,
        double.MaxValue, Inf, -Inf, double.NaN, 9007199254740992.0, 9007199254740994.0, -9007199254740991.0, 1e-300, 0.3, -1024.0, 1024.0,
    ];

    public static TheoryData<double> PowArguments => new(PowValues);

    [Theory]
    [MemberData(nameof(PowArguments))]
    public void Pow_matches_Math_Pow_special_cases(double x)
    {
        // Every pair of the list: where Math.Pow's result is 0, ±∞, ±1 or NaN (the special cases and
        // saturations), the same bits (NaN: any NaN); elsewhere within 1.5 ulp of the reference.
        foreach (double y in PowValues)
        {
            double expected = Math.Pow(x, y);
            double actual = FastMath.Pow(x, y);
            string what = $"pow({x:R}, {y:R})";
            if (double.IsNaN(expected) || expected == 0 || double.IsInfinity(expected) || Math.Abs(expected) == 1)
                Same(expected, actual, what);
            else
            {
                DD v = DoubleDoubleReference.Pow(x, y, out int k);
                Near(actual, v, k, 1.5, what);
            }

            float xf = (float)x, yf = (float)y;
            float expectedF = MathF.Pow(xf, yf);
            float actualF = FastMath.Pow(xf, yf);
            string whatF = $"powf({xf:R}, {yf:R})";
            if (float.IsNaN(expectedF) || expectedF == 0 || float.IsInfinity(expectedF) || MathF.Abs(expectedF) == 1)
                Same(expectedF, actualF, whatF);
            else
            {
                DD v = DoubleDoubleReference.Pow(xf, yf, out int k);
                NearF(actualF, v, k, 0.501, whatF);
            }
        }
    }

    [Fact]
    public void Pow_overflow_underflow_and_exact_powers()
    {
        Same(Inf, FastMath.Pow(10.0, 308.5), "pow(10, 308.5)");
        Same(Inf, FastMath.Pow(2.0, 1024.0), "pow(2, 1024)");
        Same(double.NegativeInfinity, FastMath.Pow(-2.0, 1025.0), "pow(-2, 1025)");
        Same(0.0, FastMath.Pow(10.0, -330.0), "pow(10, -330)");
        Same(-0.0, FastMath.Pow(-10.0, -331.0), "pow(-10, -331)");
        Same(double.Epsilon, FastMath.Pow(2.0, -1074.0), "pow(2, -1074)");
        Same(Math.ScaleB(1, -1030), FastMath.Pow(2.0, -1030.0), "pow(2, -1030)");
        Same(Math.ScaleB(1, 1023), FastMath.Pow(2.0, 1023.0), "pow(2, 1023)");
        Same(1024.0, FastMath.Pow(2.0, 10.0), "pow(2, 10)");
        Same(-27.0, FastMath.Pow(-3.0, 3.0), "pow(-3, 3)");
        Same(0.25, FastMath.Pow(-2.0, -2.0), "pow(-2, -2)");
        Same(3.0, FastMath.Pow(9.0, 0.5), "pow(9, 0.5)");
        foreach (var (x, y) in new[] { (10.0, -320.0), (0.5, 1074.5), (1.0000001, 7.0e9), (0.9999999, -7.0e9), (7.0, 364.0), (1e-300, 1.02) })
        {
            DD v = DoubleDoubleReference.Pow(x, y, out int k);
            Near(FastMath.Pow(x, y), v, k, 1.5, $"pow({x:R}, {y:R})");
        }
        Same(InfF, FastMath.Pow(10f, 39f), "powf(10, 39)");
        Same(0f, FastMath.Pow(10f, -46f), "powf(10, -46)");
        Same(float.Epsilon, FastMath.Pow(2f, -149f), "powf(2, -149)");
        Same(-8f, FastMath.Pow(-2f, 3f), "powf(-2, 3)");
    }
}
