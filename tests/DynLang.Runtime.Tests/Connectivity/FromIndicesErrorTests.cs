using DynLang.Runtime;

namespace DynLang.Runtime.Tests;

/// <summary>Bad index arrays: each message names the connectivity, the position, the value and the bound.</summary>
public sealed class FromIndicesErrorTests
{
    [Fact]
    public void UnequalLengthsNameBothLengths()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            Connectivity.FromIndices(new[] { 0, 1, 2 }, new[] { 0, 1 }, 3, 3, "Ce.npy"));
        Assert.Contains("'Ce.npy'", ex.Message);
        Assert.Contains("3 presynaptic", ex.Message);
        Assert.Contains("2 postsynaptic", ex.Message);
    }

    [Fact]
    public void PreIndexAtCountIsRefused()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Connectivity.FromIndices(new[] { 0, 4000, 1 }, new[] { 0, 0, 0 }, 4000, 10, "Ce_i.npy"));
        Assert.Equal("pre", ex.ParamName);
        Assert.Contains("'Ce_i.npy'", ex.Message);
        Assert.Contains("presynaptic index at position 1 is 4000", ex.Message);
        Assert.Contains("[0, 4000)", ex.Message);
    }

    [Fact]
    public void NegativePostIndexIsRefused()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Connectivity.FromIndices(new[] { 0, 0, 0 }, new[] { 2, 0, -7 }, 1, 3, "Ce_j.npy"));
        Assert.Equal("post", ex.ParamName);
        Assert.Contains("'Ce_j.npy'", ex.Message);
        Assert.Contains("postsynaptic index at position 2 is -7", ex.Message);
        Assert.Contains("[0, 3)", ex.Message);
    }

    [Fact]
    public void OffsetIsAppliedBeforeTheCheckAndShownInTheMessage()
    {
        // CUBA's inhibitory indices are relative to neuron 3200 of 4000: 799 is the last valid one.
        var ok = Connectivity.FromIndices(new[] { 0, 799 }, new[] { 5, 6 }, 4000, 4000, "Ci", preOffset: 3200);
        Assert.Equal(new[] { 3200, 3999 }, ok.PreIndex.ToArray());

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Connectivity.FromIndices(new[] { 0, 800 }, new[] { 5, 6 }, 4000, 4000, "Ci_i.npy", preOffset: 3200));
        Assert.Contains("'Ci_i.npy'", ex.Message);
        Assert.Contains("position 1 is 4000 (800 + offset 3200)", ex.Message);
        Assert.Contains("[0, 4000)", ex.Message);
    }

    [Fact]
    public void PostOffsetCanMakeAnIndexNegative()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Connectivity.FromIndices(new[] { 0 }, new[] { 3 }, 1, 10, "shifted", postOffset: -4));
        Assert.Contains("position 0 is -1 (3 + offset -4)", ex.Message);
        Assert.Contains("[0, 10)", ex.Message);
    }

    [Fact]
    public void OffsetOverflowIsCaughtNotWrapped()
    {
        // int.MaxValue + 1 would wrap to a negative int; the check works in 64 bits.
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Connectivity.FromIndices(new[] { int.MaxValue }, new[] { 0 }, 10, 1, "huge", preOffset: 1));
        Assert.Contains("is 2147483648", ex.Message);
    }

    [Fact]
    public void NegativeCountsAreRefused()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Connectivity.FromIndices(ReadOnlySpan<int>.Empty, ReadOnlySpan<int>.Empty, -1, 3, "neg"));
        Assert.Contains("-1", ex.Message);
        Assert.Contains("'neg'", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Connectivity.Dense(2, -2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Connectivity.OneToOne(-3));
    }

    [Fact]
    public void DenseRefusesMoreSynapsesThanAnArrayHolds()
    {
        var ex = Assert.Throws<ArgumentException>(() => Connectivity.Dense(100_000, 100_000, name: "too big"));
        Assert.Contains("10000000000", ex.Message);
        Assert.Contains(Array.MaxLength.ToString(), ex.Message);
    }
}
