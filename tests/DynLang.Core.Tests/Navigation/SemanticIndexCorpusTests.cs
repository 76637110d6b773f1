using DynLang.Core.Ast;
using DynLang.Core.Binding;
using DynLang.Core.Compilation;
using DynLang.Core.Navigation;
using DynLang.Core.Tests.TestSupport;

namespace DynLang.Core.Tests.Navigation;

/// <summary>
/// The index on every committed sample, the fuzz corpus and the fuzz regressions: it never throws, it
/// finds every name the parser sees, and it agrees with the binder about what each name means.
/// </summary>
public sealed class SemanticIndexCorpusTests
{
    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(Path.Combine(TestFiles.RepoRoot, "samples"), "*.dyn", SearchOption.AllDirectories)
                     .OrderBy(p => p, StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(TestFiles.RepoRoot, path));
        return data;
    }

    [Fact]
    public void There_are_samples_to_check() => Assert.True(((IEnumerable<object[]>)Samples()).Count() >= 5);

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_name_in_a_sample_resolves_or_is_knowingly_unresolved(string relative)
    {
        string text = File.ReadAllText(Path.Combine(TestFiles.RepoRoot, relative));
        var index = SemanticIndex.Build(relative, text);
        Assert.Null(index.Failure);
        var errors = DynCompiler.Compile(relative, text).Diagnostics.Where(d => d.IsError).ToList();
        foreach (var occurrence in index.Occurrences.Where(o => o.Reason == Unresolved.Undefined))
            Assert.True(errors.Any(e => e.Location.Span.Start <= occurrence.Span.Start && occurrence.Span.End <= e.Location.Span.End),
                $"{relative}: '{index.Source.Slice(occurrence.Span)}' at {index.Source.GetLinePosition(occurrence.Span.Start)} is unresolved but the compiler reports no error there");
        foreach (var occurrence in index.Occurrences)
            Assert.True((occurrence.Symbol is null) == (occurrence.Reason != Unresolved.No), $"{relative}: {occurrence}");

        // Coverage: every name the parser found in an expression is an occurrence.
        var tree = global::DynLang.Core.Syntax.SyntaxTree.Parse(index.Source, new global::DynLang.Core.Diagnostics.DiagnosticBag(index.Source));
        var starts = new HashSet<int>(index.Occurrences.Select(o => o.Span.Start));
        foreach (var node in AstWalker.Descendants(tree.Root))
        {
            var name = node switch { Reference r => r.Name, CallExpr c => c.Callee, _ => null };
            if (name is null || name.Span.Length == 0) continue;
            Assert.True(starts.Contains(name.Span.Start), $"{relative}: '{name.Name}' at {index.Source.GetLinePosition(name.Span.Start)} is not indexed");
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_index_agrees_with_the_binder_on_every_bound_reference(string relative)
    {
        string text = File.ReadAllText(Path.Combine(TestFiles.RepoRoot, relative));
        var index = SemanticIndex.Build(relative, text);
        var analysis = FileAnalysis.Parse(relative, text);
        int checkedReferences = 0;
        foreach (var model in analysis.Models)
        {
            if (analysis.Analyse(model).Bound is not { } bound) continue;
            var roots = bound.Equations.Select(e => e.Rhs).Concat(bound.Definitions.Select(d => d.Value))
                .Concat(bound.Events.SelectMany(e => e.Statements).OfType<BoundAssignment>().SelectMany(a => new BoundExpr[] { a.Target, a.Value }))
                .Concat(bound.Summed.Select(s => s.Value)).Where(r => r is not null);
            foreach (var reference in roots.SelectMany(BoundWalker.DescendantsAndSelf).OfType<BoundSymbolRef>())
            {
                var symbol = reference.Symbol is ExternalSymbol { Target: { } target } ? target : reference.Symbol;
                if (symbol.Kind is not (SymbolKind.Parameter or SymbolKind.State or SymbolKind.Input or SymbolKind.Definition)) continue;
                // pre.v: the name is after the scope; a plain reference starts with its name.
                int at = reference.Symbol is ExternalSymbol external ? external.DeclarationSpan.Start : reference.Span.Start;
                var occurrence = index.OccurrenceAt(at);
                if (occurrence is { Reason: Unresolved.CallerScope }) continue;
                Assert.True(occurrence?.Symbol is not null, $"{relative}: nothing indexed at {index.Source.GetLinePosition(at)} ('{symbol.Name}')");
                Assert.Equal(symbol.Name, occurrence!.Value.Symbol!.Name);
                Assert.Equal(symbol.DeclarationSpan, occurrence.Value.Symbol.DeclarationSpan);
                checkedReferences++;
            }
        }
        Assert.True(checkedReferences > 0, $"{relative}: no bound reference was compared");
    }

    public static TheoryData<string> Robustness()
    {
        var data = new TheoryData<string>();
        var corpus = Path.Combine(TestFiles.RepoRoot, "tests", "DynLang.Fuzz", "corpus");
        if (Directory.Exists(corpus)) data.Add(corpus);
        data.Add(Path.Combine(AppContext.BaseDirectory, "Fuzz", "Regressions"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Robustness))]
    public void Never_throws_on_the_fuzz_inputs_and_every_query_stays_in_the_text(string folder)
    {
        var files = Directory.GetFiles(folder).Where(f => !f.EndsWith(".txt", StringComparison.Ordinal)).OrderBy(f => f, StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            string text = File.ReadAllText(file);
            var index = SemanticIndex.Build(file, text);
            Assert.True(index.Failure is null, $"{file}: {index.Failure}");
            foreach (var occurrence in index.Occurrences)
                Assert.True(occurrence.Span.Start >= 0 && occurrence.Span.End <= text.Length, $"{file}: {occurrence}");
            // A few probes per file: the queries the editor makes on every mouse move.
            for (int offset = 0; offset <= text.Length; offset += Math.Max(1, text.Length / 16))
            {
                if (index.SymbolAt(offset) is { } symbol) Assert.NotEmpty(index.ReferencesTo(symbol));
                _ = index.ExpressionDimensionAt(offset);
            }
        }
    }

    [Fact]
    public void Every_prefix_of_a_sample_indexes_without_throwing()
    {
        string text = File.ReadAllText(Path.Combine(TestFiles.RepoRoot, "samples", "Cuba", "Cuba.dyn"));
        for (int length = 0; length <= text.Length; length += 7)
        {
            var index = SemanticIndex.Build("cuba.dyn", text[..length]);
            Assert.True(index.Failure is null, $"prefix of {length}: {index.Failure}");
            Assert.All(index.Occurrences, o => Assert.True(o.Span.End <= length));
        }
    }

    [Fact]
    public void Deep_nesting_is_indexed_without_recursion()
    {
        // Far beyond the parser's limit: the compiler reports DL0003 and the index answers.
        string text = "system S {\n  state x = 0\n  dx/dt = " + new string('(', 20000) + "x" + new string(')', 20000) + "\n}\n";
        var index = SemanticIndex.Build("deep.dyn", text);
        Assert.Null(index.Failure);
        Assert.Contains(index.Diagnostics, d => d.IsError);
        _ = index.SymbolAt(text.IndexOf("x)", StringComparison.Ordinal));
        _ = index.ExpressionDimensionAt(text.IndexOf("x)", StringComparison.Ordinal));
    }
}
