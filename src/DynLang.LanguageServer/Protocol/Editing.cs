using System.Text.Json.Serialization;

namespace DynLang.LanguageServer.Protocol;

// LSP 3.17 records for completion, code lenses and code actions (hand-written, as in Protocol.cs).

public sealed record CompletionContext(int TriggerKind, string? TriggerCharacter);

public sealed record CompletionParams(TextDocumentIdentifier TextDocument, Position Position, CompletionContext? Context);

/// <summary>A completion: the label is also the text inserted (editors filter by the word typed).</summary>
public sealed record CompletionItem(string Label, int Kind, string? Detail);

/// <summary>LSP CompletionItemKind values used here.</summary>
public static class CompletionItemKind
{
    public const int Function = 3;
    public const int Field = 5;
    public const int Variable = 6;
    public const int Unit = 11;
    public const int Keyword = 14;
    public const int EnumMember = 20;
    public const int Constant = 21;
}

public sealed record CodeLensParams(TextDocumentIdentifier TextDocument);

/// <summary>A command as a lens shows it; an empty command name makes the lens a label only (C# cannot name the property Command).</summary>
public sealed record Command(string Title, [property: JsonPropertyName("command")] string Name);

public sealed record CodeLens(Range Range, Command? Command);

public sealed record CodeActionContext(IReadOnlyList<Diagnostic>? Diagnostics, IReadOnlyList<string>? Only);

public sealed record CodeActionParams(TextDocumentIdentifier TextDocument, Range Range, CodeActionContext? Context);

public sealed record TextEdit(Range Range, string NewText);

/// <summary>Edits per document URI.</summary>
public sealed record WorkspaceEdit(IReadOnlyDictionary<string, IReadOnlyList<TextEdit>> Changes);

/// <summary>LSP CodeActionKind values used here.</summary>
public static class CodeActionKind
{
    public const string QuickFix = "quickfix";
}

public sealed record CodeAction(string Title, string Kind, IReadOnlyList<Diagnostic>? Diagnostics, bool? IsPreferred, WorkspaceEdit? Edit);
