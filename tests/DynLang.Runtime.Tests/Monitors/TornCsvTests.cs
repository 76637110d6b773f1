using System.Text;
using DynLang.Runtime;
using DynLang.Runtime.Tests.IO;

namespace DynLang.Runtime.Tests.Monitors;

/// <summary>
/// CSV files reach the disk in whole rows, and the recovery rule for a file cut by a kill (drop a
/// last line without '\n') leaves only whole rows, a prefix of what was recorded.
/// </summary>
public sealed class TornCsvTests : IDisposable
{
    private const double Dt = 1e-4;
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Every_write_to_a_monitor_csv_is_whole_rows()
    {
        using var faults = new FaultyFiles();
        var source = new FakeSpikeSource(2000, Enumerable.Range(0, 2000).Where(i => i % 3 != 0).ToArray(), new[] { 7, 1999 });
        using var spikes = new SpikeMonitor(source, "spikes", _dir.File("s.csv")) { FlushIntervalSteps = 7, FlushWallInterval = TimeSpan.Zero };
        PhaseDriver.PrepareAndRun(new INetworkObject[] { source, spikes }, 0, 40, Dt);
        spikes.Flush();

        List<byte[]> writes = faults["s.csv"].Writes;
        Assert.True(writes.Count > 6, $"{writes.Count} writes"); // chunked (over 32 K characters) and per flush
        Assert.True(writes.Max(w => w.Length) > 1 << 15);
        Assert.All(writes, w => Assert.Equal((byte)'\n', w[^1]));
        Assert.Equal(spikes.Count + 1, TempFolder.ReadLinesShared(_dir.File("s.csv")).Length);
    }

    [Fact]
    public void A_file_cut_anywhere_recovers_to_whole_rows_that_are_a_prefix_of_the_records()
    {
        var source = new FakeSpikeSource(50, new[] { 1, 22, 49 }, new[] { 0 }, Array.Empty<int>());
        string path = _dir.File("s.csv");
        var spikes = new SpikeMonitor(source, "spikes", path);
        PhaseDriver.PrepareAndRun(new INetworkObject[] { source, spikes }, 0, 30, Dt);
        spikes.Dispose();
        byte[] full = File.ReadAllBytes(path);
        string[] expected = Encoding.UTF8.GetString(full).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(spikes.Count + 1, expected.Length);

        string cut = _dir.File("cut.csv");
        for (int length = 0; length <= full.Length; length++)
        {
            File.WriteAllBytes(cut, full.AsSpan(0, length).ToArray());
            long dropped = CsvWriter.RecoverIncompleteLastRow(cut);

            byte[] left = File.ReadAllBytes(cut);
            Assert.Equal(length, left.Length + dropped);
            Assert.True(left.Length == 0 || left[^1] == (byte)'\n', $"cut at {length}: the file does not end with a line end");
            string[] lines = Encoding.UTF8.GetString(left).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(expected.Take(lines.Length), lines);
            // Whole lines are kept: only the bytes after the last line end go.
            int lastNewline = Array.LastIndexOf(full, (byte)'\n', Math.Max(0, length - 1));
            Assert.Equal(length == 0 ? 0 : lastNewline + 1, left.Length);
        }
    }

    [Fact]
    public void Recovering_a_whole_file_changes_nothing()
    {
        string path = _dir.File("whole.csv");
        File.WriteAllText(path, "a,b\n1,2\n");
        Assert.Equal(0, CsvWriter.RecoverIncompleteLastRow(path));
        Assert.Equal("a,b\n1,2\n", File.ReadAllText(path));
        File.WriteAllText(path, "");
        Assert.Equal(0, CsvWriter.RecoverIncompleteLastRow(path));
    }

    [Fact]
    public void A_started_row_is_not_written_by_a_flush_and_dispose_ends_it()
    {
        string path = _dir.File("rows.csv");
        var csv = new CsvWriter(path, "x", "y");
        csv.Write(1);
        csv.Write(2);
        csv.EndRow();
        csv.Write(3);
        csv.Flush();
        Assert.Equal("x,y\n1,2\n", Encoding.UTF8.GetString(TempFolder.ReadShared(path)));
        Assert.Equal(1, csv.Rows);
        csv.Write(4);
        csv.Dispose();
        Assert.Equal("x,y\n1,2\n3,4\n", File.ReadAllText(path));
    }
}
