using DynLang.Runtime;
using static DynLang.Runtime.Tests.MatrixTestHelpers;

namespace DynLang.Runtime.Tests;

/// <summary>
/// Accuracy against references with known eigen-decompositions, over the whole range of norms
/// (every Padé degree and many squarings).
/// </summary>
public class MatrixExponentialAccuracyTests
{
    // Q = I - ½ 1 1ᵀ (4x4) is a symmetric orthogonal Householder reflection whose entries ±½
    // are exact in binary, so A = Q D Q and the reference Q e^D Q are computed with almost no
    // rounding: with dyadic D every entry of A is exact.
    private static readonly double[] Householder =
    [
        0.5, -0.5, -0.5, -0.5,
        -0.5, 0.5, -0.5, -0.5,
        -0.5, -0.5, 0.5, -0.5,
        -0.5, -0.5, -0.5, 0.5,
    ];

    // Unit upper triangular with integer entries: its inverse is integer too, so A = S D S⁻¹ is
    // exact for integer D, and S e^D S⁻¹ is a reference for a non-normal matrix.
    private static readonly double[] S = [1, 2, -1, 0, 1, 3, 0, 0, 1];
    private static readonly double[] SInverse = [1, -2, 7, 0, 1, -3, 0, 0, 1];

    [Fact]
    public void SimilarityFixture_IsExact()
    {
        Assert.Equal(Identity(3), Multiply(S, SInverse, 3));
        Assert.Equal(Identity(4), Multiply(Householder, Householder, 4));
    }

    [Theory]
    [InlineData(1.0 / 256)]   // degree 3
    [InlineData(1.0 / 32)]    // degree 5
    [InlineData(0.25)]        // degree 7
    [InlineData(1.5)]         // degree 9
    [InlineData(2.5)]         // degree 13, no squaring
    [InlineData(12)]          // degree 13, squarings
    [InlineData(50)]
    [InlineData(400)]
    public void Symmetric_MatchesEigenDecomposition(double scale)
    {
        // A symmetric (normal) matrix: the exponential's relative condition number is ‖A‖, so
        // a backward-stable method gives normwise error ≈ c ‖A‖₁ u. Measured c ≤ 2.5 across these
        // scales; bound 16 (1 + ‖A‖₁) u (the 1 covers the reference's own few u at tiny norms).
        double[] d = [-1, -0.375, 0.125, 0.875];
        double[] a = Multiply(Multiply(Householder, Diagonal(d.Select(v => v * scale).ToArray()), 4), Householder, 4);
        double[] expected = Multiply(Multiply(Householder, Diagonal(d.Select(v => Math.Exp(v * scale)).ToArray()), 4), Householder, 4);

        double norm = OneNorm(a, 4);
        double error = NormwiseErrorInU(Expm(a, 4), expected);
        Assert.True(error <= 16 * (1 + norm), $"‖A‖₁ = {norm}: {error} u");
    }

    [Fact]
    public void SymmetricScales_CoverEveryPadeDegree()
    {
        double[] d = [-1, -0.375, 0.125, 0.875];
        var degrees = new HashSet<int>();
        int maxSquarings = 0;
        foreach (double scale in new[] { 1.0 / 256, 1.0 / 32, 0.25, 1.5, 2.5, 12, 50, 400 })
        {
            double[] a = Multiply(Multiply(Householder, Diagonal(d.Select(v => v * scale).ToArray()), 4), Householder, 4);
            degrees.Add(MatrixExponential.SelectDegree(OneNorm(a, 4), out int squarings));
            maxSquarings = Math.Max(maxSquarings, squarings);
        }

        Assert.Equal([3, 5, 7, 9, 13], degrees.Order().ToArray());
        Assert.True(maxSquarings >= 7);
    }

    [Theory]
    [InlineData(new double[] { -1, -2, -3 })]
    [InlineData(new double[] { -50, -5, 2 })]
    [InlineData(new double[] { -30, 1, 3 })]
    [InlineData(new double[] { 4, 5, 6 })]
    public void NonNormal_MatchesSimilarityReference(double[] eigenvalues)
    {
        // For A = S D S⁻¹ the forward error is bounded by about κ(S) ‖A‖ u relative to the
        // scale of e^A (perturbations of D are amplified by S and S⁻¹). κ₁(S) = ‖S‖₁ ‖S⁻¹‖₁
        // = 5·11 = 55 and ‖A‖₁ reaches 345 here, so the a-priori bound is loose; measured
        // normwise errors stay below 2.5 ‖A‖₁ u. Bound 16 ‖A‖₁ u, with the reference's own
        // rounding (sums of products of e^λ with small integers) far below that.
        double[] a = Multiply(Multiply(S, Diagonal(eigenvalues), 3), SInverse, 3);
        double[] expected = Multiply(Multiply(S, Diagonal(eigenvalues.Select(Math.Exp).ToArray()), 3), SInverse, 3);

        double norm = OneNorm(a, 3);
        double error = NormwiseErrorInU(Expm(a, 3), expected);
        Assert.True(error <= 16 * norm, $"‖A‖₁ = {norm}: {error} u");
    }

    [Fact]
    public void GroupProperties_HoldForRandomMatrices()
    {
        // e^A e^{-A} = I and (e^{A/2})² = e^A, checked on seeded random 5x5 matrices. Each
        // computed exponential has error ≈ c ‖A‖ u ‖e^A‖, so the residuals are bounded by
        // c ‖A‖ u ‖e^A‖ ‖e^{-A}‖ (resp. ‖e^{A/2}‖²); measured c ≤ 4, bound c = 16 as elsewhere.
        var random = new Random(20250101);
        const int n = 5;
        for (int trial = 0; trial < 20; trial++)
        {
            double scale = Math.Pow(10, random.NextDouble() * 3 - 2); // norms from ~0.05 to ~50
            double[] a = Enumerable.Range(0, n * n).Select(_ => (random.NextDouble() * 2 - 1) * scale).ToArray();
            double norm = OneNorm(a, n);

            double[] plus = Expm(a, n);
            double[] minus = Expm(Scale(a, -1), n);
            double[] residual = Multiply(plus, minus, n).Zip(Identity(n), (p, q) => p - q).ToArray();
            double bound = 16 * (1 + norm) * U * OneNorm(plus, n) * OneNorm(minus, n);
            Assert.True(OneNorm(residual, n) <= bound, $"trial {trial}: e^A e^-A residual {OneNorm(residual, n)} > {bound}");

            double[] half = Expm(Scale(a, 0.5), n);
            double[] squared = Multiply(half, half, n);
            double squareBound = 16 * (1 + norm) * U * OneNorm(half, n) * OneNorm(half, n);
            double squareResidual = OneNorm(squared.Zip(plus, (p, q) => p - q).ToArray(), n);
            Assert.True(squareResidual <= squareBound, $"trial {trial}: (e^A/2)^2 residual {squareResidual} > {squareBound}");
        }
    }

    [Fact]
    public void SelectDegree_FollowsHighamThresholds()
    {
        static (int Degree, int Squarings) Select(double norm) => (MatrixExponential.SelectDegree(norm, out int s), s);

        Assert.Equal((3, 0), Select(0));
        Assert.Equal((3, 0), Select(MatrixExponential.Theta3));
        Assert.Equal((5, 0), Select(Math.BitIncrement(MatrixExponential.Theta3)));
        Assert.Equal((5, 0), Select(MatrixExponential.Theta5));
        Assert.Equal((7, 0), Select(MatrixExponential.Theta7));
        Assert.Equal((9, 0), Select(MatrixExponential.Theta9));
        Assert.Equal((13, 0), Select(Math.BitIncrement(MatrixExponential.Theta9)));
        Assert.Equal((13, 0), Select(MatrixExponential.Theta13));
        Assert.Equal((13, 1), Select(Math.BitIncrement(MatrixExponential.Theta13)));
        Assert.Equal((13, 1), Select(2 * MatrixExponential.Theta13));
        Assert.Equal((13, 2), Select(Math.BitIncrement(2 * MatrixExponential.Theta13)));
        foreach (double norm in new[] { 7.0, 100, 1e3, 1e6, 1e300 })
        {
            (int degree, int s) = Select(norm);
            Assert.Equal(13, degree);
            Assert.True(Math.ScaleB(norm, -s) <= MatrixExponential.Theta13);
            Assert.True(Math.ScaleB(norm, 1 - s) > MatrixExponential.Theta13);
        }
    }
}
