namespace DynLang.LanguageServer.Protocol;

// LSP 3.17's types for hover, go-to-definition and find-references (same conventions as Protocol.cs).

public sealed record TextDocumentPositionParams(TextDocumentIdentifier TextDocument, Position Position);

public sealed record ReferenceContext(bool IncludeDeclaration);

public sealed record ReferenceParams(TextDocumentIdentifier TextDocument, Position Position, ReferenceContext? Context);

public sealed record Location(string Uri, Range Range);

/// <summary>LSP MarkupContent: <c>kind</c> is "plaintext" or "markdown".</summary>
public sealed record MarkupContent(string Kind, string Value);

public sealed record Hover(MarkupContent Contents, Range? Range);
