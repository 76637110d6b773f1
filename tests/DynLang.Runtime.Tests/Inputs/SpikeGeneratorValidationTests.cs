namespace DynLang.Runtime.Tests;

/// <summary>
/// Bad spike arrays and periods are rejected with messages naming the position, value and bound.
/// Cases marked "Brian2" mirror brian2/tests/test_spikegenerator.py.
/// </summary>
public class SpikeGeneratorValidationTests
{
    private const double Ms = 1e-3;

    private static SpikeGeneratorSource Make(int count, int[] indices, double[] times, double period = 0)
        => new("gen", count, indices, times, period);

    [Fact]
    public void UnequalLengths_Throw()
    {
        var ex = Assert.Throws<ArgumentException>(() => Make(5, [0, 1, 2], [0, 1 * Ms]));
        Assert.Contains("indices has 3 entries but times has 2", ex.Message);
        Assert.Contains("'gen'", ex.Message);
    }

    [Theory]
    [InlineData(-1, "indices[1] = -1 is outside [0, 5)")]
    [InlineData(5, "indices[1] = 5 is outside [0, 5)")]
    public void IndexOutOfRange_Throws(int bad, string shown)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Make(5, [0, bad], [0, 1 * Ms]));
        Assert.Contains(shown, ex.Message);
    }

    [Theory]
    [InlineData(-0.001, "times[2] = -0.001 s is negative; spike times must be ≥ 0")]
    [InlineData(double.NaN, "times[2] = NaN s is not finite")]
    [InlineData(double.PositiveInfinity, "times[2] = Infinity s is not finite")]
    public void BadTime_Throws(double bad, string shown)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Make(5, [0, 1, 2], [0, 1 * Ms, bad]));
        Assert.Contains(shown, ex.Message);
    }

    [Theory]
    [InlineData(-1e-3, "period = -0.001 s")]
    [InlineData(double.NaN, "period = NaN s")]
    public void BadPeriod_Throws(double bad, string shown)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Make(1, [], [], bad));
        Assert.Contains(shown, ex.Message);
    }

    [Fact]
    public void NegativeCount_Throws()
        => Assert.Contains("count = -1", Assert.Throws<ArgumentOutOfRangeException>(() => Make(-1, [], [])).Message);

    [Fact]
    public void TwoSpikesOfOneElementInOneStep_Throw() // Brian2: [0, 0] at [0, 0.05] ms, dt 0.1 ms
    {
        var gen = Make(2, [0, 0], [0, 0.05 * Ms]);
        var ex = Assert.Throws<ArgumentException>(() => gen.Prepare(0.1 * Ms));
        Assert.Contains("element 0 spikes twice in step 0 at dt = 0.0001 s", ex.Message);
        Assert.Contains("times[0] = 0 s and times[1] = 5E-05 s", ex.Message);
        Make(2, [0, 1], [0, 0.05 * Ms]).Prepare(0.1 * Ms); // two elements in one step are fine
    }

    [Fact]
    public void TwoSpikesInOneStep_AreFoundEvenWithAnotherElementBetweenThemInTime()
    {
        // Brian2 compares only neighbours in time order and misses this case; we sort by (step, index).
        var gen = Make(2, [0, 1, 0], [0.01 * Ms, 0.02 * Ms, 0.03 * Ms]);
        var ex = Assert.Throws<ArgumentException>(() => gen.Prepare(0.1 * Ms));
        Assert.Contains("times[0] = 1E-05 s and times[2] = 3E-05 s", ex.Message);
    }

    [Fact]
    public void ALargerDtThatMergesTwoSpikes_IsRejectedAtThatPrepare() // Brian2: dt changed between runs
    {
        var gen = Make(1, [0, 0], [0, 0.15 * Ms]);
        gen.Prepare(0.1 * Ms); // steps 0 and 1
        var ex = Assert.Throws<ArgumentException>(() => gen.Prepare(0.2 * Ms)); // both in step 0
        Assert.Contains("spikes twice in step 0 at dt = 0.0002 s", ex.Message);
    }

    [Theory] // Brian2: period not an integer multiple of dt
    [InlineData(0.00125, "period = 0.00125 s is not an integer multiple of dt = 0.0001 s")]
    [InlineData(0.000101, "period = 0.000101 s is not an integer multiple of dt = 0.0001 s")]
    [InlineData(0.003333, "period = 0.003333 s is not an integer multiple of dt = 0.0001 s")]
    public void PeriodNotAMultipleOfDt_Throws(double period, string shown)
    {
        var gen = Make(1, [], [], period);
        var ex = Assert.Throws<ArgumentException>(() => gen.Prepare(0.1 * Ms));
        Assert.Contains(shown, ex.Message);
    }

    [Fact]
    public void PeriodWithinRoundingOfAMultiple_IsAccepted() // Brian2 issue #1041: 150 ms at 0.1 ms
        => Make(1, [], [], 150 * Ms).Prepare(0.1 * Ms);

    [Fact]
    public void PeriodBelowDt_Throws() // Brian2: period 1 ms, dt 2 ms
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Make(1, [], [], 1 * Ms).Prepare(2 * Ms));
        Assert.Contains("period = 0.001 s is smaller than dt = 0.002 s", ex.Message);
    }

    [Fact]
    public void SpikeAtOrAfterThePeriod_Throws() // Brian2: [0] at [2] ms with period 1 ms
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Make(1, [0], [2 * Ms], 1 * Ms).Prepare(0.1 * Ms));
        Assert.Contains("times[0] = 0.002 s falls in step 20", ex.Message);
        Assert.Contains("[0, 10)", ex.Message);
    }

    [Fact]
    public void SpikeWithinTheShiftBelowThePeriod_Throws() // Brian2: 0.99999 ms with period 1 ms
    {
        // (0.99999 ms + 1e-3·dt)/dt = 10.0009 → step 10, which is the period's first step again.
        var gen = Make(1, [0, 0, 0], [0, 0.9 * Ms, 0.99999 * Ms], 1 * Ms);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => gen.Prepare(0.1 * Ms));
        Assert.Contains("times[2] = 0.00099999 s falls in step 10", ex.Message);
    }

    [Fact]
    public void SpikesMergedByThePeriodsLastStep_Throw() // Brian2: 0.9 and 0.96 ms, period 1 ms
    {
        var gen = Make(1, [0, 0, 0], [0, 0.9 * Ms, 0.96 * Ms], 1 * Ms);
        Assert.Contains("spikes twice in step 9", Assert.Throws<ArgumentException>(() => gen.Prepare(0.1 * Ms)).Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(double.PositiveInfinity)]
    public void BadDt_Throws(double dt)
        => Assert.Contains("dt = ", Assert.Throws<ArgumentOutOfRangeException>(() => Make(1, [0], [0]).Prepare(dt)).Message);

    [Fact]
    public void RunWithAnotherDtThanPrepared_Throws()
    {
        var gen = Make(1, [0], [0]);
        gen.Prepare(1e-4);
        Assert.Throws<InvalidOperationException>(() => SourceDriver.Step(gen, 0, 1e-3));
    }
}
