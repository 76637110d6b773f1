using DynLang.Runtime;

namespace DynLang.Runtime.Tests;

/// <summary>What <see cref="SlicedDelivery"/> refuses, and that a refused call changes nothing.</summary>
public sealed class SlicedDeliveryErrorTests
{
    private const double Dt = 1e-4;

    private static SlicedDelivery Create(int slices = 2) =>
        new(Connectivity.Random(20, 20, 0.3, 1, name: "net"), false, true, 2 * Dt, Dt, slices);

    [Fact]
    public void A_spike_outside_the_population_is_refused_and_the_step_can_be_pushed_again()
    {
        var delivery = Create();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => delivery.Push(0, new[] { 3, 20 }));
        Assert.Contains("position 1", error.Message);
        Assert.Contains("20", error.Message);
        Assert.Contains("'net'", error.Message);
        delivery.Push(0, new[] { 3 });
    }

    [Fact]
    public void Steps_must_follow_one_another()
    {
        var delivery = Create();
        delivery.Push(5, Array.Empty<int>());
        Assert.Throws<InvalidOperationException>(() => delivery.Push(5, Array.Empty<int>()));
        Assert.Throws<InvalidOperationException>(() => delivery.Push(7, Array.Empty<int>()));
        Assert.Throws<InvalidOperationException>(() => delivery.Push(4, Array.Empty<int>()));
        delivery.Push(6, Array.Empty<int>());
        Assert.Throws<ArgumentOutOfRangeException>(() => Create().Push(-1, Array.Empty<int>()));
    }

    [Fact]
    public void Bad_delays_and_slice_numbers_are_refused_naming_the_value()
    {
        var c = Connectivity.Random(20, 20, 0.3, 1, name: "net");
        var delays = new double[c.Count];
        delays[3] = 2.5 * Dt;
        var perSynapse = Assert.Throws<ArgumentOutOfRangeException>(() => new SlicedDelivery(c, false, true, delays, Dt, 2));
        Assert.Contains("synapse 3", perSynapse.Message);
        Assert.Contains("whole number", perSynapse.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SlicedDelivery(c, false, true, -Dt, Dt, 2));
        Assert.Throws<ArgumentException>(() => new SlicedDelivery(c, false, true, new double[c.Count - 1], Dt, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SlicedDelivery(c, false, true, 0, Dt, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Create(3).Events(3, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => Create(3).Events(1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Create(3).Events(-1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Create(3).Reslice(0));
        // Rows of another pathway (here: the other written side) cannot replace a delivery's rows.
        Assert.Throws<ArgumentException>(() => new SlicedDelivery(c, false, true, 0, Dt, 2).UseRows(new SlicedRows(c, false, false, 2)));
    }
}
