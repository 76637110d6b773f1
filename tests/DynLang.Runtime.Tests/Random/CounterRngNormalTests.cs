using static DynLang.Runtime.Tests.RandomStats;

namespace DynLang.Runtime.Tests;

/// <summary>Distribution of <see cref="CounterRng.Normal"/> and its float twin.</summary>
public class CounterRngNormalTests
{
    private const int N = 1_000_000;
    private const ulong Seed = 20_110_611;

    private static double[] Draws()
    {
        var z = new double[N];
        for (int k = 0; k < N; k++) z[k] = CounterRng.Normal(Seed, 1, k % 1000, k / 1000);
        return z;
    }

    [Fact]
    public void Normal_HasTheMomentsOfAStandardNormal()
    {
        double[] z = Draws();
        // All bounds are 5 sigma of the sample statistic's sampling distribution.
        double mean = Mean(z);
        Assert.True(Math.Abs(mean) < 5 / Math.Sqrt(N), $"mean {mean}");            // sd 1/√N
        double m2 = CentralMoment(z, 2);
        Assert.True(Math.Abs(m2 - 1) < 5 * Math.Sqrt(2.0 / N), $"variance {m2}");  // sd √(2/N)
        double skew = CentralMoment(z, 3) / Math.Pow(m2, 1.5);
        Assert.True(Math.Abs(skew) < 5 * Math.Sqrt(6.0 / N), $"skewness {skew}");  // sd √(6/N)
        double kurt = CentralMoment(z, 4) / (m2 * m2) - 3;
        Assert.True(Math.Abs(kurt) < 5 * Math.Sqrt(24.0 / N), $"excess kurtosis {kurt}"); // sd √(24/N)
    }

    [Fact]
    public void Normal_PassesKolmogorovSmirnov()
    {
        double d = KolmogorovSmirnov(Draws(), NormalCdf);
        // √N·D follows Kolmogorov's distribution: P(√N·D > 2.5) ≈ 2·exp(−2·2.5²) ≈ 7.5e-6.
        Assert.True(d < 2.5 / Math.Sqrt(N), $"KS D = {d}");
    }

    [Fact]
    public void Normal_HasGaussianTails()
    {
        // KS is blind in the tails; count |z| > 3: p = 2·(1 − Φ(3)) ≈ 2.70e-3, binomial sd √(Np(1−p)).
        int beyond = 0;
        foreach (double v in Draws()) if (Math.Abs(v) > 3) beyond++;
        double p = 2 * (1 - NormalCdf(3));
        Assert.True(Math.Abs(beyond - N * p) < 5 * Math.Sqrt(N * p * (1 - p)), $"{beyond} beyond 3 sigma, expected {N * p}");
    }

    [Fact]
    public void Normal_IsBoxMullerOfItsOwnBlock()
    {
        // Pins the documented transform so other backends can reproduce it.
        for (int e = 0; e < 100; e++)
        {
            Philox4x32Block b = CounterRng.Block(Seed, 2, e, 11);
            double u1 = CounterRng.ToUniform(b.X0, b.X1), u2 = CounterRng.ToUniform(b.X2, b.X3);
            double expected = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            Assert.Equal(expected, CounterRng.Normal(Seed, 2, e, 11));
            Assert.Equal(u1, CounterRng.Uniform(Seed, 2, e, 11));
        }
    }

    [Fact]
    public void NormalSingle_IsTheDoubleRoundedOnce()
    {
        for (int k = 0; k < 10_000; k++)
            Assert.Equal((float)CounterRng.Normal(Seed, 6, k, 3), CounterRng.NormalSingle(Seed, 6, k, 3));
    }
}
