using DynLang.Runtime;

namespace DynLang.Runtime.Tests;

/// <summary><see cref="SynapseSlices"/> and <see cref="SynapseParallelism.SliceCount"/>.</summary>
public sealed class SynapseSlicesTests
{
    [Theory]
    [InlineData(true, 1)]
    [InlineData(true, 7)]
    [InlineData(false, 16)]
    [InlineData(true, 200)]
    public void Slices_are_contiguous_cover_every_element_and_share_the_synapses_evenly(bool byPost, int count)
    {
        var c = Connectivity.Random(150, 120, 0.1, 9, name: "even");
        var slices = new SynapseSlices(c, byPost, count);
        int[] rowStart = (byPost ? c.IncomingStart : c.OutgoingStart).ToArray();
        int elements = byPost ? c.PostCount : c.PreCount;
        int widest = Enumerable.Range(0, elements).Max(e => rowStart[e + 1] - rowStart[e]);

        Assert.Equal(count, slices.Count);
        Assert.Equal(0, slices.Start(0));
        Assert.Equal(elements, slices.End(count - 1));
        for (int p = 0; p < count; p++)
        {
            Assert.True(slices.Start(p) <= slices.End(p));
            if (p > 0) Assert.Equal(slices.End(p - 1), slices.Start(p));
            int synapses = rowStart[slices.End(p)] - rowStart[slices.Start(p)];
            // Each slice holds its share, give or take one element's synapses.
            Assert.True(synapses <= (double)c.Count / count + widest, $"slice {p}: {synapses} synapses");
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Synapse_lists_hold_each_slices_synapses_in_ascending_id(bool byPost)
    {
        var c = Connectivity.Random(90, 70, 0.2, 4, name: "lists");
        var slices = new SynapseSlices(c, byPost, 5, listSynapses: true);
        int[] owner = (byPost ? c.PostIndex : c.PreIndex).ToArray();
        var all = new List<int>();
        for (int p = 0; p < 5; p++)
        {
            int[] mine = slices.Synapses(p, p + 1).ToArray();
            Assert.Equal(Enumerable.Range(0, c.Count).Where(s => owner[s] >= slices.Start(p) && owner[s] < slices.End(p)), mine);
            all.AddRange(mine);
        }
        Assert.Equal(all, slices.Synapses(0, 5).ToArray());
        Assert.Throws<InvalidOperationException>(() => new SynapseSlices(c, byPost, 5).Synapses(0, 1));
    }

    [Fact]
    public void A_connectivity_without_synapses_has_all_elements_in_the_last_slice()
    {
        var c = Connectivity.FromIndices(Array.Empty<int>(), Array.Empty<int>(), 5, 9);
        var slices = new SynapseSlices(c, true, 4);
        Assert.Equal(0, slices.End(2));
        Assert.Equal(9, slices.End(3));
    }

    [Fact]
    public void The_slice_count_grows_with_the_pool_and_the_synapses_up_to_its_bounds()
    {
        using var none = new WorkerPool(0);
        using var three = new WorkerPool(3);
        Assert.Equal(1, SynapseParallelism.SliceCount(none, 10_000_000));
        Assert.Equal(1, SynapseParallelism.SliceCount(three, 100));
        Assert.Equal(5, SynapseParallelism.SliceCount(three, 5 * SynapseParallelism.MinSynapsesPerSlice));
        Assert.Equal(4 * SynapseParallelism.SlicesPerThread, SynapseParallelism.SliceCount(three, 10_000_000));
        using var many = new WorkerPool(31);
        Assert.Equal(SynapseParallelism.MaxSlices, SynapseParallelism.SliceCount(many, int.MaxValue));
        Assert.False(SynapseParallelism.ShouldSplit(none, 8, 1e9, 0));
        Assert.False(SynapseParallelism.ShouldSplit(three, 1, 1e9, 0));
        Assert.False(SynapseParallelism.ShouldSplit(three, 8, 100, WorkerPool.ParallelThresholdNanoseconds));
        Assert.True(SynapseParallelism.ShouldSplit(three, 8, 1e6, WorkerPool.ParallelThresholdNanoseconds));
    }
}
