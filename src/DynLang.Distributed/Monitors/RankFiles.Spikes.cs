using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using DynLang.Runtime;

namespace DynLang.Distributed;

/// <summary>The spikes of a whole set of rank files, in a single-process SpikeMonitor's order: by time (step), then ascending index.</summary>
/// <param name="Indices">Global index of each spike.</param>
/// <param name="Times">Time of each spike (s).</param>
public sealed record SpikeRecords(int[] Indices, double[] Times)
{
    /// <summary>Number of spikes.</summary>
    public int Count => Indices.Length;
}

public static partial class RankFiles
{
    /// <summary>
    /// The spikes of the set <paramref name="path"/> (the CSV path, or the .npy prefix, given to
    /// every rank's monitor through <see cref="PathFor(string, ICommunicator)"/>), merged into
    /// exactly what a single-process SpikeMonitor of the whole population records: ordered by time,
    /// then by ascending index. The set must be whole (<see cref="Open"/>).
    /// </summary>
    /// <exception cref="RankFilesException">The set is not whole, not spike files, or a rank's file is not in recording order.</exception>
    public static SpikeRecords ReadSpikes(string path)
    {
        RankFileManifest manifest = Open(path);
        long total = SpikeTotal(manifest);
        var indices = new int[checked((int)total)];
        var times = new double[indices.Length];
        int k = 0;
        MergeSpikeCursors(manifest, (index, time) =>
        {
            if (k == indices.Length) throw new RankFilesException($"{manifest.ManifestPath}: the rank files hold more spikes than the manifest lists ({total}).");
            indices[k] = index;
            times[k] = time;
            k++;
        });
        if (k != indices.Length) throw new RankFilesException($"{manifest.ManifestPath}: the rank files hold {k} spikes, the manifest lists {total}.");
        return new SpikeRecords(indices, times);
    }

    /// <summary>
    /// Merges the set <paramref name="path"/> into one file (or .npy pair) at
    /// <paramref name="outputPath"/>, byte for byte what a single-process SpikeMonitor of the whole
    /// population writes: a CSV set gives the CSV <c>index,time_s</c> (CsvWriter's number format),
    /// an .npy set gives <c>&lt;outputPath&gt;_i.npy</c> and <c>&lt;outputPath&gt;_t.npy</c>.
    /// Streaming: a k-way merge of the rank files, which are each already in recording order. The
    /// output is written under a temporary name and renamed when whole. Returns the number of spikes.
    /// </summary>
    /// <exception cref="RankFilesException">The set is not whole, not spike files, or a rank's file is not in recording order.</exception>
    public static long MergeSpikes(string path, string outputPath)
    {
        CheckPath(outputPath);
        RankFileManifest manifest = Open(path);
        long total = SpikeTotal(manifest);
        string tag = "." + Guid.NewGuid().ToString("N") + ".tmp";
        long written = 0;
        if (manifest.Kind == RankFileKind.SpikesCsv)
        {
            string temp = outputPath + tag;
            try
            {
                using (var csv = new CsvWriter(temp, "index", "time_s"))
                {
                    MergeSpikeCursors(manifest, (index, time) =>
                    {
                        csv.Write(index);
                        csv.Write(time);
                        csv.EndRow();
                        written++;
                    });
                }
                CheckMergedCount(manifest, written, total);
                File.Move(temp, outputPath, overwrite: true);
            }
            finally
            {
                File.Delete(temp);
            }
        }
        else
        {
            string tempI = outputPath + "_i.npy" + tag, tempT = outputPath + "_t.npy" + tag;
            try
            {
                using (var npyI = new NpyAppendWriter<int>(tempI))
                using (var npyT = new NpyAppendWriter<double>(tempT))
                {
                    const int Block = 1 << 14;
                    var bi = new int[Block];
                    var bt = new double[Block];
                    int n = 0;
                    MergeSpikeCursors(manifest, (index, time) =>
                    {
                        bi[n] = index;
                        bt[n] = time;
                        if (++n == Block)
                        {
                            npyI.Append(bi);
                            npyT.Append(bt);
                            n = 0;
                        }
                        written++;
                    });
                    npyI.Append(bi.AsSpan(0, n));
                    npyT.Append(bt.AsSpan(0, n));
                }
                CheckMergedCount(manifest, written, total);
                File.Move(tempI, outputPath + "_i.npy", overwrite: true);
                File.Move(tempT, outputPath + "_t.npy", overwrite: true);
            }
            finally
            {
                File.Delete(tempI);
                File.Delete(tempT);
            }
        }
        return written;
    }

    private static void CheckMergedCount(RankFileManifest manifest, long written, long total)
    {
        if (written != total) throw new RankFilesException($"{manifest.ManifestPath}: the rank files hold {written} spikes, the manifest lists {total}.");
    }

    private static long SpikeTotal(RankFileManifest manifest)
    {
        if (manifest.Kind is not (RankFileKind.SpikesCsv or RankFileKind.SpikesNpy))
            throw new RankFilesException($"{manifest.ManifestPath}: the set holds {RankFileManifest.KindName(manifest.Kind)}, not spikes.");
        long total = 0;
        foreach (RankFileEntry f in manifest.Files)
        {
            if (manifest.Kind == RankFileKind.SpikesCsv || f.Name.EndsWith("_i.npy", StringComparison.Ordinal)) total += f.Records ?? 0;
        }
        return total;
    }

    /// <summary>k-way merge of the ranks' spikes by (time, index); each rank's stream must itself be in that order.</summary>
    private static void MergeSpikeCursors(RankFileManifest manifest, Action<int, double> emit)
    {
        var cursors = new List<SpikeCursor>();
        try
        {
            for (int r = 0; r < manifest.Ranks; r++) cursors.Add(SpikeCursor.Open(manifest, r));
            var queue = new PriorityQueue<SpikeCursor, (double Time, int Index, int Rank)>();
            foreach (SpikeCursor c in cursors)
            {
                if (c.MoveNext()) queue.Enqueue(c, (c.Time, c.Index, c.Rank));
            }
            while (queue.TryDequeue(out SpikeCursor? c, out _))
            {
                emit(c.Index, c.Time);
                if (c.MoveNext()) queue.Enqueue(c, (c.Time, c.Index, c.Rank));
            }
        }
        finally
        {
            foreach (SpikeCursor c in cursors) c.Dispose();
        }
    }

    /// <summary>One rank's spikes, read in order, checked to be in recording order.</summary>
    private sealed class SpikeCursor : IDisposable
    {
        private readonly StreamReader? _csv;
        private readonly NpyFile.Reader<int>? _npyI;
        private readonly NpyFile.Reader<double>? _npyT;
        private readonly string _path;
        private long _record;
        private bool _first = true;

        private SpikeCursor(int rank, string path, StreamReader? csv, NpyFile.Reader<int>? npyI, NpyFile.Reader<double>? npyT)
        {
            Rank = rank;
            _path = path;
            _csv = csv;
            _npyI = npyI;
            _npyT = npyT;
        }

        public int Rank { get; }
        public int Index { get; private set; }
        public double Time { get; private set; }

        public static SpikeCursor Open(RankFileManifest manifest, int rank)
        {
            var files = manifest.Files.Where(f => f.Rank == rank).ToList();
            if (manifest.Kind == RankFileKind.SpikesCsv)
            {
                string path = manifest.PathOf(files.Single());
                StreamReader reader = CsvFiles.OpenReader(path);
                string? header = reader.ReadLine();
                if (header != "index,time_s")
                {
                    reader.Dispose();
                    throw new RankFilesException($"{path}: header '{header}', expected 'index,time_s' (a SpikeMonitor CSV).");
                }
                return new SpikeCursor(rank, path, reader, null, null);
            }
            RankFileEntry? i = files.FirstOrDefault(f => f.Name.EndsWith("_i.npy", StringComparison.Ordinal));
            RankFileEntry? t = files.FirstOrDefault(f => f.Name.EndsWith("_t.npy", StringComparison.Ordinal));
            if (i is null || t is null) throw new RankFilesException($"{manifest.ManifestPath}: rank {rank} lacks its _i.npy or _t.npy file.");
            NpyFile fi = NpyFile.Open(manifest.PathOf(i)).CheckWhole().Expect("<i4", 0);
            NpyFile ft = NpyFile.Open(manifest.PathOf(t)).CheckWhole().Expect("<f8", 0);
            if (fi.Rows != ft.Rows) throw new RankFilesException($"{fi.Path} has {fi.Rows} spikes, {ft.Path} {ft.Rows} times.");
            var ri = new NpyFile.Reader<int>(fi);
            return new SpikeCursor(rank, fi.Path, null, ri, new NpyFile.Reader<double>(ft));
        }

        public bool MoveNext()
        {
            int index;
            double time;
            if (_csv is not null)
            {
                string? line = _csv.ReadLine();
                if (line is null) return false;
                long lineNumber = _record + 2;
                int comma = line.IndexOf(',');
                if (comma < 0 || line.IndexOf(',', comma + 1) >= 0)
                    throw new RankFilesException(string.Create(CultureInfo.InvariantCulture, $"{_path}, line {lineNumber}: '{line}' is not 'index,time_s'."));
                index = CsvFiles.ParseInt(line.AsSpan(0, comma), _path, lineNumber);
                time = CsvFiles.ParseDouble(line.AsSpan(comma + 1), _path, lineNumber);
            }
            else
            {
                if (!_npyI!.TryRead(out index)) return false;
                _npyT!.TryRead(out time);
            }
            if (!_first && (time < Time || (time == Time && index <= Index)) || double.IsNaN(time))
                throw new RankFilesException(string.Create(CultureInfo.InvariantCulture,
                    $"rank {Rank}'s file {_path}: spike {_record} (index {index}, time {time:R}) comes after (index {Index}, time {Time:R}): not in recording order (by time, then ascending index)."));
            _first = false;
            Index = index;
            Time = time;
            _record++;
            return true;
        }

        public void Dispose()
        {
            _csv?.Dispose();
            _npyI?.Dispose();
            _npyT?.Dispose();
        }
    }
}
