using DynLang.LanguageServer.Protocol;
using StreamJsonRpc;

namespace DynLang.LanguageServer;

/// <summary>The text of an open document at one version, as a request handler sees it.</summary>
/// <param name="Uri">The document's URI as the client sent it.</param>
/// <param name="Path">Its local path (<see cref="DynLanguageServer.PathOf"/>), used for messages and configuration.</param>
/// <param name="Text">The whole text at <paramref name="Version"/>.</param>
/// <param name="Version">The client's version number of that text.</param>
internal readonly record struct DocumentSnapshot(string Uri, string Path, string Text, int Version);

public sealed partial class DynLanguageServer
{
    /// <summary>LSP's ContentModified error: the document changed while a request on it was computed.</summary>
    internal const int ContentModified = -32801;

    /// <summary>Everything the server answers; each feature's handler lives in its own partial file.</summary>
    private static ServerCapabilities ServerCapabilitiesOf() => new(TextDocumentSync: 1, DocumentSymbolProvider: true)
    {
        HoverProvider = true,
        DefinitionProvider = true,
        ReferencesProvider = true,
        CompletionProvider = new CompletionOptions(new[] { ".", ":", " " }),
        CodeLensProvider = new CodeLensOptions(ResolveProvider: false),
        CodeActionProvider = true,
    };

    /// <summary>The open document's latest text and version, or null when it is not open.</summary>
    internal DocumentSnapshot? Snapshot(string uri) =>
        _documents.TryGetValue(uri, out var document) ? document.Snapshot() : null;

    /// <summary>
    /// Answers a request about one open document: <paramref name="compute"/> runs on the latest snapshot; when the
    /// document changed meanwhile the request fails with ContentModified (-32801), as LSP asks, instead of answering
    /// about text the client no longer shows. A document that is not open, or an exception, gives
    /// <paramref name="fallback"/> (the exception is logged; the server goes on).
    /// </summary>
    internal T Answer<T>(string method, string uri, Func<DocumentSnapshot, T> compute, T fallback)
    {
        if (Snapshot(uri) is not { } snapshot) return fallback;
        T answer = Guard(method, () => compute(snapshot), fallback);
        if (Snapshot(uri) is { } now && now.Version != snapshot.Version)
            throw new LocalRpcException($"{method}: {uri} changed from version {snapshot.Version} to {now.Version} while the request was computed")
            { ErrorCode = ContentModified };
        return answer;
    }
}
