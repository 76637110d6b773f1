using static DynLang.Runtime.Tests.RandomStats;

namespace DynLang.Runtime.Tests;

/// <summary>
/// Draws whose keys differ in one field (element, step, stream, seed) must look independent:
/// linear correlation ~0 and pairs uniform on the unit square.
/// </summary>
public class CounterRngIndependenceTests
{
    private const int N = 1_000_000;
    private const ulong Seed = 987_654_321;

    public static TheoryData<string> Neighbours => new() { "element", "step", "stream", "seed" };

    /// <summary>Draw k and its neighbour in the named key field.</summary>
    private static (double[] A, double[] B) Pairs(string field, Func<ulong, ulong, long, long, double> draw)
    {
        var a = new double[N];
        var b = new double[N];
        for (int k = 0; k < N; k++)
        {
            long e = 2 * (k % 1000), s = k / 1000; // even elements, so (e, e+1) pairs do not overlap
            a[k] = draw(Seed, 7, e, s);
            b[k] = field switch
            {
                "element" => draw(Seed, 7, e + 1, s),
                "step" => draw(Seed, 7, e, s + 1_000_000),
                "stream" => draw(Seed, 8, e, s),
                _ => draw(Seed + 1, 7, e, s),
            };
        }
        return (a, b);
    }

    [Theory]
    [MemberData(nameof(Neighbours))]
    public void Uniforms_OfNeighbouringKeys_AreUncorrelatedAndJointlyUniform(string field)
    {
        var (a, b) = Pairs(field, CounterRng.Uniform);
        // Pearson r of N independent pairs: sd ≈ 1/√N = 1e-3; 5 sigma.
        double r = Correlation(a, b);
        Assert.True(Math.Abs(r) < 5 / Math.Sqrt(N), $"r = {r}");
        // 10×10 grid catches non-linear dependence: chi-square with 99 dof, 5 sigma.
        Assert.InRange(ChiSquarePairs(a, b, 10), ChiSquareLower5Sigma(99), ChiSquareUpper5Sigma(99));
    }

    [Theory]
    [MemberData(nameof(Neighbours))]
    public void Normals_OfNeighbouringKeys_AreUncorrelated(string field)
    {
        var (a, b) = Pairs(field, CounterRng.Normal);
        double r = Correlation(a, b);
        Assert.True(Math.Abs(r) < 5 / Math.Sqrt(N), $"r = {r}"); // as above
        // Squares too: Box–Muller pairs share a radius, so a shared u1 would show up here.
        for (int k = 0; k < N; k++) { a[k] *= a[k]; b[k] *= b[k]; }
        double r2 = Correlation(a, b);
        Assert.True(Math.Abs(r2) < 5 / Math.Sqrt(N), $"r of squares = {r2}");
    }

    [Fact]
    public void UniformAndNormal_OfOneKey_ShareTheirFirstUniform()
    {
        // Documented coupling (one block per key): Normal uses Uniform's value as u1, so a model
        // needing both from one element and step must give them different streams. This checks
        // the coupling is real, i.e. that the advice is needed: z² = −2 ln(u)·cos²(…) ≤ −2 ln u.
        for (int e = 0; e < 1000; e++)
        {
            double u = CounterRng.Uniform(Seed, 9, e, 0), z = CounterRng.Normal(Seed, 9, e, 0);
            Assert.True(z * z <= -2 * Math.Log(u) * (1 + 1e-12)); // relative slack for rounding of the product
        }
    }
}
