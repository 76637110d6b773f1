using System.Reflection;
using DynLang.LanguageServer;
using DynLang.LanguageServer.Protocol;
using Nerdbank.Streams;
using StreamJsonRpc;

namespace DynLang.LanguageServer.Tests;

/// <summary>
/// A server running in-process on one end of a duplex pipe and a StreamJsonRpc client on the other, both with
/// LSP's Content-Length framing and camelCase JSON. Notifications from the server are collected; the waits
/// have a generous timeout that is only a hang guard (a test never sleeps to make an assertion true).
/// </summary>
internal sealed class LspClient : IAsyncDisposable
{
    /// <summary>Hang guard: how long a wait for a notification may take before the test fails instead of hanging.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private readonly object _gate = new();
    private readonly List<PublishDiagnosticsParams> _diagnostics = new();
    private readonly List<(Func<PublishDiagnosticsParams, bool> Match, TaskCompletionSource<PublishDiagnosticsParams> Done)> _waiters = new();
    private readonly DynLanguageServer _server;

    public LspClient(TimeSpan? debounce = null, Func<Stream, DynLanguageServer>? server = null)
    {
        var (serverStream, clientStream) = FullDuplexStream.CreatePair();
        _server = server is null ? new DynLanguageServer(serverStream, serverStream, debounce) : server(serverStream);
        ServerRun = _server.RunAsync();
        var formatter = new SystemTextJsonFormatter();
        DynLang.LanguageServer.Protocol.Json.Configure(formatter.JsonSerializerOptions);
        Rpc = new JsonRpc(new HeaderDelimitedMessageHandler(clientStream, clientStream, formatter));
        Rpc.AddLocalRpcTarget(new Receiver(this));
        Rpc.StartListening();
    }

    public JsonRpc Rpc { get; }

    /// <summary>The server's RunAsync: completes with its exit code after 'exit'.</summary>
    public Task<int> ServerRun { get; }

    public List<string> Log { get; } = new();

    public IReadOnlyList<PublishDiagnosticsParams> Received
    {
        get { lock (_gate) return _diagnostics.ToList(); }
    }

    public Task<InitializeResult> InitializeAsync() =>
        Rpc.InvokeWithParameterObjectAsync<InitializeResult>("initialize", new InitializeParams(Environment.ProcessId, null, null));

    public Task NotifyAsync(string method, object parameters) => Rpc.NotifyWithParameterObjectAsync(method, parameters);

    public Task OpenAsync(string uri, string text, int version = 1) =>
        NotifyAsync("textDocument/didOpen", new DidOpenTextDocumentParams(new TextDocumentItem(uri, "dyn", version, text)));

    public Task ChangeAsync(string uri, string text, int version) =>
        NotifyAsync("textDocument/didChange", new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, version),
            [new TextDocumentContentChangeEvent(null, text)]));

    /// <summary>The first publishDiagnostics (already received or to come) that matches.</summary>
    public async Task<PublishDiagnosticsParams> WaitForDiagnosticsAsync(Func<PublishDiagnosticsParams, bool> match)
    {
        var done = new TaskCompletionSource<PublishDiagnosticsParams>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var already = _diagnostics.FirstOrDefault(match);
            if (already is not null) return already;
            _waiters.Add((match, done));
        }
        return await done.Task.WaitAsync(HangGuard);
    }

    public Task<PublishDiagnosticsParams> WaitForVersionAsync(string uri, int version) =>
        WaitForDiagnosticsAsync(p => p.Uri == uri && p.Version == version);

    public async ValueTask DisposeAsync()
    {
        Rpc.Dispose();
        _server.Dispose();
        await Task.WhenAny(ServerRun, Task.Delay(HangGuard));
    }

    private void Publish(PublishDiagnosticsParams p)
    {
        lock (_gate)
        {
            _diagnostics.Add(p);
            foreach (var waiter in _waiters.Where(w => w.Match(p)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult(p);
            }
        }
    }

    public sealed class Receiver(LspClient client)
    {
        [JsonRpcMethod("textDocument/publishDiagnostics", UseSingleObjectParameterDeserialization = true)]
        public void PublishDiagnostics(PublishDiagnosticsParams p) => client.Publish(p);

        [JsonRpcMethod("window/logMessage", UseSingleObjectParameterDeserialization = true)]
        public void LogMessage(LogMessageParams p)
        {
            lock (client.Log) client.Log.Add(p.Message);
        }
    }

    public static string RepoRoot { get; } =
        typeof(LspClient).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;
}

/// <summary>A temp folder with a root .editorconfig (no configuration above it leaks in), deleted after the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder(string editorConfig = "root = true\n")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dynlang-lsp-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path);
        System.IO.File.WriteAllText(System.IO.Path.Combine(Path, ".editorconfig"), editorConfig);
    }

    public string Path { get; }

    /// <summary>The file: URI of a file in the folder (the file itself need not exist: the server compiles the open text).</summary>
    public (string FullPath, string Uri) File(string name)
    {
        string full = System.IO.Path.Combine(Path, name);
        return (full, new Uri(full).AbsoluteUri);
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
