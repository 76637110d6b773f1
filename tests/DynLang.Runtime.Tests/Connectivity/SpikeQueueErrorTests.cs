using System.Globalization;
using DynLang.Runtime;

namespace DynLang.Runtime.Tests;

/// <summary>Bad delays and misuse of the per-step protocol of <see cref="SpikeQueue"/>.</summary>
public sealed class SpikeQueueErrorTests
{
    private const double Dt = 1e-4;

    private static Connectivity Three() => Connectivity.OneToOne(3, "exc");

    private static string Text(double x) => x.ToString(CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(-1e-4, "is negative")]
    [InlineData(-1e-20, "is negative")]
    [InlineData(double.NaN, "not a finite number")]
    [InlineData(double.PositiveInfinity, "not a finite number")]
    [InlineData(1.05e-4, "not a whole number of time steps")]   // 1.05 steps
    [InlineData(1.5e-3 + 0.5e-4, "not a whole number of time steps")] // 15.5 steps
    public void BadPerSynapseDelayNamesSynapseValueAndDt(double bad, string reason)
    {
        var delays = new[] { 0.0, 2e-4, bad };
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new SpikeQueue(Three(), false, delays, Dt));
        Assert.Contains("'exc', synapse 2", ex.Message);
        Assert.Contains("delay " + Text(bad), ex.Message);
        Assert.Contains("dt = " + Text(Dt), ex.Message);
        Assert.Contains(reason, ex.Message);
    }

    [Fact]
    public void BadHomogeneousDelayNamesValueAndDt()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new SpikeQueue(Three(), false, 2.5e-4, Dt));
        Assert.Contains("'exc'", ex.Message);
        Assert.Contains("delay " + Text(2.5e-4), ex.Message);
        Assert.Contains("dt = " + Text(Dt), ex.Message);
        Assert.Contains("2.5", ex.Message.Split("it is")[1]); // the ratio in steps
    }

    [Fact]
    public void DelaysOfTheWrongLengthAreRefused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SpikeQueue(Three(), false, new[] { 0.0, 0.0 }, Dt));
        Assert.Contains("'exc'", ex.Message);
        Assert.Contains("2 delays", ex.Message);
        Assert.Contains("3 synapses", ex.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-4)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void BadDtIsRefused(double dt)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new SpikeQueue(Three(), false, 0.0, dt));
        Assert.Contains("'exc'", ex.Message);
        Assert.Contains("dt = " + Text(dt), ex.Message);
    }

    [Fact]
    public void DelaysThatAreMultiplesUpToRoundingAreAccepted()
    {
        // 1.5e-3 / 1e-4 = 15.000000000000002 in binary: a few ulps, accepted as 15 steps.
        Assert.Equal(15, SpikeQueue.DelaySteps(1.5e-3, 1e-4, "d"));
        // A 10 ms delay stored as float32: 0.00999999977648258 s = 99.9999977… steps (2.2e-6
        // steps off, outside a fixed 1e-6-step tolerance but within 1e-6 of the delay).
        Assert.Equal(100, SpikeQueue.DelaySteps((float)0.01, 1e-4, "d"));
        Assert.Equal(0, SpikeQueue.DelaySteps(0.0, 1e-4, "d"));
        // Just outside the tolerance of a short delay: 3 steps + 1e-5 step.
        Assert.Throws<ArgumentOutOfRangeException>(() => SpikeQueue.DelaySteps(3.00001e-4, 1e-4, "d"));
    }

    [Fact]
    public void AbsurdlyLongDelayIsRefusedBeforeAllocating()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => SpikeQueue.DelaySteps(1e6, 1e-4, "long"));
        Assert.Contains(SpikeQueue.MaxSupportedDelaySteps.ToString(CultureInfo.InvariantCulture), ex.Message);
    }

    [Fact]
    public void DeliveringAStepTwiceThrows()
    {
        var queue = new SpikeQueue(Three(), false, 0.0, Dt);
        queue.Push(0, new[] { 1 });
        queue.Deliver(0);
        var ex = Assert.Throws<InvalidOperationException>(() => queue.Deliver(0));
        Assert.Contains("step 0 was already delivered", ex.Message);
    }

    [Fact]
    public void PushingAfterTheStepsDeliveryThrows()
    {
        var queue = new SpikeQueue(Three(), false, 0.0, Dt);
        queue.Deliver(4);
        var ex = Assert.Throws<InvalidOperationException>(() => queue.Push(4, new[] { 0 }));
        Assert.Contains("step 4", ex.Message);
    }

    [Fact]
    public void GoingBackwardsOrSkippingAStepThrows()
    {
        var queue = new SpikeQueue(Three(), false, 1e-4, Dt);
        queue.Push(5, new[] { 0 });
        queue.Deliver(5);
        var back = Assert.Throws<InvalidOperationException>(() => queue.Push(4, new[] { 0 }));
        Assert.Contains("step 4 after step 5", back.Message);
        var skip = Assert.Throws<InvalidOperationException>(() => queue.Deliver(7));
        Assert.Contains("step 7 after step 5", skip.Message);
        // The failed calls changed nothing: step 6 still delivers spike 0's synapse.
        queue.Push(6, ReadOnlySpan<int>.Empty);
        Assert.Equal(new[] { 0 }, queue.Deliver(6).ToArray());
    }

    [Fact]
    public void StartingTheNextStepWithoutDeliveringThrows()
    {
        var queue = new SpikeQueue(Three(), false, 0.0, Dt);
        queue.Push(0, new[] { 2 });
        var ex = Assert.Throws<InvalidOperationException>(() => queue.Push(1, new[] { 0 }));
        Assert.Contains("before step 0 was delivered", ex.Message);
    }

    [Fact]
    public void NegativeStepThrows()
    {
        var queue = new SpikeQueue(Three(), false, 0.0, Dt);
        Assert.Throws<ArgumentOutOfRangeException>(() => queue.Deliver(-1));
    }

    [Fact]
    public void SpikeIndexOutOfRangeThrowsAndQueuesNothing()
    {
        var queue = new SpikeQueue(Three(), false, 0.0, Dt);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => queue.Push(0, new[] { 0, 3 }));
        Assert.Contains("'exc'", ex.Message);
        Assert.Contains("position 1 has index 3", ex.Message);
        Assert.Contains("[0, 3)", ex.Message);
        // Spike 0 of the refused push was not queued.
        Assert.Empty(queue.Deliver(0).ToArray());
    }
}
