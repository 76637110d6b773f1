using DynLang.Runtime;

namespace DynLang.Runtime.Tests;

/// <summary>
/// SlicedDelivery.Push with spikes pushed late (a distributed network's spikes of other ranks):
/// every synapse must get each spike at emission step + delay, in Brian2's order, as if it had been
/// pushed in time.
/// </summary>
public class LateDeliveryTests
{
    private static readonly Connectivity Synapses = Connectivity.Random(30, 20, 0.3, 7, name: "late");

    /// <summary>Runs 60 steps of fixed spikes and returns (step, synapse) of every event, in delivery order.</summary>
    private static List<(long, int)> Events(Func<SlicedDelivery> make, int late)
    {
        var delivery = make();
        var events = new List<(long, int)>();
        var spikesOf = (long step) => Enumerable.Range(0, 30).Where(i => (i * 7 + step * 3) % 11 == 0).ToArray();
        for (long n = 0; n < 60; n++)
        {
            int[] spikes = n - late >= 0 ? spikesOf(n - late) : Array.Empty<int>();
            delivery.Push(n, spikes, late);
            var due = delivery.Events(0, delivery.SliceCount);
            for (var span = due.Next(); !span.IsEmpty; span = due.Next())
                foreach (int s in span) events.Add((n, s));
        }
        return events;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    public void Spikes_pushed_late_reach_their_synapses_when_they_would_have_in_time_with_one_delay(int late)
    {
        Func<SlicedDelivery> make = () => new SlicedDelivery(Synapses, false, true, 5e-4, 1e-4, 3);
        var inTime = Events(make, 0);
        Assert.NotEmpty(inTime);
        Assert.Equal(inTime, Events(make, late));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Spikes_pushed_late_reach_their_synapses_when_they_would_have_in_time_with_per_synapse_delays(int late)
    {
        double[] delays = Enumerable.Range(0, Synapses.Count).Select(k => (2 + k % 6) * 1e-4).ToArray();
        Func<SlicedDelivery> make = () => new SlicedDelivery(Synapses, false, true, delays, 1e-4, 3);
        var inTime = Events(make, 0);
        Assert.NotEmpty(inTime);
        Assert.Equal(inTime, Events(make, late));
    }

    [Fact]
    public void Lateness_beyond_the_shortest_delay_is_refused()
    {
        var delivery = new SlicedDelivery(Synapses, false, true, 2e-4, 1e-4, 1);
        Assert.Equal(2, delivery.MinDelaySteps);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => delivery.Push(0, new[] { 1 }, 3));
        Assert.Contains("shortest delay is 2 steps", error.Message);
    }

    [Fact]
    public void Lateness_cannot_change_once_spikes_are_queued()
    {
        var delivery = new SlicedDelivery(Synapses, false, true, 2e-4, 1e-4, 1);
        delivery.Push(0, new[] { 1 }, 2);
        Assert.Throws<InvalidOperationException>(() => delivery.Push(1, new[] { 1 }, 1));
    }
}
