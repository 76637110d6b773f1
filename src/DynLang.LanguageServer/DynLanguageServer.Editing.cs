using System.Collections.Concurrent;
using DynLang.Core.Completion;
using DynLang.LanguageServer.Protocol;
using StreamJsonRpc;
using CoreCompletionItem = DynLang.Core.Completion.CompletionItem;
using LspCompletionItem = DynLang.LanguageServer.Protocol.CompletionItem;
using LspDiagnostic = DynLang.LanguageServer.Protocol.Diagnostic;

namespace DynLang.LanguageServer;

/// <summary>Editing help: completion (Core's <see cref="CompletionService"/>), verdict lenses and "did you mean" quick fixes.</summary>
public sealed partial class DynLanguageServer
{
    private static IReadOnlyList<LspCompletionItem> Completions(DocumentSnapshot snapshot, Position position) =>
        CompletionService.Complete(snapshot.Path, snapshot.Text, position.Line, position.Character).Items
            .Select(ToLsp).ToList();

    /// <summary>LSP has no kind for a parameter, a state or an input of a model: the outline's kinds are reused (constant, variable, field).</summary>
    private static LspCompletionItem ToLsp(CoreCompletionItem item) => new(item.Label, item.Kind switch
    {
        CompletionKind.Keyword => CompletionItemKind.Keyword,
        CompletionKind.Parameter => CompletionItemKind.Constant,
        CompletionKind.Input => CompletionItemKind.Field,
        CompletionKind.Function => CompletionItemKind.Function,
        CompletionKind.Unit => CompletionItemKind.Unit,
        CompletionKind.Solver => CompletionItemKind.EnumMember,
        _ => CompletionItemKind.Variable,
    }, item.Detail);

    private IReadOnlyList<CodeAction> CodeActions(DocumentSnapshot snapshot, CodeActionParams p)
    {
        // The server's own diagnostics of this text, so that an edit never rests on a stale copy; the client's
        // list (the diagnostics under the cursor) chooses which of them to fix.
        var client = p.Context?.Diagnostics ?? Array.Empty<LspDiagnostic>();
        var chosen = DiagnosticsOf(snapshot).Where(d => Overlaps(d.Range, p.Range)
            && (client.Count == 0 || client.Any(c => c.Code == d.Code && c.Range == d.Range)));
        return NameFixes.Of(snapshot.Uri, snapshot.Text, chosen);
    }

    /// <summary>True when the ranges share a position (an empty request range is a cursor inside or at the edge).</summary>
    private static bool Overlaps(Protocol.Range a, Protocol.Range b) => !Before(a.End, b.Start) && !Before(b.End, a.Start);

    private static bool Before(Position x, Position y) => x.Line < y.Line || (x.Line == y.Line && x.Character < y.Character);

    public sealed partial class Target
    {
        [JsonRpcMethod("textDocument/completion", UseSingleObjectParameterDeserialization = true)]
        public IReadOnlyList<LspCompletionItem> Completion(CompletionParams p) =>
            _server.Answer("completion", p.TextDocument.Uri, snapshot => Completions(snapshot, p.Position), Array.Empty<LspCompletionItem>());

        [JsonRpcMethod("textDocument/codeLens", UseSingleObjectParameterDeserialization = true)]
        public IReadOnlyList<CodeLens> CodeLens(CodeLensParams p) =>
            _server.Answer("codeLens", p.TextDocument.Uri,
                snapshot => VerdictLenses.Of(snapshot.Text, _server.DiagnosticsOf(snapshot)), Array.Empty<CodeLens>());

        [JsonRpcMethod("textDocument/codeAction", UseSingleObjectParameterDeserialization = true)]
        public IReadOnlyList<CodeAction> CodeAction(CodeActionParams p) =>
            _server.Answer("codeAction", p.TextDocument.Uri, snapshot => _server.CodeActions(snapshot, p), Array.Empty<CodeAction>());
    }
}
