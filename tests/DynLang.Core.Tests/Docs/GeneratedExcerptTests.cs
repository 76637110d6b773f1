using DynLang.Core.Compilation;

namespace DynLang.Core.Tests.Docs;

/// <summary>
/// Excerpts of generated code quoted in the docs are real: a ```csharp block marked
/// <c>&lt;!-- generated-excerpt: path/to/model.dyn --&gt;</c> must appear, line for line (leading
/// whitespace aside), in the code DynCompiler generates today for that file of the repository.
/// </summary>
public sealed class GeneratedExcerptTests
{
    private const string Marker = "generated-excerpt";

    private static readonly string[] Pages = { "docs/generated-api.md", "docs/solvers.md", "docs/architecture.md" };

    public static TheoryData<string, int> Excerpts()
    {
        var data = new TheoryData<string, int>();
        foreach (var page in Pages)
            foreach (var block in MarkdownDocs.Blocks(File.ReadAllText(MarkdownDocs.PathOf(page))))
                if (MarkdownDocs.MarkerValue(block.Marker, Marker) is not null) data.Add(page, block.Line);
        return data;
    }

    [Fact]
    public void TheGeneratedApiPage_QuotesGeneratedCode()
    {
        // Guards the theory below against passing vacuously.
        Assert.Contains(Excerpts(), row => (string)row[0] == "docs/generated-api.md");
    }

    [Theory]
    [MemberData(nameof(Excerpts))]
    public void Excerpt_IsPartOfTheGeneratedCode(string page, int line)
    {
        var block = MarkdownDocs.Blocks(File.ReadAllText(MarkdownDocs.PathOf(page))).Single(b => b.Line == line);
        string model = MarkdownDocs.MarkerValue(block.Marker, Marker)!;
        var result = DynCompiler.Compile(Path.GetFileName(model), File.ReadAllText(MarkdownDocs.PathOf(model)));
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);

        var generated = result.Files.SelectMany(f => Lines(f.Source)).ToList();
        var excerpt = Lines(block.Code).ToList();
        bool found = Enumerable.Range(0, Math.Max(0, generated.Count - excerpt.Count + 1))
            .Any(start => generated.Skip(start).Take(excerpt.Count).SequenceEqual(excerpt));
        Assert.True(found, $"{page}:{line}: the excerpt is not in the code generated for {model}; regenerate it");
    }

    private static IEnumerable<string> Lines(string text) =>
        text.Replace("\r\n", "\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);
}
