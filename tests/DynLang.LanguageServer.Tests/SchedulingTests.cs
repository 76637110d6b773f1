using DynLang.LanguageServer.Protocol;
using LspDiagnostic = DynLang.LanguageServer.Protocol.Diagnostic;

namespace DynLang.LanguageServer.Tests;

/// <summary>
/// How edits become compiles: at most one compile per document at a time, the newest text compiled next
/// (intermediate versions skipped), and a compile past the budget announced by DL0904 while requests are
/// still answered. The compile is replaced by a gated one, so the order of events is fixed by the test,
/// not by timing.
/// </summary>
public sealed class SchedulingTests
{
    private const string Leak = "system Leak {\n  param tau = 10 ms\n  state v = 0 mV\n  dv/dt = -v / tau\n}\n";

    /// <summary>A compile that waits for the test's go, recording which texts it was asked for.</summary>
    private sealed class GatedCompiler
    {
        private readonly object _gate = new();
        private readonly List<string> _texts = new();
        public readonly SemaphoreSlim Go = new(0);
        public readonly SemaphoreSlim Started = new(0);

        public IReadOnlyList<string> Texts
        {
            get { lock (_gate) return _texts.ToList(); }
        }

        public IReadOnlyList<LspDiagnostic> Compile(string path, string text)
        {
            lock (_gate) _texts.Add(text);
            Started.Release();
            if (!Go.Wait(LspClient.HangGuard)) throw new TimeoutException("the test never let the compile go on");
            return DynLanguageServer.Diagnose(path, text);
        }
    }

    [Fact]
    public async Task A_compile_past_the_budget_publishes_DL0904_then_the_real_diagnostics_and_requests_are_answered_meanwhile()
    {
        var compiler = new GatedCompiler();
        await using var client = new LspClient(server: stream =>
            new DynLanguageServer(stream, stream, compileBudget: TimeSpan.FromMilliseconds(1)) { Diagnoser = compiler.Compile });
        await client.InitializeAsync();
        const string uri = "file:///tmp/slow.dyn";
        await client.OpenAsync(uri, Leak, version: 1);

        // The compile is held: the budget passes and the server says so, on line 0, for version 1.
        var slow = await client.WaitForDiagnosticsAsync(p => p.Uri == uri && p.Version == 1);
        var warning = Assert.Single(slow.Diagnostics);
        Assert.Equal("DL0904", warning.Code);
        Assert.Equal(2, warning.Severity);
        Assert.Equal(new Position(0, 0), warning.Range.Start);
        Assert.Contains("took longer than 0.001 s", warning.Message);

        // The editor stays responsive: a request is answered while the compile is still held.
        var symbols = await client.Rpc.InvokeWithParameterObjectAsync<DocumentSymbol[]>("textDocument/documentSymbol",
            new DocumentSymbolParams(new TextDocumentIdentifier(uri))).WaitAsync(LspClient.HangGuard);
        Assert.Equal("Leak", Assert.Single(symbols).Name);

        compiler.Go.Release();
        var real = await client.WaitForDiagnosticsAsync(p => p.Uri == uri && p.Version == 1 && p.Diagnostics.All(d => d.Code != "DL0904"));
        Assert.Equal(DynLanguageServer.Diagnose("/tmp/slow.dyn", Leak).Select(d => d.Code), real.Diagnostics.Select(d => d.Code));
    }

    [Fact]
    public async Task Edits_during_a_compile_are_coalesced_into_one_compile_of_the_newest_text()
    {
        var compiler = new GatedCompiler();
        await using var client = new LspClient(server: stream =>
            new DynLanguageServer(stream, stream, debounce: TimeSpan.Zero, compileBudget: TimeSpan.FromHours(1)) { Diagnoser = compiler.Compile });
        await client.InitializeAsync();
        const string uri = "file:///tmp/typing.dyn";
        await client.OpenAsync(uri, Leak, version: 1);
        Assert.True(await compiler.Started.WaitAsync(LspClient.HangGuard));

        // Three edits while version 1 compiles: none starts a compile of its own.
        for (int version = 2; version <= 4; version++)
            await client.ChangeAsync(uri, Leak + $"// edit {version}\n", version);
        // documentSymbol is answered after the server has handled the notifications sent before it.
        await client.Rpc.InvokeWithParameterObjectAsync<DocumentSymbol[]>("textDocument/documentSymbol",
            new DocumentSymbolParams(new TextDocumentIdentifier(uri))).WaitAsync(LspClient.HangGuard);
        Assert.Single(compiler.Texts);

        compiler.Go.Release(2);
        var last = await client.WaitForVersionAsync(uri, 4);
        Assert.DoesNotContain(last.Diagnostics, d => d.Severity == 1);
        // Version 1's result was stale when it ended (version 4 had arrived), so it was never published;
        // then only the newest text was compiled.
        Assert.Equal([Leak, Leak + "// edit 4\n"], compiler.Texts);
        Assert.Equal([4], client.Received.Where(p => p.Uri == uri).Select(p => p.Version ?? -1));
    }

    [Fact]
    public async Task A_request_whose_document_changes_while_it_is_answered_fails_with_ContentModified()
    {
        DynLanguageServer? server = null;
        await using var client = new LspClient(server: stream => server = new DynLanguageServer(stream, stream));
        await client.InitializeAsync();
        const string uri = "file:///tmp/moving.dyn";
        await client.OpenAsync(uri, Leak, version: 1);
        await client.WaitForVersionAsync(uri, 1);

        // The answer is computed on version 1; version 2 arrives before it is returned.
        var error = Assert.Throws<StreamJsonRpc.LocalRpcException>(() => server!.Answer("test", uri, snapshot =>
        {
            Assert.Equal(1, snapshot.Version);
            client.ChangeAsync(uri, Leak + "// edited\n", 2).GetAwaiter().GetResult();
            var deadline = DateTime.UtcNow + LspClient.HangGuard;
            while (server.Snapshot(uri)?.Version != 2)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException("the server never took version 2");
                Thread.Yield();
            }
            return snapshot.Text.Length;
        }, -1));
        Assert.Equal(DynLanguageServer.ContentModified, error.ErrorCode);
        Assert.Contains("version 1 to 2", error.Message);

        // On an unchanged document the same request is answered.
        Assert.Equal(Leak.Length + "// edited\n".Length, server!.Answer("test", uri, snapshot => snapshot.Text.Length, -1));
    }

    [Fact]
    public async Task Hover_and_lenses_on_a_published_version_reuse_its_compile()
    {
        int compiles = 0;
        const string withError = "system Leak {\n  param tau = 10 ms\n  state v = 0 mV\n  dv/dt = -v + tau\n}\n";
        await using var client = new LspClient(server: stream => new DynLanguageServer(stream, stream)
        {
            Diagnoser = (path, text) => { Interlocked.Increment(ref compiles); return DynLanguageServer.Diagnose(path, text); },
        });
        await client.InitializeAsync();
        const string uri = "file:///tmp/reuse.dyn";
        await client.OpenAsync(uri, withError, version: 1);
        var published = await client.WaitForVersionAsync(uri, 1);
        var error = Assert.Single(published.Diagnostics, d => d.Code == "DL0201");

        // A hover inside the error's range shows it (so it needed the diagnostics), and lenses need them too.
        var hover = await client.Rpc.InvokeWithParameterObjectAsync<Hover?>("textDocument/hover",
            new TextDocumentPositionParams(new TextDocumentIdentifier(uri), error.Range.Start)).WaitAsync(LspClient.HangGuard);
        Assert.Contains("DL0201", hover!.Contents.Value);
        await client.Rpc.InvokeWithParameterObjectAsync<CodeLens[]>("textDocument/codeLens",
            new CodeLensParams(new TextDocumentIdentifier(uri))).WaitAsync(LspClient.HangGuard);
        Assert.Equal(1, Volatile.Read(ref compiles));
    }

    [Fact]
    public async Task Changes_sent_back_to_back_are_applied_in_order_and_the_last_text_wins()
    {
        await using var client = new LspClient();
        await client.InitializeAsync();
        const string uri = "file:///tmp/burst.dyn";
        static string Named(int version) => $"system Leak{version} {{\n  param tau = 10 ms\n  state v = 0 mV\n  dv/dt = -v / tau\n}}\n";
        await client.OpenAsync(uri, Named(1), version: 1);
        // No wait between the notifications. The server handles messages one at a time in arrival order (a
        // NonConcurrentSynchronizationContext); on this machine the burst also came out right without it, so this
        // test guards the property, and the next one tests the version guard deterministically.
        const int last = 80;
        for (int version = 2; version <= last; version++) await client.ChangeAsync(uri, Named(version), version);

        await client.WaitForVersionAsync(uri, last);
        var symbols = await client.Rpc.InvokeWithParameterObjectAsync<DocumentSymbol[]>("textDocument/documentSymbol",
            new DocumentSymbolParams(new TextDocumentIdentifier(uri))).WaitAsync(LspClient.HangGuard);
        Assert.Equal($"Leak{last}", Assert.Single(symbols).Name);
        // Published versions only ever increase.
        var versions = client.Received.Where(p => p.Uri == uri).Select(p => p.Version ?? -1).ToList();
        Assert.Equal(versions.OrderBy(v => v), versions);
    }

    [Fact]
    public async Task A_late_older_version_does_not_replace_the_newer_text()
    {
        await using var client = new LspClient();
        await client.InitializeAsync();
        const string uri = "file:///tmp/late.dyn";
        static string Named(string name) => $"system {name} {{\n  param tau = 10 ms\n  state v = 0 mV\n  dv/dt = -v / tau\n}}\n";
        await client.OpenAsync(uri, Named("First"), version: 1);
        await client.ChangeAsync(uri, Named("Newest"), version: 5);
        await client.WaitForVersionAsync(uri, 5);
        // Version 3 arrives after version 5 (a message that was overtaken): it is ignored.
        await client.ChangeAsync(uri, Named("Late"), version: 3);
        var symbols = await client.Rpc.InvokeWithParameterObjectAsync<DocumentSymbol[]>("textDocument/documentSymbol",
            new DocumentSymbolParams(new TextDocumentIdentifier(uri))).WaitAsync(LspClient.HangGuard);
        Assert.Equal("Newest", Assert.Single(symbols).Name);
        Assert.DoesNotContain(client.Received, p => p.Uri == uri && p.Version == 3);
    }
}
