using DynLang.Core.Compilation;
using DynLang.Core.Diagnostics;

namespace DynLang.Core.Tests.Solvers;

/// <summary>
/// How the solvers for noise and exponential_euler are chosen and what they generate, as in
/// Brian2: without a solver line, additive noise gets euler_maruyama and multiplicative noise
/// heun (Brian2's default list exact → euler → heun); euler on noise is Euler–Maruyama; named
/// stochastic solvers on a model without noise are forward Euler.
/// </summary>
public sealed class SolverChoiceTests
{
    private static (string Source, IReadOnlyList<Diagnostic> Diagnostics) Generate(string text)
    {
        var result = DynCompiler.Compile("test.dyn", text);
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        return (result.ModelFiles().Single().Source, result.Diagnostics);
    }

    private static string Chosen(IReadOnlyList<Diagnostic> diagnostics) =>
        diagnostics.Single(d => d.Id == DiagnosticDescriptors.SolverChosen.Id).Message;

    [Fact]
    public void Additive_noise_without_a_solver_line_gets_euler_maruyama()
    {
        var (source, diagnostics) = Generate("system S { param s = 0.3\n state x = 0\n dx/dt = -x + s*xi }");
        Assert.Equal("no solver named: using euler_maruyama (the noise is additive)", Chosen(diagnostics));
        Assert.Contains("integrated with solver euler_maruyama", source);
    }

    [Fact]
    public void Multiplicative_noise_without_a_solver_line_gets_heun()
    {
        var (source, diagnostics) = Generate("system S { param s = 0.3\n state x = 1\n dx/dt = -x + s*x*xi }");
        Assert.Equal("no solver named: using heun (the noise term of dx/dt, s*x, depends on x, so the noise is multiplicative)", Chosen(diagnostics));
        Assert.Contains("integrated with solver heun", source);
    }

    [Fact]
    public void Noise_depending_on_an_input_or_a_state_without_equation_is_additive()
    {
        // Brian2 calls noise multiplicative only when its factor uses t or a variable with a
        // differential equation; inputs (and event-only states) are constant over a step.
        var (_, diagnostics) = Generate("neuron N { input I\n state v = 0, w = 1\n dv/dt = -v + I*w*xi\n on v > 1 { w = 2*w } }");
        Assert.Equal("no solver named: using euler_maruyama (the noise is additive)", Chosen(diagnostics));
    }

    [Fact]
    public void Euler_on_noise_is_euler_maruyama_as_in_brian2()
    {
        var (source, diagnostics) = Generate("system S { state x = 0\n dx/dt = -x + xi\n solver euler }");
        Assert.DoesNotContain(diagnostics, d => d.Id == DiagnosticDescriptors.SolverChosen.Id);
        Assert.Contains("integrated with solver euler_maruyama", source);
        Assert.Contains("CounterRng.Normal(__seed, 0UL, __i, __stepIndex)", source);
    }

    [Theory]
    [InlineData("heun")]
    [InlineData("euler_maruyama")]
    public void Stochastic_solvers_on_a_model_without_noise_are_forward_euler(string solver)
    {
        var (source, _) = Generate($"system S {{ state x = 1\n dx/dt = -x*x\n solver {solver} }}");
        Assert.Contains("integrated with solver euler", source);
        Assert.Contains($"named in the model ({solver}); the model has no noise, so it is forward Euler, as in Brian2.", source);
        Assert.DoesNotContain("Seed", source);
    }

    [Fact]
    public void A_model_with_noise_has_a_seed_and_no_simd_loop_and_one_draw_per_noise()
    {
        var (source, _) = Generate("system S { state x = 0, y = 0\n dx/dt = -x + xi + xi_2\n dy/dt = -y + xi\n solver heun }");
        Assert.Contains("public ulong Seed { get; set; }", source);
        Assert.DoesNotContain("Vector.IsHardwareAccelerated", source);
        // One draw per noise symbol per element and step, shared by both equations.
        Assert.Equal(1, Count(source, "CounterRng.Normal(__seed, 0UL, __i, __stepIndex)"));
        Assert.Equal(1, Count(source, "CounterRng.Normal(__seed, 1UL, __i, __stepIndex)"));
    }

    [Fact]
    public void Float_models_draw_single_precision_normals()
    {
        var (source, _) = Generate("system S { state x = 0\n dx/dt = -x + xi\n precision float }");
        Assert.Contains("CounterRng.NormalSingle(__seed, 0UL, __i, __stepIndex)", source);
    }

    [Fact]
    public void Deterministic_models_keep_their_simd_loop_and_have_no_seed()
    {
        var (source, _) = Generate("system S { state x = 1\n dx/dt = -x\n solver exponential_euler }");
        Assert.Contains("Vector.IsHardwareAccelerated", source);
        Assert.DoesNotContain("Seed", source);
        Assert.Contains("integrated with solver exponential_euler", source);
    }

    [Fact]
    public void Exponential_euler_integrates_a_synapses_clock_driven_equations_with_pre_and_post()
    {
        const string text = """
            neuron N {
              param tau = 10 ms, v_th = -50 mV, v_reset = -65 mV
              state v = v_reset
              dv/dt = (v_reset - v)/tau
              on v > v_th {
                v = v_reset
                emit spike
              }
            }
            synapse S(pre N, post N) {
              param tau_s = 5 ms
              state s = 0
              ds/dt = -s/tau_s + (pre.v - post.v)/(1 mV)/tau_s
              on pre { s += 1 }
              solver exponential_euler
            }
            """;
        var result = DynCompiler.Compile("test.dyn", text);
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        string synapse = result.ModelFiles().Single(f => f.Source.Contains("synapse S")).Source;
        Assert.Contains("Clock-driven equations: solver exponential_euler", synapse);
        // B reads pre.v and post.v at the step's start; A = -1/tau_s.
        Assert.Contains("double s__BA = (-(1000.0 * post__v) + 1000.0 * pre__v) / tau_s / s__A;", synapse);
        Assert.Contains("double s__new = (s + s__BA) * Math.Exp(s__A * dt) - s__BA;", synapse);
    }

    private static int Count(string text, string part)
    {
        int count = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
