using DynLang.Generators.Tests.Infrastructure;

namespace DynLang.Generators.Tests;

/// <summary>
/// Issue 10, item 4: the verdicts (Info diagnostics a plain build hides) are written, one line per
/// model, into DynLang.Verdicts.g.cs, whose "// DynLang:" lines the package's build targets print;
/// DynLangVerdicts = detailed adds every claim, none writes nothing.
/// </summary>
public class VerdictSummaryTests
{
    private const string Plasticity = """
        rule Hebb(x[i]) on W[i,j] {
          param eta = 0.001
          dW[i,j]/dt = eta * x[i] * x[j]
          assert symmetric(W)
        }
        rule Oja(x[j], y[i]) on W[i,j] {
          param eta = 0.005
          dW[i,j]/dt = eta * y[i] * (x[j] - y[i]*W[i,j])
          assert symmetric(W)
        }
        system Cubic {
          state x = 1
          dx/dt = -x^3
        }
        """;

    private static IReadOnlyDictionary<string, string> Run(string mode) =>
        new GeneratorRunner(new[] { ("/models/Plasticity.dyn", Plasticity) },
            new Dictionary<string, string> { ["RootNamespace"] = "Tests", ["DynLangVerdicts"] = mode }).Run().Sources;

    [Fact]
    public void Summary_gives_one_line_per_model_with_its_verdicts()
    {
        var text = Run("summary")["DynLang.Verdicts.g.cs"];
        var lines = text.Split('\n').Where(l => l.StartsWith("// DynLang:", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Contains("// DynLang: Plasticity.dyn: Hebb: symmetry proven; solver rk4 (chosen)", lines);
        // Oja's W is not square here (x[j], y[i]): the check says it cannot run, it does not pretend.
        Assert.Contains("// DynLang: Plasticity.dyn: Oja: check cannot run; solver rk4 (chosen)", lines);
        Assert.Contains("// DynLang: Plasticity.dyn: Cubic: solver rk4 (chosen)", lines);
    }

    [Fact]
    public void Detailed_adds_each_claim_with_its_location_and_message()
    {
        var text = Run("detailed")["DynLang.Verdicts.g.cs"];
        Assert.Contains("// DynLang:   Plasticity.dyn(4,3): DL0410: ", text);
        Assert.Contains("// DynLang:   Plasticity.dyn(9,3): DL0400: cannot check symmetric(W)", text);
    }

    [Fact]
    public void None_writes_no_verdicts_file() => Assert.DoesNotContain("DynLang.Verdicts.g.cs", Run("none").Keys);
}
