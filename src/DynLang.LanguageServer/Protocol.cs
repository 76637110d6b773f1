using System.Text.Json;
using System.Text.Json.Serialization;

namespace DynLang.LanguageServer.Protocol;

// The few Language Server Protocol types this server uses, written by hand (LSP 3.17 names; the
// serializer is System.Text.Json with camelCase names and nulls left out).

public sealed record Position(int Line, int Character);

public sealed record Range(Position Start, Position End);

public sealed record TextDocumentIdentifier(string Uri);

public sealed record TextDocumentItem(string Uri, string? LanguageId, int Version, string Text);

public sealed record VersionedTextDocumentIdentifier(string Uri, int Version);

public sealed record TextDocumentContentChangeEvent(Range? Range, string Text);

public sealed record DidOpenTextDocumentParams(TextDocumentItem TextDocument);

public sealed record DidChangeTextDocumentParams(VersionedTextDocumentIdentifier TextDocument, IReadOnlyList<TextDocumentContentChangeEvent> ContentChanges);

public sealed record DidCloseTextDocumentParams(TextDocumentIdentifier TextDocument);

public sealed record DocumentSymbolParams(TextDocumentIdentifier TextDocument);

public sealed record InitializeParams(int? ProcessId, string? RootUri, JsonElement? Capabilities);

/// <summary>What the server answers (LSP ServerCapabilities; a null property is left out, meaning "not provided").</summary>
public sealed record ServerCapabilities(int TextDocumentSync, bool DocumentSymbolProvider)
{
    public bool? HoverProvider { get; init; }
    public bool? DefinitionProvider { get; init; }
    public bool? ReferencesProvider { get; init; }
    public CompletionOptions? CompletionProvider { get; init; }
    public CodeLensOptions? CodeLensProvider { get; init; }
    public bool? CodeActionProvider { get; init; }
}

public sealed record CompletionOptions(IReadOnlyList<string>? TriggerCharacters, bool? ResolveProvider = null);

public sealed record CodeLensOptions(bool ResolveProvider);

public sealed record ServerInfo(string Name, string? Version);

public sealed record InitializeResult(ServerCapabilities Capabilities, ServerInfo ServerInfo);

public sealed record CodeDescription(string Href);

/// <summary>LSP DiagnosticSeverity: 1 error, 2 warning, 3 information, 4 hint.</summary>
public sealed record Diagnostic(Range Range, int Severity, string Code, CodeDescription? CodeDescription, string Source, string Message);

public sealed record PublishDiagnosticsParams(string Uri, int? Version, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>LSP SymbolKind values used here.</summary>
public static class SymbolKind
{
    public const int Class = 5;
    public const int Field = 8;
    public const int Variable = 13;
    public const int Constant = 14;
}

public sealed record DocumentSymbol(string Name, string? Detail, int Kind, Range Range, Range SelectionRange, IReadOnlyList<DocumentSymbol>? Children);

public sealed record LogMessageParams(int Type, string Message);

/// <summary>LSP MessageType: 1 error, 2 warning, 3 info, 4 log.</summary>
public static class MessageType
{
    public const int Error = 1;
    public const int Warning = 2;
    public const int Info = 3;
    public const int Log = 4;
}

/// <summary>The JSON settings of LSP messages; clients in tests and benchmarks use the same ones.</summary>
public static class Json
{
    /// <summary>camelCase names, nulls left out (LSP's optional properties).</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
    }
}
