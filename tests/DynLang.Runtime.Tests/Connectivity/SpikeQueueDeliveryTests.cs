using DynLang.Runtime;

namespace DynLang.Runtime.Tests;

/// <summary>When and in which order <see cref="SpikeQueue"/> delivers synapse ids.</summary>
public sealed class SpikeQueueDeliveryTests
{
    private const double Dt = 1e-4;

    /// <summary>
    /// Four synapses, ids 0..3: pre = [1, 0, 1, 0], post = [0, 1, 2, 3]. Element 0 owns
    /// synapses {1, 3}, element 1 owns {0, 2}, so spike order and id order disagree.
    /// </summary>
    private static Connectivity Crossed() =>
        Connectivity.FromIndices(new[] { 1, 0, 1, 0 }, new[] { 0, 1, 2, 3 }, 2, 4, "crossed");

    [Fact]
    public void ZeroDelayIsDeliveredInTheSameStepInSpikeThenIdOrder()
    {
        var queue = new SpikeQueue(Crossed(), fromPost: false, delay: 0.0, Dt);
        queue.Push(7, new[] { 0, 1 });
        // Spike 0's synapses (1, 3) first, then spike 1's (0, 2): Brian2's order, not sorted.
        Assert.Equal(new[] { 1, 3, 0, 2 }, queue.Deliver(7).ToArray());
        queue.Push(8, ReadOnlySpan<int>.Empty);
        Assert.Empty(queue.Deliver(8).ToArray());
    }

    [Fact]
    public void HomogeneousDelayDeliversExactlyDStepsLater()
    {
        const int d = 3;
        var queue = new SpikeQueue(Crossed(), fromPost: false, delay: d * Dt, Dt);
        Assert.Equal(d, queue.MaxDelaySteps);
        Assert.True(queue.IsHomogeneous);
        for (long n = 5; n < 12; n++)
        {
            queue.Push(n, n == 5 ? new[] { 1 } : Array.Empty<int>());
            int[] due = queue.Deliver(n).ToArray();
            if (n == 5 + d)
                Assert.Equal(new[] { 0, 2 }, due);
            else
                Assert.Empty(due);
        }
    }

    [Fact]
    public void PerSynapseDelaysFollowBrian2sOrderNotSortedOrder()
    {
        // Delays in steps per synapse id: s0: 2, s1: 0, s2: 0, s3: 1.
        var queue = new SpikeQueue(Crossed(), fromPost: false, new[] { 2 * Dt, 0.0, 0.0, 1 * Dt }, Dt);
        Assert.False(queue.IsHomogeneous);
        Assert.Equal(2, queue.MaxDelaySteps);

        // Worked by hand from the rule "slot of step n + D[s], appended in push order":
        // step 0, spikes [0, 1]: s1 → 0, s3 → 1, s0 → 2, s2 → 0.
        queue.Push(0, new[] { 0, 1 });
        Assert.Equal(new[] { 1, 2 }, queue.Deliver(0).ToArray());
        // step 1, spikes [1]: s0 → 3, s2 → 1; slot 1 already holds s3 from step 0.
        queue.Push(1, new[] { 1 });
        Assert.Equal(new[] { 3, 2 }, queue.Deliver(1).ToArray());
        // step 2, no spikes: s0 from step 0.
        queue.Push(2, ReadOnlySpan<int>.Empty);
        Assert.Equal(new[] { 0 }, queue.Deliver(2).ToArray());
        // step 3, spikes [0, 1]: s1 → 3, s3 → 4, s0 → 5, s2 → 3; slot 3 already holds s0 from step 1.
        queue.Push(3, new[] { 0, 1 });
        Assert.Equal(new[] { 0, 1, 2 }, queue.Deliver(3).ToArray());
        queue.Push(4, ReadOnlySpan<int>.Empty);
        Assert.Equal(new[] { 3 }, queue.Deliver(4).ToArray());
        queue.Push(5, new[] { 0 });          // s1 → 5 (after s0 from step 3), s3 → 6
        Assert.Equal(new[] { 0, 1 }, queue.Deliver(5).ToArray());
        queue.Push(6, new[] { 1 });          // s0 → 8, s2 → 6 (after s3 from step 5)
        Assert.Equal(new[] { 3, 2 }, queue.Deliver(6).ToArray());
    }

    [Fact]
    public void ManyPushesPendingAtOnceEachArriveOnTime()
    {
        // One synapse per element (one-to-one), homogeneous delay 4: the spikes of steps
        // n..n+3 are all in flight together, and the ring wraps many times.
        const int d = 4;
        var queue = new SpikeQueue(Connectivity.OneToOne(10), fromPost: false, delay: d * Dt, Dt);
        for (long n = 0; n < 40; n++)
        {
            int[] spikes = { (int)(n % 10) };
            queue.Push(n, spikes);
            int[] due = queue.Deliver(n).ToArray();
            if (n < d)
                Assert.Empty(due);
            else
                Assert.Equal(new[] { (int)((n - d) % 10) }, due);
        }
    }

    [Fact]
    public void SeveralPushesInOneStepAreDeliveredInPushOrder()
    {
        var queue = new SpikeQueue(Crossed(), fromPost: false, delay: 0.0, Dt);
        queue.Push(0, new[] { 1 });
        queue.Push(0, new[] { 0 });
        Assert.Equal(new[] { 0, 2, 1, 3 }, queue.Deliver(0).ToArray());
    }

    [Fact]
    public void FromPostUsesIncomingSynapses()
    {
        // Post element 0 receives synapses 0 and 2, post element 1 receives synapse 1.
        var c = Connectivity.FromIndices(new[] { 0, 1, 1 }, new[] { 0, 1, 0 }, 2, 2, "back");
        var queue = new SpikeQueue(c, fromPost: true, delay: 1 * Dt, Dt);
        Assert.Equal(2, queue.SourceCount);
        queue.Push(0, new[] { 0, 1 });
        Assert.Empty(queue.Deliver(0).ToArray());
        queue.Push(1, ReadOnlySpan<int>.Empty);
        Assert.Equal(new[] { 0, 2, 1 }, queue.Deliver(1).ToArray());
    }

    [Fact]
    public void EqualPerSynapseDelaysTakeTheHomogeneousPath()
    {
        var queue = new SpikeQueue(Crossed(), fromPost: false, new[] { 2 * Dt, 2 * Dt, 2 * Dt, 2 * Dt }, Dt);
        Assert.True(queue.IsHomogeneous);
        Assert.Equal(2, queue.MaxDelaySteps);
        var empty = new SpikeQueue(Connectivity.Dense(0, 3), fromPost: false, ReadOnlySpan<double>.Empty, Dt);
        Assert.True(empty.IsHomogeneous);
        Assert.Equal(0, empty.MaxDelaySteps);
    }

    [Fact]
    public void ResetDropsQueuedSpikesAndAllowsAnyStep()
    {
        var queue = new SpikeQueue(Crossed(), fromPost: false, delay: 2 * Dt, Dt);
        queue.Push(10, new[] { 0, 1 });
        queue.Deliver(10);
        queue.Reset();
        for (long n = 0; n < 4; n++)
        {
            queue.Push(n, ReadOnlySpan<int>.Empty);
            Assert.Empty(queue.Deliver(n).ToArray());
        }
    }

    [Theory]
    [InlineData(false, false, 1)]
    [InlineData(false, true, 2)]
    [InlineData(true, false, 3)]
    [InlineData(true, true, 4)]
    [InlineData(false, true, 5)]
    public void LongRandomRunMatchesBrian2Transcription(bool fromPost, bool perSynapse, int seed)
    {
        var rng = new Random(seed);
        const int preCount = 30, postCount = 40, synapses = 400, steps = 300;
        var pre = Enumerable.Range(0, synapses).Select(_ => rng.Next(preCount)).ToArray();
        var post = Enumerable.Range(0, synapses).Select(_ => rng.Next(postCount)).ToArray();
        var c = Connectivity.FromIndices(pre, post, preCount, postCount, "random");
        int homogeneous = rng.Next(1, 6);
        int[] delaySteps = perSynapse
            ? Enumerable.Range(0, synapses).Select(_ => rng.Next(0, 8)).ToArray()
            : Enumerable.Repeat(homogeneous, synapses).ToArray();

        var queue = perSynapse
            ? new SpikeQueue(c, fromPost, delaySteps.Select(k => k * Dt).ToArray(), Dt)
            : new SpikeQueue(c, fromPost, homogeneous * Dt, Dt);
        int sourceCount = fromPost ? postCount : preCount;
        var model = new BrianSpikeQueueModel(fromPost ? post : pre, sourceCount, delaySteps);

        long delivered = 0;
        for (long n = 0; n < steps; n++)
        {
            int[] spikes = Enumerable.Range(0, sourceCount).Where(_ => rng.NextDouble() < 0.2).ToArray();
            queue.Push(n, spikes);
            int[] actual = queue.Deliver(n).ToArray();
            Assert.Equal(model.Step(spikes), actual);
            delivered += actual.Length;
        }
        Assert.True(delivered > 1000, "the run must actually deliver spikes");
    }
}
