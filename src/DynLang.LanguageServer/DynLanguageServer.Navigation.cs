using System.Collections.Concurrent;
using DynLang.Core.Navigation;
using DynLang.Core.Text;
using DynLang.LanguageServer.Protocol;
using StreamJsonRpc;

namespace DynLang.LanguageServer;

/// <summary>Go-to-definition, find-references and hover, answered from a <see cref="SemanticIndex"/> of the open text.</summary>
public sealed partial class DynLanguageServer
{
    // One index per open document and version: moving the mouse asks for many hovers of the same text,
    // and each would otherwise bind and unit-check the whole file again.
    private readonly ConcurrentDictionary<string, NavigationCache> _navigation = new(StringComparer.Ordinal);

    /// <summary>The index (and, when a hover needs them, the build's diagnostics) of one version of one document.</summary>
    private sealed class NavigationCache(DocumentSnapshot snapshot, Action<string> log)
    {
        public int Version { get; } = snapshot.Version;

        public Lazy<SemanticIndex> Index { get; } = new(() =>
        {
            var index = SemanticIndex.Build(snapshot.Path, snapshot.Text);
            // Partial answers are still given; the failure is worth a report.
            if (index.Failure is { } failure) log($"dynlang: indexing {snapshot.Uri} (version {snapshot.Version}) stopped early: {failure}");
            return index;
        });
    }

    private void LogIndexFailure(string message) => Log(MessageType.Error, message);

    private NavigationCache CacheOf(DocumentSnapshot snapshot)
    {
        // Closed documents leave the cache here (didClose does not know about it).
        foreach (var uri in _navigation.Keys)
            if (!_documents.ContainsKey(uri)) _navigation.TryRemove(uri, out _);
        // The value stored for this version: a request about an older version (it raced a change) replaces it,
        // and is then answered ContentModified by Answer anyway.
        return _navigation.AddOrUpdate(snapshot.Uri, _ => new NavigationCache(snapshot, LogIndexFailure),
            (_, old) => old.Version == snapshot.Version ? old : new NavigationCache(snapshot, LogIndexFailure));
    }

    /// <summary>An LSP position as an offset into the text; a character past the end of its line means the line's end.</summary>
    internal static int OffsetOf(SourceText source, Position position)
    {
        int line = Math.Max(0, position.Line);
        if (line >= source.LineCount) return source.Text.Length;
        return source.GetOffset(line, Math.Min(Math.Max(0, position.Character), source.GetLineText(line).Length));
    }

    internal static Protocol.Range RangeOf(SourceText source, TextSpan span)
    {
        var location = source.GetLocation(span);
        return new Protocol.Range(new Position(location.Start.Line, location.Start.Character), new Position(location.End.Line, location.End.Character));
    }

    private Location? Definition(TextDocumentPositionParams p) => Answer("definition", p.TextDocument.Uri, snapshot =>
    {
        var index = CacheOf(snapshot).Index.Value;
        return index.SymbolAt(OffsetOf(index.Source, p.Position)) is { DeclarationSpan: { } declaration }
            ? new Location(snapshot.Uri, RangeOf(index.Source, declaration))
            : null;
    }, null);

    private IReadOnlyList<Location> References(ReferenceParams p) => Answer("references", p.TextDocument.Uri, snapshot =>
    {
        var index = CacheOf(snapshot).Index.Value;
        if (index.SymbolAt(OffsetOf(index.Source, p.Position)) is not { } symbol) return (IReadOnlyList<Location>)Array.Empty<Location>();
        return index.ReferencesTo(symbol, p.Context?.IncludeDeclaration ?? true)
            .Select(o => new Location(snapshot.Uri, RangeOf(index.Source, o.Span))).ToList();
    }, Array.Empty<Location>());

    private Hover? HoverAt(TextDocumentPositionParams p) => Answer("hover", p.TextDocument.Uri, snapshot =>
    {
        var cache = CacheOf(snapshot);
        var index = cache.Index.Value;
        var diagnostics = DiagnosticsOf(snapshot).Select(d => new HoverText.DiagnosticNote(
            TextSpan.FromBounds(OffsetOf(index.Source, d.Range.Start), OffsetOf(index.Source, d.Range.End)),
            d.Code, d.Message, d.CodeDescription?.Href)).ToList();
        var hover = HoverText.At(index, OffsetOf(index.Source, p.Position), diagnostics);
        return hover is { } h ? new Hover(new MarkupContent("markdown", h.Markdown), RangeOf(index.Source, h.Span)) : null;
    }, null);

    public sealed partial class Target
    {
        [JsonRpcMethod("textDocument/definition", UseSingleObjectParameterDeserialization = true)]
        public Location? Definition(TextDocumentPositionParams p) => _server.Definition(p);

        [JsonRpcMethod("textDocument/references", UseSingleObjectParameterDeserialization = true)]
        public IReadOnlyList<Location> References(ReferenceParams p) => _server.References(p);

        [JsonRpcMethod("textDocument/hover", UseSingleObjectParameterDeserialization = true)]
        public Hover? Hover(TextDocumentPositionParams p) => _server.HoverAt(p);
    }
}
