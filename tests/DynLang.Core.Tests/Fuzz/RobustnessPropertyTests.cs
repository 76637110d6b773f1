using DynLang.Core.Compilation;
using DynLang.Core.Diagnostics;
using DynLang.Core.Tests.TestSupport;

namespace DynLang.Core.Tests.Fuzz;

/// <summary>
/// The property the source generator relies on: for ANY input text the compiler (parser, binder,
/// unit checker, lowering, emitter) returns — no exception escapes, no internal error (DL0900,
/// which is what a caught exception becomes) — and every diagnostic is located inside the file.
/// 10,000 inputs: mutations of the valid corpus and random token soups, from fixed seeds.
/// </summary>
public sealed class RobustnessPropertyTests
{
    private const int Inputs = 10_000;

    [Fact]
    public void AnyInputGivesLocatedDiagnosticsAndNeverAnInternalError()
    {
        var corpus = TestFiles.In("Syntax/Valid").Concat(TestFiles.In("Syntax/Invalid")).Select(File.ReadAllText).ToArray();
        var mutator = new InputMutator(seed: 20261128);
        var failures = new List<string>();
        int generated = 0, rejected = 0;
        for (int n = 0; n < Inputs && failures.Count < 5; n++)
        {
            string input = n % 10 == 9 ? mutator.TokenSoup() : mutator.Mutate(corpus[n % corpus.Length]);
            CompilationResult result;
            try
            {
                result = DynCompiler.Compile("fuzz.dyn", input);
            }
            catch (Exception e)
            {
                failures.Add($"input #{n} threw {e.GetType().Name}: {e.Message}\n---\n{input}\n---");
                continue;
            }
            if (result.Files.Any(f => f.IsModelCode)) generated++;
            if (result.Diagnostics.Any(d => d.IsError)) rejected++;
            foreach (var diagnostic in result.Diagnostics)
            {
                if (diagnostic.Id == DiagnosticDescriptors.InternalError.Id)
                    failures.Add($"input #{n}: {diagnostic}\n---\n{input}\n---");
                var location = diagnostic.Location;
                bool located = location.Path == "fuzz.dyn" && location.Span.Start >= 0 && location.Span.End <= input.Length
                               && (location.Start.Line < location.End.Line
                                   || (location.Start.Line == location.End.Line && location.Start.Character <= location.End.Character));
                if (!located) failures.Add($"input #{n}: badly located {diagnostic} span {location.Span}\n---\n{input}\n---");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        // Not vacuous: the inputs reach every stage — many still generate code, many are rejected.
        Assert.True(generated > Inputs / 10, $"only {generated} of {Inputs} inputs reached code generation");
        Assert.True(rejected > Inputs / 3, $"only {rejected} of {Inputs} inputs were rejected");
    }

    /// <summary>
    /// Every file of the corpus (valid, invalid, the checks' models) and the inputs that once
    /// located a diagnostic outside the file (two nameless models: DL0115 at offset -1, which made
    /// the generator throw CS8785), compiled as they are: every diagnostic lies inside its file.
    /// </summary>
    [Fact]
    public void EveryCorpusDiagnosticIsInsideItsFile()
    {
        var inputs = TestFiles.In("Syntax/Valid").Concat(TestFiles.In("Syntax/Invalid")).Concat(TestFiles.In("Checks/Models"))
            .Select(File.ReadAllText)
            .Concat(new[]
            {
                "neuron {}\nneuron {}\n",
                "neuron {}",
                "system { state x = 1 dx/dt = -x }\nsystem { }",
                "neuron A {} neuron A {} neuron {}",
                "system S {\n  state x = 1\n  dx/dt = -" + new string('(', 500) + "x\n}\n",
                "function f(x) = " + string.Concat(Enumerable.Repeat("x + ", 2000)) + "x\n",
            })
            .ToList();
        var failures = new List<string>();
        foreach (string input in inputs)
        {
            var result = DynCompiler.Compile("corpus.dyn", input);
            foreach (var diagnostic in result.Diagnostics)
            {
                var location = diagnostic.Location;
                bool inside = location.Path == "corpus.dyn" && location.Span.Start >= 0 && location.Span.Length >= 0
                              && location.Span.End <= input.Length && location.Start.Line >= 0 && location.Start.Character >= 0
                              && (location.Start.Line < location.End.Line
                                  || (location.Start.Line == location.End.Line && location.Start.Character <= location.End.Character));
                if (!inside) failures.Add($"{diagnostic} span {location.Span}\n---\n{(input.Length > 300 ? input[..300] + "…" : input)}\n---");
                if (diagnostic.Id == DiagnosticDescriptors.InternalError.Id) failures.Add($"{diagnostic}");
            }
        }
        Assert.True(inputs.Count > 50, $"only {inputs.Count} inputs");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }
}
