using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using DynLang.Runtime;

namespace DynLang.Distributed;

/// <summary>The samples of a whole set of StateMonitor rank files: the ranks' columns side by side, in rank order.</summary>
/// <param name="Variable">The variable's name (from the CSV header; null for .npy files, which do not name it).</param>
/// <param name="Indices">Global element of each column.</param>
/// <param name="Times">Time of each sample (s), the same on every rank.</param>
/// <param name="Values">Samples × columns.</param>
public sealed record StateRecords(string? Variable, int[] Indices, double[] Times, double[,] Values);

public static partial class RankFiles
{
    /// <summary>
    /// The samples of the StateMonitor set <paramref name="path"/> (each rank recording elements of
    /// its own block, with local indices), merged by columns: rank 0's columns, then rank 1's, …, each
    /// named by its global element (local + <paramref name="partition"/>.Start(rank)). This is what a
    /// single-process StateMonitor records when given those global indices in that order (with every
    /// element recorded on every rank: all elements, in order). CSV files name their columns
    /// (<c>v[3]</c>); .npy files do not: give <paramref name="localIndices"/> (by rank), or leave it
    /// null when every rank recorded all its elements (the columns are then the rank's block).
    /// Values of a float model: the .npy files hold them widened exactly; a CSV holds float text,
    /// read here as double (the nearest double to that text, which converts back to the same float).
    /// </summary>
    /// <exception cref="RankFilesException">The set is not whole or not state files; the partition has another rank count; the ranks' sample times differ; a rank's .npy columns cannot be named.</exception>
    public static StateRecords ReadStates(string path, Partition partition, IReadOnlyList<int[]>? localIndices = null)
    {
        ArgumentNullException.ThrowIfNull(partition);
        RankFileManifest manifest = OpenStates(path, partition);
        var times = new List<double[]>();
        var values = new List<double[,]>();
        var columns = new List<int[]>();
        string? variable = null;
        for (int r = 0; r < manifest.Ranks; r++)
        {
            var files = manifest.Files.Where(f => f.Rank == r).ToList();
            int start = partition.Start(r);
            if (manifest.Kind == RankFileKind.StatesCsv)
            {
                string file = manifest.PathOf(files.Single());
                using StreamReader reader = CsvFiles.OpenReader(file);
                (string name, int[] local) = StateHeader(reader.ReadLine(), file);
                if (variable is not null && name != variable)
                    throw new RankFilesException($"{file} records '{name}', rank 0's file '{variable}'.");
                variable = name;
                CheckLocal(local, partition, r, file);
                var t = new List<double>();
                var rows = new List<double[]>();
                string? line;
                while ((line = reader.ReadLine()) is not null)
                {
                    long lineNumber = t.Count + 2;
                    string[] fields = line.Split(',');
                    if (fields.Length != local.Length + 1)
                        throw new RankFilesException(string.Create(CultureInfo.InvariantCulture, $"{file}, line {lineNumber}: {fields.Length} fields, the header has {local.Length + 1}."));
                    t.Add(CsvFiles.ParseDouble(fields[0], file, lineNumber));
                    var row = new double[local.Length];
                    for (int c = 0; c < row.Length; c++) row[c] = CsvFiles.ParseDouble(fields[c + 1], file, lineNumber);
                    rows.Add(row);
                }
                var matrix = new double[rows.Count, local.Length];
                for (int s = 0; s < rows.Count; s++) for (int c = 0; c < local.Length; c++) matrix[s, c] = rows[s][c];
                times.Add(t.ToArray());
                values.Add(matrix);
                columns.Add(local.Select(i => i + start).ToArray());
            }
            else
            {
                RankFileEntry v = files.Single(f => !f.Name.EndsWith("_t.npy", StringComparison.Ordinal));
                RankFileEntry tf = files.Single(f => f.Name.EndsWith("_t.npy", StringComparison.Ordinal));
                NpyFile nv = NpyFile.Open(manifest.PathOf(v)).CheckWhole();
                NpyFile nt = NpyFile.Open(manifest.PathOf(tf)).CheckWhole().Expect("<f8", 0);
                if (nv.DescrText != "<f8" || nv.Columns == 0)
                    throw new RankFilesException($"{nv.Path}: dtype '{nv.DescrText}', {(nv.Columns == 0 ? "1-D" : nv.Columns + " columns")}; a StateMonitor writes float64 samples × columns.");
                if (nv.Rows != nt.Rows) throw new RankFilesException($"{nv.Path} has {nv.Rows} samples, {nt.Path} {nt.Rows} times.");
                int[] local;
                if (localIndices is not null)
                {
                    if (localIndices.Count != manifest.Ranks)
                        throw new ArgumentException($"{localIndices.Count} lists of local indices for {manifest.Ranks} ranks.", nameof(localIndices));
                    local = localIndices[r] ?? throw new ArgumentException($"No local indices of rank {r}.", nameof(localIndices));
                    if (local.Length != nv.Columns)
                        throw new RankFilesException($"{nv.Path} has {nv.Columns} columns, but {local.Length} local indices of rank {r} were given.");
                }
                else if (nv.Columns == partition.LocalCount(r))
                {
                    local = Enumerable.Range(0, nv.Columns).ToArray();
                }
                else
                {
                    throw new RankFilesException(string.Create(CultureInfo.InvariantCulture,
                        $"{nv.Path} has {nv.Columns} columns, rank {r} holds {partition.LocalCount(r)} elements: the .npy file does not name the recorded elements; pass each rank's local indices."));
                }
                CheckLocal(local, partition, r, nv.Path);
                using var readValues = new NpyFile.Reader<double>(nv);
                using var readTimes = new NpyFile.Reader<double>(nt);
                double[] flat = readValues.ReadAll();
                var matrix = new double[nv.Rows, nv.Columns];
                Buffer.BlockCopy(flat, 0, matrix, 0, flat.Length * sizeof(double));
                times.Add(readTimes.ReadAll());
                values.Add(matrix);
                columns.Add(local.Select(i => i + start).ToArray());
            }
        }
        CheckSameTimes(manifest, times);
        int samples = times[0].Length;
        int total = columns.Sum(c => c.Length);
        var merged = new double[samples, total];
        int at = 0;
        for (int r = 0; r < values.Count; r++)
        {
            int width = columns[r].Length;
            for (int s = 0; s < samples; s++) for (int c = 0; c < width; c++) merged[s, at + c] = values[r][s, c];
            at += width;
        }
        return new StateRecords(variable, columns.SelectMany(c => c).ToArray(), times[0], merged);
    }

    /// <summary>
    /// Merges the StateMonitor set <paramref name="path"/> into one file at <paramref name="outputPath"/>
    /// in StateMonitor's format, columns as in <see cref="ReadStates"/>: a CSV set gives a CSV
    /// <c>t,v[g],…</c> whose values are the ranks' text, unchanged (streaming); an .npy set gives
    /// <c>&lt;outputPath&gt;.npy</c> and <c>&lt;outputPath&gt;_t.npy</c>. Written under a temporary
    /// name and renamed when whole. Returns the number of samples.
    /// </summary>
    /// <exception cref="RankFilesException">As <see cref="ReadStates"/>.</exception>
    public static long MergeStates(string path, Partition partition, string outputPath, IReadOnlyList<int[]>? localIndices = null)
    {
        ArgumentNullException.ThrowIfNull(partition);
        CheckPath(outputPath);
        RankFileManifest manifest = OpenStates(path, partition);
        string tag = "." + Guid.NewGuid().ToString("N") + ".tmp";
        if (manifest.Kind == RankFileKind.StatesNpy)
        {
            StateRecords all = ReadStates(path, partition, localIndices);
            string tempV = outputPath + ".npy" + tag, tempT = outputPath + "_t.npy" + tag;
            try
            {
                using (var v = new NpyAppendWriter<double>(tempV, columns: all.Indices.Length))
                using (var t = new NpyAppendWriter<double>(tempT))
                {
                    var flat = new double[all.Values.Length];
                    Buffer.BlockCopy(all.Values, 0, flat, 0, flat.Length * sizeof(double));
                    v.Append(flat);
                    t.Append(all.Times);
                }
                File.Move(tempV, outputPath + ".npy", overwrite: true);
                File.Move(tempT, outputPath + "_t.npy", overwrite: true);
            }
            finally
            {
                File.Delete(tempV);
                File.Delete(tempT);
            }
            return all.Times.Length;
        }

        var readers = new List<StreamReader>();
        string temp = outputPath + tag;
        long samples = 0;
        try
        {
            string? variable = null;
            var header = new StringBuilder("t");
            for (int r = 0; r < manifest.Ranks; r++)
            {
                string file = manifest.PathOf(manifest.Files.Single(f => f.Rank == r));
                readers.Add(CsvFiles.OpenReader(file));
                (string name, int[] local) = StateHeader(readers[r].ReadLine(), file);
                if (variable is not null && name != variable) throw new RankFilesException($"{file} records '{name}', rank 0's file '{variable}'.");
                variable = name;
                CheckLocal(local, partition, r, file);
                foreach (int i in local) header.Append(',').Append(CsvFiles.Quote(string.Create(CultureInfo.InvariantCulture, $"{name}[{i + partition.Start(r)}]")));
            }
            using (var output = new StreamWriter(new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 16), new UTF8Encoding(false)))
            {
                output.NewLine = "\n";
                output.Write(header.Append('\n').ToString());
                while (true)
                {
                    string?[] lines = readers.Select(r => r.ReadLine()).ToArray();
                    if (lines.All(l => l is null)) break;
                    int missing = Array.FindIndex(lines, l => l is null);
                    if (missing >= 0)
                        throw new RankFilesException(string.Create(CultureInfo.InvariantCulture, $"rank {missing}'s file {manifest.PathOf(manifest.Files.Single(f => f.Rank == missing))} has {samples} samples, rank {(missing == 0 ? Array.FindIndex(lines, l => l is not null) : 0)}'s more: the ranks sampled at different times."));
                    string t0 = lines[0]![..Math.Max(0, lines[0]!.IndexOf(','))];
                    output.Write(lines[0]);
                    for (int r = 1; r < lines.Length; r++)
                    {
                        int comma = lines[r]!.IndexOf(',');
                        if (comma < 0 || lines[r]!.AsSpan(0, comma).SequenceEqual(t0) == false)
                            throw new RankFilesException(string.Create(CultureInfo.InvariantCulture, $"sample {samples}: rank {r} sampled at t = {(comma < 0 ? lines[r] : lines[r]![..comma])}, rank 0 at t = {t0}: the ranks sampled at different times."));
                        output.Write(lines[r].AsSpan(comma));
                    }
                    output.Write('\n');
                    samples++;
                }
            }
            File.Move(temp, outputPath, overwrite: true);
        }
        finally
        {
            foreach (StreamReader r in readers) r.Dispose();
            File.Delete(temp);
        }
        return samples;
    }

    private static RankFileManifest OpenStates(string path, Partition partition)
    {
        RankFileManifest manifest = Open(path);
        if (manifest.Kind is not (RankFileKind.StatesCsv or RankFileKind.StatesNpy))
            throw new RankFilesException($"{manifest.ManifestPath}: the set holds {RankFileManifest.KindName(manifest.Kind)}, not state samples.");
        if (partition.Ranks != manifest.Ranks)
            throw new RankFilesException($"{manifest.ManifestPath}: {manifest.Ranks} ranks wrote the set, the partition has {partition.Ranks}.");
        return manifest;
    }

    /// <summary>"t,v[0],v[3]" → ("v", [0, 3]).</summary>
    private static (string Name, int[] Local) StateHeader(string? header, string file)
    {
        string[] fields = header is null ? Array.Empty<string>() : CsvFiles.SplitQuoted(header);
        if (fields.Length < 2 || fields[0] != "t")
            throw new RankFilesException($"{file}: header '{header}', expected 't,<variable>[<index>],…' (a StateMonitor CSV).");
        string? name = null;
        var local = new int[fields.Length - 1];
        for (int c = 1; c < fields.Length; c++)
        {
            string f = fields[c];
            int open = f.LastIndexOf('[');
            if (open <= 0 || !f.EndsWith(']') || !int.TryParse(f.AsSpan(open + 1, f.Length - open - 2), NumberStyles.None, CultureInfo.InvariantCulture, out local[c - 1]))
                throw new RankFilesException($"{file}: column '{f}' is not '<variable>[<index>]'.");
            string n = f[..open];
            if (name is not null && n != name) throw new RankFilesException($"{file}: columns of '{name}' and '{n}'.");
            name = n;
        }
        return (name!, local);
    }

    private static void CheckLocal(int[] local, Partition partition, int rank, string file)
    {
        int n = partition.LocalCount(rank);
        foreach (int i in local)
        {
            if ((uint)i >= (uint)n)
                throw new RankFilesException(string.Create(CultureInfo.InvariantCulture, $"{file}: local index {i} is outside rank {rank}'s {n} elements ({partition})."));
        }
    }

    private static void CheckSameTimes(RankFileManifest manifest, List<double[]> times)
    {
        for (int r = 1; r < times.Count; r++)
        {
            if (times[r].Length != times[0].Length)
                throw new RankFilesException(string.Create(CultureInfo.InvariantCulture, $"{manifest.ManifestPath}: rank {r} has {times[r].Length} samples, rank 0 {times[0].Length}: the ranks sampled at different times."));
            for (int s = 0; s < times[0].Length; s++)
            {
                if (times[r][s].CompareTo(times[0][s]) != 0)
                    throw new RankFilesException(string.Create(CultureInfo.InvariantCulture, $"{manifest.ManifestPath}: sample {s}: rank {r} at t = {times[r][s]:R}, rank 0 at t = {times[0][s]:R}: the ranks sampled at different times."));
            }
        }
    }
}
