using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.IO.Compression;
using System.Linq;

namespace DynLang.Runtime;

/// <summary>
/// NumPy .npz archives (what <c>numpy.savez</c> / <c>savez_compressed</c> write): a zip file of
/// .npy members, stored or deflated, keyed by member name without ".npy".
/// </summary>
public static class Npz
{
    /// <summary>
    /// Reads every .npy member of the archive (members with other extensions are skipped). A
    /// missing key throws a <see cref="KeyNotFoundException"/> that names the archive and the
    /// names it has.
    /// </summary>
    /// <exception cref="InvalidDataException">Not a zip archive, or a member that is not a valid .npy.</exception>
    public static IReadOnlyDictionary<string, NpyArray> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var arrays = new Dictionary<string, NpyArray>(StringComparer.Ordinal);
        var order = new List<string>();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: not a valid .npz (zip) archive: {e.Message}", e);
        }
        using (zip)
        {
            foreach (ZipArchiveEntry entry in zip.Entries)
            {
                if (!entry.FullName.EndsWith(".npy", StringComparison.Ordinal)) continue;
                string name = entry.FullName.Substring(0, entry.FullName.Length - 4);
                string source = $"{path}[{name}]";
                if (arrays.ContainsKey(name)) throw new InvalidDataException($"{source}: the archive has two members named '{entry.FullName}'.");
                if (entry.Length > Array.MaxLength)
                    throw new InvalidDataException($"{source}: {entry.Length} bytes; members over {Array.MaxLength} bytes are not supported.");
                var bytes = new byte[entry.Length];
                try
                {
                    using Stream member = entry.Open();
                    member.ReadExactly(bytes);
                }
                catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
                {
                    throw new InvalidDataException($"{source}: the archive member cannot be read: {e.Message}", e);
                }
                arrays[name] = Npy.Parse(bytes, name, source);
                order.Add(name);
            }
        }
        return new Contents(path, arrays, order);
    }

    /// <summary>Writes <paramref name="arrays"/> as members "&lt;key&gt;.npy" (keys, not the arrays' own names), deflated when <paramref name="compress"/>.</summary>
    /// <exception cref="ArgumentException">An empty key.</exception>
    public static void Write(string path, IReadOnlyDictionary<string, NpyArray> arrays, bool compress = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(arrays);
        foreach (string key in arrays.Keys)
            if (string.IsNullOrEmpty(key)) throw new ArgumentException($"{path}: an array name is empty.", nameof(arrays));
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create);
        foreach (var (key, array) in arrays)
        {
            ZipArchiveEntry entry = zip.CreateEntry(key + ".npy", compress ? CompressionLevel.Optimal : CompressionLevel.NoCompression);
            using Stream member = entry.Open();
            array.WriteTo(member);
        }
    }

    /// <summary>Writes <paramref name="arrays"/> under their own <see cref="NpyArray.Name"/>s.</summary>
    /// <exception cref="ArgumentException">Two arrays with the same name, or an empty name.</exception>
    public static void Write(string path, params NpyArray[] arrays) => Write(path, false, arrays);

    /// <summary>Writes <paramref name="arrays"/> under their own names, deflated when <paramref name="compress"/>.</summary>
    /// <exception cref="ArgumentException">Two arrays with the same name, or an empty name.</exception>
    public static void Write(string path, bool compress, params NpyArray[] arrays)
    {
        ArgumentNullException.ThrowIfNull(arrays);
        var byName = new Dictionary<string, NpyArray>(StringComparer.Ordinal);
        foreach (NpyArray a in arrays)
            if (!byName.TryAdd(a.Name, a)) throw new ArgumentException($"{path}: two arrays are named '{a.Name}'.", nameof(arrays));
        Write(path, byName, compress);
    }

    /// <summary>The arrays of one archive, in archive order, with errors that name the archive.</summary>
    private sealed class Contents : IReadOnlyDictionary<string, NpyArray>
    {
        private readonly string _path;
        private readonly Dictionary<string, NpyArray> _arrays;
        private readonly List<string> _order;

        public Contents(string path, Dictionary<string, NpyArray> arrays, List<string> order)
        {
            _path = path;
            _arrays = arrays;
            _order = order;
        }

        public NpyArray this[string key] => _arrays.TryGetValue(key, out NpyArray? a)
            ? a
            : throw new KeyNotFoundException($"{_path}: no array named '{key}'; the archive has {(_order.Count == 0 ? "none" : string.Join(", ", _order.Select(n => $"'{n}'")))}.");

        public IEnumerable<string> Keys => _order;
        public IEnumerable<NpyArray> Values => _order.Select(n => _arrays[n]);
        public int Count => _order.Count;
        public bool ContainsKey(string key) => _arrays.ContainsKey(key);
        public bool TryGetValue(string key, [MaybeNullWhen(false)] out NpyArray value) => _arrays.TryGetValue(key, out value);
        public IEnumerator<KeyValuePair<string, NpyArray>> GetEnumerator() => _order.Select(n => new KeyValuePair<string, NpyArray>(n, _arrays[n])).GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
