using System.Text.Json;
using DynLang.Runtime;

namespace DynLang.Distributed.Monitors.Tests;

public class SpikeSetTests : TempFolderTest
{
    private const int Count = 23;

    private void RunRanks(int ranks, string? csv, string? npy, bool complete = true)
    {
        var paths = new[] { csv, npy }.Where(p => p is not null).Cast<string>().ToArray();
        InProcessCommunicator.Run(ranks, comm =>
        {
            RankFiles.Begin(comm, paths);
            TestSpikes.RankRun(comm, Count, csv, npy);
            if (complete) RankFiles.Complete(comm, paths);
        });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ReadSpikesEqualsTheSingleProcessRecording(int ranks)
    {
        SpikeMonitor single = TestSpikes.Single(Count, null, null);
        Assert.True(single.Count > 100);
        string csv = At("spikes.csv"), npy = At("spikes");
        RunRanks(ranks, csv, npy);

        foreach (string path in new[] { csv, npy })
        {
            SpikeRecords merged = RankFiles.ReadSpikes(path);
            Assert.Equal(single.Indices.ToArray(), merged.Indices);
            Assert.Equal(single.Times.ToArray(), merged.Times);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void MergeSpikesWritesTheSingleProcessFilesByteForByte(int ranks)
    {
        TestSpikes.Single(Count, At("single.csv"), At("single"));
        string csv = At("spikes.csv"), npy = At("spikes");
        RunRanks(ranks, csv, npy);

        long n = RankFiles.MergeSpikes(csv, At("merged.csv"));
        Assert.Equal(File.ReadAllBytes(At("single.csv")), File.ReadAllBytes(At("merged.csv")));
        Assert.Equal(n, RankFiles.MergeSpikes(npy, At("merged")));
        Assert.Equal(File.ReadAllBytes(At("single_i.npy")), File.ReadAllBytes(At("merged_i.npy")));
        Assert.Equal(File.ReadAllBytes(At("single_t.npy")), File.ReadAllBytes(At("merged_t.npy")));
        Assert.Equal(File.ReadLines(At("single.csv")).Count() - 1, n);
        Assert.Empty(Directory.GetFiles(Folder, "*.tmp"));
    }

    [Fact]
    public void TheManifestListsEveryRanksFileWithItsSizeAndRecords()
    {
        string csv = At("spikes.csv"), npy = At("spikes");
        IReadOnlyList<RankFileManifest>? returned = null;
        InProcessCommunicator.Run(2, comm =>
        {
            RankFiles.Begin(comm, csv, npy);
            TestSpikes.RankRun(comm, Count, csv, npy);
            var manifests = RankFiles.Complete(comm, csv, npy);
            if (comm.Rank == 1) returned = manifests;
        });

        using var doc = JsonDocument.Parse(File.ReadAllBytes(csv + ".ranks.json"));
        JsonElement root = doc.RootElement;
        Assert.Equal("dynlang.rank-files", root.GetProperty("format").GetString());
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal("spikes-csv", root.GetProperty("kind").GetString());
        Assert.Equal("spikes.csv", root.GetProperty("name").GetString());
        Assert.Equal(2, root.GetProperty("ranks").GetInt32());
        Assert.True(root.GetProperty("complete").GetBoolean());
        Assert.EndsWith("Z", root.GetProperty("created_utc").GetString());
        var files = root.GetProperty("files").EnumerateArray().ToArray();
        Assert.Equal(2, files.Length);
        var partition = new Partition(Count, 2);
        for (int r = 0; r < 2; r++)
        {
            Assert.Equal(r, files[r].GetProperty("rank").GetInt32());
            Assert.Equal($"spikes.rank{r}of2.csv", files[r].GetProperty("name").GetString());
            Assert.Equal(new FileInfo(At($"spikes.rank{r}of2.csv")).Length, files[r].GetProperty("bytes").GetInt64());
            long spikes = Enumerable.Range(0, TestSpikes.Steps).Sum(s => TestSpikes.SpikesOf(s, partition.Start(r), partition.End(r)).Length);
            Assert.Equal(spikes, files[r].GetProperty("records").GetInt64());
        }

        RankFileManifest npyManifest = RankFiles.Open(npy);
        Assert.Equal(RankFileKind.SpikesNpy, npyManifest.Kind);
        Assert.Equal(new[] { "spikes.rank0of2_i.npy", "spikes.rank0of2_t.npy", "spikes.rank1of2_i.npy", "spikes.rank1of2_t.npy" }, npyManifest.Files.Select(f => f.Name));
        Assert.NotNull(returned);
        Assert.Equal(2, returned!.Count);
        Assert.Equal(RankFileKind.SpikesCsv, returned[0].Kind);
        Assert.Empty(Directory.GetFiles(Folder, "*.tmp"));
    }

    [Fact]
    public void WithoutAManifestTheSetIsRefused()
    {
        string csv = At("spikes.csv");
        RunRanks(2, csv, null, complete: false);
        var e = Assert.Throws<RankFilesException>(() => RankFiles.ReadSpikes(csv));
        Assert.Contains("no completion manifest", e.Message);
        Assert.Contains(csv + ".ranks.json", e.Message);
        Assert.Throws<RankFilesException>(() => RankFiles.MergeSpikes(csv, At("merged.csv")));
        Assert.False(File.Exists(At("merged.csv")));
    }

    [Fact]
    public void AMissingRankFileIsRefused()
    {
        string csv = At("spikes.csv");
        RunRanks(2, csv, null);
        File.Delete(At("spikes.rank1of2.csv"));
        var e = Assert.Throws<RankFilesException>(() => RankFiles.ReadSpikes(csv));
        Assert.StartsWith($"rank 1's file {At("spikes.rank1of2.csv")} is missing", e.Message);
    }

    [Fact]
    public void ATruncatedRankFileIsRefused()
    {
        string csv = At("spikes.csv");
        RunRanks(3, csv, null);
        string rank1 = At("spikes.rank1of3.csv");
        long length = new FileInfo(rank1).Length;
        using (var f = new FileStream(rank1, FileMode.Open)) f.SetLength(length - 5);
        var e = Assert.Throws<RankFilesException>(() => RankFiles.ReadSpikes(csv));
        Assert.Equal($"rank 1's file {rank1} has {length - 5} bytes, the manifest {csv}.ranks.json says {length}: it was changed or the run did not finish.", e.Message);
    }

    [Fact]
    public void ATruncatedNpyRankFileIsRefused()
    {
        string npy = At("spikes");
        RunRanks(2, null, npy);
        string t0 = At("spikes.rank0of2_t.npy");
        long length = new FileInfo(t0).Length;
        using (var f = new FileStream(t0, FileMode.Open)) f.SetLength(length - 8);
        var e = Assert.Throws<RankFilesException>(() => RankFiles.ReadSpikes(npy));
        Assert.Contains($"rank 0's file {t0} has {length - 8} bytes", e.Message);
    }

    [Fact]
    public void AStaleManifestOfAnEarlierRunDoesNotVouchForANewRunsFiles()
    {
        string csv = At("spikes.csv");
        RunRanks(2, csv, null);
        Assert.Equal(TestSpikes.Single(Count, null, null).Count, RankFiles.ReadSpikes(csv).Count);

        // A second run at the same path: its monitors are created (the files rewritten) and the run
        // stops before Complete. Begin removed the earlier manifest, so the half-written set is refused.
        InProcessCommunicator.Run(2, comm =>
        {
            RankFiles.Begin(comm, csv);
            var source = new FakeSource(Count);
            using var monitor = new SpikeMonitor(source, "spikes", RankFiles.PathFor(csv, comm));
        });
        Assert.False(File.Exists(csv + ".ranks.json"));
        var e = Assert.Throws<RankFilesException>(() => RankFiles.ReadSpikes(csv));
        Assert.Contains("no completion manifest", e.Message);
    }

    [Fact]
    public void WithoutBeginAStaleManifestIsStillCaughtByTheSizes()
    {
        string csv = At("spikes.csv");
        RunRanks(2, csv, null);
        InProcessCommunicator.Run(2, comm =>
        {
            var source = new FakeSource(Count);
            using var monitor = new SpikeMonitor(source, "spikes", RankFiles.PathFor(csv, comm));
        });
        var e = Assert.Throws<RankFilesException>(() => RankFiles.ReadSpikes(csv));
        Assert.Contains("rank 0's file", e.Message);
        Assert.Contains("it was changed or the run did not finish", e.Message);
    }

    [Fact]
    public void CompleteWritesNoManifestWhenARankDidNotSucceed()
    {
        string csv = At("spikes.csv");
        var errors = new Exception?[3];
        InProcessCommunicator.Run(3, comm =>
        {
            RankFiles.Begin(comm, csv);
            TestSpikes.RankRun(comm, Count, csv, null);
            errors[comm.Rank] = Record.Exception(() => RankFiles.Complete(comm, succeeded: comm.Rank != 2, csv));
        });
        foreach (Exception? e in errors)
        {
            var refusal = Assert.IsType<RankFilesException>(e);
            Assert.Contains("rank 2: its run did not succeed", refusal.Message);
        }
        Assert.False(File.Exists(csv + ".ranks.json"));
    }

    [Fact]
    public void CompleteRefusesACsvCutShort()
    {
        string csv = At("spikes.csv");
        var errors = new Exception?[2];
        InProcessCommunicator.Run(2, comm =>
        {
            RankFiles.Begin(comm, csv);
            TestSpikes.RankRun(comm, Count, csv, null);
            if (comm.Rank == 1)
            {
                string mine = RankFiles.PathFor(csv, comm);
                using var f = new FileStream(mine, FileMode.Open);
                f.SetLength(f.Length - 3);
            }
            errors[comm.Rank] = Record.Exception(() => RankFiles.Complete(comm, csv));
        });
        Assert.All(errors, e => Assert.Contains("rank 1: ", Assert.IsType<RankFilesException>(e).Message));
        Assert.Contains("cut short", errors[0]!.Message);
        Assert.False(File.Exists(csv + ".ranks.json"));
    }

    [Fact]
    public void CompleteRefusesAnNpyWithBytesAfterItsData()
    {
        string npy = At("spikes");
        var errors = new Exception?[2];
        InProcessCommunicator.Run(2, comm =>
        {
            RankFiles.Begin(comm, npy);
            TestSpikes.RankRun(comm, Count, null, npy);
            if (comm.Rank == 0)
            {
                using var f = new FileStream(RankFiles.PathFor(npy, comm) + "_i.npy", FileMode.Append);
                f.Write(new byte[4]);
            }
            errors[comm.Rank] = Record.Exception(() => RankFiles.Complete(comm, npy));
        });
        Assert.All(errors, e => Assert.Contains("rank 0: ", Assert.IsType<RankFilesException>(e).Message));
        Assert.Contains("after the data its header describes", errors[1]!.Message);
    }

    [Fact]
    public void CompleteRefusesAMissingRankFile()
    {
        var errors = new Exception?[2];
        InProcessCommunicator.Run(2, comm =>
        {
            if (comm.Rank == 0) TestSpikes.RankRun(comm, Count, At("spikes.csv"), null);
            errors[comm.Rank] = Record.Exception(() => RankFiles.Complete(comm, At("spikes.csv")));
        });
        Assert.All(errors, e => Assert.Contains($"rank 1: rank 1 has no file {At("spikes.rank1of2.csv")}", Assert.IsType<RankFilesException>(e).Message));
    }

    [Fact]
    public void ASingleProcessFileIsNotReadAsASet()
    {
        TestSpikes.Single(Count, At("spikes.csv"), null);
        var e = Assert.Throws<RankFilesException>(() => RankFiles.ReadSpikes(At("spikes.csv")));
        Assert.Contains("read directly", e.Message);
    }

    [Fact]
    public void AChangedManifestThatListsTooFewSpikesIsRefused()
    {
        string csv = At("spikes.csv");
        RunRanks(2, csv, null);
        string manifest = csv + ".ranks.json";
        string text = File.ReadAllText(manifest);
        using (var doc = JsonDocument.Parse(text))
        {
            long records = doc.RootElement.GetProperty("files")[0].GetProperty("records").GetInt64();
            File.WriteAllText(manifest, text.Replace($"\"records\": {records}", $"\"records\": {records - 1}"));
        }
        var e = Assert.Throws<RankFilesException>(() => RankFiles.ReadSpikes(csv));
        Assert.Contains("more spikes than the manifest lists", e.Message);
    }
}
