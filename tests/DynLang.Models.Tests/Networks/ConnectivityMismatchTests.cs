using DynLang.Runtime;

namespace DynLang.Models.Tests.Networks;

/// <summary>
/// Generated synapse constructors check the connectivity against the populations they join: a
/// connectivity built for other sizes is refused at once, naming the connectivity, the side and
/// both sizes — not at the first spike with an index out of range.
/// </summary>
public sealed class ConnectivityMismatchTests
{
    [Fact]
    public void Pre_count_differing_from_the_pre_population_is_refused_naming_both_numbers()
    {
        var source = new SpikeGeneratorSource("gen", 5, Array.Empty<int>(), Array.Empty<double>());
        var sink = new DelaySinkPopulation(3);
        var error = Assert.Throws<ArgumentException>(() => new DelayKickSynapses(source, sink, Connectivity.OneToOne(3, "links")));
        Assert.Equal("connectivity", error.ParamName);
        Assert.Contains("'links'", error.Message);
        Assert.Contains("3 pre-synaptic", error.Message);
        Assert.Contains("has 5", error.Message);
    }

    [Fact]
    public void Post_count_differing_from_the_post_population_is_refused_naming_both_numbers()
    {
        var source = new SpikeGeneratorSource("gen", 3, Array.Empty<int>(), Array.Empty<double>());
        var sink = new DelaySinkPopulation(4);
        var error = Assert.Throws<ArgumentException>(() => new DelayKickSynapses(source, sink, Connectivity.OneToOne(3, "links")));
        Assert.Contains("'links'", error.Message);
        Assert.Contains("3 post-synaptic", error.Message);
        Assert.Contains("has 4", error.Message);
    }

    [Fact]
    public void Both_sides_of_a_neuron_to_neuron_synapse_are_checked()
    {
        // GapJunction joins two GapCell populations: a 4 × 6 connectivity fits neither way round.
        var four = new GapCellPopulation(4);
        var six = new GapCellPopulation(6);
        var dense = Connectivity.Dense(4, 6, name: "4x6");
        Assert.NotNull(new GapJunctionSynapses(four, six, dense));
        var swapped = Assert.Throws<ArgumentException>(() => new GapJunctionSynapses(six, four, dense));
        Assert.Contains("4 pre-synaptic", swapped.Message);
        Assert.Contains("has 6", swapped.Message);
        var post = Assert.Throws<ArgumentException>(() => new GapJunctionSynapses(four, four, dense));
        Assert.Contains("6 post-synaptic", post.Message);
        Assert.Contains("has 4", post.Message);
    }

    [Fact]
    public void Null_arguments_are_refused_by_name()
    {
        var sink = new DelaySinkPopulation(1);
        var source = new SpikeGeneratorSource("gen", 1, Array.Empty<int>(), Array.Empty<double>());
        Assert.Equal("pre", Assert.Throws<ArgumentNullException>(() => new DelayKickSynapses(null!, sink, Connectivity.OneToOne(1))).ParamName);
        Assert.Equal("post", Assert.Throws<ArgumentNullException>(() => new DelayKickSynapses(source, null!, Connectivity.OneToOne(1))).ParamName);
        Assert.Equal("connectivity", Assert.Throws<ArgumentNullException>(() => new DelayKickSynapses(source, sink, null!)).ParamName);
    }
}
