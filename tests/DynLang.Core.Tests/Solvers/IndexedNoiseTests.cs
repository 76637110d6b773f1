using DynLang.Core.Compilation;
using DynLang.Core.Diagnostics;
using DynLang.Core.Lowering;

namespace DynLang.Core.Tests.Solvers;

/// <summary>
/// White noise in indexed models and in synapses' clock-driven equations (issue 10, item 6): the
/// solver choice is the one of models of independent elements, draws are keyed by the flat index
/// of the noise element (indexed) or the synapse index (synapses), and what cannot be split into
/// one noise element per equation element is DL0308. Noisy indexed models get no ILGPU or
/// TorchSharp class (the device and tensor code has no per-element noise yet).
/// </summary>
public sealed class IndexedNoiseTests
{
    private static CompilationResult Compile(string text, CompileOptions? options = null) =>
        DynCompiler.Compile("test.dyn", text, options ?? new CompileOptions());

    private static string Chosen(CompilationResult result) =>
        result.Diagnostics.Single(d => d.Id == DiagnosticDescriptors.SolverChosen.Id).Message;

    private const string MatrixGbm = """
        rule R on W[i,j] {
          param mu = 0.5, s = 0.8
          dW[i,j]/dt = mu*W[i,j] + s*W[i,j]*xi[i,j]
        }
        """;

    [Fact]
    public void Multiplicative_noise_on_a_matrix_gets_heun_and_draws_keyed_by_the_flat_index()
    {
        var result = Compile(MatrixGbm);
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        Assert.StartsWith("no solver named: using heun", Chosen(result));
        string source = result.ModelFiles().Single().Source;
        Assert.Contains("public ulong Seed { get; set; }", source);
        Assert.Contains("CounterRng.Normal(__seed, 0UL, ((long)__n0) * __size_j + __n1, __stepIndex)", source);
        // One draw per element and step, into a scratch array every nest reads.
        Assert.Equal(1, source.Split("CounterRng.Normal(").Length - 1);
        Assert.Contains("W__gsupport_xi__data", source);
    }

    [Fact]
    public void Additive_noise_on_a_vector_gets_euler_maruyama_and_a_shared_noise_is_element_zero()
    {
        var result = Compile("""
            system Langevin(g[k]) {
              param T = 0.01
              state w[k], v[k]
              dw[k]/dt = -g[k] + sqrt(2*T)*xi[k]
              dv[k]/dt = -v[k] + xi_common
            }
            """);
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        Assert.Equal("no solver named: using euler_maruyama (the noise is additive)", Chosen(result));
        string source = result.ModelFiles().Single().Source;
        Assert.Contains("CounterRng.Normal(__seed, 0UL, (long)__n0, __stepIndex)", source);
        Assert.Contains("CounterRng.Normal(__seed, 1UL, 0L, __stepIndex)", source);
    }

    [Fact]
    public void A_row_noise_is_read_by_every_element_of_the_row()
    {
        var result = Compile("""
            rule Rows on W[i,j] {
              param s = 0.1
              dW[i,j]/dt = -W[i,j] + s*xi[i]
            }
            """);
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        string source = result.ModelFiles().Single().Source;
        Assert.Contains("new double[__size_i]", source.Replace("xi__dW__data = ", ""));
        Assert.Contains("xi__dW__data[__i]", source);
    }

    [Theory]
    [InlineData("dw[k]/dt = -w[k] + xi[k] - xi[k+1]", "xi is read at two elements")]
    [InlineData("dw[k]/dt = -w[k] + sum(j, xi[j])", "is not at an element of dw/dt")]
    public void A_noise_term_that_is_not_one_noise_element_is_DL0308(string equation, string why)
    {
        var result = Compile($"system S(g[k]) {{\n  state w[k]\n  {equation}\n}}");
        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal("DL0308", error.Id);
        Assert.Contains(why, error.Message);
    }

    [Fact]
    public void Rk4_on_an_indexed_model_with_noise_is_DL0305()
    {
        var result = Compile("""
            system S(g[k]) {
              state w[k]
              dw[k]/dt = -w[k] + xi[k]
              solver rk4
            }
            """);
        Assert.Contains(result.Diagnostics, d => d.Id == "DL0305");
    }

    [Fact]
    public void Noisy_indexed_models_get_no_ilgpu_or_torch_class_and_noiseless_ones_still_do()
    {
        var options = new CompileOptions(EmitIlgpu: true, EmitTorch: true);
        var noisy = Compile(MatrixGbm, options);
        Assert.DoesNotContain(noisy.Diagnostics, d => d.IsError);
        Assert.Equal(new[] { "R.g.cs" }, noisy.Files.Select(f => f.HintName).ToArray());
        var plain = Compile(MatrixGbm.Replace(" + s*W[i,j]*xi[i,j]", ""), options);
        Assert.Contains(plain.Files, f => f.HintName.EndsWith(".Ilgpu.g.cs", StringComparison.Ordinal));
        Assert.Contains(plain.Files, f => f.HintName.EndsWith(".Torch.g.cs", StringComparison.Ordinal));
    }

    private const string Cell = """
        neuron Cell {
          param tau = 10 ms
          state v = 0 mV
          dv/dt = -v/tau
          on v > 10 mV { v = 0 mV; emit spike }
        }
        """;

    [Fact]
    public void Clock_driven_synapse_noise_is_drawn_per_synapse_and_network_step()
    {
        var result = Compile(Cell + """

            synapse Noisy(pre Cell, post Cell) {
              param tau = 20 ms, sigma = 0.1
              state x = 0
              dx/dt = -x/tau + sigma*x*xi/sqrt(tau) (clock_driven)
              on pre { x += 1 }
            }
            """);
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        string source = result.ModelFiles().Single(f => f.HintName.StartsWith("Noisy", StringComparison.Ordinal)).Source;
        Assert.Contains("solver heun", source);
        Assert.Contains("public ulong Seed { get; set; }", source);
        Assert.Contains("long __stepIndex = clock.Step;", source);
        Assert.Contains("CounterRng.Normal(__seed, 0UL, __s, __stepIndex)", source);
    }

    [Fact]
    public void Euler_maruyama_on_multiplicative_synapse_noise_is_DL0309()
    {
        var result = Compile(Cell + """

            synapse Noisy(pre Cell, post Cell) {
              param tau = 20 ms
              state x = 0
              dx/dt = -x/tau + x*xi/sqrt(tau) (clock_driven)
              on pre { x += 1 }
              solver euler_maruyama
            }
            """);
        Assert.Contains(result.Diagnostics, d => d.Id == "DL0309");
    }
}
