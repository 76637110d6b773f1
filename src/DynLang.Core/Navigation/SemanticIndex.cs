using System;
using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Compilation;
using DynLang.Core.Diagnostics;
using DynLang.Core.Text;

namespace DynLang.Core.Navigation;

/// <summary>
/// Every name of one .dyn file with what it refers to, and the dimension of each expression: what
/// go-to-definition, find-references and hover ask. Built by the compiler's own front half
/// (<see cref="FileAnalysis"/>: parse, bind, check definitions' depth, check units), so it agrees
/// with the build. Never throws: a file that does not parse or bind gives what could be found.
/// </summary>
public sealed class SemanticIndex
{
    private readonly List<Occurrence> _occurrences;
    private readonly ExpressionDimensions _dimensions;

    private SemanticIndex(SourceText source, List<Occurrence> occurrences, ExpressionDimensions dimensions, IReadOnlyList<Diagnostic> diagnostics,
        string? failure)
    {
        Failure = failure;
        Source = source;
        _occurrences = occurrences;
        _occurrences.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        _dimensions = dimensions;
        Diagnostics = diagnostics;
    }

    /// <summary>The file's text (offsets and line positions).</summary>
    public SourceText Source { get; }

    /// <summary>Every occurrence of a name, in file order.</summary>
    public IReadOnlyList<Occurrence> Occurrences => _occurrences;

    /// <summary>The diagnostics of parsing, binding and unit checking (the build adds the later stages' and applies suppressions).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>
    /// Null when indexing ran to the end; else the exception that stopped it (type and message), the index
    /// then holding what was found before. Never expected: the fuzz target and the tests check it is null,
    /// the language server logs it.
    /// </summary>
    public string? Failure { get; }

    /// <summary>Indexes the text of one file.</summary>
    public static SemanticIndex Build(string path, string text)
    {
        var dimensions = new ExpressionDimensions();
        FileAnalysis? analysis = null;
        OccurrenceCollector? collector = null;
        string? failure = null;
        try
        {
            analysis = FileAnalysis.Parse(path ?? "", text ?? "", dimensions.Record);
            foreach (var model in analysis.Models) analysis.Analyse(model);
            collector = new OccurrenceCollector(analysis, dimensions);
            collector.Run();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // FileAnalysis reports its own failures; anything else leaves the occurrences found so far.
            failure = FileAnalysis.Describe(e);
        }
        var source = analysis?.Source ?? new SourceText(path ?? "", text ?? "");
        var diagnostics = analysis?.Diagnostics.Items.ToList() ?? new List<Diagnostic>();
        return new SemanticIndex(source, collector?.Occurrences ?? new List<Occurrence>(), dimensions, diagnostics, failure);
    }

    /// <summary>
    /// The occurrence of a name at <paramref name="offset"/>: the name whose character is there, or, when
    /// <paramref name="orJustAfter"/>, one that ends there (where a text cursor is after typing a name;
    /// a hover is about the character under the mouse, so the <c>*</c> of <c>R*I</c> is not R's).
    /// Null when there is no name there.
    /// </summary>
    public Occurrence? OccurrenceAt(int offset, bool orJustAfter = true)
    {
        Occurrence? touching = null;
        foreach (var occurrence in _occurrences)
        {
            if (occurrence.Span.Start > offset) break;
            if (offset < occurrence.Span.End) return occurrence;
            if (orJustAfter && offset == occurrence.Span.End) touching = occurrence;
        }
        return touching;
    }

    /// <summary>The symbol named at <paramref name="offset"/>; null when none.</summary>
    public NavSymbol? SymbolAt(int offset) => OccurrenceAt(offset)?.Symbol;

    /// <summary>Where <paramref name="symbol"/> is declared (the name's span); null for built-ins.</summary>
    public static TextSpan? DeclarationOf(NavSymbol symbol) => symbol.DeclarationSpan;

    /// <summary>Every occurrence of <paramref name="symbol"/> in file order, the declaration included or not.</summary>
    public IReadOnlyList<Occurrence> ReferencesTo(NavSymbol symbol, bool includeDeclaration = true) =>
        _occurrences.Where(o => ReferenceEquals(o.Symbol, symbol) && (includeDeclaration || !o.IsDeclaration)).ToList();

    /// <summary>The smallest expression around <paramref name="offset"/> whose dimension the unit checker knows; null when none.</summary>
    public ExpressionDimension? ExpressionDimensionAt(int offset) => _dimensions.At(offset);
}
