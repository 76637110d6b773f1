using System.Collections.Concurrent;
using DynLang.Core.Compilation;
using DynLang.Core.Configuration;
using DynLang.Core.Diagnostics;
using DynLang.LanguageServer.Protocol;
using StreamJsonRpc;
using CoreDiagnostic = DynLang.Core.Diagnostics.Diagnostic;
using CoreSeverity = DynLang.Core.Diagnostics.DiagnosticSeverity;
using LspDiagnostic = DynLang.LanguageServer.Protocol.Diagnostic;

namespace DynLang.LanguageServer;

/// <summary>
/// The DynLang language server: LSP (JSON-RPC with <c>Content-Length</c> headers) over a pair of streams.
/// Diagnostics are pushed after didOpen and (debounced) didChange, computed by <see cref="DynCompiler"/> on the
/// open text with the severities the build applies (.editorconfig/.globalconfig, <see cref="ConfigurationReader"/>);
/// a newer version cancels an older compile, and a stale version's diagnostics are never published.
/// An exception in a handler or in the compiler is logged (window/logMessage) and the server goes on.
/// </summary>
public sealed partial class DynLanguageServer : IDisposable
{
    /// <summary>
    /// How long a change waits for the next one before it is compiled: none by default. Changes are still
    /// debounced: while a compile runs, further changes only replace the pending text, and the newest one is
    /// compiled when it ends, so typing never queues one compile per keystroke (docs/editor.md, "Latency").
    /// </summary>
    public static readonly TimeSpan DefaultDebounce = TimeSpan.Zero;

    /// <summary>How long a compile may run before the editor is told, by warning DL0904, that this file is slow.</summary>
    public static readonly TimeSpan DefaultCompileBudget = TimeSpan.FromSeconds(2);

    private static readonly Dictionary<string, string> HelpLinks =
        DiagnosticDescriptors.All.ToDictionary(d => d.Id, d => d.HelpLink, StringComparer.Ordinal);

    private readonly JsonRpc _rpc;
    private readonly TimeSpan _debounce;
    private readonly TimeSpan _compileBudget;

    /// <summary>
    /// The diagnostics of the latest compiled version of each open document: the publishing compile stores them,
    /// and hover, lenses and code actions on that version use them instead of compiling the text again.
    /// </summary>
    private readonly ConcurrentDictionary<string, (int Version, IReadOnlyList<LspDiagnostic> Diagnostics)> _compiled =
        new(StringComparer.Ordinal);

    /// <summary>The compile behind published diagnostics (<see cref="Diagnose"/>; tests put a slow one in).</summary>
    internal Func<string, string, IReadOnlyList<LspDiagnostic>> Diagnoser { get; init; } = Diagnose;
    private readonly ConcurrentDictionary<string, Document> _documents = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _publishLock = new(1, 1);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _shutdown;

    /// <summary>A server reading requests from <paramref name="input"/> and writing to <paramref name="output"/>; call <see cref="RunAsync()"/>.</summary>
    public DynLanguageServer(Stream input, Stream output, TimeSpan? debounce = null, TimeSpan? compileBudget = null)
    {
        _debounce = debounce ?? DefaultDebounce;
        _compileBudget = compileBudget ?? DefaultCompileBudget;
        var formatter = new SystemTextJsonFormatter();
        Json.Configure(formatter.JsonSerializerOptions);
        _rpc = new JsonRpc(new HeaderDelimitedMessageHandler(output, input, formatter))
        {
            // StreamJsonRpc runs handlers concurrently on the thread pool by default, so two didChange
            // notifications could be applied out of order and an older text become "current". LSP's messages are
            // ordered: handle them one at a time, in arrival order (compiles still run in the background).
            SynchronizationContext = new Microsoft.VisualStudio.Threading.NonConcurrentSynchronizationContext(sticky: false),
        };
        _rpc.AddLocalRpcTarget(new Target(this), new JsonRpcTargetOptions { AllowNonPublicInvocation = false });
    }

    /// <summary>Runs <c>dynlang lsp</c>'s server on the given streams until <c>exit</c> or the end of input; returns the exit code (0 after shutdown, 1 otherwise, as LSP says).</summary>
    public static async Task<int> RunAsync(Stream input, Stream output, CancellationToken cancellationToken = default)
    {
        using var server = new DynLanguageServer(input, output);
        return await server.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts listening; completes on <c>exit</c>, on the end of input or on <paramref name="cancellationToken"/>.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        _rpc.StartListening();
        var cancelled = Task.Delay(Timeout.Infinite, cancellationToken);
        await Task.WhenAny(_exited.Task, _rpc.Completion, cancelled).ConfigureAwait(false);
        return _shutdown ? 0 : 1;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var document in _documents.Values) document.Close();
        _rpc.Dispose();
    }

    /// <summary>The diagnostics the build reports for <paramref name="text"/> at <paramref name="path"/>, as LSP diagnostics (hidden ones left out).</summary>
    public static IReadOnlyList<LspDiagnostic> Diagnose(string path, string text)
    {
        var result = DynCompiler.Compile(path, text);
        FileConfiguration configuration;
        try { configuration = path.Length > 0 && Path.IsPathRooted(path) ? new ConfigurationReader().ForFile(path) : FileConfiguration.Empty; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException) { configuration = FileConfiguration.Empty; }
        var diagnostics = new List<LspDiagnostic>();
        foreach (var raw in result.Diagnostics)
        {
            if (configuration.Apply(raw) is not { } d || d.Severity == CoreSeverity.Hidden) continue;
            diagnostics.Add(ToLsp(d));
        }
        return diagnostics;
    }

    /// <summary>
    /// Core's locations are zero-based lines and zero-based character offsets into the line in UTF-16 code units
    /// (string indices; the build prints them +1), which is exactly LSP's default position encoding.
    /// </summary>
    public static LspDiagnostic ToLsp(CoreDiagnostic d)
    {
        var range = new Protocol.Range(
            new Position(d.Location.Start.Line, d.Location.Start.Character),
            new Position(d.Location.End.Line, d.Location.End.Character));
        int severity = d.Severity switch
        {
            CoreSeverity.Error => 1,
            CoreSeverity.Warning => 2,
            CoreSeverity.Info => 3,
            _ => 4,
        };
        string href = HelpLinks.TryGetValue(d.Id, out var link) ? link : DiagnosticDescriptor.HelpLinkBase + d.Id + ".md";
        return new LspDiagnostic(range, severity, d.Id, new CodeDescription(href), "dynlang", d.Message);
    }

    /// <summary>A <c>file:</c> URI's local path; any other URI as it is (compiled without configuration).</summary>
    internal static string PathOf(string uri)
    {
        try
        {
            var parsed = new Uri(uri);
            return parsed.IsFile ? parsed.LocalPath : uri;
        }
        catch (UriFormatException)
        {
            return uri;
        }
    }

    private void Open(string uri, string text, int version)
    {
        var document = new Document(uri, PathOf(uri));
        if (_documents.TryGetValue(uri, out var old)) old.Close();
        _documents[uri] = document;
        Schedule(document, text, version, debounce: false);
    }

    private void Change(string uri, string text, int version)
    {
        if (!_documents.TryGetValue(uri, out var document))
        {
            Log(MessageType.Warning, $"didChange for a document that is not open: {uri}; treating it as opened");
            Open(uri, text, version);
            return;
        }
        Schedule(document, text, version, debounce: true);
    }

    private async Task CloseAsync(string uri)
    {
        if (_documents.TryRemove(uri, out var document)) document.Close();
        await _publishLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await _rpc.NotifyWithParameterObjectAsync("textDocument/publishDiagnostics",
                new PublishDiagnosticsParams(uri, null, Array.Empty<LspDiagnostic>())).ConfigureAwait(false);
        }
        finally
        {
            _publishLock.Release();
        }
    }

    /// <summary>
    /// Records the new text and, unless a compile of this document is running (it will pick the newest text up
    /// when it ends), starts one. At most one compile per document runs at a time.
    /// </summary>
    private void Schedule(Document document, string text, int version, bool debounce)
    {
        if (document.Update(text, version) is { } token)
            _ = Task.Run(() => CompileLoopAsync(document, debounce ? _debounce : TimeSpan.Zero, token));
    }

    /// <summary>Compiles the newest text, then again as long as a newer version arrived meanwhile.</summary>
    private async Task CompileLoopAsync(Document document, TimeSpan delay, CancellationToken token)
    {
        try
        {
            while (true)
            {
                if (delay > TimeSpan.Zero) await Task.Delay(delay, token).ConfigureAwait(false);
                var snapshot = document.Snapshot();
                await CompileAndPublishAsync(document, snapshot, token).ConfigureAwait(false);
                if (!document.CompileEnded(snapshot.Version)) return;
                delay = _debounce;
            }
        }
        catch (OperationCanceledException)
        {
            // The document was closed or the server shut down.
        }
        catch (ObjectDisposedException)
        {
            // The connection is gone.
        }
    }

    private async Task CompileAndPublishAsync(Document document, DocumentSnapshot snapshot, CancellationToken token)
    {
        try
        {
            // The compiler has no cancellation: a compile past its budget runs on, and the editor is told why
            // its diagnostics are late (DL0904) instead of waiting in silence; requests are answered meanwhile.
            var compile = Task.Run(() => Diagnoser(snapshot.Path, snapshot.Text));
            if (await Task.WhenAny(compile, Task.Delay(_compileBudget, token)).ConfigureAwait(false) != compile)
            {
                token.ThrowIfCancellationRequested();
                await PublishIfCurrentAsync(document, snapshot.Version, [SlowCompile(snapshot.Text, _compileBudget)], token).ConfigureAwait(false);
            }
            var diagnostics = await compile.ConfigureAwait(false);
            Remember(snapshot, diagnostics);
            await PublishIfCurrentAsync(document, snapshot.Version, diagnostics, token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not (OperationCanceledException or ObjectDisposedException))
        {
            // Cancellation and a closed connection end the compile loop (CompileLoopAsync); anything else is logged.
            Log(MessageType.Error, $"dynlang: compiling {document.Uri} (version {snapshot.Version}) failed: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>The build's diagnostics for a snapshot: those the publishing compile found for this version, else compiled now (and kept).</summary>
    internal IReadOnlyList<LspDiagnostic> DiagnosticsOf(DocumentSnapshot snapshot)
    {
        if (_compiled.TryGetValue(snapshot.Uri, out var cached) && cached.Version == snapshot.Version) return cached.Diagnostics;
        var diagnostics = Diagnoser(snapshot.Path, snapshot.Text);
        Remember(snapshot, diagnostics);
        return diagnostics;
    }

    private void Remember(DocumentSnapshot snapshot, IReadOnlyList<LspDiagnostic> diagnostics)
    {
        // Only the document's current version is worth keeping; an older compile that ends late is not.
        if (Snapshot(snapshot.Uri) is { } now && now.Version == snapshot.Version) _compiled[snapshot.Uri] = (snapshot.Version, diagnostics);
        // Closed documents leave the cache here.
        foreach (var uri in _compiled.Keys)
            if (!_documents.ContainsKey(uri)) _compiled.TryRemove(uri, out _);
    }

    private async Task PublishIfCurrentAsync(Document document, int version, IReadOnlyList<LspDiagnostic> diagnostics, CancellationToken token)
    {
        await _publishLock.WaitAsync(token).ConfigureAwait(false);
        try
        {
            // Under the lock: a newer version or a close since the compile started means this result is stale.
            if (!document.IsCurrent(version, token)) return;
            await _rpc.NotifyWithParameterObjectAsync("textDocument/publishDiagnostics",
                new PublishDiagnosticsParams(document.Uri, version, diagnostics)).ConfigureAwait(false);
        }
        finally
        {
            _publishLock.Release();
        }
    }

    /// <summary>DL0904 on the first line: the compile of this text is past its budget, still running.</summary>
    internal static LspDiagnostic SlowCompile(string text, TimeSpan budget)
    {
        int firstLineLength = text.IndexOfAny(['\r', '\n']) is var end and >= 0 ? end : text.Length;
        var descriptor = DiagnosticDescriptors.SlowCompile;
        string seconds = budget.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
        var range = new Protocol.Range(new Position(0, 0), new Position(0, firstLineLength));
        return new LspDiagnostic(range, 2, descriptor.Id, new CodeDescription(descriptor.HelpLink), "dynlang",
            string.Format(System.Globalization.CultureInfo.InvariantCulture, descriptor.MessageFormat, seconds));
    }

    private IReadOnlyList<DocumentSymbol> Symbols(string uri)
    {
        if (!_documents.TryGetValue(uri, out var document)) return Array.Empty<DocumentSymbol>();
        var snapshot = document.Snapshot();
        return DocumentSymbols.Of(snapshot.Path, snapshot.Text);
    }

    private void Log(int type, string message)
    {
        try
        {
            _ = _rpc.NotifyWithParameterObjectAsync("window/logMessage", new LogMessageParams(type, message))
                .ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
        }
        catch (Exception)
        {
            // Logging must never take the server down.
        }
    }

    /// <summary>Runs a handler; an exception is logged and the fallback returned (the server never dies on a bad request).</summary>
    private T Guard<T>(string method, Func<T> handler, T fallback)
    {
        try
        {
            return handler();
        }
        catch (Exception e)
        {
            Log(MessageType.Error, $"dynlang: {method} failed: {e.GetType().Name}: {e.Message}");
            return fallback;
        }
    }

    /// <summary>
    /// One open document: its latest text and version, whether a compile of it is running, and the
    /// cancellation of that compile's wait (close and shutdown cancel it).
    /// </summary>
    private sealed class Document(string uri, string path)
    {
        private readonly object _gate = new();
        private readonly CancellationTokenSource _lifetime = new();
        private bool _compiling;
        private bool _closed;

        public string Uri { get; } = uri;
        public string Path { get; } = path;
        private string Text { get; set; } = "";
        private int Version { get; set; }

        public DocumentSnapshot Snapshot()
        {
            lock (_gate) return new DocumentSnapshot(Uri, Path, Text, Version);
        }

        /// <summary>Takes the new text; returns a token when the caller must start the compile loop, null when one runs.</summary>
        public CancellationToken? Update(string text, int version)
        {
            lock (_gate)
            {
                // A version older than the one held is a late message: the newer text stays.
                if (version < Version) return null;
                Text = text;
                Version = version;
                if (_compiling || _closed) return null;
                _compiling = true;
                return _lifetime.Token;
            }
        }

        /// <summary>After compiling <paramref name="version"/>: true when a newer version waits (the loop goes on).</summary>
        public bool CompileEnded(int version)
        {
            lock (_gate)
            {
                if (!_closed && Version != version) return true;
                _compiling = false;
                return false;
            }
        }

        public bool IsCurrent(int version, CancellationToken token)
        {
            lock (_gate) return !_closed && !token.IsCancellationRequested && Version == version;
        }

        public void Close()
        {
            lock (_gate)
            {
                if (_closed) return;
                _closed = true;
            }
            _lifetime.Cancel();
        }
    }

    /// <summary>The JSON-RPC methods (public, so StreamJsonRpc finds them); each forwards to the server.</summary>
    public sealed partial class Target
    {
        private readonly DynLanguageServer _server;

        internal Target(DynLanguageServer server) => _server = server;

        [JsonRpcMethod("initialize", UseSingleObjectParameterDeserialization = true)]
        public InitializeResult Initialize(InitializeParams? _) =>
            new(ServerCapabilitiesOf(),
                new ServerInfo("dynlang", typeof(DynLanguageServer).Assembly.GetName().Version?.ToString(3)));

        [JsonRpcMethod("initialized", UseSingleObjectParameterDeserialization = true)]
        public void Initialized(object? _ = null) { }

        [JsonRpcMethod("shutdown")]
        public object? Shutdown()
        {
            _server._shutdown = true;
            foreach (var document in _server._documents.Values) document.Close();
            return null;
        }

        [JsonRpcMethod("exit")]
        public void Exit() => _server._exited.TrySetResult();

        [JsonRpcMethod("textDocument/didOpen", UseSingleObjectParameterDeserialization = true)]
        public void DidOpen(DidOpenTextDocumentParams p) => _server.Guard("didOpen", () =>
        {
            _server.Open(p.TextDocument.Uri, p.TextDocument.Text ?? "", p.TextDocument.Version);
            return true;
        }, false);

        [JsonRpcMethod("textDocument/didChange", UseSingleObjectParameterDeserialization = true)]
        public void DidChange(DidChangeTextDocumentParams p) => _server.Guard("didChange", () =>
        {
            // Full synchronization (TextDocumentSync 1): the last change carries the whole text.
            if (p.ContentChanges is not { Count: > 0 }) return false;
            _server.Change(p.TextDocument.Uri, p.ContentChanges[^1].Text ?? "", p.TextDocument.Version);
            return true;
        }, false);

        [JsonRpcMethod("textDocument/didClose", UseSingleObjectParameterDeserialization = true)]
        public Task DidClose(DidCloseTextDocumentParams p) =>
            _server.Guard("didClose", () => _server.CloseAsync(p.TextDocument.Uri), Task.CompletedTask);

        [JsonRpcMethod("textDocument/documentSymbol", UseSingleObjectParameterDeserialization = true)]
        public IReadOnlyList<DocumentSymbol> DocumentSymbol(DocumentSymbolParams p) =>
            _server.Guard("documentSymbol", () => _server.Symbols(p.TextDocument.Uri), Array.Empty<DocumentSymbol>());
    }
}
