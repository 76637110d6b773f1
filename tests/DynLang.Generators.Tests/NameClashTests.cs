using DynLang.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace DynLang.Generators.Tests;

/// <summary>
/// Generated code must compile whatever the user's project names its own folders and types: a
/// namespace "…Backend" next to the generated types (the TorchSharp tests have one) once hid the
/// runtime's Backend type from the backend factories. With ILGPU, the device classes too.
/// </summary>
public sealed class NameClashTests
{
    private static readonly MetadataReference Ilgpu = MetadataReference.CreateFromFile(typeof(ILGPU.Context).Assembly.Location);
    private static readonly MetadataReference IlgpuRuntime = MetadataReference.CreateFromFile(typeof(DynLang.Ilgpu.IlgpuBackend).Assembly.Location);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_user_namespace_named_Backend_does_not_break_the_generated_classes(bool ilgpu)
    {
        var runner = new GeneratorRunner([ModelFiles.Load("Plastic.dyn")]);
        runner.AddCSharp($"namespace {GeneratorRunner.RootNamespace}.Backend {{ internal static class UserCode {{ }} }}");
        if (ilgpu)
        {
            runner.AddReference(Ilgpu);
            runner.AddReference(IlgpuRuntime);
        }
        var run = runner.Run();
        Assert.Contains(run.Sources.Keys, hint => hint.EndsWith(".Backends.g.cs", StringComparison.Ordinal));
        Assert.True(run.CompileProblems.Count == 0, string.Join(Environment.NewLine, run.CompileProblems));
    }
}
