namespace DynLang.Runtime.Tests;

/// <summary>Binning, ordering, periodic repetition, run starts and allocation of <see cref="SpikeGeneratorSource"/>.</summary>
public class SpikeGeneratorReplayTests
{
    private const double Dt = 1e-4;

    /// <summary>Step at which each spike came out: (step, element) pairs in emission order.</summary>
    private static List<(long Step, int Element)> Emitted(SpikeGeneratorSource gen, double dt, long steps, long first = 0)
    {
        var list = new List<(long, int)>();
        int[][] trains = SourceDriver.Record(gen, dt, steps, first);
        for (int s = 0; s < trains.Length; s++)
            foreach (int i in trains[s]) list.Add((first + s, i));
        return list;
    }

    [Theory]
    // t relative to k·dt (k = 37): the 1e-3·dt shift moves values just below a multiple into it.
    [InlineData(0.0, 37)]
    [InlineData(-1e-9, 37)]
    [InlineData(+1e-9, 37)]
    [InlineData(-0.0009, 37)]  // within the shift
    [InlineData(-0.0011, 36)]  // beyond the shift
    [InlineData(0.5, 37)]
    [InlineData(0.998, 37)]
    [InlineData(0.9995, 38)]   // shift pushes it into the next step
    public void SpikeTime_IsBinnedAsBrian2Does(double offsetInDt, long expectedStep)
    {
        double t = (37 + offsetInDt) * Dt;
        var gen = new SpikeGeneratorSource("g", 1, [0], [t]);
        gen.Prepare(Dt);
        Assert.Equal([(expectedStep, 0)], Emitted(gen, Dt, 60));
    }

    [Fact]
    public void ExactMultiplesOfDt_FallInTheirOwnSteps() // Brian2 test_spikegenerator_rounding
    {
        const int n = 10_000;
        var times = new double[n];
        for (int k = 0; k < n; k++) times[k] = k * Dt; // rounding puts some just below k·dt
        var gen = new SpikeGeneratorSource("g", 1, new int[n], times);
        gen.Prepare(Dt);
        int[][] trains = SourceDriver.Record(gen, Dt, n);
        for (int s = 0; s < n; s++) Assert.Equal([0], trains[s]);
    }

    [Fact]
    public void TimesWithinTheFirstStep_AllFireAtStepZero() // Brian2: linspace(0, 0.1 ms, 100, endpoint=False)
    {
        var times = new double[100];
        var indices = new int[100];
        for (int k = 0; k < 100; k++) { times[k] = k * Dt / 100; indices[k] = k; }
        var gen = new SpikeGeneratorSource("g", 100, indices, times);
        gen.Prepare(Dt);
        int[][] trains = SourceDriver.Record(gen, Dt, 3);
        Assert.Equal(indices, trains[0]);
        Assert.Empty(trains[1]);
    }

    [Fact]
    public void SpikesOfOneStep_AreAscendingByIndex_WhateverTheInputOrder()
    {
        // Within step 2 the times put 7 first, then 3, then 5; the contract lists 3, 5, 7.
        var gen = new SpikeGeneratorSource("g", 8, [5, 7, 3, 1], [2.9 * Dt, 2.1 * Dt, 2.5 * Dt, 0]);
        gen.Prepare(Dt);
        int[][] trains = SourceDriver.Record(gen, Dt, 4);
        Assert.Equal([1], trains[0]);
        Assert.Empty(trains[1]);
        Assert.Equal([3, 5, 7], trains[2]);
        Assert.Empty(trains[3]);
    }

    [Fact]
    public void Periodic_RepeatsEveryPeriod() // Brian2 test_spikegenerator_period
    {
        int[] indices = [3, 2, 1, 1, 2, 3, 3, 2, 1];
        double[] timesMs = [1, 4, 4, 3, 2, 4, 2, 3, 2];
        var gen = new SpikeGeneratorSource("g", 5, indices, timesMs.Select(t => t * 1e-3).ToArray(), period: 5e-3);
        gen.Prepare(Dt);
        var expected = new List<(long, int)>();
        for (int rep = 0; rep < 4; rep++)
            for (int k = 0; k < indices.Length; k++) expected.Add((rep * 50 + (long)Math.Round(timesMs[k] * 10), indices[k]));
        expected.Sort();
        Assert.Equal(expected, Emitted(gen, Dt, 200)); // Emitted is step-ordered and ascending within a step
    }

    [Fact]
    public void Periodic_WithASpikeAtStepZero_EmitsItAtEveryPeriodStart()
    {
        var gen = new SpikeGeneratorSource("g", 2, [0, 1], [0, 2 * Dt], period: 3 * Dt);
        gen.Prepare(Dt);
        Assert.Equal([(0L, 0), (2L, 1), (3L, 0), (5L, 1), (6L, 0), (8L, 1)], Emitted(gen, Dt, 9));
    }

    [Fact]
    public void ARunStartingLater_SkipsEarlierSpikes_AndARestartReplaysThem()
    {
        var gen = new SpikeGeneratorSource("g", 3, [0, 1, 2], [1 * Dt, 5 * Dt, 9 * Dt]);
        gen.Prepare(Dt);
        Assert.Equal([(5L, 1), (9L, 2)], Emitted(gen, Dt, 10, first: 3));
        gen.Prepare(Dt);
        Assert.Equal([(1L, 0), (5L, 1), (9L, 2)], Emitted(gen, Dt, 12));
    }

    [Fact]
    public void PeriodicRunStartingMidPeriod_ContinuesThePattern()
    {
        var gen = new SpikeGeneratorSource("g", 1, [0], [1 * Dt], period: 4 * Dt);
        gen.Prepare(Dt);
        Assert.Equal([(9L, 0), (13L, 0)], Emitted(gen, Dt, 7, first: 7));
    }

    [Fact]
    public void NewDt_Rebins()
    {
        var gen = new SpikeGeneratorSource("g", 1, [0], [1e-3]);
        gen.Prepare(1e-4);
        Assert.Equal([(10L, 0)], Emitted(gen, 1e-4, 20));
        gen.Prepare(2e-4);
        Assert.Equal([(5L, 0)], Emitted(gen, 2e-4, 20));
    }

    [Fact]
    public void NoSpikes_BeforeTheFirstThresholdPhase_OrForAnEmptyGenerator()
    {
        var gen = new SpikeGeneratorSource("g", 1, [0], [0]);
        gen.Prepare(Dt);
        Assert.True(gen.SpikesThisStep.IsEmpty);
        var empty = new SpikeGeneratorSource("e", 0, [], [], period: 2 * Dt);
        empty.Prepare(Dt);
        Assert.All(SourceDriver.Record(empty, Dt, 5), Assert.Empty);
    }

    [Fact]
    public void Step_DoesNotAllocate()
    {
        var indices = new int[50];
        var times = new double[50];
        for (int k = 0; k < 50; k++) { indices[k] = k % 10; times[k] = (k * 7 % 97) * Dt; }
        var gen = new SpikeGeneratorSource("g", 10, indices, times, period: 100 * Dt);
        gen.Prepare(Dt);
        Assert.Equal(0, SourceDriver.AllocatedBytesPerThousandSteps(gen, Dt));
    }
}
