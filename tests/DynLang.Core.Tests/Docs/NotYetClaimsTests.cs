using System.Text.RegularExpressions;
using DynLang.Core.Compilation;
using DynLang.Core.Diagnostics;
using DynLang.Core.Lowering;
using DynLang.Core.Tests.TestSupport;

namespace DynLang.Core.Tests.Docs;

/// <summary>
/// Keeps the docs' "not yet" statements honest (issue 10, item 12). Every sentence in README.md,
/// docs/ and grammar/README.md that says something is not there yet ("not generated yet",
/// "none yet", "not implemented yet", "Not yet: …") must carry a marker
/// <c>&lt;!-- not-yet: key, key --&gt;</c> in its paragraph (or table row), and every key names a
/// probe below that compiles a model and asserts the feature really is missing. When a feature
/// lands, its probe fails and points at the sentences to update; a new "not yet" sentence without
/// a marker fails too. Fenced code blocks (quoted messages, examples) are not statements and are
/// skipped, and so are the catalog titles of diagnostics (DL0301 "No code generated yet").
/// </summary>
public sealed class NotYetClaimsTests
{
    /// <summary>"not … yet" within one clause about what the toolkit does: "not generated yet", "none yet",
    /// "Not yet:", "no code … yet", "not … supported yet" (but not "a neuron that has not spiked yet").</summary>
    private static readonly Regex NotYetPhrase = new(
        @"\bnone yet\b|\bnot yet\b|\b(not|no)\b[^.|;:]{0,40}?\b(generat\w*|implement\w*|support\w*|code|call\w*|prove\w*|fallback|availab\w*|emit\w*)\b[^.|;:]{0,20}?\byet\b",
        RegexOptions.IgnoreCase | RegexOptions.Compiled);

    private static readonly Regex Marker = new(@"<!--\s*not-yet:\s*([^>]*?)\s*-->", RegexOptions.Compiled);

    private const string NoisyNeuron = """
        neuron NoisyCell {
          param tau = 10 ms, sigma = 3 mV
          state v = 0 mV
          dv/dt = -v/tau + sigma*sqrt(2/tau)*xi
        }
        """;

    private const string CellAndSynapse = """
        neuron Cell {
          param tau = 10 ms
          state v = 0 mV
          input I : mV
          dv/dt = (I - v)/tau
          on v > 10 mV { v = 0 mV; emit spike }
        }
        synapse Plain(pre Cell, post Cell) {
          param w = 1 mV
          on pre { post.v += w }
        }
        """;

    /// <summary>Each key: what it claims is missing, and a check that fails once it exists.</summary>
    private static readonly IReadOnlyDictionary<string, (string Claim, Action Holds)> Probes =
        new Dictionary<string, (string, Action)>
        {
            ["torch-noise"] = ("models with white noise get no TorchSharp class",
                () => AssertNoFile(NoisyNeuron, new CompileOptions(EmitTorch: true), ".Torch.g.cs")),
            ["torch-index-offsets"] = ("indexed models with index offsets get no TorchSharp class",
                () => AssertNoFile("""
                    system Chain(b[i]) {
                      state s[i]
                      ds[i]/dt = s[i+1] - s[i] + b[i]
                    }
                    """, new CompileOptions(EmitTorch: true), ".Torch.g.cs")),
            ["torch-synapse"] = ("synapses get no TorchSharp class",
                () => AssertNoFile(CellAndSynapse, new CompileOptions(EmitTorch: true), "Plain", ".Torch.g.cs")),
            ["ilgpu-indexed-noise"] = ("indexed models with white noise get no ILGPU class",
                () => AssertNoFile("""
                    system Langevin(g[k]) {
                      param T = 0.01
                      state w[k]
                      dw[k]/dt = -g[k] + sqrt(2*T) * xi[k]
                    }
                    """, new CompileOptions(EmitIlgpu: true), ".Ilgpu.g.cs")),
            ["opaque-call"] = ("calls of functions without a body are not generated (DL0307)",
                () => AssertReports("""
                    function drive(t)
                    system Opaque {
                      state x = 0
                      dx/dt = -x + drive(x)
                    }
                    """, "DL0307")),
            ["state-assertions"] = ("assertions on states or inputs are not proven (DL0400)",
                () => AssertReports("""
                    system Decay {
                      param k = 0.5
                      state x = 1
                      dx/dt = -k*x
                      assert x > 0
                    }
                    """, "DL0400")),
            ["per-element-exact-fallback"] = ("the per-element exact propagator has no matrix-exponential fallback",
                () =>
                {
                    var result = CompileProbe("""
                        neuron Gated {
                          param tau = 10 ms
                          input g
                          state v = 0 mV
                          dv/dt = -g*v/tau
                          solver exact
                        }
                        """);
                    Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
                    var source = Assert.Single(result.ModelFiles()).Source;
                    Assert.DoesNotContain("MatrixExponential", source);
                }),
            ["field-readouts"] = ("field classes have no member evaluating a definition or invariant",
                () => AssertNoReadout("""
                    field Heat on grid1d(periodic) {
                      param D = 0.1, dx = 1
                      state u = 1
                      flux = D*laplacian(u)
                      du/dt = flux
                      invariant total = sum(u)
                      solver euler
                    }
                    """, "Heat", "flux", "total")),
            ["synapse-readouts"] = ("synapse classes have no member evaluating a definition",
                () => AssertNoReadout(CellAndSynapse.Replace("on pre { post.v += w }", "kick = 2*w\n  on pre { post.v += kick }"),
                    "Plain", "kick")),
            ["constant-index"] = ("constant indices such as x[0] are refused (DL0124)",
                () => AssertReports("""
                    system Pinned(b[i]) {
                      state s[i]
                      ds[i]/dt = -s[i] + b[0]
                    }
                    """, "DL0124")),
        };

    public static TheoryData<string> ProbeKeys()
    {
        var data = new TheoryData<string>();
        foreach (var key in Probes.Keys.Order()) data.Add(key);
        return data;
    }

    [Theory]
    [MemberData(nameof(ProbeKeys))]
    public void EveryProbedFeature_IsReallyMissing(string key) => Probes[key].Holds();

    [Fact]
    public void EveryNotYetStatement_CarriesAProbedMarker()
    {
        var titles = DiagnosticDescriptors.All.Select(d => d.Title).ToList();
        var problems = new List<string>();
        var usedKeys = new HashSet<string>();
        foreach (var file in DocumentFiles())
        {
            string relative = Path.GetRelativePath(TestFiles.RepoRoot, file).Replace('\\', '/');
            foreach (var (line, paragraph) in Paragraphs(File.ReadAllLines(file)))
            {
                string text = titles.Aggregate(paragraph, (current, title) => current.Replace(title, ""));
                var keys = Marker.Matches(text).SelectMany(m => m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
                foreach (var key in keys)
                {
                    if (Probes.ContainsKey(key)) usedKeys.Add(key);
                    else problems.Add($"{relative}:{line}: marker key '{key}' has no probe in NotYetClaimsTests");
                }
                if (NotYetPhrase.IsMatch(Marker.Replace(text, "")) && keys.Count == 0)
                    problems.Add($"{relative}:{line}: \"{NotYetPhrase.Match(text).Value}\" without a <!-- not-yet: key --> marker naming what is missing");
            }
        }
        foreach (var key in Probes.Keys.Where(k => !usedKeys.Contains(k)))
            problems.Add($"probe '{key}' is not used by any document: remove it");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>The markdown a user reads: README, docs (with the diagnostic pages), the grammar notes.</summary>
    private static IEnumerable<string> DocumentFiles()
    {
        yield return MarkdownDocs.PathOf("README.md");
        yield return MarkdownDocs.PathOf("grammar/README.md");
        foreach (var file in Directory.GetFiles(MarkdownDocs.PathOf("docs"), "*.md", SearchOption.AllDirectories).Order())
            yield return file;
    }

    /// <summary>Paragraphs outside fenced code, each table row on its own, with its first line number.</summary>
    private static IEnumerable<(int Line, string Text)> Paragraphs(string[] lines)
    {
        var current = new List<string>();
        int start = 0;
        bool fenced = false;
        for (int n = 0; n <= lines.Length; n++)
        {
            string line = n < lines.Length ? lines[n] : "";
            bool fence = line.TrimStart().StartsWith("```", StringComparison.Ordinal);
            bool tableRow = line.TrimStart().StartsWith('|');
            if (fence || fenced || tableRow || line.Trim().Length == 0)
            {
                if (current.Count > 0) yield return (start + 1, string.Join(" ", current));
                current.Clear();
                if (fence) fenced = !fenced;
                else if (tableRow && !fenced) yield return (n + 1, line);
                continue;
            }
            if (current.Count == 0) start = n;
            current.Add(line);
        }
    }

    private static CompilationResult CompileProbe(string text, CompileOptions? options = null)
    {
        var result = DynCompiler.Compile("probe.dyn", text, options);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == DiagnosticDescriptors.InternalError.Id);
        return result;
    }

    /// <summary>The model's CPU class is generated without a readout member (<c>double name(</c>, <c>double[] name(</c>) for any of the names.</summary>
    private static void AssertNoReadout(string text, string model, params string[] names)
    {
        var result = CompileProbe(text);
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        var file = Assert.Single(result.Files, f => f.HintName == model + ".g.cs");
        foreach (var name in names)
            Assert.True(!file.Source.Contains($"public double {name}(") && !file.Source.Contains($"public double[] {name}("),
                $"{model} now has a readout member {name}: update the docs' not-yet statements and remove this probe");
    }

    private static void AssertNoFile(string text, CompileOptions options, string suffix) =>
        AssertNoFile(text, options, "", suffix);

    /// <summary>The model compiles for the CPU (so the probe is not vacuous) but gets no file with the suffix.</summary>
    private static void AssertNoFile(string text, CompileOptions options, string model, string suffix)
    {
        var result = CompileProbe(text, options);
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        Assert.Contains(result.Files, f => f.HintName.StartsWith(model, StringComparison.Ordinal) && f.HintName.EndsWith(".g.cs", StringComparison.Ordinal)
                                           && !f.HintName.EndsWith(".Ilgpu.g.cs", StringComparison.Ordinal) && !f.HintName.EndsWith(".Torch.g.cs", StringComparison.Ordinal));
        var found = result.Files.Where(f => f.HintName.StartsWith(model, StringComparison.Ordinal) && f.HintName.EndsWith(suffix, StringComparison.Ordinal)).Select(f => f.HintName).ToList();
        Assert.True(found.Count == 0, $"now generated: {string.Join(", ", found)} — update the docs' not-yet statements and remove this probe");
    }

    private static void AssertReports(string text, string id)
    {
        var result = CompileProbe(text);
        Assert.True(result.Diagnostics.Any(d => d.Id == id),
            $"{id} is no longer reported: the feature may exist now — update the docs' not-yet statements.\n{string.Join("\n", result.Diagnostics)}");
    }
}
