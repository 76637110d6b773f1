namespace DynLang.Runtime.Tests;

/// <summary>Validation, ordering, rate changes and allocation of <see cref="PoissonSource"/>.</summary>
public class PoissonSourceBehaviourTests
{
    [Fact]
    public void SpikesThisStep_IsStrictlyAscendingAndInRange()
    {
        var src = new PoissonSource("p", 500, 3000, seed: 1);
        src.Prepare(1e-4);
        foreach (int[] step in SourceDriver.Record(src, 1e-4, 200))
            for (int k = 0; k < step.Length; k++)
            {
                Assert.InRange(step[k], 0, 499);
                if (k > 0) Assert.True(step[k] > step[k - 1], $"{step[k - 1]} before {step[k]}");
            }
    }

    [Fact]
    public void Step_DoesNotAllocate()
    {
        var src = new PoissonSource("p", 1000, 100, seed: 3);
        src.Prepare(1e-4);
        Assert.Equal(0, SourceDriver.AllocatedBytesPerThousandSteps(src, 1e-4));
    }

    [Fact]
    public void RatesChangedBetweenRuns_TakeEffect()
    {
        var src = new PoissonSource("p", 4, 5000, seed: 9);
        src.Rates[2] = 0;
        src.Prepare(1e-4); // p = 0.5 for elements 0, 1, 3
        int[][] trains = SourceDriver.Record(src, 1e-4, 400);
        Assert.DoesNotContain(trains, t => t.Contains(2));
        Assert.Contains(trains, t => t.Contains(3));

        src.Rates[2] = 5000;
        src.Rates[3] = 0;
        src.Prepare(1e-4);
        trains = SourceDriver.Record(src, 1e-4, 400, first: 400);
        Assert.Contains(trains, t => t.Contains(2));
        Assert.DoesNotContain(trains, t => t.Contains(3));
    }

    [Fact]
    public void RateOfOneSpikePerStep_IsAcceptedAndSpikesEveryStep()
    {
        const double dt = 1.0 / 1024; // rate·dt = 1 exactly
        var src = new PoissonSource("p", 3, 1024, seed: 4);
        src.Prepare(dt);
        Assert.All(SourceDriver.Record(src, dt, 100), t => Assert.Equal([0, 1, 2], t));
    }

    [Fact]
    public void EmptyGroup_Works()
    {
        var src = new PoissonSource("p", 0, 10, seed: 4);
        src.Prepare(1e-4);
        SourceDriver.Step(src, 0, 1e-4);
        Assert.Equal(0, src.Count);
        Assert.True(src.SpikesThisStep.IsEmpty);
    }

    [Theory]
    [InlineData(-1.0, "rate = -1 Hz")]
    [InlineData(double.NaN, "rate = NaN Hz")]
    [InlineData(double.PositiveInfinity, "rate = Infinity Hz")]
    public void BadInitialRate_Throws(double rate, string shown)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new PoissonSource("in", 3, rate, 1));
        Assert.Contains(shown, ex.Message);
        Assert.Contains("'in'", ex.Message);
    }

    [Fact]
    public void NegativeCountOrWideStream_Throws()
    {
        Assert.Contains("count = -2", Assert.Throws<ArgumentOutOfRangeException>(() => new PoissonSource("p", -2, 1, 1)).Message);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new PoissonSource("p", 2, 1, 1, 1ul << 32));
        Assert.Contains("stream = 4294967296", ex.Message);
    }

    [Theory]
    [InlineData(-2.0, "Rates[3] = -2 Hz")]
    [InlineData(double.NaN, "Rates[3] = NaN Hz")]
    public void BadRateAtPrepare_NamesTheElement(double rate, string shown)
    {
        var src = new PoissonSource("p", 5, 10, seed: 1);
        src.Rates[3] = rate;
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => src.Prepare(1e-4));
        Assert.Contains(shown, ex.Message);
    }

    [Fact]
    public void RateAboveOnePerStep_NamesElementValueAndBound()
    {
        var src = new PoissonSource("p", 6, 10, seed: 1);
        src.Rates[5] = 20_000;
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => src.Prepare(1e-4));
        Assert.Contains("Rates[5] = 20000 Hz", ex.Message);
        Assert.Contains("= 2 > 1", ex.Message);
        Assert.Contains("1/dt = 10000 Hz", ex.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-4)]
    [InlineData(double.NaN)]
    public void BadDt_Throws(double dt)
    {
        var src = new PoissonSource("p", 1, 10, seed: 1);
        Assert.Contains("dt = ", Assert.Throws<ArgumentOutOfRangeException>(() => src.Prepare(dt)).Message);
    }

    [Fact]
    public void RunWithoutPrepareOrWithAnotherDt_Throws()
    {
        var src = new PoissonSource("p", 1, 10, seed: 1);
        Assert.Throws<InvalidOperationException>(() => SourceDriver.Step(src, 0, 1e-4));
        src.Prepare(1e-4);
        var ex = Assert.Throws<InvalidOperationException>(() => SourceDriver.Step(src, 0, 2e-4));
        Assert.Contains("prepared for dt = 0.0001 s", ex.Message);
    }
}
