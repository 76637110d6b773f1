using DynLang.Core.Compilation;
using DynLang.LanguageServer.Protocol;
using StreamJsonRpc;

namespace DynLang.LanguageServer.Tests;

public sealed class ServerTests
{
    // Line 3 (0-based) has a unit error after a comment with non-ASCII text: 'µ' is one UTF-16 unit and
    // '𝜏' two (a surrogate pair), so a column counted in code points or bytes would differ from LSP's.
    private const string WithUnitError = """
        system Leak {
          param tau = 10 ms
          state v = 0 mV
          dv/dt = /* µ𝜏 */ -v + tau
        }

        """;

    private const string Fixed = """
        system Leak {
          param tau = 10 ms
          state v = 0 mV
          dv/dt = /* µ𝜏 */ -v / tau
        }

        """;

    private const string TwoModels = """
        neuron LIF(I : nA) {
          param tau = 10 ms, R = 10 Mohm
          state v = 0 mV
          dv/dt = (-v + R*I) / tau
        }

        system Leak {
          param tau = 10 ms
          state v = 0 mV
          dv/dt = -v / tau
        }

        """;

    [Fact]
    public async Task Initialize_announces_full_sync_and_document_symbols()
    {
        await using var client = new LspClient();
        var result = await client.InitializeAsync();
        Assert.Equal(1, result.Capabilities.TextDocumentSync);
        Assert.True(result.Capabilities.DocumentSymbolProvider);
        Assert.Equal("dynlang", result.ServerInfo.Name);
    }

    [Fact]
    public async Task Unit_error_is_published_as_the_build_reports_it_then_cleared_by_the_fix()
    {
        using var folder = new TempFolder();
        var (path, uri) = folder.File("leak.dyn");
        await using var client = new LspClient();
        await client.InitializeAsync();
        await client.NotifyAsync("initialized", new { });

        await client.OpenAsync(uri, WithUnitError, version: 1);
        var published = await client.WaitForVersionAsync(uri, 1);

        var expected = DynCompiler.Compile(path, WithUnitError).Diagnostics.Single(d => d.Id == "DL0201");
        var d = Assert.Single(published.Diagnostics, x => x.Code == "DL0201");
        Assert.Equal(expected.Message, d.Message);
        Assert.Equal(1, d.Severity);
        Assert.Equal("https://github.com/dynlang/dynlang/blob/main/docs/diagnostics/DL0201.md", d.CodeDescription!.Href);
        // 0-based line; character in UTF-16 units: the index of 'tau' in the .NET string of the line.
        string line = WithUnitError.Split('\n')[3];
        Assert.Equal(new Position(3, line.LastIndexOf("tau", StringComparison.Ordinal)), d.Range.Start);
        Assert.Equal(new Position(3, line.LastIndexOf("tau", StringComparison.Ordinal) + 3), d.Range.End);
        Assert.Equal(new Position(expected.Location.Start.Line, expected.Location.Start.Character), d.Range.Start);
        // Every diagnostic of the build (after the default severities) is there, in the build's order.
        Assert.Equal(
            DynCompiler.Compile(path, WithUnitError).Diagnostics.Where(x => x.Severity != Core.Diagnostics.DiagnosticSeverity.Hidden).Select(x => (x.Id, x.Message)),
            published.Diagnostics.Select(x => (x.Code, x.Message)));

        await client.ChangeAsync(uri, Fixed, version: 2);
        var after = await client.WaitForVersionAsync(uri, 2);
        // No error or warning left; what remains are the build's infos (e.g. the solver it chose), as DynCompiler reports them.
        Assert.DoesNotContain(after.Diagnostics, x => x.Severity <= 2);
        Assert.Equal(
            DynCompiler.Compile(path, Fixed).Diagnostics.Where(x => x.Severity != Core.Diagnostics.DiagnosticSeverity.Hidden).Select(x => (x.Id, x.Message)),
            after.Diagnostics.Select(x => (x.Code, x.Message)));
    }

    [Fact]
    public async Task Editorconfig_severity_is_applied_as_in_the_build()
    {
        using var folder = new TempFolder("root = true\n[*.dyn]\ndynlang_diagnostic.DL0302.severity = warning\ndynlang_diagnostic.DL0201.severity = none\n");
        var (_, uri) = folder.File("leak.dyn");
        await using var client = new LspClient();
        await client.InitializeAsync();
        await client.OpenAsync(uri, WithUnitError.Replace("Leak", "Bad") + TwoModels);
        var published = await client.WaitForVersionAsync(uri, 1);
        // As in the build: an info raised to a warning; an error stays an error under dynlang_diagnostic keys.
        Assert.All(published.Diagnostics.Where(x => x.Code == "DL0302"), x => Assert.Equal(2, x.Severity));
        Assert.Contains(published.Diagnostics, x => x.Code == "DL0302");
        Assert.Equal(1, Assert.Single(published.Diagnostics, x => x.Code == "DL0201").Severity);
    }

    [Fact]
    public async Task Rapid_changes_publish_only_the_newest_version()
    {
        using var folder = new TempFolder();
        var (_, uri) = folder.File("leak.dyn");
        // A long debounce, so that versions 2 and 3 are superseded before their compile starts.
        await using var client = new LspClient(debounce: TimeSpan.FromSeconds(2));
        await client.InitializeAsync();
        await client.OpenAsync(uri, Fixed, version: 1);
        await client.WaitForVersionAsync(uri, 1);
        await client.ChangeAsync(uri, WithUnitError, version: 2);
        await client.ChangeAsync(uri, Fixed, version: 3);
        await client.ChangeAsync(uri, WithUnitError, version: 4);
        var last = await client.WaitForVersionAsync(uri, 4);
        Assert.Contains(last.Diagnostics, x => x.Code == "DL0201");
        Assert.Equal([1, 4], client.Received.Where(p => p.Uri == uri).Select(p => p.Version ?? -1));
    }

    [Fact]
    public async Task DidClose_clears_the_diagnostics()
    {
        using var folder = new TempFolder();
        var (_, uri) = folder.File("leak.dyn");
        await using var client = new LspClient();
        await client.InitializeAsync();
        await client.OpenAsync(uri, WithUnitError);
        await client.WaitForVersionAsync(uri, 1);
        await client.NotifyAsync("textDocument/didClose", new DidCloseTextDocumentParams(new TextDocumentIdentifier(uri)));
        var cleared = await client.WaitForDiagnosticsAsync(p => p.Uri == uri && p.Version is null);
        Assert.Empty(cleared.Diagnostics);
    }

    [Fact]
    public async Task DocumentSymbol_lists_models_with_inputs_params_and_states()
    {
        using var folder = new TempFolder();
        var (_, uri) = folder.File("two.dyn");
        await using var client = new LspClient();
        await client.InitializeAsync();
        await client.OpenAsync(uri, TwoModels);
        var symbols = await client.Rpc.InvokeWithParameterObjectAsync<DocumentSymbol[]>("textDocument/documentSymbol",
            new DocumentSymbolParams(new TextDocumentIdentifier(uri)));
        Assert.Equal(["LIF", "Leak"], symbols.Select(s => s.Name));
        var lif = symbols[0];
        Assert.Equal(SymbolKind.Class, lif.Kind);
        Assert.Equal("neuron", lif.Detail);
        Assert.Equal(new Position(0, 7), lif.SelectionRange.Start);
        Assert.Equal(new Position(0, 10), lif.SelectionRange.End);
        Assert.Equal(0, lif.Range.Start.Line);
        Assert.Equal(4, lif.Range.End.Line);
        Assert.Equal(["I", "tau", "R", "v"], lif.Children!.Select(c => c.Name));
        Assert.Equal([SymbolKind.Field, SymbolKind.Constant, SymbolKind.Constant, SymbolKind.Variable], lif.Children!.Select(c => c.Kind));
        Assert.Equal("input : nA", lif.Children![0].Detail);
        Assert.Equal(new Position(2, 8), lif.Children![3].SelectionRange.Start);
        Assert.Equal(["tau", "v"], symbols[1].Children!.Select(c => c.Name));
    }

    [Fact]
    public async Task Fuzz_corpus_through_didChange_keeps_the_server_answering()
    {
        using var folder = new TempFolder();
        var (_, uri) = folder.File("fuzz.dyn");
        var corpus = Directory.GetFiles(Path.Combine(LspClient.RepoRoot, "tests", "DynLang.Fuzz", "corpus"), "*.dyn")
            .Order(StringComparer.Ordinal).Where((_, i) => i % 27 == 0).ToList();
        Assert.True(corpus.Count >= 10, $"only {corpus.Count} corpus files");
        await using var client = new LspClient(debounce: TimeSpan.Zero);
        await client.InitializeAsync();
        await client.OpenAsync(uri, "", version: 1);
        int version = 1;
        foreach (var file in corpus)
        {
            string text = File.ReadAllText(file);
            // The file, then a truncated copy of it (garbage in the middle of a token).
            foreach (var variant in new[] { text, text[..(text.Length / 2)] + "\u0000}}{{ µ" })
            {
                await client.ChangeAsync(uri, variant, ++version);
                await client.WaitForVersionAsync(uri, version);
                var symbols = await client.Rpc.InvokeWithParameterObjectAsync<DocumentSymbol[]>("textDocument/documentSymbol",
                    new DocumentSymbolParams(new TextDocumentIdentifier(uri)));
                Assert.NotNull(symbols);
            }
        }
        await client.ChangeAsync(uri, WithUnitError, ++version);
        Assert.Contains((await client.WaitForVersionAsync(uri, version)).Diagnostics, d => d.Code == "DL0201");
    }

    [Fact]
    public async Task Bad_requests_are_answered_with_errors_and_the_server_goes_on()
    {
        await using var client = new LspClient();
        await client.InitializeAsync();
        await Assert.ThrowsAnyAsync<RemoteRpcException>(() =>
            client.Rpc.InvokeWithParameterObjectAsync<object>("textDocument/documentSymbol", new { textDocument = 42 }));
        await Assert.ThrowsAnyAsync<RemoteRpcException>(() => client.Rpc.InvokeAsync<object>("textDocument/noSuchMethod"));
        await client.NotifyAsync("textDocument/didChange", new { textDocument = new { uri = "file:///nowhere.dyn" } });
        await client.NotifyAsync("textDocument/didOpen", new { nonsense = true });
        var result = await client.InitializeAsync();
        Assert.True(result.Capabilities.DocumentSymbolProvider);
        var symbols = await client.Rpc.InvokeWithParameterObjectAsync<DocumentSymbol[]>("textDocument/documentSymbol",
            new DocumentSymbolParams(new TextDocumentIdentifier("file:///not/open.dyn")));
        Assert.Empty(symbols);
    }

    [Fact]
    public async Task Shutdown_then_exit_ends_the_server_with_code_0()
    {
        await using var client = new LspClient();
        await client.InitializeAsync();
        await client.Rpc.InvokeAsync<object?>("shutdown");
        await client.Rpc.NotifyAsync("exit");
        Assert.Equal(0, await client.ServerRun.WaitAsync(LspClient.HangGuard));
    }
}
