using DynLang.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DynLang.Generators.Tests;

/// <summary>
/// The PINN loss weighting is one project-level file, generated only where TorchSharp is referenced
/// (elsewhere it would not compile). That it compiles and computes the annealing formula against the
/// real TorchSharp is tests/DynLang.TorchSharp.Tests' job (Pinn/LossWeightingTests).
/// </summary>
public class PinnLossWeightsFileTests
{
    private static readonly MetadataReference StandIn = CSharpCompilation.Create("TorchSharp",
            [CSharpSyntaxTree.ParseText("namespace TorchSharp { public static class torch { } }")],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
        .ToMetadataReference();

    private static readonly (string Path, string Text)[] Files = [ModelFiles.Load("Lif.dyn")];

    [Fact]
    public void Without_TorchSharp_there_is_no_weighting_file()
    {
        var run = new GeneratorRunner(Files).Run();
        Assert.Contains("LIF.g.cs", run.Sources.Keys); // the generator ran (else the absence proves nothing)
        Assert.DoesNotContain("DynLang.PinnLossWeights.g.cs", run.Sources.Keys);
    }

    [Fact]
    public void With_TorchSharp_the_weighting_file_is_generated_once_in_namespace_DynLang_Pinn()
    {
        var runner = new GeneratorRunner(Files);
        runner.AddReference(StandIn);
        var text = runner.Run().Sources["DynLang.PinnLossWeights.g.cs"];
        Assert.Contains("namespace DynLang.Pinn\n", text.Replace("\r\n", "\n"));
        Assert.Contains("internal sealed class PinnLossWeights", text);
        Assert.DoesNotContain("__NAMESPACE__", text);
    }
}
