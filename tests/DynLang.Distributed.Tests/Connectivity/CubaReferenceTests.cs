using DynLang.Distributed;
using DynLang.Runtime;

namespace DynLang.Distributed.Tests.Connectivity;

/// <summary>
/// Brian2's CUBA connectivity (tests/reference/cuba/data, N = 4000, saved with whole-population
/// indices): FromNpy over 1, 2 and 4 ranks gives each rank its part of the single-process
/// connectivity, in file order, and the per-neuron initial states slice the same way.
/// </summary>
public class CubaReferenceTests
{
    private const int N = 4000;

    private static string Data(string file) => RepoPaths.Reference("cuba", "data", file);

    [Theory]
    [InlineData("Ce", 1)]
    [InlineData("Ce", 2)]
    [InlineData("Ce", 4)]
    [InlineData("Ci", 1)]
    [InlineData("Ci", 2)]
    [InlineData("Ci", 4)]
    public void FromNpy_over_ranks_is_the_single_process_connectivity_split_by_post(string pathway, int ranks)
    {
        var global = Runtime.Connectivity.FromIndices(Npy.ReadInt32(Data($"{pathway}_i.npy")), Npy.ReadInt32(Data($"{pathway}_j.npy")), N, N, pathway);
        Assert.True(global.Count > 50_000); // the reference files are there and whole
        var partition = new Partition(N, ranks);
        var shares = Shares.OnRanks(ranks, comm =>
            DistributedConnectivity.FromNpy(Data($"{pathway}_i.npy"), Data($"{pathway}_j.npy"), N, partition, comm, pathway));
        Shares.AssertSharesOf(global, shares);
        // The order of delivery into every post neuron is the single-process one.
        foreach (var share in shares)
            for (int jl = 0; jl < share.Local.PostCount; jl += 97)
                Assert.Equal(global.Incoming(share.GlobalPost(jl)).ToArray().Select(s => (long)s),
                    share.Local.Incoming(jl).ToArray().Select(s => share.GlobalSynapseId(s)));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void Initial_states_slice_by_rank(int ranks)
    {
        double[] v = Npy.ReadDoubles(Data("init_v.npy"), N);
        var partition = new Partition(N, ranks);
        Assert.Equal(v, Enumerable.Range(0, ranks).SelectMany(r => RankArrays.ReadDoubles(Data("init_v.npy"), partition, r)));
    }
}
