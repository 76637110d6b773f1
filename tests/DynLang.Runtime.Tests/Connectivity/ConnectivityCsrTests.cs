using DynLang.Runtime;

namespace DynLang.Runtime.Tests;

/// <summary>
/// The CSR views of <see cref="Connectivity"/> against a naive reference (a linear scan of the
/// synapse list), on random graphs and on the generated patterns.
/// </summary>
public sealed class ConnectivityCsrTests
{
    [Theory]
    [InlineData(0, 0, 0, 1)]
    [InlineData(1, 1, 5, 2)]       // multiple synapses between the same pair
    [InlineData(7, 3, 0, 3)]       // no synapses at all
    [InlineData(50, 40, 300, 4)]
    [InlineData(13, 200, 2000, 5)] // many synapses per row, empty rows unlikely
    [InlineData(300, 5, 40, 6)]    // most rows empty
    public void CsrMatchesNaiveReference(int preCount, int postCount, int synapses, int seed)
    {
        var rng = new Random(seed);
        var pre = new int[synapses];
        var post = new int[synapses];
        for (int s = 0; s < synapses; s++)
        {
            pre[s] = rng.Next(preCount);
            post[s] = rng.Next(postCount);
        }

        var c = Connectivity.FromIndices(pre, post, preCount, postCount, "random graph");

        Assert.Equal(synapses, c.Count);
        Assert.Equal(pre, c.PreIndex.ToArray());
        Assert.Equal(post, c.PostIndex.ToArray());
        AssertCsr(c.OutgoingStart, c.OutgoingSynapses, pre, preCount);
        AssertCsr(c.IncomingStart, c.IncomingSynapses, post, postCount);
        for (int i = 0; i < preCount; i++)
        {
            Assert.Equal(Naive(pre, i), c.Outgoing(i).ToArray());
            Assert.Equal(Naive(pre, i).Length, c.OutgoingCount(i));
        }
        for (int j = 0; j < postCount; j++)
        {
            Assert.Equal(Naive(post, j), c.Incoming(j).ToArray());
            Assert.Equal(Naive(post, j).Length, c.IncomingCount(j));
        }
    }

    [Fact]
    public void DenseIsIMajorAndCanDropSelfConnections()
    {
        var all = Connectivity.Dense(3, 4);
        Assert.Equal(12, all.Count);
        for (int s = 0; s < 12; s++)
        {
            // Synapse id i·postCount + j when every pair is present.
            Assert.Equal(s / 4, all.PreIndex[s]);
            Assert.Equal(s % 4, all.PostIndex[s]);
        }

        var noSelf = Connectivity.Dense(3, 3, allowSelfConnections: false);
        Assert.Equal(new[] { 0, 0, 1, 1, 2, 2 }, noSelf.PreIndex.ToArray());
        Assert.Equal(new[] { 1, 2, 0, 2, 0, 1 }, noSelf.PostIndex.ToArray());
        AssertCsr(noSelf.OutgoingStart, noSelf.OutgoingSynapses, noSelf.PreIndex.ToArray(), 3);
        AssertCsr(noSelf.IncomingStart, noSelf.IncomingSynapses, noSelf.PostIndex.ToArray(), 3);
    }

    [Fact]
    public void OneToOneConnectsEqualIndices()
    {
        var c = Connectivity.OneToOne(5, "identity");
        Assert.Equal("identity", c.Name);
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, c.PreIndex.ToArray());
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, c.PostIndex.ToArray());
        Assert.Equal(new[] { 0, 1, 2, 3, 4, 5 }, c.OutgoingStart.ToArray());
        Assert.Equal(new[] { 0, 1, 2, 3, 4, 5 }, c.IncomingStart.ToArray());
    }

    [Fact]
    public void ByConditionListsMatchingPairsIMajor()
    {
        // Pairs with j = i + 1 or j = i - 1 (a ring without wrap-around).
        var c = Connectivity.ByCondition(4, 4, (i, j) => Math.Abs(i - j) == 1);
        Assert.Equal(new[] { 0, 1, 1, 2, 2, 3 }, c.PreIndex.ToArray());
        Assert.Equal(new[] { 1, 0, 2, 1, 3, 2 }, c.PostIndex.ToArray());
        Assert.Equal(new[] { 2, 5 }, c.Incoming(2).ToArray()); // (1,2) and (3,2)
    }

    [Fact]
    public void ViewsRefuseOutOfRangeElements()
    {
        var c = Connectivity.OneToOne(3, "small");
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => c.Outgoing(3));
        Assert.Contains("'small'", ex.Message);
        Assert.Contains("[0, 3)", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => c.IncomingCount(-1));
    }

    [Fact]
    public void FromIndicesCopiesItsInput()
    {
        var pre = new[] { 0, 1 };
        var post = new[] { 1, 0 };
        var c = Connectivity.FromIndices(pre, post, 2, 2);
        pre[0] = 1;
        post[0] = 0;
        Assert.Equal(0, c.PreIndex[0]);
        Assert.Equal(1, c.PostIndex[0]);
    }

    /// <summary>Synapse ids whose key is <paramref name="value"/>, ascending (by a linear scan).</summary>
    private static int[] Naive(int[] keys, int value) =>
        Enumerable.Range(0, keys.Length).Where(s => keys[s] == value).ToArray();

    /// <summary>Structural CSR invariants: starts monotone from 0 to n, every id once, groups ascending and keyed right.</summary>
    private static void AssertCsr(ReadOnlySpan<int> start, ReadOnlySpan<int> ids, int[] keys, int rows)
    {
        Assert.Equal(rows + 1, start.Length);
        Assert.Equal(0, start[0]);
        Assert.Equal(keys.Length, start[rows]);
        Assert.Equal(keys.Length, ids.Length);
        var seen = new bool[keys.Length];
        for (int r = 0; r < rows; r++)
        {
            Assert.True(start[r] <= start[r + 1]);
            for (int k = start[r]; k < start[r + 1]; k++)
            {
                Assert.Equal(r, keys[ids[k]]);
                Assert.False(seen[ids[k]]);
                seen[ids[k]] = true;
                if (k > start[r])
                    Assert.True(ids[k - 1] < ids[k]);
            }
        }
        Assert.All(seen, Assert.True);
    }
}
