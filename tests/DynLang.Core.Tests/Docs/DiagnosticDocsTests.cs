using System.Text.RegularExpressions;
using DynLang.Core.Compilation;
using DynLang.Core.Diagnostics;

namespace DynLang.Core.Tests.Docs;

/// <summary>
/// Keeps docs/diagnostics honest: one page per catalog id and no other, each page's header
/// matching the catalog, its "Not allowed" example really reporting the id (with the very
/// message the page quotes) and its "Allowed" example compiling without it.
/// </summary>
public sealed class DiagnosticDocsTests
{
    /// <summary>The file name the examples are compiled under; the pages quote messages with it.</summary>
    private const string ExamplePath = "model.dyn";

    /// <summary>
    /// Ids whose pages carry a <c>&lt;!-- no-example: … --&gt;</c> marker instead of examples, and why:
    /// no single .dyn file can trigger them. Any other page without examples fails
    /// <see cref="PagesWithoutExamples_AreExactlyTheStatedExceptions"/>.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> NoExample = new Dictionary<string, string>
    {
        ["DL0900"] = "an internal compiler error is a bug in DynLang; no model is meant to trigger it",
        ["DL0901"] = "it reports an invalid MSBuild property (DynLangPrecision, DynLangMath), which the source generator reads, not DynCompiler",
        ["DL0340"] = "it is reported only when the project references ILGPU (CompileOptions.EmitIlgpu); DeviceNoteTests compile with it",
        ["DL0350"] = "it is reported only when the project references TorchSharp (CompileOptions.EmitTorch); PinnEmitterTests compile with it",
        ["DL0903"] = "it concerns the project's references (ILGPU without DynLang.Ilgpu), which the source generator reads; IlgpuDetectionTests in the generator tests cover it",
        ["DL0904"] = "only the language server reports it, when a compile runs past its time budget; SlowCompileTests in the language server tests cover it",
        ["DL0301"] = "every model kind is generated now (fields were the last); the id stays reserved for kinds added later",
        ["DL0501"] = "it is reported in C# code that calls a generated Step, by the analyzer; StepCallAnalyzerTests in the generator tests cover it",
    };

    private static readonly Regex NoExampleMarker = new(@"<!--\s*no-example:\s*(\S.*?)\s*-->", RegexOptions.Compiled);

    private static string DiagnosticsFolder => MarkdownDocs.PathOf("docs/diagnostics");

    public static TheoryData<string> AllIds()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in DiagnosticDescriptors.All) data.Add(descriptor.Id);
        return data;
    }

    public static TheoryData<string> IdsWithExamples()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in DiagnosticDescriptors.All.Where(d => !NoExample.ContainsKey(d.Id))) data.Add(descriptor.Id);
        return data;
    }

    [Fact]
    public void EveryCatalogId_HasAPage_AndEveryPageBelongsToAnId()
    {
        var ids = DiagnosticDescriptors.All.Select(d => d.Id).ToHashSet();
        var pages = Directory.GetFiles(DiagnosticsFolder, "*.md")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(name => name != "README")
            .ToHashSet();
        Assert.Empty(ids.Except(pages!).Order());   // ids without a page
        Assert.Empty(pages.Except(ids).Order());    // pages without an id
    }

    [Fact]
    public void TheIndex_LinksEveryPage()
    {
        string index = File.ReadAllText(Path.Combine(DiagnosticsFolder, "README.md"));
        var missing = DiagnosticDescriptors.All.Where(d => !index.Contains($"({d.Id}.md)", StringComparison.Ordinal)).Select(d => d.Id);
        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(AllIds))]
    public void PageHeader_MatchesTheCatalog(string id)
    {
        var descriptor = DiagnosticDescriptors.Get(id);
        string[] lines = ReadPage(id).Replace("\r\n", "\n").Split('\n');
        Assert.Equal($"# {id}: {descriptor.Title}", lines[0]);
        string row = $"| {descriptor.DefaultSeverity} | {descriptor.Category} | `{descriptor.MessageFormat}` |";
        Assert.Contains(row, lines);
    }

    [Fact]
    public void PagesWithoutExamples_AreExactlyTheStatedExceptions()
    {
        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            string page = ReadPage(descriptor.Id);
            bool marked = NoExampleMarker.IsMatch(page);
            Assert.True(marked == NoExample.ContainsKey(descriptor.Id),
                $"{descriptor.Id}: a no-example marker is {(marked ? "present" : "absent")}, but the test's exception list says otherwise");
            if (marked) Assert.DoesNotContain(MarkdownDocs.Blocks(page), b => b.Language == "dyn");
        }
    }

    [Theory]
    [MemberData(nameof(IdsWithExamples))]
    public void NotAllowedExample_ReportsTheId_WithTheQuotedMessage(string id)
    {
        var blocks = MarkdownDocs.Blocks(ReadPage(id)).Where(b => b.Section == "Not allowed").ToList();
        var example = Assert.Single(blocks, b => b.Language == "dyn");
        var quoted = Assert.Single(blocks, b => b.Language == "text");

        var reported = Compile(example.Code).Where(d => d.Id == id).Select(d => d.ToString()).ToList();

        Assert.True(reported.Count > 0, $"{id}: the 'Not allowed' example does not report {id}");
        // The page quotes the messages exactly; when a message is improved, paste the new text.
        Assert.Equal(string.Join("\n", reported), quoted.Code.TrimEnd('\n'));
    }

    [Theory]
    [MemberData(nameof(IdsWithExamples))]
    public void AllowedExample_DoesNotReportTheId_NorAnyError(string id)
    {
        var example = Assert.Single(MarkdownDocs.Blocks(ReadPage(id)), b => b.Section == "Allowed" && b.Language == "dyn");

        var diagnostics = Compile(example.Code);

        Assert.DoesNotContain(diagnostics, d => d.Id == id);
        // An "allowed" example with some other error would teach the wrong thing.
        Assert.Empty(diagnostics.Where(d => d.IsError).Select(d => d.ToString()));
    }

    private static IReadOnlyList<Diagnostic> Compile(string code) => DynCompiler.Compile(ExamplePath, code).Diagnostics;

    private static string ReadPage(string id) => File.ReadAllText(Path.Combine(DiagnosticsFolder, id + ".md"));
}
