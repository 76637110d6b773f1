using System.Text.Json;

namespace DynLang.Models.Tests.Infrastructure;

/// <summary>Reads the reference.json files of tests/reference (parsed once per file).</summary>
internal static class ReferenceJson
{
    private static readonly Dictionary<string, JsonDocument> Cache = new();

    public static JsonElement Load(params string[] parts)
    {
        string path = RepoPaths.Reference(parts);
        lock (Cache)
        {
            if (!Cache.TryGetValue(path, out var document))
            {
                document = JsonDocument.Parse(File.ReadAllText(path));
                Cache[path] = document;
            }
            return document.RootElement;
        }
    }

    /// <summary>The element at a path of property names, failing with the path when one is missing.</summary>
    public static JsonElement At(this JsonElement element, params string[] names)
    {
        foreach (string name in names)
        {
            if (!element.TryGetProperty(name, out var next))
                throw new KeyNotFoundException($"reference JSON has no '{name}' (path {string.Join("/", names)}).");
            element = next;
        }
        return element;
    }

    public static double[] Doubles(this JsonElement element) => element.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public static long[] Longs(this JsonElement element) => element.EnumerateArray().Select(e => e.GetInt64()).ToArray();
}
