using DynLang.Core.Navigation;
using DynLang.Core.Text;

namespace DynLang.LanguageServer.Tests;

/// <summary>The hover's markdown for the kinds of names the LSP tests do not reach (no server needed).</summary>
public sealed class HoverTextTests
{
    private const string Noisy = """
        function relu(s) = max(s, 0)
        neuron Noisy {
          param tau = 10 ms, sigma = 3 mV
          state v = 0 mV
          dv/dt = -v/tau + sigma*sqrt(2/tau)*xi + relu(v)/tau
        }
        system Plain(x[j]) {
          param W[i,j]
          state s[i]
          ds[i]/dt = -s[i] + sum(j, W[i,j]*x[j])
        }

        """;

    private static string HoverAt(string needle, int plus = 0, IReadOnlyList<HoverText.DiagnosticNote>? notes = null)
    {
        var index = SemanticIndex.Build("noisy.dyn", Noisy);
        Assert.Null(index.Failure);
        Assert.DoesNotContain(index.Diagnostics, d => d.IsError);
        var hover = HoverText.At(index, Noisy.IndexOf(needle, StringComparison.Ordinal) + plus, notes ?? Array.Empty<HoverText.DiagnosticNote>());
        Assert.NotNull(hover);
        return hover!.Value.Markdown;
    }

    [Fact]
    public void Noise_functions_and_their_parameters_say_what_they_are()
    {
        Assert.Contains("white noise `xi`", HoverAt("xi"));
        Assert.Contains("function `relu(s)`", HoverAt("relu(v)"));
        Assert.Contains("function parameter `s`", HoverAt("s, 0"));
        Assert.Contains("built-in function", HoverAt("max"));
        Assert.Contains("built-in function", HoverAt("sum("));
    }

    [Fact]
    public void In_a_unit_free_model_an_expression_is_dimensionless_and_an_index_an_index()
    {
        Assert.Contains("dimensionless", HoverAt("W[i,j]*x", plus: 6));
        Assert.Contains("index variable `j`", HoverAt("sum(j", plus: 4));
        Assert.Contains("parameter `W` : dimensionless", HoverAt("W[i,j]*x"));
    }

    [Fact]
    public void A_derived_unit_is_formatted_as_the_builds_messages_write_it()
    {
        // sigma*sqrt(2/tau)*xi: mV * s^-1/2 * s^-1/2 = V/s.
        Assert.Contains(": V/s", HoverAt("sqrt(2/tau)*xi", plus: 11));
    }

    [Fact]
    public void Diagnostics_around_the_position_are_listed_with_their_links_and_none_outside()
    {
        int at = Noisy.IndexOf("relu(v)", StringComparison.Ordinal);
        var notes = new[]
        {
            new HoverText.DiagnosticNote(new TextSpan(at, 7), "DL0999", "made up for the test", "https://example.org/DL0999.md"),
            new HoverText.DiagnosticNote(new TextSpan(0, 4), "DL0998", "elsewhere", null),
        };
        string markdown = HoverAt("relu(v)", plus: 1, notes);
        Assert.Contains("[DL0999](https://example.org/DL0999.md): made up for the test", markdown);
        Assert.DoesNotContain("DL0998", markdown);
    }
}
