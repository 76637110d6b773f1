using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace DynLang.Distributed;

/// <summary>What a set of per-rank files holds (the manifest's <c>"kind"</c>).</summary>
public enum RankFileKind
{
    /// <summary>SpikeMonitor CSV files, <c>index,time_s</c> (<c>"spikes-csv"</c>).</summary>
    SpikesCsv,

    /// <summary>SpikeMonitor .npy pairs, <c>prefix_i.npy</c> and <c>prefix_t.npy</c> (<c>"spikes-npy"</c>).</summary>
    SpikesNpy,

    /// <summary>StateMonitor CSV files, <c>t,v[i],…</c> (<c>"states-csv"</c>).</summary>
    StatesCsv,

    /// <summary>StateMonitor .npy pairs, <c>prefix.npy</c> (samples × columns) and <c>prefix_t.npy</c> (<c>"states-npy"</c>).</summary>
    StatesNpy,

    /// <summary>PopulationRateMonitor CSV files, <c>time_s,rate_hz</c> (<c>"rates-csv"</c>).</summary>
    RatesCsv,

    /// <summary>Any other file, one per rank: its size is checked, its contents are not read (<c>"file"</c>).</summary>
    File,
}

/// <summary>One rank's file in a manifest: its name relative to the manifest's folder, its size, and its records (rows or array elements) where known.</summary>
/// <param name="Rank">The rank that wrote it.</param>
/// <param name="Name">File name, relative to the folder of the manifest.</param>
/// <param name="Bytes">Its length when the run completed.</param>
/// <param name="Records">Data rows (CSV, header not counted) or rows of the .npy array; null for <see cref="RankFileKind.File"/>.</param>
public sealed record RankFileEntry(int Rank, string Name, long Bytes, long? Records);

/// <summary>
/// The completion manifest <c>&lt;path&gt;.ranks.json</c> of a set of per-rank files, written by
/// rank 0 in <see cref="RankFiles.Complete(ICommunicator, string[])"/> once every rank has finished
/// (see Monitors/README.md for the fields).
/// </summary>
public sealed class RankFileManifest
{
    /// <summary>The value of the manifest's <c>"format"</c> field.</summary>
    public const string FormatName = "dynlang.rank-files";

    /// <summary>The manifest version this library writes and reads.</summary>
    public const int FormatVersion = 1;

    internal RankFileManifest(string manifestPath, string name, RankFileKind kind, int ranks, DateTime createdUtc, bool complete, IReadOnlyList<RankFileEntry> files)
    {
        ManifestPath = manifestPath;
        Name = name;
        Kind = kind;
        Ranks = ranks;
        CreatedUtc = createdUtc;
        IsComplete = complete;
        Files = files;
    }

    /// <summary>Where the manifest is (<c>&lt;path&gt;.ranks.json</c>).</summary>
    public string ManifestPath { get; }

    /// <summary>File name of the set's path (the path without rank, e.g. <c>cuba-spikes.csv</c>).</summary>
    public string Name { get; }

    /// <summary>What the files hold.</summary>
    public RankFileKind Kind { get; }

    /// <summary>Number of ranks that wrote the set.</summary>
    public int Ranks { get; }

    /// <summary>When rank 0 wrote the manifest (UTC).</summary>
    public DateTime CreatedUtc { get; }

    /// <summary>True: every rank finished and reported its files (a manifest is only written then).</summary>
    public bool IsComplete { get; }

    /// <summary>The files, by rank (an .npy pair: two entries of the same rank).</summary>
    public IReadOnlyList<RankFileEntry> Files { get; }

    /// <summary>The folder the file names are relative to.</summary>
    public string Folder => Path.GetDirectoryName(Path.GetFullPath(ManifestPath)) ?? ".";

    /// <summary>Full path of <paramref name="entry"/>.</summary>
    public string PathOf(RankFileEntry entry) => Path.Combine(Path.GetDirectoryName(ManifestPath) ?? "", entry.Name);

    /// <summary>The manifest's text name of <paramref name="kind"/> ("spikes-csv", …).</summary>
    public static string KindName(RankFileKind kind) => kind switch
    {
        RankFileKind.SpikesCsv => "spikes-csv",
        RankFileKind.SpikesNpy => "spikes-npy",
        RankFileKind.StatesCsv => "states-csv",
        RankFileKind.StatesNpy => "states-npy",
        RankFileKind.RatesCsv => "rates-csv",
        _ => "file",
    };

    internal static RankFileKind ParseKind(string? text, string manifestPath) => text switch
    {
        "spikes-csv" => RankFileKind.SpikesCsv,
        "spikes-npy" => RankFileKind.SpikesNpy,
        "states-csv" => RankFileKind.StatesCsv,
        "states-npy" => RankFileKind.StatesNpy,
        "rates-csv" => RankFileKind.RatesCsv,
        "file" => RankFileKind.File,
        _ => throw new RankFilesException($"{manifestPath}: unknown kind '{text}'."),
    };

    internal byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", FormatName);
            json.WriteNumber("version", FormatVersion);
            json.WriteString("kind", KindName(Kind));
            json.WriteString("name", Name);
            json.WriteNumber("ranks", Ranks);
            json.WriteString("created_utc", CreatedUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
            json.WriteBoolean("complete", IsComplete);
            json.WriteStartArray("files");
            foreach (RankFileEntry f in Files)
            {
                json.WriteStartObject();
                json.WriteNumber("rank", f.Rank);
                json.WriteString("name", f.Name);
                json.WriteNumber("bytes", f.Bytes);
                if (f.Records is long records) json.WriteNumber("records", records);
                else json.WriteNull("records");
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Reads and checks a manifest; a missing or malformed one is refused with a <see cref="RankFilesException"/>.</summary>
    public static RankFileManifest Read(string manifestPath)
    {
        ArgumentNullException.ThrowIfNull(manifestPath);
        byte[] bytes;
        try
        {
            bytes = System.IO.File.ReadAllBytes(manifestPath);
        }
        catch (FileNotFoundException e)
        {
            throw new RankFilesException($"{manifestPath} is missing.", e);
        }
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            JsonElement root = doc.RootElement;
            string? format = root.GetProperty("format").GetString();
            if (format != FormatName) throw new RankFilesException($"{manifestPath}: not a rank-file manifest (format '{format}', expected '{FormatName}').");
            int version = root.GetProperty("version").GetInt32();
            if (version != FormatVersion) throw new RankFilesException($"{manifestPath}: manifest version {version}; this library reads version {FormatVersion}.");
            RankFileKind kind = ParseKind(root.GetProperty("kind").GetString(), manifestPath);
            string name = root.GetProperty("name").GetString() ?? "";
            int ranks = root.GetProperty("ranks").GetInt32();
            DateTime created = DateTime.Parse(root.GetProperty("created_utc").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            bool complete = root.GetProperty("complete").GetBoolean();
            var files = new List<RankFileEntry>();
            foreach (JsonElement f in root.GetProperty("files").EnumerateArray())
            {
                JsonElement records = f.GetProperty("records");
                files.Add(new RankFileEntry(f.GetProperty("rank").GetInt32(), f.GetProperty("name").GetString()!, f.GetProperty("bytes").GetInt64(),
                    records.ValueKind == JsonValueKind.Null ? null : records.GetInt64()));
            }
            if (ranks <= 0) throw new RankFilesException($"{manifestPath}: {ranks} ranks.");
            foreach (RankFileEntry f in files)
            {
                if ((uint)f.Rank >= (uint)ranks) throw new RankFilesException($"{manifestPath}: file {f.Name} of rank {f.Rank}, outside the {ranks} ranks.");
                if (f.Name.IndexOfAny(new[] { '/', '\\' }) >= 0 || f.Name is "." or "..")
                    throw new RankFilesException($"{manifestPath}: file name '{f.Name}' is not a plain name in the manifest's folder.");
            }
            return new RankFileManifest(manifestPath, name, kind, ranks, created, complete, files);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new RankFilesException($"{manifestPath}: not a readable rank-file manifest ({e.Message}).", e);
        }
    }

    /// <summary>Writes the manifest atomically: a temporary file in the same folder, flushed to disk, then renamed over <see cref="ManifestPath"/>.</summary>
    internal void WriteAtomically()
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(ManifestPath))!;
        string temp = Path.Combine(folder, "." + Path.GetFileName(ManifestPath) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                file.Write(ToJson());
                file.Flush(flushToDisk: true);
            }
            System.IO.File.Move(temp, ManifestPath, overwrite: true);
        }
        catch
        {
            try { System.IO.File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }
}
