using System.Collections.Concurrent;
using System.Diagnostics;
using DynLang.LanguageServer.Protocol;
using StreamJsonRpc;

namespace LspBenchmark;

/// <summary>A client end of an LSP connection that notes when each version's diagnostics arrive.</summary>
internal sealed class LspConnection : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(string Uri, int Version), TaskCompletionSource<PublishDiagnosticsParams>> _published = new();

    public LspConnection(Stream toServer, Stream fromServer)
    {
        var formatter = new SystemTextJsonFormatter();
        DynLang.LanguageServer.Protocol.Json.Configure(formatter.JsonSerializerOptions);
        Rpc = new JsonRpc(new HeaderDelimitedMessageHandler(toServer, fromServer, formatter));
        Rpc.AddLocalRpcTarget(new Receiver(this));
        Rpc.StartListening();
    }

    public JsonRpc Rpc { get; }

    private TaskCompletionSource<PublishDiagnosticsParams> Slot(string uri, int version) =>
        _published.GetOrAdd((uri, version), _ => new TaskCompletionSource<PublishDiagnosticsParams>(TaskCreationOptions.RunContinuationsAsynchronously));

    private void Publish(PublishDiagnosticsParams p)
    {
        // DL0904 (a compile past its budget) is a notice, not the version's result; wait for the real one.
        if (p.Version is int version && !p.Diagnostics.Any(d => d.Code == "DL0904")) Slot(p.Uri, version).TrySetResult(p);
    }

    /// <summary>The notifications the server sends (public, so StreamJsonRpc finds them).</summary>
    public sealed class Receiver(LspConnection connection)
    {
        [JsonRpcMethod("textDocument/publishDiagnostics", UseSingleObjectParameterDeserialization = true)]
        public void PublishDiagnostics(PublishDiagnosticsParams p) => connection.Publish(p);

        [JsonRpcMethod("window/logMessage", UseSingleObjectParameterDeserialization = true)]
        public void LogMessage(LogMessageParams p) => Console.Error.WriteLine($"  server: {p.Message}");
    }

    public async Task InitializeAsync() =>
        await Rpc.InvokeWithParameterObjectAsync<InitializeResult>("initialize", new InitializeParams(Environment.ProcessId, null, null));

    /// <summary>Sends the text as version <paramref name="version"/> and returns its diagnostics and the time from send to receipt.</summary>
    public async Task<(PublishDiagnosticsParams Diagnostics, TimeSpan Latency)> EditAsync(string uri, string text, int version)
    {
        var slot = Slot(uri, version);
        long start = Stopwatch.GetTimestamp();
        if (version == 1)
            await Rpc.NotifyWithParameterObjectAsync("textDocument/didOpen", new DidOpenTextDocumentParams(new TextDocumentItem(uri, "dyn", 1, text)));
        else
            await Rpc.NotifyWithParameterObjectAsync("textDocument/didChange", new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, version), [new TextDocumentContentChangeEvent(null, text)]));
        var published = await slot.Task.WaitAsync(TimeSpan.FromMinutes(2));
        var latency = Stopwatch.GetElapsedTime(start);
        _published.TryRemove((uri, version), out _);
        return (published, latency);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Rpc.InvokeAsync<object?>("shutdown").WaitAsync(TimeSpan.FromSeconds(30));
            await Rpc.NotifyAsync("exit");
        }
        catch (Exception)
        {
            // The server may already be gone; the benchmark's numbers are taken.
        }
        Rpc.Dispose();
    }
}
