using System.Text;
using DynLang.Core.Diagnostics;

namespace DynLang.Generators.Tests.Infrastructure;

/// <summary>Reads and writes the rule tables of AnalyzerReleases.*.md (Roslyn's release-tracking format).</summary>
internal static class ReleaseTracking
{
    /// <summary>One row: "DL0001 | DynLang.Syntax | Error | Syntax error".</summary>
    public sealed record Rule(string Id, string Category, string Severity);

    public static string ShippedPath => Path.Combine(TestEnvironment.GeneratorDir, "AnalyzerReleases.Shipped.md");

    public static string UnshippedPath => Path.Combine(TestEnvironment.GeneratorDir, "AnalyzerReleases.Unshipped.md");

    /// <summary>The rows of every "Rule ID | …" table of a file (New Rules; removed/changed tables are not used yet).</summary>
    public static IReadOnlyList<Rule> ReadRules(string path) =>
        File.ReadAllLines(path)
            .Select(line => line.Split('|').Select(cell => cell.Trim()).ToArray())
            .Where(cells => cells.Length >= 3 && cells[0].StartsWith("DL", StringComparison.Ordinal))
            .Select(cells => new Rule(cells[0], cells[1], cells[2]))
            .ToList();

    /// <summary>The catalog as rows.</summary>
    public static IReadOnlyList<Rule> CatalogRules() =>
        DiagnosticDescriptors.All.Select(d => new Rule(d.Id, d.Category, d.DefaultSeverity.ToString())).ToList();

    /// <summary>The Unshipped file for every catalog id not in the Shipped file, ordered by id.</summary>
    public static string RenderUnshipped(IEnumerable<string> shippedIds)
    {
        var shipped = new HashSet<string>(shippedIds, StringComparer.Ordinal);
        var sb = new StringBuilder();
        sb.Append("; Unshipped analyzer release\n");
        sb.Append("; https://github.com/dotnet/roslyn-analyzers/blob/main/src/Microsoft.CodeAnalysis.Analyzers/ReleaseTrackingAnalyzers.Help.md\n");
        sb.Append("; Generated from DynLang.Core's DiagnosticDescriptors by tests/DynLang.Generators.Tests (DYNLANG_UPDATE_BASELINES=1).\n\n");
        sb.Append("### New Rules\n\n");
        sb.Append("Rule ID | Category | Severity | Notes\n");
        sb.Append("--------|----------|----------|-------\n");
        foreach (var d in DiagnosticDescriptors.All.Where(d => !shipped.Contains(d.Id)))
            sb.Append($"{d.Id} | {d.Category} | {d.DefaultSeverity} | {d.Title}\n");
        return sb.ToString();
    }
}
