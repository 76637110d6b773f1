using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace DynLang.Distributed;

/// <summary>
/// Monitor files of a network distributed over ranks: each rank writes its own files
/// (<see cref="PathFor(string, ICommunicator)"/>), the ranks mark the set whole together when the
/// run has ended (<see cref="Complete(ICommunicator, string[])"/>: a manifest
/// <c>&lt;path&gt;.ranks.json</c>), and the readers take only whole sets and merge them into what one
/// process would have recorded (<see cref="ReadSpikes"/>, <see cref="MergeSpikes"/>,
/// <see cref="ReadStates"/>, <see cref="MergeStates"/>, <see cref="ReadRates"/>).
/// See src/DynLang.Distributed/Monitors/README.md.
/// </summary>
/// <remarks>
/// <para><b>Names.</b> Rank r of n writes <c>&lt;stem&gt;.rank&lt;r&gt;of&lt;n&gt;&lt;extension&gt;</c>:
/// <c>out/cuba-spikes.csv</c> → <c>out/cuba-spikes.rank1of4.csv</c>. The extension stays last so
/// that tools recognise the file; a path without extension gets the suffix at its end, so an .npy
/// prefix works too (<c>out/spikes</c> → <c>out/spikes.rank1of4</c>, and the monitor writes
/// <c>out/spikes.rank1of4_i.npy</c>). An .npy prefix with a dot in its file name
/// (<c>out/cuba.spikes</c>) should go through <see cref="PrefixFor(string, ICommunicator)"/>, which
/// always appends. The rank count is in the name, so files of an earlier run with another number of
/// ranks are never taken for this run's. One rank writes <c>.rank0of1</c> like any other count.</para>
/// <para><b>Life of a set.</b> Every rank calls <see cref="Begin"/> before it creates its monitors
/// (rank 0 removes the manifests of an earlier run at the same paths, so that this run's files,
/// while being written, can never look complete), runs, disposes (or flushes) its monitors, then
/// calls <see cref="Complete(ICommunicator, bool, string[])"/>. Only when every rank reports success
/// does rank 0 write the manifests.</para>
/// </remarks>
public static partial class RankFiles
{
    /// <summary>The manifest's file name suffix: <c>out/x.csv</c> → <c>out/x.csv.ranks.json</c>.</summary>
    public const string ManifestSuffix = ".ranks.json";

    /// <summary>This rank's file for <paramref name="path"/>: <c>out/x.csv</c> → <c>out/x.rank1of4.csv</c> (the extension kept last; appended when there is none).</summary>
    public static string PathFor(string path, ICommunicator comm)
    {
        ArgumentNullException.ThrowIfNull(comm);
        return PathFor(path, comm.Rank, comm.Size);
    }

    /// <summary>Rank <paramref name="rank"/> of <paramref name="size"/>'s file for <paramref name="path"/> (see <see cref="PathFor(string, ICommunicator)"/>).</summary>
    public static string PathFor(string path, int rank, int size)
    {
        CheckPath(path);
        string suffix = Suffix(rank, size);
        string extension = Path.GetExtension(path);
        return extension.Length == 0 ? path + suffix : path[..^extension.Length] + suffix + extension;
    }

    /// <summary>This rank's prefix for an .npy path prefix: always appended (<c>out/cuba.spikes</c> → <c>out/cuba.spikes.rank1of4</c>).</summary>
    public static string PrefixFor(string prefix, ICommunicator comm)
    {
        ArgumentNullException.ThrowIfNull(comm);
        return PrefixFor(prefix, comm.Rank, comm.Size);
    }

    /// <summary>Rank <paramref name="rank"/> of <paramref name="size"/>'s .npy prefix (see <see cref="PrefixFor(string, ICommunicator)"/>).</summary>
    public static string PrefixFor(string prefix, int rank, int size)
    {
        CheckPath(prefix);
        return prefix + Suffix(rank, size);
    }

    /// <summary>The completion manifest of <paramref name="path"/>: <c>&lt;path&gt;.ranks.json</c>.</summary>
    public static string ManifestPathFor(string path)
    {
        CheckPath(path);
        return path + ManifestSuffix;
    }

    /// <summary>
    /// Collective, before the monitors are created: rank 0 deletes the manifests of
    /// <paramref name="paths"/> left by an earlier run, and no rank returns before that is done, so
    /// that files being rewritten by this run are never vouched for by an old manifest.
    /// </summary>
    /// <exception cref="RankFilesException">On every rank: rank 0 could not delete a manifest, or the ranks passed different paths.</exception>
    public static void Begin(ICommunicator comm, params string[] paths)
    {
        ArgumentNullException.ThrowIfNull(comm);
        CheckPaths(paths);
        string? error = null;
        if (comm.Rank == 0)
        {
            try
            {
                foreach (string path in paths) File.Delete(ManifestPathFor(path));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error = $"rank 0 could not remove an old manifest: {e.Message}";
            }
        }
        string?[] all = GatherStrings(comm, error ?? "ok:" + string.Join("\n", paths));
        ThrowIfPathsDiffer(all, paths, "Begin");
        if (error is null && !all[0]!.StartsWith("ok:", StringComparison.Ordinal)) error = all[0];
        if (error is not null) throw new RankFilesException($"RankFiles.Begin: {error}");
    }

    /// <summary>Collective, after a successful run: see <see cref="Complete(ICommunicator, bool, string[])"/>.</summary>
    public static IReadOnlyList<RankFileManifest> Complete(ICommunicator comm, params string[] paths) => Complete(comm, true, paths);

    /// <summary>
    /// Collective, once this rank's run has ended and its monitors are disposed (or flushed):
    /// every rank reports whether it <paramref name="succeeded"/> and the length and record count of
    /// its files for each of <paramref name="paths"/> (the paths without rank, as given to
    /// <see cref="PathFor(string, ICommunicator)"/>); when every rank succeeded and every file is whole,
    /// rank 0 writes one manifest per path (<see cref="ManifestPathFor"/>, atomically) and every rank
    /// returns them. The kind of each set is found from the files: <c>PathFor(path)</c> itself
    /// (a CSV's header tells spikes, states or rates; another extension is a plain
    /// <see cref="RankFileKind.File"/>), else the .npy pair of a spike monitor
    /// (<c>prefix_i.npy</c>, <c>prefix_t.npy</c>) or of a state monitor (<c>prefix.npy</c>, <c>prefix_t.npy</c>).
    /// </summary>
    /// <exception cref="RankFilesException">On every rank, and no manifest written: a rank did not succeed, a file is missing or not whole (a CSV without its last line end, an .npy with bytes its header does not describe), the ranks' files are of different kinds, or rank 0 could not write a manifest.</exception>
    public static IReadOnlyList<RankFileManifest> Complete(ICommunicator comm, bool succeeded, params string[] paths)
    {
        ArgumentNullException.ThrowIfNull(comm);
        CheckPaths(paths);
        string report;
        if (!succeeded)
        {
            report = "failed:its run did not succeed";
        }
        else
        {
            try
            {
                report = "ok:" + DescribeRankFiles(paths, comm.Rank, comm.Size);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or RankFilesException)
            {
                report = "failed:" + e.Message;
            }
        }
        string?[] reports = GatherStrings(comm, report);
        var failures = new List<string>();
        for (int r = 0; r < reports.Length; r++)
        {
            if (!reports[r]!.StartsWith("ok:", StringComparison.Ordinal))
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"rank {r}: {reports[r]!["failed:".Length..]}"));
        }
        if (failures.Count > 0)
            throw new RankFilesException($"RankFiles.Complete: no manifest written for {string.Join(", ", paths)}: {string.Join("; ", failures)}.");

        var perRank = reports.Select(text => JsonDocument.Parse(text!["ok:".Length..])).ToArray();
        try
        {
            var manifests = new List<RankFileManifest>();
            DateTime created = DateTime.UtcNow;
            for (int p = 0; p < paths.Length; p++)
            {
                var kinds = perRank.Select(d => d.RootElement[p].GetProperty("kind").GetString()).ToArray();
                var names = perRank.Select(d => d.RootElement[p].GetProperty("path").GetString()).ToArray();
                if (names.Any(n => n != paths[p]))
                    throw new RankFilesException($"RankFiles.Complete: the ranks passed different paths ({string.Join(", ", names.Distinct())}); every rank must pass the same ones in the same order.");
                if (kinds.Distinct().Count() > 1)
                    throw new RankFilesException($"RankFiles.Complete: {paths[p]}: the ranks wrote files of different kinds ({string.Join(", ", kinds.Select((k, r) => $"rank {r}: {k}"))}).");
                var files = new List<RankFileEntry>();
                for (int r = 0; r < perRank.Length; r++)
                {
                    foreach (JsonElement f in perRank[r].RootElement[p].GetProperty("files").EnumerateArray())
                    {
                        JsonElement records = f.GetProperty("records");
                        files.Add(new RankFileEntry(r, f.GetProperty("name").GetString()!, f.GetProperty("bytes").GetInt64(), records.ValueKind == JsonValueKind.Null ? null : records.GetInt64()));
                    }
                }
                manifests.Add(new RankFileManifest(ManifestPathFor(paths[p]), Path.GetFileName(paths[p]), RankFileManifest.ParseKind(kinds[0], paths[p]), comm.Size, created, true, files));
            }

            string written = "ok:";
            if (comm.Rank == 0)
            {
                try
                {
                    foreach (RankFileManifest m in manifests) m.WriteAtomically();
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    written = "failed:" + e.Message;
                }
            }
            string?[] status = GatherStrings(comm, written);
            if (!status[0]!.StartsWith("ok:", StringComparison.Ordinal))
                throw new RankFilesException($"RankFiles.Complete: rank 0 could not write the manifests of {string.Join(", ", paths)}: {status[0]!["failed:".Length..]}");
            return manifests;
        }
        finally
        {
            foreach (JsonDocument d in perRank) d.Dispose();
        }
    }

    /// <summary>
    /// Reads the manifest of <paramref name="path"/> and checks that the set is whole: the manifest
    /// exists and says complete, and every rank's file exists with the length it lists.
    /// </summary>
    /// <exception cref="RankFilesException">What is wrong, naming the file.</exception>
    public static RankFileManifest Open(string path)
    {
        CheckPath(path);
        string manifestPath = ManifestPathFor(path);
        if (!File.Exists(manifestPath))
        {
            string hint = File.Exists(path)
                ? $" ({path} itself exists: a file of a single-process run is read directly, not as a set of ranks)"
                : "";
            throw new RankFilesException($"{path}: no completion manifest {manifestPath}: the per-rank files are not known to be whole (the run did not finish, is still running, or did not call RankFiles.Complete){hint}.");
        }
        RankFileManifest manifest = RankFileManifest.Read(manifestPath);
        if (!manifest.IsComplete)
            throw new RankFilesException($"{manifestPath} does not say complete: the run did not finish.");
        for (int r = 0; r < manifest.Ranks; r++)
        {
            int listed = manifest.Files.Count(f => f.Rank == r);
            int expected = manifest.Kind is RankFileKind.SpikesNpy or RankFileKind.StatesNpy ? 2 : 1;
            if (listed != expected)
                throw new RankFilesException(string.Create(CultureInfo.InvariantCulture,
                    $"{manifestPath} lists {listed} files of rank {r} of {manifest.Ranks}; a {RankFileManifest.KindName(manifest.Kind)} set has {expected} per rank."));
        }
        foreach (RankFileEntry f in manifest.Files)
        {
            string file = manifest.PathOf(f);
            var info = new FileInfo(file);
            if (!info.Exists)
                throw new RankFilesException(string.Create(CultureInfo.InvariantCulture, $"rank {f.Rank}'s file {file} is missing (listed in {manifestPath})."));
            if (info.Length != f.Bytes)
                throw new RankFilesException(string.Create(CultureInfo.InvariantCulture, $"rank {f.Rank}'s file {file} has {info.Length} bytes, the manifest {manifestPath} says {f.Bytes}: it was changed or the run did not finish."));
        }
        return manifest;
    }

    private static string Suffix(int rank, int size)
    {
        if (size <= 0) throw new ArgumentOutOfRangeException(nameof(size), size, "At least one rank is needed.");
        if ((uint)rank >= (uint)size) throw new ArgumentOutOfRangeException(nameof(rank), rank, $"Rank {rank} is outside [0, {size}).");
        return string.Create(CultureInfo.InvariantCulture, $".rank{rank}of{size}");
    }

    private static void CheckPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || Path.GetFileName(path).Length == 0)
            throw new ArgumentException($"'{path}' names no file.", nameof(path));
    }

    private static void CheckPaths(string[] paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Length == 0) throw new ArgumentException("No paths given.", nameof(paths));
        foreach (string p in paths) CheckPath(p);
        if (paths.Distinct(StringComparer.Ordinal).Count() != paths.Length)
            throw new ArgumentException($"A path is given twice: {string.Join(", ", paths)}.", nameof(paths));
    }

    private static void ThrowIfPathsDiffer(string?[] all, string[] paths, string what)
    {
        string mine = string.Join("\n", paths);
        for (int r = 0; r < all.Length; r++)
        {
            string s = all[r]!;
            if (s.StartsWith("ok:", StringComparison.Ordinal) && s["ok:".Length..] != mine)
                throw new RankFilesException($"RankFiles.{what}: rank {r} passed other paths ({s["ok:".Length..].Replace('\n', ',')}) than this rank ({string.Join(",", paths)}); every rank must pass the same ones.");
        }
    }

    /// <summary>Every rank's <paramref name="text"/> (UTF-8 over AllgatherV of bytes), by rank.</summary>
    private static string?[] GatherStrings(ICommunicator comm, string text)
    {
        byte[] mine = Encoding.UTF8.GetBytes(text);
        int[] counts = comm.AllgatherInt(mine.Length);
        long total = 0;
        foreach (int c in counts) total += c;
        var all = new byte[checked((int)total)];
        comm.AllgatherV(mine, counts, all);
        var result = new string?[counts.Length];
        int at = 0;
        for (int r = 0; r < counts.Length; r++)
        {
            result[r] = Encoding.UTF8.GetString(all, at, counts[r]);
            at += counts[r];
        }
        return result;
    }

    /// <summary>This rank's files of each path as JSON: [{path, kind, files: [{name, bytes, records}]}].</summary>
    private static string DescribeRankFiles(string[] paths, int rank, int size)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (string path in paths)
            {
                (RankFileKind kind, List<(string File, long? Records)> files) = FindRankFiles(path, rank, size);
                json.WriteStartObject();
                json.WriteString("path", path);
                json.WriteString("kind", RankFileManifest.KindName(kind));
                json.WriteStartArray("files");
                foreach ((string file, long? records) in files)
                {
                    json.WriteStartObject();
                    json.WriteString("name", Path.GetFileName(file));
                    json.WriteNumber("bytes", new FileInfo(file).Length);
                    if (records is long n) json.WriteNumber("records", n);
                    else json.WriteNull("records");
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static (RankFileKind Kind, List<(string File, long? Records)> Files) FindRankFiles(string path, int rank, int size)
    {
        string single = PathFor(path, rank, size);
        if (File.Exists(single))
        {
            if (!single.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
                return (RankFileKind.File, new() { (single, null) });
            (string header, long rows) = CsvFiles.CheckWhole(single);
            RankFileKind kind = header == "index,time_s" ? RankFileKind.SpikesCsv
                : header == "time_s,rate_hz" ? RankFileKind.RatesCsv
                : header.StartsWith("t,", StringComparison.Ordinal) ? RankFileKind.StatesCsv
                : RankFileKind.File;
            return (kind, new() { (single, rows) });
        }
        foreach (string prefix in new[] { PrefixFor(path, rank, size), single }.Distinct())
        {
            if (File.Exists(prefix + "_i.npy") && File.Exists(prefix + "_t.npy"))
            {
                long i = NpyFile.Open(prefix + "_i.npy").CheckWhole().Rows;
                long t = NpyFile.Open(prefix + "_t.npy").CheckWhole().Rows;
                if (i != t) throw new RankFilesException($"{prefix}_i.npy has {i} spikes, {prefix}_t.npy {t} times.");
                return (RankFileKind.SpikesNpy, new() { (prefix + "_i.npy", i), (prefix + "_t.npy", t) });
            }
            if (File.Exists(prefix + ".npy") && File.Exists(prefix + "_t.npy"))
            {
                long v = NpyFile.Open(prefix + ".npy").CheckWhole().Rows;
                long t = NpyFile.Open(prefix + "_t.npy").CheckWhole().Rows;
                if (v != t) throw new RankFilesException($"{prefix}.npy has {v} samples, {prefix}_t.npy {t} times.");
                return (RankFileKind.StatesNpy, new() { (prefix + ".npy", v), (prefix + "_t.npy", t) });
            }
        }
        throw new RankFilesException($"rank {rank} has no file {single} (nor an .npy pair {PrefixFor(path, rank, size)}_i.npy/_t.npy or .npy/_t.npy)");
    }
}
