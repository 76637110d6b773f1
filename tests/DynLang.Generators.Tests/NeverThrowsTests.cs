using DynLang.Generators.Pipeline;
using DynLang.Generators.Tests.Infrastructure;

namespace DynLang.Generators.Tests;

/// <summary>
/// Issue 9, item 2: the generator never throws. An exception escaping it is CS8785 and removes
/// every generated class of the project, valid files' included. Two nameless models once made
/// DL0115 be located at offset -1, and Roslyn's TextSpan threw.
/// </summary>
public class NeverThrowsTests
{
    private const string Valid = """
        neuron Leaky {
          param tau = 10 ms
          state v = 0 mV
          dv/dt = -v/tau
        }
        """;

    [Fact]
    public void Two_nameless_models_do_not_cost_the_valid_files_their_classes()
    {
        var run = GeneratorRunner.RunOnce(("/models/Nameless.dyn", "neuron {}\nneuron {}\n"), ("/models/Leaky.dyn", Valid));

        Assert.Null(run.Generator.Exception);
        Assert.DoesNotContain(run.DriverDiagnostics.Concat(run.Diagnostics), d => d.Id == "CS8785");
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "DL0900");
        Assert.Contains(run.Sources.Keys, hint => hint.StartsWith("Leaky", StringComparison.Ordinal));
        Assert.Contains(run.Diagnostics, d => d.Id == "DL0001");
        foreach (var diagnostic in run.Diagnostics.Where(d => d.Location.IsInSource || d.Location.Kind == Microsoft.CodeAnalysis.LocationKind.ExternalFile))
        {
            var span = diagnostic.Location.SourceSpan;
            Assert.True(span.Start >= 0 && span.End <= "neuron {}\nneuron {}\n".Length + Valid.Length, diagnostic.ToString());
        }
    }

    [Fact]
    public void Ten_thousand_nested_parentheses_give_DL0003_and_keep_the_valid_files_classes()
    {
        string deep = "system Deep {\n  state x = 1\n  dx/dt = -" + new string('(', 10_000) + "x" + new string(')', 10_000) + "\n}\n";
        var run = GeneratorRunner.RunOnce(("/models/Deep.dyn", deep), ("/models/Leaky.dyn", Valid));

        Assert.Null(run.Generator.Exception);
        var error = Assert.Single(run.Diagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        Assert.Equal("DL0003", error.Id);
        Assert.Contains(run.Sources.Keys, hint => hint.StartsWith("Leaky", StringComparison.Ordinal));
    }

    [Fact]
    public void A_diagnostic_with_an_invalid_span_is_still_located_not_thrown()
    {
        var data = new DiagnosticData("DL0115", 3, "m", "/models/A.dyn", -1, -5, -1, -1, -2, -3);

        var diagnostic = RoslynDiagnostics.ToRoslyn(data);

        Assert.Equal(0, diagnostic.Location.SourceSpan.Start);
        Assert.Equal(0, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }
}
