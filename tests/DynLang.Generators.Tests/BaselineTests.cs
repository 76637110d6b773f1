using DynLang.Generators.Tests.Infrastructure;

namespace DynLang.Generators.Tests;

/// <summary>
/// The generated C# of representative models equals checked-in baselines (Baselines/*.g.cs.txt) and
/// compiles without errors or warnings against DynLang.Runtime. After an intended change to the
/// emitter, run with DYNLANG_UPDATE_BASELINES=1 and review the diff (see README.md).
/// </summary>
public class BaselineTests
{
    /// <summary>
    /// Models/ file → the fixed path the generator is told (it appears in #line directives and
    /// diagnostics, so it must not depend on where the repository is checked out).
    /// </summary>
    public static readonly string[] ModelNames =
    [
        "Lif.dyn",          // neuron, events, refractoriness, solver exact
        "Izhikevich.dyn",   // nonlinear neuron, solver rk4
        "Oja.dyn",          // rule over a weight matrix, solver euler
        "LotkaVolterra.dyn", // system, no solver named (rk4 chosen, DL0302)
        "NoisyLif.dyn",     // neuron with white noise, no solver named (euler_maruyama chosen): Seed, scalar loop
        "Conductance.dyn",  // conductance-based neuron, solver exponential_euler
        "HodgkinHuxleyFast.dyn", // math fast: FastMath calls, integer powers multiplied out, common subexpressions
    ];

    public static TheoryData<string> Models => new(ModelNames);

    /// <summary>Every model of <see cref="ModelNames"/>, loaded.</summary>
    public static (string Path, string Text)[] AllModels() => ModelNames.Select(ModelFiles.Load).ToArray();

    [Theory]
    [MemberData(nameof(Models))]
    public void Generated_source_matches_the_baseline(string model)
    {
        var run = GeneratorRunner.RunOnce(ModelFiles.Load(model));

        Assert.DoesNotContain(run.Diagnostics, d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning);
        var (hintName, text) = Assert.Single(run.Sources, s => !IsBackends(s.Key));
        Baselines.AssertMatches(hintName + ".txt", text);
        // Neurons also get the backend interface and factory (Emit/Backends): its own baseline.
        foreach (var (backends, factory) in run.Sources.Where(s => IsBackends(s.Key)))
            Baselines.AssertMatches(backends + ".txt", factory);
    }

    private static bool IsBackends(string hintName) => hintName.EndsWith(".Backends.g.cs", StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Models))]
    public void Generated_source_compiles_without_errors_or_warnings(string model)
    {
        var run = GeneratorRunner.RunOnce(ModelFiles.Load(model));

        Assert.NotEmpty(run.Sources);
        Assert.True(run.CompileProblems.Count == 0, string.Join(Environment.NewLine, run.CompileProblems));
    }

    [Fact]
    public void All_models_compile_together_in_one_project()
    {
        var run = GeneratorRunner.RunOnce(AllModels());

        Assert.Equal(ModelNames.Length, run.Sources.Count(s => !IsBackends(s.Key)));
        Assert.True(run.CompileProblems.Count == 0, string.Join(Environment.NewLine, run.CompileProblems));
    }

    /// <summary>
    /// A synapse model (Models/Plastic.dyn: split pathways, a summed variable, clock- and
    /// event-driven states): its class equals the baseline, and it compiles with its neuron's.
    /// (The neuron's class is the elementwise emitter's, whose baselines are the models above.)
    /// </summary>
    [Fact]
    public void Generated_synapse_source_matches_the_baseline()
    {
        var run = GeneratorRunner.RunOnce(ModelFiles.Load("Plastic.dyn"));

        Assert.DoesNotContain(run.Diagnostics, d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning);
        Assert.True(run.CompileProblems.Count == 0, string.Join(Environment.NewLine, run.CompileProblems));
        Assert.Equal(new[] { "Cell.Backends.g.cs", "Cell.g.cs", "Plastic.Backends.g.cs", "Plastic.g.cs" }, run.Sources.Keys.Order());
        Baselines.AssertMatches("Plastic.g.cs.txt", run.Sources["Plastic.g.cs"]);
        Baselines.AssertMatches("Plastic.Backends.g.cs.txt", run.Sources["Plastic.Backends.g.cs"]);
    }

    [Fact]
    public void Line_directives_point_at_the_model_file()
    {
        var (_, text) = Assert.Single(GeneratorRunner.RunOnce(ModelFiles.Load("Lif.dyn")).Sources, s => !IsBackends(s.Key));
        // The equation dv/dt is on line 10 of Models/Lif.dyn; a debugger steps into it there.
        Assert.Contains("#line 10 \"/models/Lif.dyn\"", text);
    }
}
