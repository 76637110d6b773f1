using DynLang.Runtime;

namespace DynLang.Runtime.Tests;

/// <summary>
/// A connectivity that cannot be held is refused before any pair is drawn (it used to draw for
/// 23 s and then run out of memory), with the sizes and the expected count in the message.
/// </summary>
public sealed class ConnectivitySizeTests
{
    private sealed class CountingCondition
    {
        public long Calls;
        public bool Keep(int i, int j)
        {
            Calls++;
            return true;
        }
    }

    [Theory]
    [InlineData(1_000_000, 1_000_000, 0.1)]   // 1e11 synapses
    [InlineData(100_000, 100_000, 0.25)]      // 2.5e9: just over what an array can index
    [InlineData(int.MaxValue, int.MaxValue, 1e-6)]
    public void An_impossible_random_connectivity_is_refused_before_drawing(int pre, int post, double p)
    {
        var error = Assert.Throws<ArgumentException>(() => Connectivity.Random(pre, post, p, seed: 1, name: "huge"));
        Assert.Contains("'huge'", error.Message);
        Assert.Contains($"{pre} × {post}", error.Message);
        Assert.Contains("synapses", error.Message);
        Assert.Contains(Array.MaxLength.ToString(), error.Message);
    }

    [Fact]
    public void The_message_gives_the_expected_count()
    {
        var error = Assert.Throws<ArgumentException>(() => Connectivity.Random(1_000_000, 1_000_000, 0.1, seed: 1));
        Assert.Contains("about 1e+11 synapses", error.Message);
        Assert.Contains("p = 0.1", error.Message);
    }

    [Fact]
    public void A_count_beyond_the_memory_the_GC_may_use_is_refused_naming_both()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Connectivity.CheckSynapsesFit("big", 50_000, 50_000, 1.25e9, "p = 0.5 gives about 1.25e+9 synapses (50000 × 50000 pairs)", availableBytes: 8L << 30));
        Assert.Contains("'big'", error.Message);
        Assert.Contains("18.6 GiB", error.Message); // 1.25e9 · 16 bytes
        Assert.Contains("8 GiB", error.Message);
        // Within the limits: nothing thrown.
        Connectivity.CheckSynapsesFit("ok", 50_000, 50_000, 1e8, "fine", availableBytes: 8L << 30);
    }

    [Fact]
    public void Dense_beyond_an_array_is_refused_naming_the_sizes()
    {
        var error = Assert.Throws<ArgumentException>(() => Connectivity.Dense(100_000, 100_000, name: "all"));
        Assert.Contains("100000 × 100000 gives 10000000000 synapses", error.Message);
    }

    [Fact]
    public void With_a_condition_the_count_is_not_judged_in_advance()
    {
        // Most pairs filtered out: the expected count before the condition is no bound, so no
        // refusal up front (this one is small enough to draw).
        var condition = new CountingCondition();
        var c = Connectivity.Random(3000, 3000, 0.5, seed: 2, condition: (i, j) => i < 2 && condition.Keep(i, j));
        Assert.InRange(c.Count, 2000, 4000);
    }

    [Fact]
    public void Possible_sizes_are_not_refused()
    {
        var c = Connectivity.Random(2000, 2000, 0.05, seed: 3);
        Assert.InRange(c.Count, 180_000, 220_000);
    }
}
