using DynLang.Distributed;
using DynLang.Runtime;

namespace DynLang.Distributed.Tests.Connectivity;

/// <summary>RankArrays and RankConnectivity.Slice: a rank's part of per-neuron and per-synapse values.</summary>
public sealed class RankArraysTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void Per_neuron_slices_put_together_are_the_file(int ranks)
    {
        double[] values = Enumerable.Range(0, 23).Select(i => i * 0.5 - 3).ToArray();
        string path = _folder.File("v.npy");
        Npy.Write(path, values);
        var partition = new Partition(23, ranks);
        var slices = Enumerable.Range(0, ranks).Select(r => RankArrays.ReadDoubles(path, partition, r)).ToArray();
        for (int r = 0; r < ranks; r++) Assert.Equal(partition.LocalCount(r), slices[r].Length);
        Assert.Equal(values, slices.SelectMany(s => s));
    }

    [Fact]
    public void Float32_is_widened_and_other_lengths_or_types_are_refused()
    {
        Npy.Write(_folder.File("f4.npy"), new[] { 1.5f, -2.25f, 3f });
        Assert.Equal(new[] { 1.5, -2.25 }, RankArrays.ReadDoubles(_folder.File("f4.npy"), new Partition(3, 2), 0));
        Assert.Equal(new[] { 3.0 }, RankArrays.ReadDoubles(_folder.File("f4.npy"), new Partition(3, 2), 1));
        var e = Assert.Throws<InvalidDataException>(() => RankArrays.ReadDoubles(_folder.File("f4.npy"), new Partition(4, 2), 0));
        Assert.Contains("holds 3 elements, expected 4", e.Message);
        Assert.Contains("f4.npy", e.Message);
        e = Assert.Throws<InvalidDataException>(() => RankArrays.ReadDoublesSlice(_folder.File("f4.npy"), 2, 2));
        Assert.Contains("elements [2, 4) were asked for", e.Message);
        Npy.Write(_folder.File("i.npy"), new[] { 1, 2, 3 });
        e = Assert.Throws<InvalidDataException>(() => RankArrays.ReadDoubles(_folder.File("i.npy"), new Partition(3, 1), 0));
        Assert.Contains("expected float64", e.Message);
    }

    [Fact]
    public void A_short_per_neuron_file_is_refused_before_reading()
    {
        string path = _folder.File("v.npy");
        Npy.Write(path, new double[10]);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes.AsSpan(0, bytes.Length - 8).ToArray());
        var e = Assert.Throws<InvalidDataException>(() => RankArrays.ReadDoubles(path, new Partition(10, 2), 0));
        Assert.Contains("truncated", e.Message);
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(3)]
    [InlineData(1)]
    public void Per_synapse_values_follow_the_global_ids(int chunk)
    {
        var random = new Random(8);
        int[] pre = Enumerable.Range(0, 400).Select(_ => random.Next(20)).ToArray();
        int[] post = Enumerable.Range(0, 400).Select(_ => random.Next(20)).ToArray();
        double[] weights = Enumerable.Range(0, 400).Select(s => 1000.0 + s).ToArray();
        Npy.Write(_folder.File("i.npy"), pre);
        Npy.Write(_folder.File("j.npy"), post);
        Npy.Write(_folder.File("w.npy"), weights);
        var partition = new Partition(20, 3);
        var shares = Shares.OnRanks(3, comm => DistributedConnectivity.FromNpy(_folder.File("i.npy"), _folder.File("j.npy"), 20, partition, comm));
        foreach (var share in shares)
        {
            double[] expected = share.GlobalSynapseIds.ToArray().Select(id => weights[id]).ToArray();
            Assert.Equal(expected, RankArrays.ReadSynapseValues(_folder.File("w.npy"), share, chunk));
            Assert.Equal(expected, share.Slice<double>(weights));
            Assert.Equal(expected, share.Slice(id => 1000.0 + id));
        }
        Npy.Write(_folder.File("short.npy"), weights.AsSpan(0, 399));
        var e = Assert.Throws<InvalidDataException>(() => RankArrays.ReadSynapseValues(_folder.File("short.npy"), shares[0]));
        Assert.Contains("holds 399 elements, expected 400", e.Message);
        Assert.Throws<ArgumentException>(() => shares[0].Slice<double>(weights.AsSpan(1)));
    }

    [Fact]
    public void Per_synapse_values_of_a_fixed_in_degree_share_are_one_slice()
    {
        var partition = new Partition(10, 3);
        double[] weights = Enumerable.Range(0, 40).Select(s => s * 0.25).ToArray();
        Npy.Write(_folder.File("w.npy"), weights);
        for (int r = 0; r < 3; r++)
        {
            var share = DistributedConnectivity.FixedInDegree(10, partition, r, 4, 1);
            Assert.Equal(share.GlobalSynapseIds.ToArray().Select(id => weights[id]), RankArrays.ReadSynapseValues(_folder.File("w.npy"), share));
        }
    }
}
