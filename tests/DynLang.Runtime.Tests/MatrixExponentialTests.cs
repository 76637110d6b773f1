using DynLang.Runtime;
using static DynLang.Runtime.Tests.MatrixTestHelpers;

namespace DynLang.Runtime.Tests;

public class MatrixExponentialTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(12)]
    public void Zero_GivesIdentityExactly(int n)
    {
        Assert.Equal(Identity(n), Expm(new double[n * n], n));
    }

    [Fact]
    public void EmptyMatrix_IsAllowed()
    {
        MatrixExponential.Compute([], 0, [], new MatrixExponentialWorkspace(0));
    }

    [Fact]
    public void SmallDiagonal_MatchesMathExp_ToAFewUlps()
    {
        // ‖A‖₁ = 2 <= θ9: no squaring, and the exact Padé approximant is within u of e^x. What
        // remains is rounding in V ± U and one division, a few u; Math.Exp itself is within an
        // ulp. Measured: at most 2 u. Each entry is checked relative to itself.
        double[] d = [-2, -1, -0.5, -1e-3, 0, 1e-9, 0.3, 1.25, 2];
        double[] x = Expm(Diagonal(d), d.Length);
        for (int i = 0; i < d.Length; i++)
        {
            double expected = Math.Exp(d[i]);
            Assert.True(Math.Abs(x[i * d.Length + i] - expected) <= 4 * U * expected, $"exp({d[i]})");
        }

        Assert.Equal(0, x.Where((_, k) => k / d.Length != k % d.Length).Max(Math.Abs));
    }

    [Theory]
    [InlineData(5.0)]
    [InlineData(30.0)]
    [InlineData(100.0)]
    [InlineData(700.0)]
    public void LargeDiagonal_MatchesMathExp_Normwise(double scale)
    {
        // Beyond θ9 the guarantee is normwise: the result is e^{A+E} with ‖E‖ ≲ u‖A‖, so
        // relative to the largest entry the error is about ‖A‖ u times a small constant
        // (rounding in the Padé evaluation at ‖A/2^s‖ ≈ θ13 and the squarings). Measured: at
        // most 10 ‖A‖ u (41 u at ‖A‖ = 5, 310 u at 30, 890 u at 700); bound 16 ‖A‖ u.
        double[] d = [-1, -0.5, 0.3, 1, -0.01, 0.77];
        double[] a = Diagonal(d.Select(v => v * scale).ToArray());
        double[] expected = Diagonal(d.Select(v => Math.Exp(v * scale)).ToArray());
        double error = NormwiseErrorInU(Expm(a, d.Length), expected);
        Assert.True(error <= 16 * scale, $"{error} u");
    }

    [Fact]
    public void Nilpotent_GivesIPlusA()
    {
        // A² = 0, so e^A = I + A. Every Padé approximant reproduces this in exact arithmetic,
        // and the only roundings are of values like 1 ± 1/2: the result is exact.
        Assert.Equal([1, 1, 0, 1], Expm([0, 1, 0, 0], 2));
        Assert.Equal([1, -3.5, 0, 1], Expm([0, -3.5, 0, 0], 2));
    }

    [Theory]
    [InlineData(1e-3)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(3.0)]
    [InlineData(20.0)]
    [InlineData(100.0)]
    public void RotationGenerator_GivesCosSin(double angle)
    {
        // [[0, -w], [w, 0]] t is normal with ‖A‖ = wt and ‖e^A‖ = 1, so the absolute error
        // should be about wt u; Math.Cos/Sin add an ulp. Measured: 1 u up to wt = 3, 16 u at
        // wt = 100. Bound: 4 (1 + wt) u.
        const double w = 2.0;
        double t = angle / w;
        double[] x = Expm([0, -w * t, w * t, 0], 2);
        double c = Math.Cos(angle);
        double s = Math.Sin(angle);
        double[] expected = [c, -s, s, c];
        double worst = x.Zip(expected, (p, q) => Math.Abs(p - q)).Max();
        Assert.True(worst <= 4 * (1 + angle) * U, $"{worst / U} u");
    }

    [Fact]
    public void UpperTriangular_MatchesDividedDifferenceFormula()
    {
        // For T upper triangular 3x3 with distinct eigenvalues l1, l2, l3:
        //   F_ii = e^{l_i},  F_12 = t12 f[l1,l2],  F_23 = t23 f[l2,l3],
        //   F_13 = t13 f[l1,l3] + t12 t23 f[l1,l2,l3]
        // where f[..] are divided differences of exp (Parlett's recurrence / Opitz' formula).
        double l1 = -1, l2 = -2.5, l3 = 0.5, t12 = 0.75, t13 = -1.25, t23 = 2;
        double[] x = Expm([l1, t12, t13, 0, l2, t23, 0, 0, l3], 3);

        double f12 = DividedDifference(l1, l2);
        double f23 = DividedDifference(l2, l3);
        double f13 = DividedDifference(l1, l3);
        double f123 = (f12 - f23) / (l1 - l3);
        double[] expected =
        [
            Math.Exp(l1), t12 * f12, t13 * f13 + t12 * t23 * f123,
            0, Math.Exp(l2), t23 * f23,
            0, 0, Math.Exp(l3),
        ];

        // ‖A‖₁ = 4.5 <= θ13, no squaring; the reference has a few u of its own. Bound 16 ‖A‖ u.
        double error = NormwiseErrorInU(x, expected);
        Assert.True(error <= 16 * 4.5, $"{error} u");
        Assert.Equal(0.0, x[3]);
        Assert.Equal(0.0, x[6]);
        Assert.Equal(0.0, x[7]);
    }

    [Fact]
    public void NonFiniteInput_GivesNaN()
    {
        double[] x = Expm([1, double.NaN, 0, 1], 2);
        Assert.All(x, v => Assert.True(double.IsNaN(v)));
        x = Expm([double.PositiveInfinity, 0, 0, 1], 2);
        Assert.All(x, v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void Compute_ValidatesArguments()
    {
        var workspace = new MatrixExponentialWorkspace(2);
        double[] a = new double[4];
        double[] r = new double[4];
        Assert.Throws<ArgumentNullException>(() => MatrixExponential.Compute(a, 2, r, null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => MatrixExponential.Compute(a, -1, r, workspace));
        Assert.Throws<ArgumentException>(() => MatrixExponential.Compute(a, 3, new double[9], workspace));
        Assert.Throws<ArgumentException>(() => MatrixExponential.Compute(new double[3], 2, r, workspace));
        Assert.Throws<ArgumentException>(() => MatrixExponential.Compute(a, 2, new double[3], workspace));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MatrixExponentialWorkspace(-1));
    }

    [Fact]
    public void LargerWorkspace_ServesSmallerMatrices()
    {
        var workspace = new MatrixExponentialWorkspace(6);
        var result = new double[4];
        MatrixExponential.Compute([0, 1, 0, 0], 2, result, workspace);
        Assert.Equal([1, 1, 0, 1], result);
    }

    [Fact]
    public void InPlace_ResultMayAliasInput()
    {
        double[] a = [-0.5, 0.25, 0.125, -1.5, 2, 0.75, 0.5, -0.25, 1];
        double[] expected = Expm(a, 3);
        MatrixExponential.Compute(a, 3, a, new MatrixExponentialWorkspace(3));
        Assert.Equal(expected, a);
    }
}
