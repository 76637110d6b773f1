using TorchSharp;
using static TorchSharp.torch;

namespace DynLang.TorchSharp.Tests.PinnResiduals;

/// <summary>Collocation points for the residual tests: float64 columns of shape [n, 1], seeded.</summary>
internal static class PinnPoints
{
    /// <summary>n points uniform in [from, to], requiring grad unless told otherwise.</summary>
    public static Tensor Uniform(Random random, int n, double from, double to, bool grad = true)
    {
        var values = Enumerable.Range(0, n).Select(_ => from + (to - from) * random.NextDouble()).ToArray();
        var column = tensor(values, new long[] { n, 1 }, ScalarType.Float64);
        return grad ? column.requires_grad_(true) : column;
    }

    /// <summary>n copies of one coordinate (a side), requiring grad (a normal derivative is taken there).</summary>
    public static Tensor At(int n, double value) => full(new long[] { n, 1 }, value, dtype: ScalarType.Float64).requires_grad_(true);

    /// <summary>The values, flattened, without the graph.</summary>
    public static double[] Values(Tensor t) => t.detach().reshape(-1).data<double>().ToArray();

    /// <summary>The largest |value|.</summary>
    public static double MaxAbs(Tensor t) => Values(t).Max(Math.Abs);

    /// <summary>
    /// Asserts residual[i] == expected[i] for every point, to <paramref name="tolerance"/>·(1 + |expected[i]|).
    /// </summary>
    public static void AssertClose(Tensor residual, Tensor expected, double tolerance, string what)
    {
        var r = Values(residual);
        var e = Values(expected.expand(residual.shape));
        Assert.Equal(e.Length, r.Length);
        for (int i = 0; i < r.Length; i++)
            Assert.True(Math.Abs(r[i] - e[i]) <= tolerance * (1 + Math.Abs(e[i])), $"{what}: point {i}: residual {r[i]:R}, expected {e[i]:R}");
    }
}
