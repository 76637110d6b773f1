using System.Text.Json;
using DynLang.Core.Compilation;

namespace DynLang.Cli.Tests;

public sealed class CheckTests : IDisposable
{
    private readonly TempFolder _dir = new();

    [Fact]
    public void A_unit_error_is_printed_as_the_build_prints_it_and_exits_1()
    {
        string path = _dir.Write("m.dyn", Models.WarningAndError);
        var run = ToolRun.Of("check", path);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{path}(9,16): error DL0201: unit mismatch in a sum: expected V, found s (https://github.com/dynlang/dynlang/blob/main/docs/diagnostics/DL0201.md)", run.Lines);
        Assert.Contains(run.DiagnosticLines, l => l.StartsWith($"{path}(4,3): warning DL0411: symmetric(W) does not hold", StringComparison.Ordinal));
        Assert.Contains("DynLang: m.dyn: Oja: symmetry DISPROVEN; solver rk4 (chosen)", run.Lines);
        Assert.Equal("1 file, 2 models: 2 errors, 1 warning, 1 info.", run.Lines[^1]);
        Assert.Equal("", run.Err);
    }

    [Fact]
    public void Warnings_only_exit_0_and_infos_are_printed_on_request()
    {
        string path = _dir.Write("m.dyn", Models.WarningOnly);
        var run = ToolRun.Of("check", path);
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain(run.DiagnosticLines, l => l.Contains(" info "));
        var verbose = ToolRun.Of("check", path, "--infos");
        Assert.Contains(verbose.DiagnosticLines, l => l.StartsWith($"{path}(1,6): info DL0302: ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_folder_checks_every_dyn_file_below_it_in_order()
    {
        string b = _dir.Write("sub/b.dyn", Models.WarningOnly);
        string a = _dir.Write("a.dyn", Models.WarningOnly);
        var run = ToolRun.Of("check", _dir.Path);
        Assert.Equal(new[] { a, b }, run.DiagnosticLines.Select(l => l[..l.IndexOf('(')]).ToArray());
    }

    [Theory]
    [InlineData("[*.dyn]\ndynlang_diagnostic.DL0411.severity = error   # fail on it\n", "error", 1)]
    [InlineData("[**/m.dyn]\ndynlang_diagnostic.DL0411.severity = none\n", null, 0)]
    [InlineData("[{x,m}.dyn]\ndynlang_diagnostic.DL0411.severity = warning\n[*.dyn]\ndynlang_diagnostic.DL0411.severity = suggestion\n", "info", 0)]
    [InlineData("[other.dyn]\ndynlang_diagnostic.DL0411.severity = error\n", "warning", 0)]
    public void An_editorconfig_section_sets_the_severity(string section, string? expected, int exitCode)
    {
        string path = _dir.Write("m.dyn", Models.WarningOnly);
        _dir.Write(".editorconfig", "root = true\n\n" + section);
        var run = ToolRun.Of("check", path, "--infos");
        Assert.Equal(exitCode, run.ExitCode);
        var line = run.DiagnosticLines.SingleOrDefault(l => l.Contains(" DL0411: "));
        if (expected is null) Assert.Null(line);
        else Assert.StartsWith($"{path}(4,3): {expected} DL0411: ", line);
    }

    [Fact]
    public void A_closer_editorconfig_wins_and_root_stops_the_search()
    {
        string path = _dir.Write("deep/m.dyn", Models.WarningOnly);
        _dir.Write(".editorconfig", "root = true\n[*.dyn]\ndynlang_diagnostic.DL0411.severity = error\n");
        _dir.Write("deep/.editorconfig", "[*.dyn]\ndynlang_diagnostic.DL0411.severity = none\n");
        Assert.Empty(ToolRun.Of("check", path).DiagnosticLines);
        _dir.Write("deep/.editorconfig", "root = true\n");
        Assert.Contains(" warning DL0411: ", ToolRun.Of("check", path).Out);
    }

    [Fact]
    public void A_globalconfig_applies_dotnet_diagnostic_keys_to_errors_too_as_roslyn_does()
    {
        // Measured with dotnet build: a .globalconfig with dotnet_diagnostic.DL0201.severity = none hides the
        // generator's DL0201 error and the build succeeds; dynlang_diagnostic keys (the generator's) keep errors.
        string path = _dir.Write("m.dyn", Models.WarningAndError);
        _dir.Write(".globalconfig", "is_global = true\ndotnet_diagnostic.DL0411.severity = error\ndotnet_diagnostic.DL0201.severity = none\n");
        var run = ToolRun.Of("check", path);
        Assert.Contains(run.DiagnosticLines, l => l.StartsWith($"{path}(4,3): error DL0411: ", StringComparison.Ordinal));
        Assert.DoesNotContain(run.DiagnosticLines, l => l.Contains(" DL0201: "));
        _dir.Write(".globalconfig", "");
        _dir.Write(".editorconfig", "root = true\n[*.dyn]\ndynlang_diagnostic.DL0201.severity = none\n");
        Assert.Contains(ToolRun.Of("check", path).DiagnosticLines, l => l.StartsWith($"{path}(9,16): error DL0201: ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_suppression_comment_silences_the_warning()
    {
        string path = _dir.Write("m.dyn", Models.WarningOnly.Replace("  assert symmetric(W)", "  // dynlang-disable-next-line DL0411\n  assert symmetric(W)"));
        var run = ToolRun.Of("check", path);
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain(" DL0411: ", run.Out);
    }

    [Fact]
    public void Json_has_the_diagnostics_models_and_counts()
    {
        string path = _dir.Write("m.dyn", Models.WarningAndError);
        var run = ToolRun.Of("check", path, "--format", "json");
        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal(2, root.GetProperty("errors").GetInt32());
        Assert.Equal(1, root.GetProperty("warnings").GetInt32());
        var file = root.GetProperty("files")[0];
        Assert.Equal(path, file.GetProperty("path").GetString());
        var error = file.GetProperty("diagnostics").EnumerateArray().Single(d => d.GetProperty("id").GetString() == "DL0201");
        Assert.Equal("error", error.GetProperty("severity").GetString());
        Assert.Equal(9, error.GetProperty("line").GetInt32());
        Assert.Equal(16, error.GetProperty("column").GetInt32());
        Assert.EndsWith("docs/diagnostics/DL0201.md", error.GetProperty("helpUri").GetString());
        var oja = file.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "Oja");
        Assert.Equal("DynLang: m.dyn: Oja: symmetry DISPROVEN; solver rk4 (chosen)", oja.GetProperty("summary").GetString());
    }

    [Fact]
    public void Sarif_is_a_minimal_valid_2_1_0_log()
    {
        string path = _dir.Write("m.dyn", Models.WarningAndError);
        var run = ToolRun.Of("check", path, "--format=sarif");
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal("2.1.0", json.RootElement.GetProperty("version").GetString());
        var sarifRun = json.RootElement.GetProperty("runs")[0];
        var driver = sarifRun.GetProperty("tool").GetProperty("driver");
        Assert.Equal("dynlang", driver.GetProperty("name").GetString());
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        Assert.Contains(rules, r => r.GetProperty("id").GetString() == "DL0201" && r.GetProperty("helpUri").GetString()!.EndsWith("docs/diagnostics/DL0201.md"));
        var result = sarifRun.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "DL0201");
        Assert.Equal("error", result.GetProperty("level").GetString());
        Assert.Equal("DL0201", rules[result.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
        Assert.StartsWith("unit mismatch", result.GetProperty("message").GetProperty("text").GetString());
        var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal(new Uri(path).AbsoluteUri, location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        var region = location.GetProperty("region");
        Assert.Equal(9, region.GetProperty("startLine").GetInt32());
        Assert.Equal(16, region.GetProperty("startColumn").GetInt32());
        Assert.True(region.GetProperty("endLine").GetInt32() >= 9);
        Assert.True(region.GetProperty("endColumn").GetInt32() >= 1);
        var note = sarifRun.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "DL0302");
        Assert.Equal("note", note.GetProperty("level").GetString());
    }

    [Fact]
    public void Emit_writes_the_compilers_files()
    {
        string source = Models.WarningOnly + "system Decay {\n  param tau = 10 ms\n  state x = 1\n  dx/dt = -x / tau\n}\n";
        string path = _dir.Write("m.dyn", source);
        string output = Path.Combine(_dir.Path, "out");
        var run = ToolRun.Of("emit", path, "-o", output);
        Assert.Equal(0, run.ExitCode);
        var expected = DynCompiler.Compile(path, source).Files;
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(f => f.HintName).OrderBy(n => n), Directory.GetFiles(output).Select(Path.GetFileName).OrderBy(n => n));
        foreach (var file in expected) Assert.Equal(file.Source, File.ReadAllText(Path.Combine(output, file.HintName)));
    }

    [Fact]
    public void Emit_prints_errors_and_exits_1()
    {
        string path = _dir.Write("m.dyn", Models.WarningAndError);
        var run = ToolRun.Of("emit", path, "-o", Path.Combine(_dir.Path, "out"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{path}(9,16): error DL0201: unit mismatch in a sum: expected V, found s (https://github.com/dynlang/dynlang/blob/main/docs/diagnostics/DL0201.md)", run.Lines);
    }

    [Fact]
    public void Help_of_each_verb_lists_its_options()
    {
        foreach (var (verb, option) in new[] { ("check", "--format"), ("emit", "--output"), ("new", "--feed"), ("lsp", "--help") })
        {
            var run = ToolRun.Of(verb, "--help");
            Assert.True(run.ExitCode == 0, $"{verb} --help: exit {run.ExitCode}, {run.Err}");
            // "Usage: <executable> check …": in-process the executable is the test host, so only the verb is asserted.
            Assert.Matches($@"Usage:\s+\S+ {verb}\b", run.Out);
            Assert.Contains(option, run.Out);
        }
        var root = ToolRun.Of("--help");
        foreach (var verb in new[] { "check", "emit", "new", "lsp" }) Assert.Contains(verb, root.Out);
    }

    [Fact]
    public void Bad_input_gives_one_line_and_exit_code_2()
    {
        Directory.CreateDirectory(Path.Combine(_dir.Path, "empty"));
        string unreadable = _dir.Write("locked.dyn", "system A { state x = 1\n dx/dt = -x }\n");
        File.SetUnixFileMode(unreadable, UnixFileMode.None);
        bool canStillRead = true;
        try { File.ReadAllText(unreadable); } catch (UnauthorizedAccessException) { canStillRead = false; }
        var cases = new List<string[]>
        {
            new[] { "check", Path.Combine(_dir.Path, "missing.dyn") },
            new[] { "check", Path.Combine(_dir.Path, "empty") },
            new[] { "check" },
            new[] { "check", "x.dyn", "--format", "xml" },
            new[] { "check", "x.dyn", "--frobnicate" },
            new[] { "emit", "x.dyn", "--precision", "half", "-o", _dir.Path },
            new[] { "frobnicate" },
            Array.Empty<string>(),
            new[] { "emit", Path.Combine(_dir.Path, "missing.dyn"), "-o", _dir.Path },
            new[] { "emit", unreadable },
        };
        if (!canStillRead) cases.Add(new[] { "check", unreadable }); // root reads any file
        foreach (var args in cases)
        {
            var run = ToolRun.Of(args);
            Assert.True(run.ExitCode == 2, $"{string.Join(' ', args)}: exit {run.ExitCode}");
            Assert.Equal("", run.Out);
            var lines = run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Single(lines);
            Assert.StartsWith("dynlang: ", lines[0]);
            Assert.DoesNotContain("   at ", run.Err);
        }
    }

    public void Dispose() => _dir.Dispose();
}

/// <summary>Section globs come from users' files: any text must give a matcher, never a crash.</summary>
public sealed class EditorConfigGlobRobustnessTests
{
    [Fact]
    public void Deeply_nested_braces_and_huge_ranges_give_a_matcher_not_a_stack_overflow()
    {
        // 200,000 nested groups would overflow the stack with unbounded recursion (the process dies, no catch saves it).
        string nested = new string('{', 200_000) + "a" + new string('}', 200_000) + ".dyn";
        var glob = DynLang.Core.Configuration.EditorConfigGlob.Create("/p", nested);
        Assert.False(glob.IsMatch("/p/b.dyn"));

        var huge = DynLang.Core.Configuration.EditorConfigGlob.Create("/p", "m{1..99999999999999}.dyn");
        Assert.False(huge.IsMatch("/p/m5.dyn"));
        Assert.True(DynLang.Core.Configuration.EditorConfigGlob.Create("/p", "m{1..9}.dyn").IsMatch("/p/m5.dyn"));
    }
}
