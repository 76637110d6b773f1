using DynLang.Distributed;
using DynLang.Runtime;

namespace DynLang.Distributed.Tests.Connectivity;

/// <summary>DistributedConnectivity.FromNpy: chunked reading, checks naming file and position, ranks that read different files.</summary>
public sealed class FromNpyTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Random index arrays (pre in [0, preCount), post in [0, postCount)) written as int32 .npy files.</summary>
    private (string Pre, string Post, int[] PreValues, int[] PostValues) WritePairs(string name, int count, int preCount, int postCount, int seed)
    {
        var random = new Random(seed);
        int[] pre = Enumerable.Range(0, count).Select(_ => random.Next(preCount)).ToArray();
        int[] post = Enumerable.Range(0, count).Select(_ => random.Next(postCount)).ToArray();
        string prePath = _folder.File(name + "_i.npy"), postPath = _folder.File(name + "_j.npy");
        Npy.Write(prePath, pre);
        Npy.Write(postPath, post);
        return (prePath, postPath, pre, post);
    }

    [Theory]
    [InlineData(1, 7)]
    [InlineData(2, 7)]
    [InlineData(3, 1)]
    [InlineData(3, 1000)]
    public void Shares_are_the_file_order_synapses_onto_each_rank(int ranks, int chunk)
    {
        var (pre, post, preValues, postValues) = WritePairs("syn", 500, 23, 31, 1);
        var global = Runtime.Connectivity.FromIndices(preValues, postValues, 23, 31);
        var partition = new Partition(31, ranks);
        var shares = Shares.OnRanks(ranks, comm => DistributedConnectivity.FromNpy(pre, post, 23, partition, comm, "syn", 0, 0, chunk));
        Shares.AssertSharesOf(global, shares);
        for (int r = 0; r < ranks; r++)
            Assert.Equal(shares[r].GlobalSynapseIds.ToArray(), DistributedConnectivity.FromNpy(pre, post, 23, partition, r).GlobalSynapseIds.ToArray());
    }

    [Fact]
    public void Reads_int64_files_and_applies_offsets()
    {
        long[] pre = { 0, 1, 2, 0, 1 };
        long[] post = { 3, 0, 1, 2, 3 };
        Npy.Write(_folder.File("i.npy"), pre);
        Npy.Write(_folder.File("j.npy"), post);
        var global = Runtime.Connectivity.FromIndices(pre.Select(v => (int)v).ToArray(), post.Select(v => (int)v).ToArray(), 8, 6,
            preOffset: 5, postOffset: 2);
        var partition = new Partition(6, 2);
        var shares = Shares.OnRanks(2, comm => DistributedConnectivity.FromNpy(_folder.File("i.npy"), _folder.File("j.npy"), 8, partition, comm, null, 5, 2));
        Shares.AssertSharesOf(global, shares);
        Assert.Equal("i", shares[0].Local.Name);
    }

    [Fact]
    public void An_index_out_of_range_names_the_file_the_position_and_the_value()
    {
        Npy.Write(_folder.File("i.npy"), new[] { 0, 1, 2, 1 });
        Npy.Write(_folder.File("j.npy"), new[] { 0, 1, 9, 1 });
        var failure = Assert.Throws<AggregateException>(() => InProcessCommunicator.Run(2, comm =>
            DistributedConnectivity.FromNpy(_folder.File("i.npy"), _folder.File("j.npy"), 3, new Partition(4, 2), comm, "c", 0, 0, 3)));
        // Every rank reads every entry, so every rank finds the bad index itself.
        Assert.Equal(2, failure.InnerExceptions.Count);
        Assert.All(failure.InnerExceptions, e =>
        {
            Assert.IsType<InvalidDataException>(e);
            Assert.Contains(_folder.File("j.npy"), e.Message);
            Assert.Contains("postsynaptic index at position 2 is 9, outside [0, 4)", e.Message);
        });
    }

    [Fact]
    public void A_negative_pre_index_and_an_offset_are_reported_as_stored()
    {
        Npy.Write(_folder.File("i.npy"), new[] { 0, -4 });
        Npy.Write(_folder.File("j.npy"), new[] { 0, 1 });
        var e = Assert.Throws<InvalidDataException>(() => DistributedConnectivity.FromNpy(_folder.File("i.npy"), _folder.File("j.npy"), 5, new Partition(2, 1), 0, preOffset: 2));
        Assert.Contains("presynaptic index at position 1 is -2 (-4 + offset 2), outside [0, 5)", e.Message);
    }

    [Fact]
    public void Files_of_different_lengths_are_refused()
    {
        Npy.Write(_folder.File("i.npy"), new[] { 0, 1, 2 });
        Npy.Write(_folder.File("j.npy"), new[] { 0, 1 });
        var e = Assert.Throws<InvalidDataException>(() => DistributedConnectivity.FromNpy(_folder.File("i.npy"), _folder.File("j.npy"), 3, new Partition(2, 1), 0));
        Assert.Contains("holds 3 presynaptic indices but", e.Message);
        Assert.Contains("holds 2 postsynaptic indices", e.Message);
    }

    [Fact]
    public void Float_files_and_files_that_are_not_npy_are_refused()
    {
        Npy.Write(_folder.File("f.npy"), new[] { 0.0, 1.0 });
        Npy.Write(_folder.File("j.npy"), new[] { 0, 1 });
        File.WriteAllText(_folder.File("text.npy"), "0,1\n");
        var e = Assert.Throws<InvalidDataException>(() => DistributedConnectivity.FromNpy(_folder.File("f.npy"), _folder.File("j.npy"), 3, new Partition(2, 1), 0));
        Assert.Contains("expected an integer array", e.Message);
        e = Assert.Throws<InvalidDataException>(() => DistributedConnectivity.FromNpy(_folder.File("text.npy"), _folder.File("j.npy"), 3, new Partition(2, 1), 0));
        Assert.Contains("not a .npy file", e.Message);
        Assert.Throws<FileNotFoundException>(() => DistributedConnectivity.FromNpy(_folder.File("missing.npy"), _folder.File("j.npy"), 3, new Partition(2, 1), 0));
    }

    [Fact]
    public void A_short_file_on_one_rank_stops_every_rank_naming_it()
    {
        var (pre, post, _, _) = WritePairs("ok", 100, 10, 10, 2);
        // Rank 1's copy of the post file lost its last bytes (a copy cut short).
        string shortPost = _folder.File("short_j.npy");
        byte[] bytes = File.ReadAllBytes(post);
        File.WriteAllBytes(shortPost, bytes.AsSpan(0, bytes.Length - 10).ToArray());
        var failure = Assert.Throws<AggregateException>(() => InProcessCommunicator.Run(3, comm =>
            DistributedConnectivity.FromNpy(pre, comm.Rank == 1 ? shortPost : post, 10, new Partition(10, 3), comm, "ok")));
        Assert.Equal(3, failure.InnerExceptions.Count);
        var own = Assert.IsType<InvalidDataException>(failure.InnerExceptions.Single(e => e is InvalidDataException));
        Assert.Contains(shortPost, own.Message);
        Assert.Contains("truncated", own.Message);
        var others = failure.InnerExceptions.OfType<RankFailedException>().ToArray();
        Assert.Equal(2, others.Length);
        Assert.All(others, e => Assert.Equal(1, e.FailedRank));
        Assert.All(others, e => Assert.Contains(shortPost, e.Message));
    }

    [Fact]
    public void Ranks_that_read_different_files_all_fail_naming_the_ranks_and_files()
    {
        var (pre, post, _, _) = WritePairs("a", 200, 12, 12, 3);
        // Rank 1's node has another file at its path: same length, other content.
        var (_, otherPost, _, _) = WritePairs("b", 200, 12, 12, 4);
        var failure = Assert.Throws<AggregateException>(() => InProcessCommunicator.Run(3, comm =>
            DistributedConnectivity.FromNpy(pre, comm.Rank == 1 ? otherPost : post, 12, new Partition(12, 3), comm, "a")));
        Assert.Equal(3, failure.InnerExceptions.Count);
        Assert.All(failure.InnerExceptions, e =>
        {
            Assert.IsType<InvalidDataException>(e);
            Assert.Contains("the ranks read different postsynaptic index files", e.Message);
            Assert.Contains($"ranks 0, 2 read {post} (200 entries", e.Message);
            Assert.Contains($"rank 1 read {otherPost} (200 entries", e.Message);
        });
        Assert.Single(failure.InnerExceptions.Select(e => e.Message).Distinct());
    }

    [Fact]
    public void Copies_with_the_same_content_at_different_paths_agree()
    {
        var (pre, post, preValues, postValues) = WritePairs("a", 300, 9, 9, 5);
        string copy = _folder.File("copy_i.npy");
        File.Copy(pre, copy);
        var shares = Shares.OnRanks(2, comm => DistributedConnectivity.FromNpy(comm.Rank == 0 ? pre : copy, post, 9, new Partition(9, 2), comm, "a"));
        Shares.AssertSharesOf(Runtime.Connectivity.FromIndices(preValues, postValues, 9, 9), shares);
    }
}
