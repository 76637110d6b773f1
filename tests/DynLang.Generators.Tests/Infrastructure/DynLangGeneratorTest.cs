using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace DynLang.Generators.Tests.Infrastructure;

/// <summary>
/// Microsoft.CodeAnalysis.Testing's generator test, set up for DynLang: .dyn files as AdditionalFiles,
/// the offline net10.0 references plus DynLang.Runtime, and RootNamespace as MSBuild would pass it.
/// It compares the generator's diagnostics (id, severity, file, line/column span, message) with the
/// expected ones, and fails on any compiler error in the generated code.
/// Generated text is checked by the baseline tests, so it is not repeated here.
/// </summary>
internal sealed class DynLangGeneratorTest : CSharpSourceGeneratorTest<DynLangGenerator, DefaultVerifier>
{
    public DynLangGeneratorTest(params (string Path, string Text)[] files)
    {
        ReferenceAssemblies = References.TestingReferenceAssemblies;
        TestState.AdditionalReferences.AddRange(References.FrameworkReferences);
        TestState.AdditionalReferences.Add(References.Runtime);
        TestState.AnalyzerConfigFiles.Add(("/.globalconfig",
            $"is_global = true\nbuild_property.RootNamespace = {GeneratorRunner.RootNamespace}\n"));
        // The Testing library refuses a project without C# of its own; a consuming project always has some.
        TestState.Sources.Add(("/src/Program.cs", "namespace User { internal static class Program { } }"));
        foreach (var file in files) TestState.AdditionalFiles.Add((file.Path, file.Text));
        TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
    }

    /// <summary>An expected DynLang diagnostic at a one-based line/column span of a .dyn file.</summary>
    public static DiagnosticResult Expect(string id, DiagnosticSeverity severity, string path,
        int startLine, int startColumn, int endLine, int endColumn, string message) =>
        new DiagnosticResult(id, severity)
            .WithSpan(path, startLine, startColumn, endLine, endColumn)
            .WithMessage(message);

    /// <summary>Runs the generator on <paramref name="files"/> and verifies exactly <paramref name="expected"/>.</summary>
    public static Task VerifyAsync((string Path, string Text)[] files, params DiagnosticResult[] expected)
    {
        var test = new DynLangGeneratorTest(files);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>Same for one file.</summary>
    public static Task VerifyAsync(string path, string text, params DiagnosticResult[] expected) =>
        VerifyAsync([(path, text)], expected);
}
