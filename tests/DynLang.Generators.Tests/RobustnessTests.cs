using DynLang.Generators.Tests.Infrastructure;

namespace DynLang.Generators.Tests;

/// <summary>
/// The generator never throws, whatever the text: a generator exception would surface as CS8785 and
/// drop every model of the project. 200 seeded random and mangled texts must give only DLxxxx
/// diagnostics, never an internal error (DL0900, a caught crash of DynLang.Core), and whatever code
/// they do generate must compile.
/// </summary>
public class RobustnessTests
{
    private const int Seed = 20251128;
    private const int Count = 200;

    [Fact]
    public void Random_and_mangled_texts_give_only_DynLang_diagnostics()
    {
        var valid = BaselineTests.AllModels().Select(m => m.Text).ToList();
        var texts = MangledModels.Create(Seed, Count, valid);
        var failures = new List<string>();
        int parsed = 0, generated = 0;

        for (int n = 0; n < texts.Count; n++)
        {
            var run = GeneratorRunner.RunOnce(($"/models/Mangled{n}.dyn", texts[n]));
            if (run.Diagnostics.All(d => d.Id is not ("DL0001" or "DL0002"))) parsed++;
            var problems = new List<string>();
            if (run.Generator.Exception is { } exception) problems.Add($"threw {exception}");
            problems.AddRange(run.DriverDiagnostics.Concat(run.Diagnostics)
                .Where(d => !d.Id.StartsWith("DL", StringComparison.Ordinal))
                .Select(d => d.ToString()));
            problems.AddRange(run.Diagnostics.Where(d => d.Id == "DL0900").Select(d => d.ToString()));
            if (run.Sources.Count > 0)
            {
                generated++;
                problems.AddRange(run.Output.GetDiagnostics()
                    .Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error)
                    .Select(d => "generated code: " + d));
            }
            if (problems.Count > 0)
                failures.Add($"text #{n} (seed {Seed}):\n---\n{texts[n]}\n---\n{string.Join("\n", problems)}");
        }

        Assert.True(texts.Count == Count && failures.Count == 0, string.Join("\n\n", failures));
        // Guards the test itself: some texts must get past the parser into the binder and beyond
        // (no DL0001/DL0002), and some must not; some must even generate code (else the compile check
        // above checks nothing). With this seed: 26 parse, 12 generate.
        Assert.InRange(parsed, 1, Count - 1);
        Assert.InRange(generated, 1, Count - 1);
    }
}
