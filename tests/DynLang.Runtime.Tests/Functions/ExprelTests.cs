using System.Numerics;

namespace DynLang.Runtime.Tests.Functions;

/// <summary>
/// exprel(x) = (e^x − 1)/x, which generated kernels call for Brian2's exprel (Hodgkin–Huxley rate
/// functions). .NET has no expm1, so ScalarMath computes Kahan's (u − 1)/ln(u) with u = e^x.
/// </summary>
public sealed class ExprelTests
{
    // Relative tolerance 4e-16 (about 2 ulp): Kahan's formula is accurate to a few ulp when exp and
    // log are correctly rounded to within an ulp (Goldberg 1991, theorem 4, for the ln(1+x) twin).
    private const double Relative = 4e-16;

    public static TheoryData<double, double> ClosedForms => new()
    {
        { 1.0, System.Math.E - 1 },                       // e − 1
        { -1.0, 1 - 1 / System.Math.E },                  // 1 − 1/e
        { 1e-9, 1 + 1e-9 / 2 + 1e-18 / 6 },               // series 1 + x/2 + x²/6 (next term 4e-29)
        { -1e-9, 1 - 1e-9 / 2 + 1e-18 / 6 },
        { 1e-5, 1 + 1e-5 / 2 + 1e-10 / 6 + 1e-15 / 24 },  // next term 8e-23
        { -800.0, 1.0 / 800 },                            // e^-800 underflows: (0 − 1)/x
        { 20.0, (System.Math.Exp(20) - 1) / 20 },         // no cancellation for large x
    };

    [Theory]
    [MemberData(nameof(ClosedForms))]
    public void Double_matches_closed_forms(double x, double expected) =>
        Assert.Equal(expected, ScalarMath.Exprel(x), expected * Relative);

    [Fact]
    public void Zero_tiny_infinite_and_nan()
    {
        Assert.Equal(1.0, ScalarMath.Exprel(0.0));
        Assert.Equal(1.0, ScalarMath.Exprel(1e-300));
        Assert.Equal(1.0, ScalarMath.Exprel(-0.0));
        Assert.True(double.IsPositiveInfinity(ScalarMath.Exprel(800.0)));
        Assert.True(double.IsNaN(ScalarMath.Exprel(double.NaN)));
        Assert.Equal(0.0, ScalarMath.Exprel(double.NegativeInfinity));
    }

    [Fact]
    public void The_naive_formula_loses_digits_this_one_keeps()
    {
        // (e^x − 1)/x at x = 1e-12 is off in the 4th digit; exprel stays within 2 ulp of 1 + x/2.
        double x = 1e-12;
        Assert.True(System.Math.Abs((System.Math.Exp(x) - 1) / x - 1) > 1e-5);
        Assert.Equal(1 + x / 2, ScalarMath.Exprel(x), 4e-16);
    }

    [Fact]
    public void Single_precision_within_a_few_float_ulp()
    {
        // 1e-6 relative: a few float ulp (2^-23 ≈ 1.2e-7).
        foreach (double x in new[] { 1.0, -1.0, 1e-4, -3.0, 7.5 })
        {
            double expected = ScalarMath.Exprel(x);
            Assert.Equal(expected, ScalarMath.Exprel((float)x), expected * 1e-6);
        }
        Assert.Equal(1f, ScalarMath.Exprel(0f));
    }

    [Fact]
    public void Vector_lanes_equal_the_scalar_function()
    {
        var lanes = new double[Vector<double>.Count];
        for (int k = 0; k < lanes.Length; k++) lanes[k] = -2.5 + 1.7 * k;
        var result = VectorMath.Exprel(new Vector<double>(lanes));
        for (int k = 0; k < lanes.Length; k++) Assert.Equal(ScalarMath.Exprel(lanes[k]), result[k]);
        var floats = new float[Vector<float>.Count];
        for (int k = 0; k < floats.Length; k++) floats[k] = -2.5f + 0.9f * k;
        var resultF = VectorMath.Exprel(new Vector<float>(floats));
        for (int k = 0; k < floats.Length; k++) Assert.Equal(ScalarMath.Exprel(floats[k]), resultF[k]);
    }
}
