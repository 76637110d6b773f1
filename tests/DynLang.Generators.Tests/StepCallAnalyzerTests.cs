using System.Collections.Immutable;
using DynLang.Generators.Analyzers;
using DynLang.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DynLang.Generators.Tests;

/// <summary>
/// DL0501 at the C# call site: a constant time step passed to a generated Step beyond the
/// explicit solver's stability bound (2·tau_m = 20 ms for euler here). Variable arguments and
/// steps within the bound are not reported; exact solvers carry no bound at all.
/// </summary>
public sealed class StepCallAnalyzerTests
{
    private const string Model = """
        neuron Lif {
          param tau_m = 10 ms, v_rest = -65 mV
          state v = v_rest
          dv/dt = (v_rest - v) / tau_m
          solver euler
        }

        neuron Exact {
          param tau_m = 10 ms
          state v = 0 mV
          dv/dt = -v / tau_m
          solver exact
        }
        """;

    private const string User = """
        namespace User
        {
            public static class Simulation
            {
                public static void Run(double dt)
                {
                    var lif = new Generated.Models.LifPopulation(10);
                    lif.Step(1e-4);          // fine
                    lif.Step(0.05);          // beyond 20 ms
                    lif.Step(dt);            // unknown at build time
                    const double big = 0.03;
                    lif.Step(big);           // a constant: reported
                    var exact = new Generated.Models.ExactPopulation(10);
                    exact.Step(1.0);         // exact solver: no bound
                }
            }
        }
        """;

    [Fact]
    public async Task ConstantTimeStepsBeyondTheBoundAreReportedAtTheArgument()
    {
        var runner = new GeneratorRunner(new[] { ("/models/Lif.dyn", Model) });
        runner.AddCSharp(User);
        var run = runner.Run();
        Assert.Empty(run.CompileProblems);

        var withAnalyzer = run.Output.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new StepCallAnalyzer()));
        var reported = (await withAnalyzer.GetAnalyzerDiagnosticsAsync()).OrderBy(d => d.Location.SourceSpan.Start).ToList();

        Assert.Equal(2, reported.Count);
        Assert.All(reported, d => Assert.Equal("DL0501", d.Id));
        Assert.All(reported, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        var first = reported[0].Location.GetLineSpan();
        Assert.Equal(8, first.StartLinePosition.Line); // zero-based: the 9th line
        Assert.Equal("0.05", reported[0].Location.SourceTree!.GetText().ToString(reported[0].Location.SourceSpan));
        Assert.Equal("big", reported[1].Location.SourceTree!.GetText().ToString(reported[1].Location.SourceSpan));
        Assert.Equal(
            "Step(0.05) is beyond the stability bound of LifPopulation: euler needs dt < 2·τ_min = 20 ms, with τ_min = 10 ms from dv/dt, whose coefficient of v is -1/tau_m (at the default parameters)",
            reported[0].GetMessage());
    }
}
