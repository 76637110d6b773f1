using DynLang.Core.Compilation;
using DynLang.Core.Diagnostics;

namespace DynLang.Core.Tests.Docs;

/// <summary>
/// Every ```dyn block in the top-level docs (docs/*.md: the language reference, solvers,
/// generated API, architecture) is a whole .dyn file that compiles without errors — unless it
/// is marked <c>&lt;!-- error-example: DLxxxx --&gt;</c> on the line before it, and then it must
/// report exactly that error. Warnings and infos are allowed (a synapse example reports DL0301).
/// </summary>
public sealed class LanguageDocsTests
{
    private const string ErrorExample = "error-example";

    private static readonly string[] Pages = { "docs/README.md", "docs/language.md", "docs/solvers.md", "docs/generated-api.md", "docs/architecture.md", "docs/checks.md" };

    public static TheoryData<string, int> DynBlocks()
    {
        var data = new TheoryData<string, int>();
        foreach (var page in Pages)
            foreach (var block in MarkdownDocs.Blocks(File.ReadAllText(MarkdownDocs.PathOf(page))).Where(b => b.Language == "dyn"))
                data.Add(page, block.Line);
        return data;
    }

    [Fact]
    public void TheLanguageReference_HasExamples()
    {
        // Guards the theory below against passing vacuously (a renamed fence language, a moved file).
        var blocks = MarkdownDocs.Blocks(File.ReadAllText(MarkdownDocs.PathOf("docs/language.md")));
        Assert.True(blocks.Count(b => b.Language == "dyn") >= 20, "docs/language.md should show the language in at least 20 dyn examples");
    }

    [Theory]
    [MemberData(nameof(DynBlocks))]
    public void DynBlock_CompilesWithoutErrors_OrReportsItsMarkedError(string page, int line)
    {
        var block = MarkdownDocs.Blocks(File.ReadAllText(MarkdownDocs.PathOf(page))).Single(b => b.Line == line);
        var errors = DynCompiler.Compile("example.dyn", block.Code).Diagnostics.Where(d => d.IsError).ToList();
        string? expected = MarkdownDocs.MarkerValue(block.Marker, ErrorExample);
        if (expected is null)
        {
            Assert.Empty(errors.Select(e => e.ToString()));
        }
        else
        {
            Assert.Contains(DiagnosticDescriptors.All, d => d.Id == expected);
            Assert.NotEmpty(errors);
            Assert.All(errors, e => Assert.Equal(expected, e.Id));
        }
    }
}
