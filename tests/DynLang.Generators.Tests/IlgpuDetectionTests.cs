using DynLang.Generators.Pipeline;
using DynLang.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace DynLang.Generators.Tests;

/// <summary>
/// The ILGPU classes are emitted only when the compilation references the ILGPU assembly; then they
/// compile cleanly (every warning wave) against the real ILGPU 1.5.3; the detection step keeps the
/// pipeline cached across C# edits; synapses and fields get ILGPU classes too.
/// </summary>
public class IlgpuDetectionTests
{
    private static readonly MetadataReference Ilgpu = MetadataReference.CreateFromFile(typeof(ILGPU.Context).Assembly.Location);
    private static readonly MetadataReference IlgpuRuntime = MetadataReference.CreateFromFile(typeof(DynLang.Ilgpu.IlgpuBackend).Assembly.Location);

    private static readonly (string Path, string Text)[] Files =
    [
        ModelFiles.Load("Lif.dyn"),
        ModelFiles.Load("Izhikevich.dyn"),
        ModelFiles.Load("NoisyLif.dyn"),
        ModelFiles.Load("Oja.dyn"),
        ModelFiles.Load("LotkaVolterra.dyn"),
        ("/models/Net.dyn", "neuron N {\n  state v : 1 = 0\n  dv/dt = -v/(10 ms)\n  on v > 1 { v = 0; emit spike }\n}\n" +
                            "synapse S(pre N, post N) {\n  param w = 0.1\n  on pre { post.v += w }\n}\n"),
        ("/models/Field.dyn", "field Heat on grid1d(periodic) {\n  param D = 1, dx = 1\n  state u = 0\n  du/dt = D*laplacian(u)\n  solver euler\n}\n"),
    ];

    [Fact]
    public void Without_an_ILGPU_reference_no_ILGPU_class_is_generated()
    {
        var run = new GeneratorRunner(Files).Run();
        Assert.Contains("LIF.g.cs", run.Sources.Keys);
        Assert.Contains("S.g.cs", run.Sources.Keys); // every file compiles (else the absence below proves nothing)
        Assert.Contains("Heat.g.cs", run.Sources.Keys);
        Assert.DoesNotContain(run.Sources.Keys, hint => hint.Contains(".Ilgpu."));
        Assert.Empty(run.CompileProblems);
    }

    [Fact]
    public void With_ILGPU_referenced_every_neuron_system_rule_and_field_gets_a_class_that_compiles_cleanly()
    {
        var runner = new GeneratorRunner(Files);
        runner.AddReference(Ilgpu);
        runner.AddReference(IlgpuRuntime);
        var run = runner.Run();
        foreach (var hint in new[] { "LIF", "Izhikevich", "NoisyLif", "Oja", "LotkaVolterra", "N" })
            Assert.Contains($"{hint}.Ilgpu.g.cs", run.Sources.Keys);
        Assert.Contains("public sealed partial class LIFPopulationIlgpu", run.Sources["LIF.Ilgpu.g.cs"]);
        Assert.Contains("public sealed partial class OjaRuleIlgpu", run.Sources["Oja.Ilgpu.g.cs"]);
        Assert.Contains("public sealed partial class LotkaVolterraSystemIlgpu", run.Sources["LotkaVolterra.Ilgpu.g.cs"]);
        Assert.Contains("public sealed partial class SSynapsesIlgpu", run.Sources["S.Ilgpu.g.cs"]); // synapses: pathways as kernels
        Assert.Contains("Heat.g.cs", run.Sources.Keys);
        Assert.Contains("public sealed partial class HeatFieldIlgpu", run.Sources["Heat.Ilgpu.g.cs"]); // fields: one kernel per solver pass
        Assert.Empty(run.CompileProblems);
    }

    [Fact]
    public void ILGPU_without_DynLang_Ilgpu_gives_no_ILGPU_class_and_says_why()
    {
        var runner = new GeneratorRunner(Files);
        runner.AddReference(Ilgpu);
        var run = runner.Run();
        Assert.DoesNotContain(run.Sources.Keys, hint => hint.Contains(".Ilgpu."));
        var warning = Assert.Single(run.Diagnostics, d => d.Id == "DL0903");
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("DynLang.Ilgpu", warning.GetMessage());
        Assert.Empty(run.CompileProblems);
    }

    [Fact]
    public void An_unrelated_edit_keeps_the_detection_and_everything_after_it_cached()
    {
        var runner = new GeneratorRunner(Files);
        runner.AddReference(Ilgpu);
        runner.AddReference(IlgpuRuntime);
        runner.Run();
        runner.AddCSharp("namespace User; public static class Unrelated { public static int Answer => 42; }");
        var second = runner.Run();
        foreach (var name in new[] { TrackingNames.Ilgpu, TrackingNames.Options, TrackingNames.Compiled, TrackingNames.Project })
        {
            var outputs = Outputs(second, name);
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"step {name}: {o.Reason}"));
        }
    }

    [Fact]
    public void Adding_the_ILGPU_reference_regenerates_with_the_ILGPU_classes()
    {
        var runner = new GeneratorRunner(Files);
        var first = runner.Run();
        Assert.DoesNotContain(first.Sources.Keys, hint => hint.Contains(".Ilgpu."));
        runner.AddReference(Ilgpu);
        runner.AddReference(IlgpuRuntime);
        var second = runner.Run();
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(Outputs(second, TrackingNames.Ilgpu)).Reason);
        var compiled = Outputs(second, TrackingNames.Compiled).ToDictionary(o => ((FileResult)o.Value).Path, o => o.Reason);
        Assert.Equal(Files.Length, compiled.Count);
        foreach (var (path, reason) in compiled)
        {
            // Every file is compiled again, and each one's result changes: every file has a model with an ILGPU class (fields too).
            Assert.True(reason == IncrementalStepRunReason.Modified, $"{path}: {reason}, expected Modified");
        }
        Assert.Contains("LIF.Ilgpu.g.cs", second.Sources.Keys);
    }

    [Fact]
    public void A_model_declared_in_two_files_keeps_one_CPU_and_one_ILGPU_class()
    {
        var lif = ModelFiles.Load("Lif.dyn");
        var runner = new GeneratorRunner([lif, ("/models/Copy.dyn", lif.Text)]);
        runner.AddReference(Ilgpu);
        runner.AddReference(IlgpuRuntime);
        var run = runner.Run();
        Assert.Contains(run.Diagnostics, d => d.Id == "DL0115");
        Assert.Single(run.Sources.Keys, hint => hint.Contains(".Ilgpu."));
        Assert.Single(run.Sources.Keys, hint => hint.Contains(".Backends."));
        Assert.Single(run.Sources.Keys, hint => !hint.Contains(".Ilgpu.") && !hint.Contains(".Backends."));
        Assert.Empty(run.CompileProblems);
    }

    private static IReadOnlyList<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRun run, string stepName)
    {
        Assert.True(run.Generator.TrackedSteps.TryGetValue(stepName, out var steps), $"no step named {stepName} was tracked");
        return steps.SelectMany(s => s.Outputs).ToList();
    }
}
