using DynLang.Generators.Tests.Infrastructure;

namespace DynLang.Generators.Tests;

/// <summary>What gets generated when some models are wrong: the others still do, duplicates do not.</summary>
public class PartialGenerationTests
{
    [Fact]
    public void An_error_in_one_model_still_generates_the_other_models_of_the_file()
    {
        var run = GeneratorRunner.RunOnce(("/models/Three.dyn", """
            system Good {
              param k = 2
              state x = 1
              dx/dt = -k*x
              solver euler
            }
            system Bad {
              state y = 1
              dy/dt = -undefined_rate*y
              solver euler
            }
            system AlsoGood {
              state z = 1
              dz/dt = z*z
              solver rk2
            }
            """));

        Assert.Equal("DL0100", Assert.Single(run.Diagnostics).Id);
        Assert.Equal(new[] { "AlsoGood.g.cs", "Bad.g.cs", "Good.g.cs" }, run.Sources.Keys.Order(StringComparer.Ordinal));
        // Bad keeps a stand-in class (so C# using it compiles), not code: see OneMistakeOneErrorTests.
        Assert.Contains("a stand-in, because the model got no code", run.Sources["Bad.g.cs"]);
        Assert.DoesNotContain("stand-in", run.Sources["Good.g.cs"]);
        Assert.Empty(run.CompileProblems);
    }

    [Fact]
    public void Only_the_first_declaration_of_a_duplicate_model_is_generated()
    {
        var run = GeneratorRunner.RunOnce(
            ("/models/B.dyn", "system Decay {\n  param tau_b = 5\n  state x = 1\n  dx/dt = -x / tau_b\n  solver euler\n}\n"),
            ("/models/A.dyn", "system Decay {\n  param tau_a = 2\n  state x = 1\n  dx/dt = -x / tau_a\n  solver euler\n}\n"));

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("DL0115", diagnostic.Id);
        Assert.Equal("/models/B.dyn", diagnostic.Location.GetLineSpan().Path);
        var source = Assert.Single(run.Sources);
        Assert.Equal("Decay.g.cs", source.Key);
        Assert.Contains("tau_a", source.Value);
        Assert.DoesNotContain("tau_b", source.Value);
        Assert.Empty(run.CompileProblems);
    }

    [Fact]
    public void Diagnostics_of_an_additional_file_that_is_not_a_model_are_never_reported()
    {
        // Only *.dyn AdditionalFiles are models; other AdditionalFiles (editorconfig-like, json) are ignored.
        var run = GeneratorRunner.RunOnce(("/models/notes.txt", "system { this is not a model"));
        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.Sources);
    }
}
