using static DynLang.Runtime.Tests.RandomStats;

namespace DynLang.Runtime.Tests;

/// <summary>Distribution of <see cref="CounterRng.Uniform"/> and its float twin.</summary>
public class CounterRngUniformTests
{
    private const int N = 1_000_000;
    private const ulong Seed = 0x5EED_1234_ABCD_0042;

    /// <summary>Draws over a 1000-element × 1000-step block, as a network would consume them.</summary>
    private static double[] Draws()
    {
        var u = new double[N];
        for (int k = 0; k < N; k++) u[k] = CounterRng.Uniform(Seed, 3, k % 1000, k / 1000);
        return u;
    }

    [Fact]
    public void Uniform_HasMeanVarianceAndBinCountsOfU01()
    {
        double[] u = Draws();
        Assert.All(u, v => Assert.True(v > 0 && v < 1, $"{v} outside (0, 1)"));

        // Mean of N uniforms: sd = sqrt(1/12 / N) ≈ 2.9e-4; 5 sigma.
        double mean = Mean(u);
        Assert.True(Math.Abs(mean - 0.5) < 5 * Math.Sqrt(1.0 / 12 / N), $"mean {mean}");

        // Sample variance: Var(s²) ≈ (μ₄ − σ⁴)/N with μ₄ = 1/80, σ⁴ = 1/144 ⇒ sd ≈ 7.5e-5; 5 sigma.
        double variance = CentralMoment(u, 2);
        Assert.True(Math.Abs(variance - 1.0 / 12) < 5 * Math.Sqrt((1.0 / 80 - 1.0 / 144) / N), $"variance {variance}");

        // 100 equal bins: chi-square with 99 degrees of freedom, within 5 sigma either side.
        double chi = ChiSquareUniform(u, 100);
        Assert.InRange(chi, ChiSquareLower5Sigma(99), ChiSquareUpper5Sigma(99));
    }

    [Fact]
    public void Uniform_LowBitsAreAlsoUniform()
    {
        // The 53-bit conversion must not leave its last bits constant or biased: the fraction
        // 2^20·u mod 1 depends on bits 21..53 only; chi-square of 100 bins as above.
        var frac = new double[N];
        for (int k = 0; k < N; k++)
        {
            double scaled = CounterRng.Uniform(Seed, 4, k % 1000, k / 1000) * (1 << 20);
            frac[k] = scaled - Math.Floor(scaled);
        }
        Assert.InRange(ChiSquareUniform(frac, 100), ChiSquareLower5Sigma(99), ChiSquareUpper5Sigma(99));
    }

    [Fact]
    public void ToUniform_StaysInsideTheOpenInterval()
    {
        double tiny = Math.Pow(2, -54), grid = Math.Pow(2, -53);
        Assert.Equal(tiny, CounterRng.ToUniform(0, 0));
        Assert.Equal(tiny, CounterRng.ToUniform(0, 0x7FF)); // the 11 discarded low bits do not matter
        Assert.Equal(grid, CounterRng.ToUniform(0, 0x800));  // lowest bit kept is worth 2^-53
        Assert.Equal(0.5, CounterRng.ToUniform(0x8000_0000, 0));
        Assert.Equal(1 - grid, CounterRng.ToUniform(uint.MaxValue, uint.MaxValue));
        Assert.True(CounterRng.ToUniform(uint.MaxValue, uint.MaxValue) < 1);
    }

    [Fact]
    public void UniformSingle_IsTheDoubleRoundedOnce()
    {
        for (int k = 0; k < 10_000; k++)
        {
            double d = CounterRng.Uniform(Seed, 5, k, 7);
            float f = CounterRng.UniformSingle(Seed, 5, k, 7);
            Assert.Equal((float)d, f);
            Assert.True(f > 0f && f < 1f);
        }
    }

    [Fact]
    public void ToOpenSingle_CapsValuesThatRoundUpToOne()
    {
        Assert.Equal(1f, MathF.BitIncrement(CounterRng.LargestSingleBelowOne));
        // 1 − 2^-53 and 1 − 2^-26 round to 1f; they must stay below 1.
        Assert.Equal(CounterRng.LargestSingleBelowOne, CounterRng.ToOpenSingle(1 - Math.Pow(2, -53)));
        Assert.Equal(CounterRng.LargestSingleBelowOne, CounterRng.ToOpenSingle(1 - Math.Pow(2, -26)));
        Assert.Equal(0.25f, CounterRng.ToOpenSingle(0.25));
        Assert.True(CounterRng.ToOpenSingle(Math.Pow(2, -54)) > 0f);
    }
}
