using System.Text.RegularExpressions;
using DynLang.LanguageServer.Protocol;
using StreamJsonRpc;

namespace DynLang.LanguageServer.Tests;

/// <summary>textDocument/definition, references and hover through the in-process client.</summary>
public sealed class NavigationTests
{
    // 'µ𝜏' in a comment before the uses: a column counted in code points or bytes would be off (LSP counts UTF-16 units).
    private const string Lif = """
        neuron LIF(I : nA) {
          param tau : ms = 10 ms, R = 10 Mohm
          param v_th = -50 mV
          state v = -70 mV
          dv/dt = /* µ𝜏 */ (-v + R*I) / tau * exp(0)
          on v > v_th {
            v = -70 mV
            emit spike
          }
        }

        synapse Exc(pre LIF, post LIF) {
          param w = 1 mV
          on pre {
            post.v += w
          }
        }

        """;

    private static Position PositionOf(string text, string needle, int nth = 0, int plus = 0)
    {
        int offset = -1;
        for (int k = 0; k <= nth; k++)
        {
            offset = text.IndexOf(needle, offset + 1, StringComparison.Ordinal);
            Assert.True(offset >= 0, $"'{needle}' #{nth} not found");
        }
        return PositionAt(text, offset + plus);
    }

    /// <summary>LSP's position of an offset: 0-based line, UTF-16 units into the line (string indices).</summary>
    private static Position PositionAt(string text, int offset)
    {
        int lineStart = offset == 0 ? 0 : text.LastIndexOf('\n', offset - 1) + 1;
        return new Position(text[..offset].Count(c => c == '\n'), offset - lineStart);
    }

    private static string TextOf(string text, Protocol.Range range)
    {
        var lines = text.Split('\n');
        Assert.Equal(range.Start.Line, range.End.Line);
        return lines[range.Start.Line][range.Start.Character..range.End.Character];
    }

    private static async Task<(LspClient Client, string Uri, TempFolder Folder)> OpenAsync(string text)
    {
        var folder = new TempFolder();
        var (_, uri) = folder.File("lif.dyn");
        var client = new LspClient();
        await client.InitializeAsync();
        await client.OpenAsync(uri, text);
        await client.WaitForVersionAsync(uri, 1);
        return (client, uri, folder);
    }

    private static Task<Location?> DefinitionAsync(LspClient client, string uri, Position position) =>
        client.Rpc.InvokeWithParameterObjectAsync<Location?>("textDocument/definition",
            new TextDocumentPositionParams(new TextDocumentIdentifier(uri), position));

    private static Task<Location[]> ReferencesAsync(LspClient client, string uri, Position position, bool includeDeclaration) =>
        client.Rpc.InvokeWithParameterObjectAsync<Location[]>("textDocument/references",
            new ReferenceParams(new TextDocumentIdentifier(uri), position, new ReferenceContext(includeDeclaration)));

    private static Task<Hover?> HoverAsync(LspClient client, string uri, Position position) =>
        client.Rpc.InvokeWithParameterObjectAsync<Hover?>("textDocument/hover",
            new TextDocumentPositionParams(new TextDocumentIdentifier(uri), position));

    [Fact]
    public async Task Definition_of_a_use_jumps_to_the_declarations_name()
    {
        var (client, uri, folder) = await OpenAsync(Lif);
        await using var _ = client;
        using var __ = folder;
        var location = await DefinitionAsync(client, uri, PositionOf(Lif, "/ tau", plus: 3));
        Assert.NotNull(location);
        Assert.Equal(uri, location!.Uri);
        Assert.Equal(PositionOf(Lif, "tau"), location.Range.Start);
        Assert.Equal("tau", TextOf(Lif, location.Range));
        // After the UTF-16 surrogate pair in the comment, on the same line: R in R*I.
        var r = await DefinitionAsync(client, uri, PositionOf(Lif, "R*I"));
        Assert.Equal(PositionOf(Lif, "R = "), r!.Range.Start);
        // Nothing to jump to: a built-in, a keyword, blank space.
        Assert.Null(await DefinitionAsync(client, uri, PositionOf(Lif, "exp")));
        Assert.Null(await DefinitionAsync(client, uri, PositionOf(Lif, "neuron", plus: 2)));
        Assert.Null(await DefinitionAsync(client, uri, new Position(10, 0)));
    }

    [Fact]
    public async Task References_respect_includeDeclaration()
    {
        var (client, uri, folder) = await OpenAsync(Lif);
        await using var _ = client;
        using var __ = folder;
        var at = PositionOf(Lif, "v_th", nth: 1);
        var with = await ReferencesAsync(client, uri, at, includeDeclaration: true);
        var without = await ReferencesAsync(client, uri, at, includeDeclaration: false);
        Assert.Equal(2, with.Length);
        Assert.Single(without);
        Assert.Equal(PositionOf(Lif, "v_th"), with[0].Range.Start);
        Assert.Equal(PositionOf(Lif, "v_th", nth: 1), without[0].Range.Start);
        Assert.All(with, l => Assert.Equal("v_th", TextOf(Lif, l.Range)));
    }

    [Fact]
    public async Task Pre_and_post_variables_lead_to_the_neuron_model()
    {
        var (client, uri, folder) = await OpenAsync(Lif);
        await using var _ = client;
        using var __ = folder;
        var location = await DefinitionAsync(client, uri, PositionOf(Lif, "post.v", plus: 5));
        Assert.Equal(PositionOf(Lif, "state v", plus: 6), location!.Range.Start);
        var references = await ReferencesAsync(client, uri, PositionOf(Lif, "state v", plus: 6), includeDeclaration: true);
        Assert.Contains(references, l => l.Range.Start == PositionOf(Lif, "post.v", plus: 5));
        Assert.Equal(6, references.Length); // state v, dv/dt, -v, on v >, v = -70 mV, post.v
        var model = await DefinitionAsync(client, uri, PositionOf(Lif, "post LIF", plus: 5));
        Assert.Equal(PositionOf(Lif, "LIF"), model!.Range.Start);
    }

    [Fact]
    public async Task Hover_of_a_parameter_shows_its_kind_name_unit_as_written_and_default()
    {
        var (client, uri, folder) = await OpenAsync(Lif);
        await using var _ = client;
        using var __ = folder;
        var hover = await HoverAsync(client, uri, PositionOf(Lif, "/ tau", plus: 3));
        Assert.Equal("markdown", hover!.Contents.Kind);
        Assert.Contains("parameter", hover.Contents.Value);
        Assert.Contains("tau", hover.Contents.Value);
        Assert.Contains(": ms", hover.Contents.Value);
        Assert.Contains("10 ms", hover.Contents.Value);
        Assert.Equal("tau", TextOf(Lif, hover.Range!));
        // Without a written unit, the unit checker's: R = 10 Mohm is a resistance.
        var r = await HoverAsync(client, uri, PositionOf(Lif, "R*I"));
        Assert.Contains(": ohm", r!.Contents.Value);
        Assert.Contains("10 Mohm", r.Contents.Value);
    }

    [Fact]
    public async Task Hover_of_a_state_an_input_and_a_product()
    {
        var (client, uri, folder) = await OpenAsync(Lif);
        await using var _ = client;
        using var __ = folder;
        var state = await HoverAsync(client, uri, PositionOf(Lif, "-v +", plus: 1));
        Assert.Contains("state", state!.Contents.Value);
        Assert.Contains("`v`", state.Contents.Value);
        Assert.Contains(": V", state.Contents.Value); // -70 mV: a voltage, formatted as the build's messages do
        var input = await HoverAsync(client, uri, PositionOf(Lif, "R*I", plus: 2));
        Assert.Contains("input", input!.Contents.Value);
        Assert.Contains(": nA", input.Contents.Value);
        var product = await HoverAsync(client, uri, PositionOf(Lif, "R*I", plus: 1));
        Assert.Equal("R*I", TextOf(Lif, product!.Range!));
        Assert.Contains("`R*I` : V", product.Contents.Value);
        var quotient = await HoverAsync(client, uri, PositionOf(Lif, ") / tau", plus: 2));
        Assert.Contains(": V/s", quotient!.Contents.Value);
    }

    [Fact]
    public async Task Hover_of_a_builtin_shows_its_signature_and_description()
    {
        var (client, uri, folder) = await OpenAsync(Lif);
        await using var _ = client;
        using var __ = folder;
        var hover = await HoverAsync(client, uri, PositionOf(Lif, "exp", plus: 1));
        Assert.Contains("exp(x)", hover!.Contents.Value);
        Assert.Contains("built-in function", hover.Contents.Value);
        Assert.Contains("dimensionless", hover.Contents.Value);
    }

    [Fact]
    public async Task Hover_inside_a_diagnostic_names_it_with_its_help_link()
    {
        const string broken = "system Leak {\n  param tau = 10 ms\n  state v = 0 mV\n  dv/dt = -v + tau\n}\n";
        var (client, uri, folder) = await OpenAsync(broken);
        await using var _ = client;
        using var __ = folder;
        var published = await client.WaitForVersionAsync(uri, 1);
        // DL0201 on tau (a time added to a voltage), DL0202 on the whole right-hand side.
        var sum = Assert.Single(published.Diagnostics, d => d.Code == "DL0201");
        var rhs = Assert.Single(published.Diagnostics, d => d.Code == "DL0202");
        var plus = await HoverAsync(client, uri, PositionOf(broken, "+ tau"));
        Assert.Contains($"[DL0202]({rhs.CodeDescription!.Href})", plus!.Contents.Value);
        Assert.DoesNotContain("DL0201", plus.Contents.Value);
        // On a name inside both: the symbol, then both diagnostics.
        var name = await HoverAsync(client, uri, PositionOf(broken, "+ tau", plus: 3));
        Assert.StartsWith("parameter", name!.Contents.Value);
        Assert.Contains($"[DL0201]({sum.CodeDescription!.Href})", name.Contents.Value);
        Assert.Contains(sum.Message, name.Contents.Value);
        Assert.Contains("DL0202", name.Contents.Value);
        Assert.Equal("tau", TextOf(broken, name.Range!));
    }

    [Fact]
    public async Task A_new_version_is_indexed_again()
    {
        var (client, uri, folder) = await OpenAsync(Lif);
        await using var _ = client;
        using var __ = folder;
        Assert.Contains(": ms", (await HoverAsync(client, uri, PositionOf(Lif, "/ tau", plus: 3)))!.Contents.Value);
        string changed = Lif.Replace("tau : ms = 10 ms", "tau : us = 10 ms");
        await client.ChangeAsync(uri, changed, 2);
        await client.WaitForVersionAsync(uri, 2);
        Assert.Contains(": us", (await HoverAsync(client, uri, PositionOf(changed, "/ tau", plus: 3)))!.Contents.Value);
    }

    [Fact]
    public async Task A_broken_file_answers_every_position_and_the_server_goes_on()
    {
        string broken = Lif[..(Lif.Length / 2)] + "\u0000}}{{ µ (((" + Lif[(Lif.Length / 3)..];
        var (client, uri, folder) = await OpenAsync(broken);
        await using var _ = client;
        using var __ = folder;
        var lines = broken.Split('\n');
        for (int line = 0; line < lines.Length + 1; line++)
        {
            for (int character = 0; character <= (line < lines.Length ? lines[line].Length : 0) + 1; character += 3)
            {
                var position = new Position(line, character);
                await HoverAsync(client, uri, position);
                if (await DefinitionAsync(client, uri, position) is { } location) Assert.Equal(uri, location.Uri);
                await ReferencesAsync(client, uri, position, includeDeclaration: false);
            }
        }
        // Positions outside the text, and a document that is not open.
        Assert.Null(await HoverAsync(client, uri, new Position(-5, 999)));
        Assert.Null(await DefinitionAsync(client, "file:///not/open.dyn", new Position(0, 0)));
        Assert.Empty(await ReferencesAsync(client, "file:///not/open.dyn", new Position(0, 0), includeDeclaration: true));
        lock (client.Log) Assert.DoesNotContain(client.Log, m => m.Contains("failed", StringComparison.Ordinal));
        Assert.True((await client.InitializeAsync()).Capabilities.HoverProvider);
    }

    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(Path.Combine(LspClient.RepoRoot, "samples"), "*.dyn", SearchOption.AllDirectories)
                     .OrderBy(p => p, StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(LspClient.RepoRoot, path));
        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task In_every_sample_a_definition_names_the_same_word(string relative)
    {
        string text = File.ReadAllText(Path.Combine(LspClient.RepoRoot, relative)).Replace("\r\n", "\n");
        var (client, uri, folder) = await OpenAsync(text);
        await using var _ = client;
        using var __ = folder;
        int found = 0;
        foreach (Match word in Regex.Matches(text, @"(?<![\w.])[A-Za-z_]\w*"))
        {
            var location = await DefinitionAsync(client, uri, PositionAt(text, word.Index));
            if (location is null) continue;
            Assert.Equal(word.Value, TextOf(text, location.Range));
            found++;
        }
        Assert.True(found > 0, $"{relative}: no definition found");
    }
}
