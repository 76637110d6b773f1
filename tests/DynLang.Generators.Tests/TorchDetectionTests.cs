using DynLang.Generators.Pipeline;
using DynLang.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DynLang.Generators.Tests;

/// <summary>
/// The TorchSharp classes are emitted only when the compilation references an assembly named
/// TorchSharp, and the detection keeps the pipeline cached across C# edits. The reference here is
/// a stand-in assembly of that name (this project must not restore libtorch, ~1.4 GB); that the
/// classes compile and compute against the real TorchSharp is tests/DynLang.TorchSharp.Tests' job.
/// </summary>
public class TorchDetectionTests
{
    private static readonly MetadataReference StandIn = CSharpCompilation.Create("TorchSharp",
            [CSharpSyntaxTree.ParseText("namespace TorchSharp { public static class torch { } }")],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
        .ToMetadataReference();

    private static readonly (string Path, string Text)[] Files =
    [
        ModelFiles.Load("Lif.dyn"),
        ModelFiles.Load("NoisyLif.dyn"),
        ModelFiles.Load("Oja.dyn"),
        ModelFiles.Load("LotkaVolterra.dyn"),
    ];

    [Fact]
    public void Without_a_TorchSharp_reference_no_Torch_class_is_generated()
    {
        var run = new GeneratorRunner(Files).Run();
        Assert.Contains("LIF.g.cs", run.Sources.Keys); // the models compile (else the absence below proves nothing)
        Assert.DoesNotContain(run.Sources.Keys, hint => hint.Contains(".Torch."));
    }

    [Fact]
    public void With_TorchSharp_referenced_neurons_ensembles_and_rules_get_a_Torch_class()
    {
        var runner = new GeneratorRunner(Files);
        runner.AddReference(StandIn);
        var run = runner.Run();
        Assert.Contains("public sealed partial class LIFTorch : IDisposable", run.Sources["LIF.Torch.g.cs"]);
        Assert.Contains("public sealed partial class LotkaVolterraTorch : IDisposable", run.Sources["LotkaVolterra.Torch.g.cs"]);
        Assert.Contains(".lerp_(", run.Sources["LIF.Torch.g.cs"]); // the exact leak is fused
        Assert.Contains("public sealed partial class OjaTorch : IDisposable", run.Sources["Oja.Torch.g.cs"]);
        // Not generated yet: noise (no counter-based generator on tensors yet).
        Assert.DoesNotContain("NoisyLif.Torch.g.cs", run.Sources.Keys);
    }

    [Fact]
    public void An_unrelated_edit_keeps_the_detection_and_everything_after_it_cached()
    {
        var runner = new GeneratorRunner(Files);
        runner.AddReference(StandIn);
        runner.Run();
        runner.AddCSharp("namespace User; public static class Unrelated { public static int Answer => 42; }");
        var second = runner.Run();
        foreach (var name in new[] { TrackingNames.Torch, TrackingNames.Options, TrackingNames.Compiled, TrackingNames.Project })
        {
            var outputs = second.Result.Results.Single().TrackedSteps[name].SelectMany(s => s.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"step {name}: {o.Reason}"));
        }
    }
}
