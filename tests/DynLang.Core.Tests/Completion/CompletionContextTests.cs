using DynLang.Core.Completion;

namespace DynLang.Core.Tests.Completion;

/// <summary>
/// Completion contexts on whole and half-typed text. The cursor is written as '|' in the text (removed before
/// completing), so each case reads as what the user sees.
/// </summary>
public sealed class CompletionContextTests
{
    private const string Lif = """
        neuron LIF(I_ext : nA) {
          param tau = 10 ms, v_th = -50 mV, R = 100 Mohm
          state v : mV = -65 mV
          input I_syn : nA
          I_total = I_ext + I_syn
          dv/dt = (-65 mV - v + R*I_total)/tau
          on v > v_th { v = -65 mV }
        }

        """;

    private static CompletionResult At(string marked)
    {
        int cursor = marked.IndexOf('|');
        Assert.True(cursor >= 0, "the case needs a '|' cursor");
        return CompletionService.Complete(marked.Remove(cursor, 1), cursor);
    }

    private static IReadOnlyList<string> Labels(CompletionResult result) => result.Items.Select(i => i.Label).ToList();

    [Fact]
    public void An_empty_file_offers_namespace_and_every_model_kind_of_the_grammar()
    {
        var result = At("|");
        Assert.Equal(CompletionContextKind.TopLevel, result.Context);
        foreach (var word in new[] { "namespace", "neuron", "synapse", "rule", "system", "field", "function" })
            Assert.Contains(word, Labels(result));
        Assert.All(result.Items, i => Assert.Equal(CompletionKind.Keyword, i.Kind));
    }

    [Fact]
    public void After_a_model_the_top_level_offers_model_kinds_but_not_namespace()
    {
        var result = At(Lif + "sy|");
        Assert.Equal(CompletionContextKind.TopLevel, result.Context);
        Assert.Contains("synapse", Labels(result));
        Assert.DoesNotContain("namespace", Labels(result));
        Assert.DoesNotContain("param", Labels(result));
    }

    [Fact]
    public void After_the_namespace_line_the_model_kinds_follow()
    {
        var result = At("namespace Lab.Models\n|");
        Assert.Equal(CompletionContextKind.TopLevel, result.Context);
        Assert.Contains("neuron", Labels(result));
    }

    [Fact]
    public void A_member_position_offers_the_member_keywords_of_the_grammar()
    {
        var result = At(Lif.Replace("  input I_syn : nA\n", "  input I_syn : nA\n  |\n"));
        Assert.Equal(CompletionContextKind.Member, result.Context);
        foreach (var word in new[] { "param", "state", "input", "on", "solver", "surrogate", "invariant", "energy", "assert", "function", "precision", "math" })
            Assert.Contains(word, Labels(result));
        Assert.DoesNotContain("neuron", Labels(result));
        Assert.DoesNotContain("exp", Labels(result));
    }

    [Fact]
    public void An_expression_offers_the_models_names_builtins_and_functions_with_kinds()
    {
        var result = At(Lif.Replace("(-65 mV - v + R*I_total)/tau", "(-65 mV - v + R*I_total)/ta|"));
        Assert.Equal(CompletionContextKind.Expression, result.Context);
        var byLabel = result.Items.ToDictionary(i => i.Label);
        Assert.Equal(CompletionKind.Parameter, byLabel["tau"].Kind);
        Assert.Equal(CompletionKind.Parameter, byLabel["R"].Kind);
        Assert.Equal(CompletionKind.State, byLabel["v"].Kind);
        Assert.Equal(CompletionKind.Input, byLabel["I_syn"].Kind);
        Assert.Equal(CompletionKind.Input, byLabel["I_ext"].Kind);
        Assert.Equal(CompletionKind.Variable, byLabel["I_total"].Kind);
        Assert.Equal(CompletionKind.Function, byLabel["exp"].Kind);
        Assert.Equal(CompletionKind.Function, byLabel["sqrt"].Kind);
        Assert.Contains("t", byLabel.Keys);
        Assert.Contains("pi", byLabel.Keys);
        Assert.Equal("state v : mV", byLabel["v"].Detail);
        // Spatial operators belong to fields; a neuron does not get them.
        Assert.DoesNotContain("laplacian", byLabel.Keys);
    }

    [Fact]
    public void Half_typed_expression_in_an_unclosed_model_still_sees_the_declarations()
    {
        // The file ends in the middle of an equation: no closing parenthesis, no closing brace.
        var result = At("""
            neuron Izh {
              param a = 0.02, b = 0.2
              state v = -65, u = -14
              dv/dt = 0.04*v^2 + 5*v + 140 - u + (a*|
            """);
        Assert.Equal(CompletionContextKind.Expression, result.Context);
        foreach (var name in new[] { "a", "b", "v", "u", "exp" })
            Assert.Contains(name, Labels(result));
    }

    [Fact]
    public void Declarations_after_the_cursor_are_in_scope_too()
    {
        var result = At("""
            system S {
              dx/dt = -x/|
              state x = 1
              param tau = 2
            }
            """);
        Assert.Equal(CompletionContextKind.Expression, result.Context);
        Assert.Contains("x", Labels(result));
        Assert.Contains("tau", Labels(result));
    }

    [Fact]
    public void Another_models_names_are_not_in_scope()
    {
        var result = At(Lif + "system Other {\n  param k = 1\n  dy/dt = |\n}\n");
        Assert.Contains("k", Labels(result));
        Assert.DoesNotContain("tau", Labels(result));
        Assert.DoesNotContain("v", Labels(result));
    }

    [Fact]
    public void After_a_colon_and_after_a_number_units_are_offered()
    {
        var afterColon = At(Lif.Replace("state v : mV", "state v : m|"));
        Assert.Equal(CompletionContextKind.Unit, afterColon.Context);
        foreach (var unit in new[] { "ms", "mV", "nA", "Mohm", "s", "V", "siemens", "nS" })
            Assert.Contains(unit, Labels(afterColon));
        Assert.All(afterColon.Items, i => Assert.Equal(CompletionKind.Unit, i.Kind));

        var afterNumber = At(Lif.Replace("param tau = 10 ms", "param tau = 10 |"));
        Assert.Equal(CompletionContextKind.Unit, afterNumber.Context);
        Assert.Contains("ms", Labels(afterNumber));
        Assert.Equal("1e-3 s", afterNumber.Items.Single(i => i.Label == "ms").Detail);
    }

    [Fact]
    public void A_number_at_the_end_of_a_line_is_not_followed_by_units_on_the_next()
    {
        // `state x = 0` then a new line: the grammar never reads a unit across lines, so this is a member position.
        var result = At("system S {\n  state x = 0\n  |\n}");
        Assert.Equal(CompletionContextKind.Member, result.Context);
    }

    [Fact]
    public void After_solver_the_compilers_solver_names_are_offered()
    {
        var result = At(Lif.Replace("  on v > v_th", "  solver |\n  on v > v_th"));
        Assert.Equal(CompletionContextKind.Solver, result.Context);
        foreach (var solver in new[] { "euler", "rk2", "rk4", "exact", "exponential_euler", "euler_maruyama", "heun" })
            Assert.Contains(solver, Labels(result));
        Assert.All(result.Items, i => Assert.Equal(CompletionKind.Solver, i.Kind));
        // Every offered name is one the compiler accepts.
        Assert.All(result.Items, i => Assert.True(Lowering.Solvers.SolverNames.TryParse(i.Label, out _), i.Label));
    }

    [Fact]
    public void Pre_and_post_dot_offer_the_variables_of_the_header_models()
    {
        const string Synapse = """
            synapse Exc(pre LIF, post LIF) {
              param w = 0.5 nA
              on pre { post.| }
            }
            """;
        var result = At(Lif + Synapse);
        Assert.Equal(CompletionContextKind.PeerMember, result.Context);
        Assert.Contains("v", Labels(result));
        Assert.Contains("I_syn", Labels(result));
        Assert.Contains("tau", Labels(result));
        Assert.DoesNotContain("I_total", Labels(result)); // a definition: synapses cannot reach it
        Assert.DoesNotContain("w", Labels(result));       // the synapse's own parameter
        Assert.DoesNotContain("exp", Labels(result));
    }

    [Fact]
    public void A_half_typed_synapse_finds_its_peer_from_the_header_it_has_so_far()
    {
        var result = At(Lif + "synapse S(pre LIF, post LIF) {\n  on pre {\n    post.I_s|");
        Assert.Equal(CompletionContextKind.PeerMember, result.Context);
        Assert.Contains("I_syn", Labels(result));
    }

    [Fact]
    public void An_event_block_starts_statements_and_offers_emit_and_refractory()
    {
        var result = At(Lif.Replace("on v > v_th { v = -65 mV }", "on v > v_th { v = -65 mV\n    | }"));
        Assert.Equal(CompletionContextKind.Statement, result.Context);
        Assert.Contains("emit", Labels(result));
        Assert.Contains("refractory", Labels(result));
        Assert.Contains("v", Labels(result));
        Assert.DoesNotContain("param", Labels(result));
        Assert.DoesNotContain("pre", Labels(result)); // a neuron has no pre/post
    }

    [Fact]
    public void After_assert_the_predicates_and_names_are_offered()
    {
        var result = At("system H {\n  param W[i,j] symmetric\n  state s[i]\n  assert |\n}");
        Assert.Equal(CompletionContextKind.Expression, result.Context);
        foreach (var word in new[] { "symmetric", "gradient_flow", "sign_preserving", "W", "s" })
            Assert.Contains(word, Labels(result));
    }

    [Fact]
    public void After_a_declared_name_the_declaration_flags_are_offered()
    {
        var result = At("system H {\n  param W[i,j] |\n}");
        Assert.Equal(CompletionContextKind.DeclarationFlag, result.Context);
        foreach (var word in new[] { "symmetric", "positive", "nonnegative", "constant", "in" })
            Assert.Contains(word, Labels(result));
    }

    [Fact]
    public void Where_a_new_name_is_declared_nothing_is_offered()
    {
        Assert.Equal(CompletionContextKind.None, At("system S {\n  param |\n}").Context);
        Assert.Equal(CompletionContextKind.None, At("system S {\n  param a = 1, |\n}").Context);
        Assert.Equal(CompletionContextKind.None, At("neuron |").Context);
        Assert.Equal(CompletionContextKind.None, At("function f(|").Context);
    }

    [Fact]
    public void Comments_and_numbers_get_nothing()
    {
        Assert.Empty(At("system S {\n  // dx/dt = |\n}").Items);
        Assert.Empty(At("system S {\n  /* x | */\n}").Items);
        Assert.Empty(At("system S {\n  state x = 12|\n}").Items);
    }

    [Fact]
    public void A_file_level_function_body_sees_its_parameters_and_the_builtins()
    {
        var result = At("function rho(s, gain) = tanh(gain*|");
        Assert.Equal(CompletionContextKind.Expression, result.Context);
        Assert.Contains("s", Labels(result));
        Assert.Contains("gain", Labels(result));
        Assert.Contains("tanh", Labels(result));
    }

    [Fact]
    public void A_synapse_header_offers_pre_post_and_then_the_neuron_models()
    {
        Assert.Equal(new[] { "pre", "post" }, Labels(At(Lif + "synapse S(|")));
        var models = At(Lif + "system Sys { state x }\nsynapse S(pre |");
        Assert.Equal(new[] { "LIF" }, Labels(models));
    }

    [Fact]
    public void Precision_math_and_unless_offer_their_words()
    {
        Assert.Equal(new[] { "float", "double" }, Labels(At("system S {\n  precision |\n}")));
        Assert.Contains("fast", Labels(At("system S {\n  math |\n}")));
        Assert.Equal(new[] { "refractory" }, Labels(At("neuron N {\n  state v\n  dv/dt = -v (unless |")));
    }

    [Fact]
    public void Positions_beyond_the_text_or_its_lines_are_clamped_and_never_throw()
    {
        const string Text = "system S {\n  state x\n  dx/dt = -";
        var end = CompletionService.Complete("", Text, 2, 500);
        Assert.Equal(CompletionContextKind.Expression, end.Context);
        Assert.Contains("x", end.Items.Select(i => i.Label));
        Assert.NotNull(CompletionService.Complete("", Text, 99, 0));
        Assert.NotNull(CompletionService.Complete("", Text, -1, -1));
        Assert.NotNull(CompletionService.Complete(Text, int.MaxValue));
    }

    [Fact]
    public void Every_prefix_of_every_sample_completes_without_throwing()
    {
        // Typing a file from its first character to its last passes through every broken state.
        string samples = Path.Combine(TestSupport.TestFiles.RepoRoot, "samples");
        foreach (var file in Directory.EnumerateFiles(samples, "*.dyn", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            string text = File.ReadAllText(file);
            for (int k = 0; k <= text.Length; k += 7)
                Assert.NotNull(CompletionService.Complete(text.Substring(0, k), k));
        }
    }

    [Fact]
    public void After_on_a_synapse_offers_pre_and_post_and_a_neuron_only_conditions()
    {
        var synapse = At(Lif + "synapse S(pre LIF, post LIF) {\n  on |\n}");
        Assert.Equal(CompletionContextKind.Expression, synapse.Context);
        Assert.Contains("pre", Labels(synapse));
        Assert.Contains("post", Labels(synapse));
        var neuron = At("neuron N {\n  state v\n  on |\n}");
        Assert.Equal(CompletionContextKind.Expression, neuron.Context);
        Assert.DoesNotContain("pre", Labels(neuron));
        Assert.Contains("v", Labels(neuron));
    }

    [Fact]
    public void Expressions_inside_calls_ranges_sums_and_solver_options_see_the_names()
    {
        const string Head = "system S(x[j]) {\n  param W[i,j], k = 1\n  state y[i]\n";
        foreach (var tail in new[] { "  dy[i]/dt = sum(j, |", "  param r = 1 in [0, |", "  solver rk4 (dt = |", "  dy[i]/dt = -y[i] +\n    |" })
        {
            var result = At(Head + tail);
            Assert.Equal(CompletionContextKind.Expression, result.Context);
            foreach (var name in new[] { "W", "k", "y", "x", "exp" }) Assert.Contains(name, Labels(result));
        }
    }

    [Fact]
    public void The_fuzz_regressions_complete_at_every_offset_without_throwing()
    {
        foreach (var file in TestSupport.TestFiles.In("Fuzz/Regressions", "*"))
        {
            string text = File.ReadAllText(file);
            int step = Math.Max(1, text.Length / 200);
            for (int k = 0; k <= text.Length; k += step)
                Assert.NotNull(CompletionService.Complete(text, k));
        }
    }
}
