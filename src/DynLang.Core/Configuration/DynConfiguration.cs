using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using DynLang.Core.Diagnostics;

namespace DynLang.Core.Configuration;

/// <summary>
/// The severities the build would apply to one .dyn file: <c>dynlang_diagnostic.DLxxxx.severity</c>
/// from the .editorconfig sections that match it (applied first, as the generator does) and
/// <c>dotnet_diagnostic.DLxxxx.severity</c> from global configs (applied after, as Roslyn does).
/// Errors stay errors under the first (the generator's rule); Roslyn applies the second to errors too.
/// </summary>
public sealed record FileConfiguration(IReadOnlyList<SeverityOverride> EditorConfig, IReadOnlyList<SeverityOverride> Global, IReadOnlyList<string> Sources)
{
    /// <summary>No configuration.</summary>
    public static FileConfiguration Empty { get; } = new(Array.Empty<SeverityOverride>(), Array.Empty<SeverityOverride>(), Array.Empty<string>());

    /// <summary>The diagnostic with its configured severity, or null when configured off.</summary>
    public Diagnostic? Apply(Diagnostic diagnostic) =>
        SeverityOverrides.Apply(diagnostic, EditorConfig) is { } d ? SeverityOverrides.Apply(d, Global, errorsStay: false) : null;
}

/// <summary>
/// Reads the configuration files the build would see for a .dyn file, without MSBuild or Roslyn:
/// <list type="bullet">
/// <item><c>.editorconfig</c> files from the file's folder up to the file system's root, stopping after
/// one whose preamble says <c>root = true</c>; sections whose glob (<see cref="EditorConfigGlob"/>) matches
/// the file; a later section beats an earlier one in the same file, a closer file beats a farther one;</item>
/// <item><c>.globalconfig</c> files in the same folder chain whose preamble says <c>is_global = true</c>:
/// their preamble's keys (a closer file beats a farther one; sections are ignored).</item>
/// </list>
/// Comments (<c>#</c>, <c>;</c>, also after a value) and blank lines are skipped; keys are case-insensitive.
/// Parsed files are cached by path for the reader's lifetime.
/// </summary>
public sealed class ConfigurationReader
{
    private static readonly Regex SectionLine = new(@"^\s*\[(.*)\]\s*([#;].*)?$", RegexOptions.CultureInvariant);
    private static readonly Regex PropertyLine = new(@"^\s*([\w\.\-_]+)\s*[=:]\s*(.*?)\s*([#;].*)?$", RegexOptions.CultureInvariant);

    private readonly Dictionary<string, ConfigFile?> _cache = new(StringComparer.Ordinal);

    /// <summary>The configuration for <paramref name="dynPath"/> (made absolute).</summary>
    public FileConfiguration ForFile(string dynPath)
    {
        string full = Path.GetFullPath(dynPath);
        var editorConfig = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var global = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var sources = new List<string>();
        bool editorConfigDone = false;
        for (var dir = Path.GetDirectoryName(full); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            if (!editorConfigDone && Load(Path.Combine(dir!, ".editorconfig")) is { } editor)
            {
                sources.Add(editor.Path);
                // Sections in reverse: a later section wins; a key already set by a closer file stays.
                foreach (var section in editor.Sections.AsEnumerable().Reverse())
                {
                    if (!section.Glob!.IsMatch(full)) continue;
                    foreach (var pair in section.Properties)
                        if (!editorConfig.ContainsKey(pair.Key)) editorConfig[pair.Key] = pair.Value;
                }
                if (editor.Preamble.TryGetValue("root", out var root) && root.Equals("true", StringComparison.OrdinalIgnoreCase))
                    editorConfigDone = true;
            }
            if (Load(Path.Combine(dir!, ".globalconfig")) is { } globalConfig
                && globalConfig.Preamble.TryGetValue("is_global", out var isGlobal) && isGlobal.Equals("true", StringComparison.OrdinalIgnoreCase))
            {
                sources.Add(globalConfig.Path);
                foreach (var pair in globalConfig.Preamble)
                    if (!global.ContainsKey(pair.Key)) global[pair.Key] = pair.Value;
            }
        }
        return new FileConfiguration(
            SeverityOverrides.Read(key => editorConfig.TryGetValue(key, out var v) ? v : null, SeverityOverrides.DynLangPrefix),
            SeverityOverrides.Read(key => global.TryGetValue(key, out var v) ? v : null, SeverityOverrides.DotnetPrefix),
            sources);
    }

    private ConfigFile? Load(string path)
    {
        if (_cache.TryGetValue(path, out var cached)) return cached;
        ConfigFile? file = null;
        try
        {
            if (File.Exists(path)) file = Parse(path, File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            file = null; // an unreadable config file is skipped, as the compiler would report it and go on
        }
        _cache[path] = file;
        return file;
    }

    /// <summary>Parses the text of a config file found at <paramref name="path"/>.</summary>
    internal static ConfigFile Parse(string path, string text)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? "/";
        var file = new ConfigFile(path);
        var current = file.Preamble;
        foreach (var raw in text.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            string trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#' || trimmed[0] == ';') continue;
            var section = SectionLine.Match(line);
            if (section.Success)
            {
                var s = new ConfigSection(EditorConfigGlob.Create(directory, section.Groups[1].Value));
                file.Sections.Add(s);
                current = s.Properties;
                continue;
            }
            var property = PropertyLine.Match(line);
            if (property.Success) current[property.Groups[1].Value.ToLowerInvariant()] = property.Groups[2].Value;
        }
        return file;
    }

    internal sealed class ConfigFile(string path)
    {
        public string Path { get; } = path;
        public Dictionary<string, string> Preamble { get; } = new(StringComparer.OrdinalIgnoreCase);
        public List<ConfigSection> Sections { get; } = new();
    }

    internal sealed class ConfigSection(EditorConfigGlob glob)
    {
        public EditorConfigGlob? Glob { get; } = glob;
        public Dictionary<string, string> Properties { get; } = new(StringComparer.OrdinalIgnoreCase);
    }
}
