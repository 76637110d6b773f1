using DynLang.LanguageServer.Protocol;

namespace DynLang.LanguageServer.Tests;

/// <summary>Completion, verdict lenses and "did you mean" quick fixes through the LSP connection.</summary>
public sealed class EditingTests
{
    private const string Lif = """
        neuron LIF(I_ext : nA) {
          param tau = 10 ms, v_th = -50 mV
          state v : mV = -65 mV
          input I_syn : nA
          dv/dt = (-65 mV - v)/tau + I_syn/(1 nF) + I_ext/(1 nF)
          on v > v_th { v = -65 mV }
        }

        synapse Exc(pre LIF, post LIF) {
          param w = 0.5 nA
          on pre { post.I_syn += w }
        }

        """;

    private static Task<CompletionItem[]> CompleteAsync(LspClient client, string uri, Position at) =>
        client.Rpc.InvokeWithParameterObjectAsync<CompletionItem[]>("textDocument/completion",
            new CompletionParams(new TextDocumentIdentifier(uri), at, null));

    private static async Task<(LspClient Client, string Uri)> OpenAsync(string text, string name = "edit.dyn")
    {
        var client = new LspClient();
        await client.InitializeAsync();
        string uri = "file:///tmp/dynlang-editing/" + name;
        await client.OpenAsync(uri, text);
        return (client, uri);
    }

    [Fact]
    public async Task Completion_in_an_expression_lists_the_models_names_and_exp()
    {
        // The cursor right after "(-65 mV - v)/" on the equation's line.
        var (client, uri) = await OpenAsync(Lif);
        await using var _ = client;
        var items = await CompleteAsync(client, uri, Text.PositionAfter(Lif, "(-65 mV - v)/"));
        var byLabel = items.ToDictionary(i => i.Label);
        foreach (var name in new[] { "tau", "v_th", "v", "I_syn", "I_ext", "exp" }) Assert.Contains(name, byLabel.Keys);
        Assert.Equal(CompletionItemKind.Constant, byLabel["tau"].Kind);
        Assert.Equal(CompletionItemKind.Variable, byLabel["v"].Kind);
        Assert.Equal(CompletionItemKind.Field, byLabel["I_syn"].Kind);
        Assert.Equal(CompletionItemKind.Function, byLabel["exp"].Kind);
        Assert.Equal("param tau", byLabel["tau"].Detail);
        Assert.DoesNotContain("w", byLabel.Keys); // the synapse's parameter is not in the neuron's scope
    }

    [Fact]
    public async Task Completion_follows_the_context_top_level_member_unit_solver_and_post()
    {
        string text = Lif + "\n";
        var (client, uri) = await OpenAsync(text);
        await using var _ = client;

        var top = await CompleteAsync(client, uri, Text.End(text));
        Assert.Contains(top, i => i.Label == "neuron" && i.Kind == CompletionItemKind.Keyword);
        Assert.DoesNotContain(top, i => i.Label == "param");

        var member = await CompleteAsync(client, uri, Text.PositionAfter(text, "input I_syn : nA\n"));
        Assert.Contains(member, i => i.Label == "solver" && i.Kind == CompletionItemKind.Keyword);
        Assert.Contains(member, i => i.Label == "param");

        var unit = await CompleteAsync(client, uri, Text.PositionAfter(text, "state v : "));
        Assert.Contains(unit, i => i.Label == "mV" && i.Kind == CompletionItemKind.Unit);
        Assert.Contains(unit, i => i.Label == "ms");

        var post = await CompleteAsync(client, uri, Text.PositionAfter(text, "post."));
        Assert.Contains(post, i => i.Label == "I_syn");
        Assert.Contains(post, i => i.Label == "v");
        Assert.DoesNotContain(post, i => i.Label == "exp");

        // A half-typed solver line: the document changes, completion answers on the new text.
        string typing = text.Replace("  on v > v_th", "  solver \n  on v > v_th");
        await client.ChangeAsync(uri, typing, 2);
        var solvers = await CompleteAsync(client, uri, Text.PositionAfter(typing, "  solver "));
        Assert.Contains(solvers, i => i.Label == "exact" && i.Kind == CompletionItemKind.EnumMember);
        Assert.Contains(solvers, i => i.Label == "rk4");
    }

    [Fact]
    public async Task Completion_in_half_typed_text_still_lists_the_enclosing_models_names()
    {
        // Typed so far: an unclosed model whose last equation stops after an operator.
        const string Typing = "system Osc {\n  param omega = 2, gamma = 0.1\n  state x = 1, y = 0\n  input F\n  dx/dt = y\n  dy/dt = -omega^2*x - gamma*";
        var (client, uri) = await OpenAsync(Typing);
        await using var _ = client;
        var labels = (await CompleteAsync(client, uri, Text.End(Typing))).Select(i => i.Label).ToList();
        foreach (var name in new[] { "omega", "gamma", "x", "y", "F", "exp" }) Assert.Contains(name, labels);
    }

    [Fact]
    public async Task Completion_for_a_document_that_is_not_open_is_empty()
    {
        var (client, _) = await OpenAsync(Lif);
        await using var __ = client;
        Assert.Empty(await CompleteAsync(client, "file:///tmp/dynlang-editing/closed.dyn", new Position(0, 0)));
    }

    [Fact]
    public async Task Code_lenses_show_each_claim_verdict_of_the_learning_rule_samples()
    {
        string folder = Path.Combine(LspClient.RepoRoot, "samples", "LearningRuleChecks");
        foreach (var name in new[] { "Plasticity.dyn", "Networks.dyn" })
        {
            string path = Path.Combine(folder, name);
            string text = File.ReadAllText(path);
            var client = new LspClient();
            await using var _ = client;
            await client.InitializeAsync();
            string uri = new Uri(path).AbsoluteUri;
            await client.OpenAsync(uri, text);
            var lenses = await client.Rpc.InvokeWithParameterObjectAsync<CodeLens[]>("textDocument/codeLens",
                new CodeLensParams(new TextDocumentIdentifier(uri)));

            // One lens per claim verdict the build reports, at the claim.
            var claims = DynLanguageServer.Diagnose(path, text).Where(d => Core.Reporting.VerdictSummary.IsClaim(d.Code)).ToList();
            Assert.NotEmpty(claims);
            foreach (var claim in claims) Assert.Contains(lenses, l => l.Range == claim.Range);
            Assert.All(lenses, l => Assert.Equal("", l.Command!.Name));

            if (name == "Plasticity.dyn")
            {
                // Hebb's rule keeps W symmetric; additive gradient descent can flip a weight's sign.
                int hebb = Text.LineOf(text, "assert symmetric(W)");
                Assert.Contains(lenses, l => l.Range.Start.Line == hebb && l.Command!.Title == "symmetric(W): proven");
                Assert.Contains(lenses, l => l.Command!.Title.StartsWith("sign_preserving(W): DISPROVEN (", StringComparison.Ordinal));
            }
            else
            {
                Assert.Contains(lenses, l => l.Command!.Title.StartsWith("gradient_flow: DISPROVEN (", StringComparison.Ordinal));
                Assert.Contains(lenses, l => l.Command!.Title == "invariant H: proven");
            }
            // The time step's verdict sits on the solver line and is titled with the summary's claim word.
            Assert.Contains(lenses, l => l.Command!.Title.StartsWith("time step: ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_chosen_solver_gets_a_lens_and_lenses_follow_the_new_version()
    {
        const string NoSolver = "system Decay {\n  param k = 2\n  state x = 1\n  dx/dt = -k*x\n}\n";
        var (client, uri) = await OpenAsync(NoSolver);
        await using var _ = client;
        var lenses = await client.Rpc.InvokeWithParameterObjectAsync<CodeLens[]>("textDocument/codeLens",
            new CodeLensParams(new TextDocumentIdentifier(uri)));
        var chosen = DynLanguageServer.Diagnose("", NoSolver).Single(d => d.Code == "DL0302");
        var lens = Assert.Single(lenses);
        Assert.Equal(Core.Reporting.VerdictSummary.Shorten(chosen.Message), lens.Command!.Title);
        Assert.StartsWith("solver ", lens.Command.Title);

        string withInvariant = NoSolver.Replace("  dx/dt = -k*x\n", "  dx/dt = -k*x\n  invariant q = x\n  solver euler\n");
        await client.ChangeAsync(uri, withInvariant, 2);
        var after = await client.Rpc.InvokeWithParameterObjectAsync<CodeLens[]>("textDocument/codeLens",
            new CodeLensParams(new TextDocumentIdentifier(uri)));
        var only = Assert.Single(after);
        Assert.StartsWith("invariant q: DISPROVEN", only.Command!.Title);
    }

    [Fact]
    public async Task Code_action_replaces_a_misspelt_name_and_the_fixed_text_compiles_without_the_diagnostic()
    {
        string misspelt = Lif.Replace("(-65 mV - v)/tau", "(-65 mV - v)/tua");
        var (client, uri) = await OpenAsync(misspelt);
        await using var _ = client;
        var published = await client.WaitForVersionAsync(uri, 1);
        var undefined = Assert.Single(published.Diagnostics, d => d.Message.Contains("did you mean 'tau'"));

        var actions = await client.Rpc.InvokeWithParameterObjectAsync<CodeAction[]>("textDocument/codeAction",
            new CodeActionParams(new TextDocumentIdentifier(uri), undefined.Range, new CodeActionContext(new[] { undefined }, null)));
        var fix = Assert.Single(actions);
        Assert.Equal(CodeActionKind.QuickFix, fix.Kind);
        Assert.True(fix.IsPreferred);
        Assert.Equal(undefined.Code, Assert.Single(fix.Diagnostics!).Code);
        var edit = Assert.Single(fix.Edit!.Changes[uri]);
        Assert.Equal(undefined.Range, edit.Range);
        Assert.Equal("tau", edit.NewText);

        string fixedText = Text.Apply(misspelt, edit);
        Assert.Equal(Lif, fixedText);
        Assert.DoesNotContain(DynLanguageServer.Diagnose("", fixedText), d => d.Code == undefined.Code);
    }

    [Fact]
    public async Task Code_action_on_post_dot_keeps_the_qualifier_and_units_and_functions_are_fixed_too()
    {
        string misspelt = Lif.Replace("post.I_syn += w", "post.I_sin += w").Replace("(1 nF)", "(1 nFF)").Replace("/tau", "/tau*epx(0)");
        var (client, uri) = await OpenAsync(misspelt);
        await using var _ = client;
        var published = await client.WaitForVersionAsync(uri, 1);
        var withSuggestion = published.Diagnostics.Where(d => NameFixes.SuggestionsIn(d.Message).Count > 0).ToList();
        Assert.True(withSuggestion.Count >= 3, string.Join("\n", published.Diagnostics.Select(d => d.Message)));

        // The whole document as the range, the client's list empty: every fixable diagnostic gets its fix.
        var all = new Protocol.Range(new Position(0, 0), Text.End(misspelt));
        var actions = await client.Rpc.InvokeWithParameterObjectAsync<CodeAction[]>("textDocument/codeAction",
            new CodeActionParams(new TextDocumentIdentifier(uri), all, new CodeActionContext(Array.Empty<Diagnostic>(), null)));
        Assert.Equal(withSuggestion.Count, actions.Length);
        string text = misspelt;
        // Later edits first, so earlier positions stay valid.
        foreach (var edit in actions.SelectMany(a => a.Edit!.Changes[uri]).OrderByDescending(e => e.Range.Start.Line).ThenByDescending(e => e.Range.Start.Character))
            text = Text.Apply(text, edit);
        Assert.Contains("post.I_syn += w", text);
        Assert.Contains("(1 nF)", text);
        Assert.Contains("exp(0)", text);
        Assert.DoesNotContain(DynLanguageServer.Diagnose("", text), d => withSuggestion.Any(w => w.Code == d.Code));
    }

    [Fact]
    public async Task Code_action_fixes_only_the_diagnostics_the_client_names()
    {
        string misspelt = Lif.Replace("(-65 mV - v)/tau", "(-65 mV - v)/tua").Replace("v > v_th", "v > v_tj");
        var (client, uri) = await OpenAsync(misspelt);
        await using var _ = client;
        var published = await client.WaitForVersionAsync(uri, 1);
        var tua = Assert.Single(published.Diagnostics, d => d.Message.Contains("'tua'"));
        var all = new Protocol.Range(new Position(0, 0), Text.End(misspelt));
        var actions = await client.Rpc.InvokeWithParameterObjectAsync<CodeAction[]>("textDocument/codeAction",
            new CodeActionParams(new TextDocumentIdentifier(uri), all, new CodeActionContext(new[] { tua }, null)));
        Assert.Equal("tau", Assert.Single(Assert.Single(actions).Edit!.Changes[uri]).NewText);
    }

    [Fact]
    public async Task Code_action_outside_the_diagnostics_range_offers_nothing()
    {
        string misspelt = Lif.Replace("(-65 mV - v)/tau", "(-65 mV - v)/tua");
        var (client, uri) = await OpenAsync(misspelt);
        await using var _ = client;
        var actions = await client.Rpc.InvokeWithParameterObjectAsync<CodeAction[]>("textDocument/codeAction",
            new CodeActionParams(new TextDocumentIdentifier(uri), new Protocol.Range(new Position(0, 0), new Position(0, 3)),
                new CodeActionContext(Array.Empty<Diagnostic>(), null)));
        Assert.Empty(actions);
    }
}

/// <summary>Positions in test texts, counted as LSP does (zero-based lines, UTF-16 characters).</summary>
internal static class Text
{
    public static Position PositionAt(string text, int offset)
    {
        int line = 0, start = 0;
        for (int k = 0; k < offset; k++)
            if (text[k] == '\n') { line++; start = k + 1; }
        return new Position(line, offset - start);
    }

    /// <summary>The position just after the first occurrence of <paramref name="marker"/>.</summary>
    public static Position PositionAfter(string text, string marker)
    {
        int at = text.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{marker}' is not in the text");
        return PositionAt(text, at + marker.Length);
    }

    public static Position End(string text) => PositionAt(text, text.Length);

    public static int LineOf(string text, string marker) => PositionAfter(text, marker).Line;

    public static int OffsetOf(string text, Position position)
    {
        int offset = 0;
        for (int line = 0; line < position.Line; line++) offset = text.IndexOf('\n', offset) + 1;
        return offset + position.Character;
    }

    public static string Apply(string text, TextEdit edit)
    {
        int start = OffsetOf(text, edit.Range.Start), end = OffsetOf(text, edit.Range.End);
        return text[..start] + edit.NewText + text[end..];
    }
}
