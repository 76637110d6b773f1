using System.Text.RegularExpressions;
using DynLang.Core.Binding;
using DynLang.Core.Compilation;
using DynLang.Core.Diagnostics;
using DynLang.Core.Syntax;
using DynLang.Core.Tests.TestSupport;
using DynLang.Core.Text;
using DynLang.Core.Units;

namespace DynLang.Core.Tests.Syntax;

/// <summary>
/// The corpus of model files: every file in Valid/ (the language of DESIGN.md and more) parses,
/// binds and passes the unit check cleanly; every file in Invalid/ gives exactly the diagnostics
/// written at its end (id, start and end line:column, message) — no more, so cascades fail too.
/// </summary>
public sealed class SyntaxCorpusTests
{
    public static TheoryData<string> ValidFiles => TestFiles.Names("Syntax/Valid");

    public static TheoryData<string> InvalidFiles => TestFiles.Names("Syntax/Invalid");

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void ValidFileParsesBindsAndChecksWithoutProblems(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Syntax/Valid", name);
        var source = new SourceText(name, File.ReadAllText(path));
        var diagnostics = new DiagnosticBag(source);
        var tree = SyntaxTree.Parse(source, diagnostics);
        Assert.Empty(tree.ErrorSpans);
        Assert.NotEmpty(tree.Root.Models);
        // Neuron models first: a synapse resolves pre.x / post.x against them (as DynCompiler does).
        var bound = new Dictionary<string, BoundModel>();
        foreach (var model in tree.Root.Models.OrderBy(m => m.Kind == Ast.ModelKind.Synapse ? 1 : 0))
        {
            var result = Binder.Bind(model, tree.Root.Functions, diagnostics, name => bound.GetValueOrDefault(name));
            UnitChecker.Check(result, diagnostics);
            bound[model.Name.Name] = result;
        }
        var problems = diagnostics.Items.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void ValidFileCompilesWithoutInternalErrors(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Syntax/Valid", name);
        var result = DynCompiler.Compile(name, File.ReadAllText(path));
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == DiagnosticDescriptors.InternalError.Id);
        // Every model is either generated or says why not (a located warning or error).
        foreach (var model in result.Models.Where(m => !m.Generated))
            Assert.Contains(result.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
    }

    private static readonly Regex Expectation = new(
        @"^//!\s+(?<id>DL\d{4})\s+(?<l1>\d+):(?<c1>\d+)-(?<l2>\d+):(?<c2>\d+)\s+""(?<message>.*)""\s*$", RegexOptions.Multiline);

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void InvalidFileGivesExactlyTheExpectedDiagnostics(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Syntax/Invalid", name);
        string text = File.ReadAllText(path);
        var expected = Expectation.Matches(text)
            .Select(m => $"{m.Groups["id"].Value} {m.Groups["l1"].Value}:{m.Groups["c1"].Value}-{m.Groups["l2"].Value}:{m.Groups["c2"].Value} {m.Groups["message"].Value}")
            .OrderBy(s => s, StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);

        var result = DynCompiler.Compile(name, text);
        var actual = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => $"{d.Id} {d.Location.Start.Line + 1}:{d.Location.Start.Character + 1}-{d.Location.End.Line + 1}:{d.Location.End.Character + 1} {d.Message}")
            .OrderBy(s => s, StringComparer.Ordinal).ToList();
        Assert.Equal(expected, actual);
    }
}
