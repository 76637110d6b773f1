using System.Text.RegularExpressions;
using DynLang.Core.Tests.TestSupport;

namespace DynLang.Core.Tests.Docs;

/// <summary>One fenced code block of a Markdown page.</summary>
/// <param name="Section">The text of the nearest "## " heading above it ("" before the first).</param>
/// <param name="Language">The fence's info string ("dyn", "text", "csharp", …).</param>
/// <param name="Code">The block's content, without the fences.</param>
/// <param name="Marker">The HTML comment on the last non-blank line before the fence, if any ("error-example: DL0201").</param>
/// <param name="Line">1-based line of the opening fence (for failure messages).</param>
internal sealed record CodeBlock(string Section, string Language, string Code, string? Marker, int Line);

/// <summary>
/// Reads the repository's Markdown docs: splits pages into fenced code blocks with the section
/// and marker comment each one stands under. Deliberately small: the docs use only "## "
/// headings, ``` fences and one-line HTML comments as markers.
/// </summary>
internal static class MarkdownDocs
{
    private static readonly Regex MarkerPattern = new(@"^\s*<!--\s*(.*?)\s*-->\s*$", RegexOptions.Compiled);

    /// <summary>A path relative to the repository root, with '/' separators.</summary>
    public static string PathOf(string relative) =>
        Path.Combine(TestFiles.RepoRoot, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Every fenced block of the page, in order.</summary>
    public static IReadOnlyList<CodeBlock> Blocks(string markdown)
    {
        var blocks = new List<CodeBlock>();
        string[] lines = markdown.Replace("\r\n", "\n").Split('\n');
        string section = "";
        string? marker = null;
        for (int k = 0; k < lines.Length; k++)
        {
            string line = lines[k];
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                section = line.Substring(3).Trim();
                marker = null;
                continue;
            }
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                string language = line.Substring(3).Trim();
                int start = k;
                var code = new List<string>();
                for (k++; k < lines.Length && !lines[k].StartsWith("```", StringComparison.Ordinal); k++) code.Add(lines[k]);
                blocks.Add(new CodeBlock(section, language, string.Join("\n", code) + "\n", marker, start + 1));
                marker = null;
                continue;
            }
            if (MarkerPattern.Match(line) is { Success: true } match) marker = match.Groups[1].Value;
            else if (line.Trim().Length > 0) marker = null;
        }
        return blocks;
    }

    /// <summary>The text after "name:" in a marker ("error-example: DL0201" → "DL0201"), or null when the marker is another one.</summary>
    public static string? MarkerValue(string? marker, string name) =>
        marker is not null && marker.StartsWith(name + ":", StringComparison.Ordinal) ? marker.Substring(name.Length + 1).Trim() : null;
}
