using DynLang.Runtime;
using static DynLang.Runtime.Tests.MatrixTestHelpers;

namespace DynLang.Runtime.Tests;

public class BalancingTests
{
    [Fact]
    public void BadlyScaledTriangular_IsBroughtToTheDiagonalScale()
    {
        // LIF with exponential synapse over 0.1 ms in SI units: ‖A‖₁ = 5e5 from R h / tau_m.
        double[] a = [-5e-3, 5e5, -3.5e-4, 0, -2e-2, 0, 0, 0, 0];
        double[] b = (double[])a.Clone();
        var exponents = new int[3];
        Balancing.Balance(b, 3, exponents);
        Assert.True(OneNorm(b, 3) <= 2 * 2e-2 + 1e-3, $"‖B‖₁ = {OneNorm(b, 3)}");
        AssertExactSimilarity(a, b, exponents, 3);
    }

    [Fact]
    public void WellScaledMatrices_AreLeftAlone()
    {
        double[][] matrices =
        [
            [2, -1, -1, 2],                  // symmetric: row and column sums already equal
            [0, -3, 3, 0],                   // rotation generator
            Diagonal(1e-9, 5, -300),         // nothing off the diagonal
            [0, 1, 0, 0],                    // nilpotent with zero diagonal: LAPACK rule, no change
        ];
        foreach (double[] m in matrices)
        {
            int n = (int)Math.Sqrt(m.Length);
            double[] b = (double[])m.Clone();
            var exponents = new int[n];
            Balancing.Balance(b, n, exponents);
            Assert.Equal(m, b);
            Assert.All(exponents, k => Assert.Equal(0, k));
        }
    }

    [Fact]
    public void Unbalance_InvertsTheSimilarityExactly()
    {
        double[] a = [-50, -2.5e7, -3.5, 2e-6, -10, 1.4e-8, 0, 0, 0];
        double[] b = (double[])a.Clone();
        var exponents = new int[3];
        Balancing.Balance(b, 3, exponents);
        Assert.True(OneNorm(b, 3) < OneNorm(a, 3) / 1e3);
        AssertExactSimilarity(a, b, exponents, 3);
    }

    // b = D⁻¹ a D with D = diag(2^k): undoing it must give a back bit for bit.
    private static void AssertExactSimilarity(double[] a, double[] b, int[] exponents, int n)
    {
        double[] back = (double[])b.Clone();
        Balancing.Unbalance(back, n, exponents);
        Assert.Equal(a, back);
    }
}
