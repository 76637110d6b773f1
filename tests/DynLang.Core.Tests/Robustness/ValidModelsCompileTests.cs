using DynLang.Core.Compilation;
using DynLang.Core.Diagnostics;

namespace DynLang.Core.Tests.Robustness;

/// <summary>
/// Issue 9, item 4: models that used to end in DL0900 (internal error). Each compiles, or gets
/// one specific diagnostic located on the construct — never DL0900. A row with no id must
/// compile without errors and its generated code must contain the given fragments; a row with an
/// id must report exactly that error (and no other), its span covering the quoted text.
/// </summary>
public sealed class ValidModelsCompileTests
{
    private const string RectifiedLif = """
        neuron Lif {
          param tau_m = 10 ms
          param v_rest = -65 mV, v_th = -50 mV, v_reset = -65 mV
          param R = 10 Mohm
          input I : nA
          state v = v_rest
          dv/dt = (v_rest - v + R*ifelse(I > 0 nA, I, 0 nA))/tau_m
          on v > v_th { v = v_reset; emit spike }
          solver exact
        }
        """;

    private const string Neuron = """
        neuron Cell {
          param tau = 10
          state v = 0, ge = 0
          dv/dt = (ge - v)/tau
          dge/dt = -ge/5
          on v > 10 { v = 0; emit spike }
        }

        """;

    public static TheoryData<string, string, string?, string?, string[]> Cases => new()
    {
        // ---- a state as 1/x with the default solver: the linearity test no longer divides by zero
        { "k over x, default solver", "system S { param k = 1\n state x = 1\n dx/dt = k/x }", null, null,
            new[] { "integrated with solver rk4", "k / x" } },
        { "x^-0.5, default solver", "system S { state x = 1\n dx/dt = x^-0.5 }", null, null,
            new[] { "integrated with solver rk4", "Math.Pow(x, -0.5)" } },
        { "exp(-1/x), default solver", "system S { state x = 1\n dx/dt = exp(-1/x) }", null, null,
            new[] { "integrated with solver rk4", "Math.Exp" } },
        { "k over x, solver exact", "system S { param k = 1\n state x = 1\n dx/dt = k/x\n solver exact }",
            "DL0300", "k/x", Array.Empty<string>() },
        { "1/x in an event-driven synapse variable",
            Neuron + "synapse Syn(pre Cell, post Cell) { state x = 1\n dx/dt = -1/x (event_driven)\n on pre { x += 1 } }",
            "DL0310", "-1/x", Array.Empty<string>() },
        { "x/0 written out", "system S { state x = 1\n dx/dt = x/0 }", null, null, new[] { "integrated with solver rk4" } },

        // ---- the exact solver with non-smooth functions of inputs and parameters (constant over a step)
        { "rectified-input LIF, solver exact", RectifiedLif, null, null,
            new[] { "integrated with solver exact", "(I > 0.0 ? I : 0.0)", "__P_v_v * v + __Q_v_v * v__b" } },
        { "floor(p) in the coefficient, solver exact", "system S { param p = 1.5\n state x = 1\n dx/dt = -floor(p)*x\n solver exact }", null, null,
            new[] { "integrated with solver exact", "Math.Exp(-(dt * Math.Floor(p)))" } },
        { "p % 2 in the coefficient, solver exact", "system S { param p = 3\n state x = 1\n dx/dt = -(p % 2)*x\n solver exact }", null, null,
            new[] { "integrated with solver exact", "p % 2.0" } },
        { "floor, ceil and int in a coupled exact system",
            "system S { param p = 1.5\n state x = 1, y = 0\n dx/dt = -floor(p)*x + y\n dy/dt = -x - ceil(p)*y + int(p > 1)\n solver exact }", null, null,
            new[] { "(-Math.Floor(p)) * dt", "(-Math.Ceiling(p)) * dt", "(p > 1.0 ? 1.0 : 0.0)" } },

        // ---- opaque functions, non-smooth derivatives, out-of-range numbers
        { "opaque function through a definition (exact chosen)",
            "function f(x)\nsystem S { param p = 1\n state y = 1\n g = f(p)\n dy/dt = g - y }", "DL0307", "f(p)", Array.Empty<string>() },
        { "opaque function through a definition, solver exact",
            "function f(x)\nsystem S { param p = 1\n state y = 1\n g = f(p)\n dy/dt = -g*y\n solver exact }", "DL0307", "f(p)", Array.Empty<string>() },
        { "d(p % 3)/d(p)", "system S { param p = 1\n state x = 1\n dx/dt = d(p % 3)/d(p) - x }", "DL0307", "d(p % 3)/d(p)", Array.Empty<string>() },
        { "d(floor(p)*x)/d(p)", "system S { param p = 1\n state x = 1\n dx/dt = -d(floor(p)*x)/d(p) }", "DL0307", "d(floor(p)*x)/d(p)", Array.Empty<string>() },
        { "1e309 in a differentiated energy", "system S { state x = 1\n energy E = 1e309*x^2\n dx/dt = -d(E)/d(x) }", "DL0004", "1e309", Array.Empty<string>() },
        { "inf in a differentiated energy", "system S { state x = 1\n energy E = inf*x^2\n dx/dt = -d(E)/d(x) }", "DL0307", "d(E)/d(x)", Array.Empty<string>() },
        { "1e309 in a function", "function f(x) = 1e309*x\nsystem S { state x = 1\n dx/dt = -f(x) }", "DL0004", "1e309", Array.Empty<string>() },
        { "1e306 kV is infinite in volts", "system S { state x = 1 V\n dx/dt = (1e306 kV - x)/(1 s) }", "DL0004", "1e306 kV", Array.Empty<string>() },
        { "1e-400 rounds to 0", "system S { state x = 1 mV\n dx/dt = -x/(1e-400 ms) }", "DL0004", "1e-400", Array.Empty<string>() },
        { "a subnormal number is a double", "system S { state x = 1\n dx/dt = -x*1e-320 }", null, null, new[] { "1E-320" } },

        // ---- time steps, syntax errors, noise, fields
        { "field, solver euler (dt = 0)",
            "field H on grid1d(periodic) { param D = 1, dx = 1\n state u = 0\n du/dt = D*laplacian(u)\n solver euler (dt = 0) }", "DL0121", "0", Array.Empty<string>() },
        { "system, dt negative at the defaults",
            "system S { param h = 0.1\n state x = 1\n dx/dt = -x\n solver rk4 (dt = h - 0.2) }", "DL0121", "h - 0.2", Array.Empty<string>() },
        { "function with a syntax error under d()/d()",
            "function f(x) = x + )\nsystem S { state x = 1\n dx/dt = -d(f(x))/d(x) }", "DL0001", ")", Array.Empty<string>() },
        { "function with a syntax error, called through another function",
            "function f(x) = x * (2 +)\nfunction g(x) = f(x)\nsystem S { state x = 1\n dx/dt = -d(g(x))/d(x) }", "DL0001", ")", Array.Empty<string>() },
        { "xi in on pre", Neuron + "synapse Syn(pre Cell, post Cell) {\n param w = 0.5\n on pre { post.ge += w*xi }\n}", "DL0307", "xi", Array.Empty<string>() },
        { "noise through a definition in on post",
            Neuron + "synapse Syn(pre Cell, post Cell) {\n param w = 0.5\n kick = w*xi_1\n on post { post.ge += kick }\n}", "DL0307", "xi_1", Array.Empty<string>() },
        { "noise through a definition in a neuron event",
            "neuron N { param s = 1\n state v = 0\n n = s*xi\n dv/dt = -v + n\n on v > 1 { v = n } }", "DL0307", "xi", Array.Empty<string>() },
        { "indexed sum in a field",
            "field F on grid1d(periodic) { param c[k]\n param dx = 1\n state u = 0\n du/dt = -u + sum(k, c[k]) }", "DL0307", "sum(k, c[k])", Array.Empty<string>() },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compiles_or_reports_a_specific_located_error(string name, string text, string? id, string? at, string[] generated)
    {
        var result = DynCompiler.Compile("test.dyn", text);
        string all = $"{name}:\n" + string.Join("\n", result.Diagnostics);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == DiagnosticDescriptors.InternalError.Id);
        var errors = result.Diagnostics.Where(d => d.IsError).ToList();
        if (id is null)
        {
            Assert.True(errors.Count == 0, all);
            Assert.NotEmpty(result.Files);
            string source = string.Join("\n", result.Files.Select(f => f.Source));
            foreach (var fragment in generated) Assert.True(source.Contains(fragment), $"{name}: generated code lacks '{fragment}'");
            // The ILGPU and TorchSharp emitters print the same programs: no internal error there either.
            var all3 = DynCompiler.Compile("test.dyn", text, new Lowering.CompileOptions(EmitIlgpu: true, EmitTorch: true));
            Assert.True(!all3.Diagnostics.Any(d => d.IsError), $"{name} (ILGPU, TorchSharp):\n" + string.Join("\n", all3.Diagnostics));
            return;
        }
        Assert.True(errors.Count > 0 && errors.All(e => e.Id == id), all);
        var span = errors[0].Location.Span;
        Assert.Equal(at, text.Substring(span.Start, span.Length));
    }

    [Fact]
    public void An_overflowing_literal_is_DL0004_and_never_emitted_as_infinity()
    {
        const string text = "system S { state x = 1\n dx/dt = -1e309*x }";
        var result = DynCompiler.Compile("test.dyn", text);
        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal(DiagnosticDescriptors.NumberOutOfRange.Id, error.Id);
        Assert.Equal("the number 1e309 is too large for a double (the largest is about 1.8e308)", error.Message);
        Assert.Equal("1e309", text.Substring(error.Location.Span.Start, error.Location.Span.Length));
        Assert.DoesNotContain(result.Files, f => f.Source.Contains("Infinity"));
    }

    [Theory]
    [InlineData("system S { param a = 1e309\n state x = 1\n dx/dt = -a*x }", "1e309")]
    [InlineData("system S { param a = 1 in [0, 1e400]\n state x = 1\n dx/dt = -a*x }", "1e400")]
    [InlineData("system S { state x = 1\n dx/dt = -x\n solver rk4 (dt = 2e308) }", "2e308")]
    [InlineData("neuron N { param tau = 10 ms\n state v = 1e309 mV\n dv/dt = -v/tau }", "1e309")]
    [InlineData("field H on grid1d(dirichlet(1e309)) { param D = 1, dx = 1\n state u = 0\n du/dt = D*laplacian(u) }", "1e309")]
    public void Every_kind_of_literal_is_checked(string text, string literal)
    {
        var result = DynCompiler.Compile("test.dyn", text);
        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal(DiagnosticDescriptors.NumberOutOfRange.Id, error.Id);
        Assert.Equal(literal, text.Substring(error.Location.Span.Start, error.Location.Span.Length));
        Assert.DoesNotContain(result.Files, f => f.IsModelCode);
    }
}
