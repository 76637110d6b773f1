using static DynLang.Runtime.Tests.RandomStats;

namespace DynLang.Runtime.Tests;

/// <summary>Rates, independence and reproducibility of <see cref="PoissonSource"/> trains.</summary>
public class PoissonSourceStatisticsTests
{
    private const double Dt = 1e-4;

    [Fact]
    public void Spikes_FollowBrian2sRule_WithTheDocumentedKey()
    {
        var src = new PoissonSource("p", 300, 0, seed: 11, stream: 4);
        for (int i = 0; i < 300; i++) src.Rates[i] = 50.0 * (i % 7) * (i % 3); // 0 … 600 Hz, many zeros
        src.Prepare(Dt);
        int[][] trains = SourceDriver.Record(src, Dt, 500);
        int total = 0;
        for (int s = 0; s < trains.Length; s++)
        {
            var expected = new List<int>();
            for (int i = 0; i < 300; i++)
                if (CounterRng.Uniform(11, 4, i, s) < src.Rates[i] * Dt) expected.Add(i);
            Assert.Equal(expected, trains[s]); // same set, ascending
            total += expected.Count;
        }
        Assert.True(total > 100, "rule check must see spikes");
    }

    [Fact]
    public void EmpiricalRates_MatchTheRequestedRates()
    {
        // 1000 elements, ten rate groups of 100 (10 … 100 Hz), 1 s at dt = 0.1 ms.
        const int count = 1000, steps = 10_000;
        var src = new PoissonSource("p", count, 0, seed: 2024);
        for (int i = 0; i < count; i++) src.Rates[i] = 10.0 * (1 + i % 10);
        src.Prepare(Dt);
        var spikesPerGroup = new long[10];
        for (long s = 0; s < steps; s++)
        {
            SourceDriver.Step(src, s, Dt);
            foreach (int i in src.SpikesThisStep) spikesPerGroup[i % 10]++;
        }
        for (int g = 0; g < 10; g++)
        {
            // Spikes of a group ~ Binomial(T = 100·steps, p = rate·dt): 5 sigma.
            double p = 10.0 * (1 + g) * Dt, trials = 100.0 * steps;
            double mean = trials * p, sd = Math.Sqrt(trials * p * (1 - p));
            Assert.True(Math.Abs(spikesPerGroup[g] - mean) < 5 * sd, $"group {g}: {spikesPerGroup[g]} spikes, expected {mean} ± {sd}");
        }
    }

    [Fact]
    public void Trains_AreUncorrelatedAcrossElementsAndSteps()
    {
        // p = 0.2 per step for power; 20,000 steps; Pearson r of independent series has sd ≈ 1/√steps.
        const int count = 100, steps = 20_000;
        var src = new PoissonSource("p", count, 2000, seed: 5);
        src.Prepare(Dt);
        double[,] raster = SourceDriver.Raster(SourceDriver.Record(src, Dt, steps), count);
        double bound = 5 / Math.Sqrt(steps); // 5 sigma per pair
        for (int i = 0; i + 1 < count; i++)
        {
            double[] a = Column(raster, i, 0, steps - 1), b = Column(raster, i + 1, 0, steps - 1);
            double r = Correlation(a, b);
            Assert.True(Math.Abs(r) < bound, $"elements {i},{i + 1}: r = {r}");
            double lag = Correlation(a, Column(raster, i, 1, steps - 1)); // step n vs n+1
            Assert.True(Math.Abs(lag) < bound, $"element {i}, lag 1: r = {lag}");
        }
    }

    [Fact]
    public void SameSeedAndStream_GiveSameTrains_OtherStreamDiffers()
    {
        const int count = 100, steps = 20_000;
        int[][] a = Run(seed: 8, stream: 0), b = Run(seed: 8, stream: 0), c = Run(seed: 8, stream: 1);
        for (int s = 0; s < steps; s++) Assert.Equal(a[s], b[s]);

        // Independent trains disagree in a cell with probability q = 2p(1−p) = 0.32; 5 sigma of the fraction.
        double[,] ra = SourceDriver.Raster(a, count), rc = SourceDriver.Raster(c, count);
        long differ = 0;
        for (int s = 0; s < steps; s++)
            for (int i = 0; i < count; i++)
                if (ra[s, i] != rc[s, i]) differ++;
        double q = 2 * 0.2 * 0.8, cells = (double)count * steps;
        Assert.True(Math.Abs(differ / cells - q) < 5 * Math.Sqrt(q * (1 - q) / cells), $"fraction differing {differ / cells}");

        int[][] Run(ulong seed, ulong stream)
        {
            var src = new PoissonSource("p", count, 2000, seed, stream);
            src.Prepare(Dt);
            return SourceDriver.Record(src, Dt, steps);
        }
    }

    private static double[] Column(double[,] raster, int element, int from, int length)
    {
        var x = new double[length];
        for (int s = 0; s < length; s++) x[s] = raster[from + s, element];
        return x;
    }
}
