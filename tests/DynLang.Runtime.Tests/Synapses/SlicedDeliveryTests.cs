using DynLang.Runtime;

namespace DynLang.Runtime.Tests;

/// <summary>
/// <see cref="SlicedDelivery"/> against the transcription of Brian2's queue: in every step, slice
/// p delivers exactly the events of Brian2's queue whose written element lies in p, in Brian2's
/// order — so every element sees its events in Brian2's order, whatever the slicing.
/// </summary>
public sealed class SlicedDeliveryTests
{
    private const double Dt = 1e-4;
    private const int PreCount = 30, PostCount = 40, Synapses = 600;

    private sealed record Setup(Connectivity Connectivity, int[] Pre, int[] Post, int[] DelaySteps, bool PerSynapse);

    private static Setup Create(Random rng, bool perSynapse, int homogeneous)
    {
        // Random pairs in random order (ids are not sorted by either side), with repeated pairs.
        var pre = Enumerable.Range(0, Synapses).Select(_ => rng.Next(PreCount)).ToArray();
        var post = Enumerable.Range(0, Synapses).Select(_ => rng.Next(PostCount)).ToArray();
        var c = Connectivity.FromIndices(pre, post, PreCount, PostCount, "random");
        int[] delays = perSynapse
            ? Enumerable.Range(0, Synapses).Select(_ => rng.Next(0, 8)).ToArray()
            : Enumerable.Repeat(homogeneous, Synapses).ToArray();
        return new Setup(c, pre, post, delays, perSynapse);
    }

    private static SlicedDelivery Delivery(Setup setup, bool fromPost, bool byPost, int slices) => setup.PerSynapse
        ? new SlicedDelivery(setup.Connectivity, fromPost, byPost, setup.DelaySteps.Select(k => k * Dt).ToArray(), Dt, slices)
        : new SlicedDelivery(setup.Connectivity, fromPost, byPost, setup.DelaySteps[0] * Dt, Dt, slices);

    /// <summary>
    /// The events of slice p this step, concatenated; checks that each span's targets are the
    /// written elements of its synapses (or absent when the written side is the spiking side).
    /// </summary>
    private static int[] Events(SlicedDelivery delivery, int slice, int[]? owner = null, bool fromPost = false)
    {
        var list = new List<int>();
        var events = delivery.Events(slice, slice + 1);
        bool wholeRows = delivery.Slices.ByPost == fromPost;
        for (ReadOnlySpan<int> ids = events.Next(); !ids.IsEmpty; ids = events.Next())
        {
            ReadOnlySpan<int> targets = events.Targets;
            if (owner is not null)
            {
                if (wholeRows)
                    Assert.True(targets.IsEmpty);
                else
                    for (int k = 0; k < ids.Length; k++)
                        Assert.Equal(owner[ids[k]], targets[k]);
            }
            foreach (int s in ids) list.Add(s);
        }
        return list.ToArray();
    }

    /// <summary>
    /// Runs steps [from, to) and checks every slice against Brian2's queue; returns the events
    /// delivered. <paramref name="perElement"/>: compare only each written element's events (the
    /// order that results depend on), not their interleaving within the slice.
    /// </summary>
    private static long RunAndCompare(Random rng, Setup setup, SlicedDelivery delivery, BrianSpikeQueueModel model, bool fromPost, long from, long to,
        bool perElement = false)
    {
        int sourceCount = fromPost ? PostCount : PreCount;
        long delivered = 0;
        for (long n = from; n < to; n++)
        {
            int[] spikes = Enumerable.Range(0, sourceCount).Where(_ => rng.NextDouble() < 0.2).ToArray();
            long estimate = delivery.Push(n, spikes);
            int[] expected = model.Step(spikes);
            var slices = delivery.Slices;
            int[] owner = slices.ByPost ? setup.Post : setup.Pre;
            // Taken in reverse order: slices are independent of one another.
            for (int p = delivery.SliceCount - 1; p >= 0; p--)
            {
                int[] mine = expected.Where(s => owner[s] >= slices.Start(p) && owner[s] < slices.End(p)).ToArray();
                int[] actual = Events(delivery, p, owner, fromPost);
                if (perElement)
                {
                    Assert.Equal(mine.Length, actual.Length);
                    for (int e = slices.Start(p); e < slices.End(p); e++)
                        Assert.Equal(mine.Where(s => owner[s] == e), actual.Where(s => owner[s] == e));
                }
                else
                {
                    Assert.Equal(mine, actual);
                }
                Assert.Equal(actual, Events(delivery, p)); // taking a slice again gives the same events
            }
            if (setup.PerSynapse)
                Assert.True(estimate >= expected.Length, $"step {n}: estimate {estimate} below the {expected.Length} events due");
            else
                Assert.Equal(expected.Length, estimate);
            delivered += expected.Length;
        }
        return delivered;
    }

    [Theory]
    [InlineData(false, true, false, 1)]
    [InlineData(false, true, false, 3)]
    [InlineData(false, true, true, 8)]
    [InlineData(false, false, true, 5)]   // on pre split by pre: whole rows
    [InlineData(true, false, false, 4)]   // on post split by pre: split rows
    [InlineData(true, false, true, 7)]
    [InlineData(true, true, true, 6)]     // on post split by post: whole rows
    [InlineData(false, true, true, 64)]   // more slices than post elements: some empty
    public void Every_slice_delivers_its_part_of_Brian2s_order(bool fromPost, bool byPost, bool perSynapse, int slices)
    {
        var rng = new Random(slices * 31 + (fromPost ? 1 : 0) + (byPost ? 2 : 0) + (perSynapse ? 4 : 0));
        foreach (int homogeneous in perSynapse ? new[] { -1 } : new[] { 0, 1, 5 })
        {
            var setup = Create(rng, perSynapse, homogeneous);
            var delivery = Delivery(setup, fromPost, byPost, slices);
            var model = new BrianSpikeQueueModel(fromPost ? setup.Post : setup.Pre, fromPost ? PostCount : PreCount, setup.DelaySteps);
            Assert.Equal(!perSynapse, delivery.IsHomogeneous);
            long delivered = RunAndCompare(rng, setup, delivery, model, fromPost, 0, 200);
            Assert.True(delivered > 1000, "the run must actually deliver spikes");
        }
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void A_range_of_slices_gives_each_element_its_events_in_Brian2s_order(bool fromPost, bool perSynapse)
    {
        var rng = new Random(fromPost ? 40 : 41);
        var setup = Create(rng, perSynapse, 3);
        var delivery = Delivery(setup, fromPost, !fromPost, 6);
        var model = new BrianSpikeQueueModel(fromPost ? setup.Post : setup.Pre, fromPost ? PostCount : PreCount, setup.DelaySteps);
        int[] owner = fromPost ? setup.Pre : setup.Post;
        var slices = delivery.Slices;
        long delivered = 0;
        for (long n = 0; n < 100; n++)
        {
            int[] spikes = Enumerable.Range(0, fromPost ? PostCount : PreCount).Where(_ => rng.NextDouble() < 0.2).ToArray();
            delivery.Push(n, spikes);
            int[] expected = model.Step(spikes);
            // Slices [0, 2), [2, 5) and [5, 6), as a pool would hand them out.
            foreach (var (first, end) in new[] { (0, 2), (2, 5), (5, 6) })
            {
                var list = new List<int>();
                var events = delivery.Events(first, end);
                for (ReadOnlySpan<int> ids = events.Next(); !ids.IsEmpty; ids = events.Next())
                {
                    ReadOnlySpan<int> targets = events.Targets;
                    for (int k = 0; k < ids.Length; k++)
                    {
                        Assert.Equal(owner[ids[k]], targets[k]);
                        list.Add(ids[k]);
                    }
                }
                for (int e = slices.Start(first); e < slices.End(end - 1); e++)
                    Assert.Equal(expected.Where(s => owner[s] == e), list.Where(s => owner[s] == e));
                Assert.Equal(expected.Count(s => owner[s] >= slices.Start(first) && owner[s] < slices.End(end - 1)), list.Count);
            }
            delivered += expected.Length;
        }
        Assert.True(delivered > 500);
    }

    /// <summary>
    /// Events in flight move to their new slices with every element's events in their order; how
    /// the events of different elements interleave within a slice may change (it does not matter:
    /// a split pathway writes each element from its own events only).
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reslicing_between_steps_keeps_the_events_in_flight_in_order(bool perSynapse)
    {
        var rng = new Random(perSynapse ? 17 : 18);
        var setup = Create(rng, perSynapse, 6);
        var delivery = Delivery(setup, false, true, 3);
        var model = new BrianSpikeQueueModel(setup.Pre, PreCount, setup.DelaySteps);
        long step = 0;
        foreach (int slices in new[] { 5, 1, 64, 2 })
        {
            RunAndCompare(rng, setup, delivery, model, false, step, step + 40, perElement: true);
            step += 40;
            delivery.Reslice(slices);
            Assert.Equal(slices, delivery.SliceCount);
        }
        Assert.True(RunAndCompare(rng, setup, delivery, model, false, step, step + 40, perElement: true) > 100);
        // Once the events queued before the last reslicing are delivered, the order is Brian2's again.
        Assert.True(RunAndCompare(rng, setup, delivery, model, false, step + 40, step + 80) > 100);
    }

    [Fact]
    public void Reset_drops_the_queued_events_and_allows_any_step()
    {
        var setup = Create(new Random(5), true, 0);
        var delivery = Delivery(setup, false, true, 4);
        delivery.Push(10, Enumerable.Range(0, PreCount).ToArray());
        delivery.Reset();
        Assert.Equal(0, delivery.Push(3, Array.Empty<int>()));
        for (int p = 0; p < delivery.SliceCount; p++)
            Assert.Empty(Events(delivery, p));
    }

    [Fact]
    public void Before_the_first_push_every_slice_is_empty()
    {
        var delivery = Delivery(Create(new Random(6), false, 2), false, true, 3);
        for (int p = 0; p < 3; p++)
            Assert.Empty(Events(delivery, p));
    }
}
