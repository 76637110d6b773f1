using DynLang.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace DynLang.Generators.Tests;

/// <summary>
/// The MSBuild property DynLangMath reaches the compiler as the project's default math mode; a
/// model's own <c>math</c> member wins; an invalid value is DL0901 for the project (no location).
/// </summary>
public sealed class MathModeOptionTests
{
    private const string Path = "/models/Decay.dyn";

    private static string Model(string math = "") =>
        "system Decay {\n  state x = 1\n  dx/dt = -exp(x)*x^3\n  solver euler\n" + (math.Length > 0 ? $"  {math}\n" : "") + "}\n";

    private static GeneratorRun Run(string text, string? math)
    {
        var properties = new Dictionary<string, string> { ["RootNamespace"] = GeneratorRunner.RootNamespace, ["DynLangVerdicts"] = "none" };
        if (math is not null) properties["DynLangMath"] = math;
        return new GeneratorRunner([(Path, text)], properties).Run();
    }

    private static string Source(GeneratorRun run)
    {
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.True(run.CompileProblems.Count == 0, string.Join(Environment.NewLine, run.CompileProblems));
        return Assert.Single(run.Sources).Value;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("platform")]
    [InlineData("")]
    public void Without_the_property_or_with_platform_the_kernels_call_the_platform_functions(string? math)
    {
        string source = Source(Run(Model(), math));
        Assert.DoesNotContain("FastMath", source);
        Assert.Contains("Math.Pow(x, 3.0)", source);
    }

    [Theory]
    [InlineData("fast")]
    [InlineData(" Fast ")]
    public void DynLangMath_fast_is_the_default_of_models_without_a_math_member(string math)
    {
        string source = Source(Run(Model(), math));
        Assert.Contains("FastMath.Exp(", source);
        Assert.DoesNotContain("Pow(", source);
    }

    [Fact]
    public void Fast_float_kernels_of_every_shape_compile_against_FastMath_s_float_overloads()
    {
        // Elementwise (SIMD body and scalar tail), indexed and field kernels, in float: every
        // function FastMath has, an integer power and pow with a general exponent.
        const string models =
            "system E {\n  state x = 1\n  dx/dt = -exp(x) + log(2 + x) + exprel(x) + sqrt(2 + x) + tanh(x) + sin(x) + cos(x) + x^3 + (2 + x)^1.5\n" +
            "  solver rk4\n  precision float\n  math fast\n}\n" +
            "rule R(u[j]) on W[i,j] {\n  param eta = 0.01\n  dW[i,j]/dt = eta*(tanh(u[j]) - W[i,j]^3 + exp(-W[i,j]))\n  precision float\n  math fast\n}\n" +
            "field F on grid1d(periodic) {\n  param D = 1\n  state u = 0\n  du/dt = D*laplacian(u) - sin(u) - u^5\n  precision float\n  math fast\n}\n";
        var run = new GeneratorRunner([("/models/FastFloat.dyn", models)],
            new Dictionary<string, string> { ["RootNamespace"] = GeneratorRunner.RootNamespace, ["DynLangVerdicts"] = "none" }).Run();
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Equal(3, run.Sources.Count);
        Assert.True(run.CompileProblems.Count == 0, string.Join(Environment.NewLine, run.CompileProblems));
        Assert.All(run.Sources.Values, source => Assert.Contains("FastMath.", source));
    }

    [Fact]
    public void A_model_s_math_member_wins_over_the_property()
    {
        Assert.DoesNotContain("FastMath", Source(Run(Model("math platform"), "fast")));
        Assert.Contains("FastMath.Exp(", Source(Run(Model("math fast"), "platform")));
    }

    [Fact]
    public Task An_invalid_DynLangMath_is_reported_without_a_location_and_platform_is_used()
    {
        var test = new DynLangGeneratorTest((Path, Model()));
        test.TestState.AnalyzerConfigFiles.Clear();
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig",
            $"is_global = true\nbuild_property.RootNamespace = {GeneratorRunner.RootNamespace}\nbuild_property.DynLangMath = fats\n"));
        test.ExpectedDiagnostics.Add(new Microsoft.CodeAnalysis.Testing.DiagnosticResult("DL0901", DiagnosticSeverity.Error)
            .WithNoLocation()
            .WithMessage("DynLangMath must be 'platform' or 'fast', found 'fats'; using platform (did you mean 'fast'?)"));
        return test.RunAsync();
    }

    [Fact]
    public void An_invalid_DynLangMath_still_generates_platform_code()
    {
        var run = Run(Model(), "turbo");
        var error = Assert.Single(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("DL0901", error.Id);
        Assert.Equal(Location.None, error.Location);
        Assert.Equal("DynLangMath must be 'platform' or 'fast', found 'turbo'; using platform", error.GetMessage());
        Assert.DoesNotContain("FastMath", Assert.Single(run.Sources).Value);
    }
}
