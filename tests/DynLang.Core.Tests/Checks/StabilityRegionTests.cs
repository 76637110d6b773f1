using System.Globalization;
using System.Text.RegularExpressions;
using DynLang.Core.Compilation;
using DynLang.Core.Diagnostics;

namespace DynLang.Core.Tests.Checks;

/// <summary>
/// Issue 10, item 1: a stability bound never comes from another equation when one equation's
/// coefficient depends on a state. Such a coefficient is evaluated over the state's region (declared
/// range, or reset to threshold); without a region the model is undecided, with the reason, and gets
/// no [StabilityBound].
/// </summary>
public sealed class StabilityRegionTests
{
    private const string AdEx = """
        neuron AdEx {
          param C = 281 pF, gL = 30 nS, EL = -70.6 mV, VT = -50.4 mV, DeltaT = 2 mV
          param tauw = 144 ms, a = 4 nS, b = 0.0805 nA, Vr = -70.6 mV, Vcut = -40.4 mV
          input I : nA
          state v = EL, w = 0 nA
          dv/dt = (gL*(EL - v) + gL*DeltaT*exp((v - VT)/DeltaT) + I - w)/C
          dw/dt = (a*(v - EL) - w)/tauw
          on v > Vcut { v = Vr; w += b; emit spike }
          solver rk4 (dt = 1 ms)
        }
        """;

    [Fact]
    public void AdEx_with_rk4_at_1_ms_is_unstable_from_the_voltage_equation()
    {
        var result = DynCompiler.Compile("model.dyn", AdEx);
        var warning = Assert.Single(result.Diagnostics, d => d.Id == DiagnosticDescriptors.StepBeyondStabilityBound.Id);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("from dv/dt", warning.Message);
        Assert.Contains("v in [-0.0706 V, -0.0404 V] (from the reset value to the threshold v > -0.0404 V)", warning.Message);
        // ∂f/∂v = gL·(exp((v − VT)/ΔT) − 1)/C is largest at the threshold: 2.785/that, ≈ 0.177 ms — not
        // the 401 ms of dw/dt that the old check presented as the model's bound.
        double closedForm = 2.785 / (30e-9 / 281e-12 * (Math.Exp((-40.4 + 50.4) / 2) - 1));
        // The 257-point grid includes the region's end, where the coefficient (monotone in v) peaks; only rounding differs.
        Assert.Equal(closedForm, BoundIn(result), closedForm * 1e-9);
    }

    [Fact]
    public void Izhikevich_bound_comes_from_the_voltage_over_reset_to_peak()
    {
        const string izhikevich = """
            neuron Izh {
              param a = 0.02, b = 0.2, c = -65, d = 8
              input I
              state v = -65
              state u = b * (-65)
              dv/dt = (0.04*v**2 + 5*v + 140 - u + I) / ms
              du/dt = a*(b*v - u) / ms
              on v >= 30 { v = c; u += d; emit spike }
              solver rk4
            }
            """;
        var result = DynCompiler.Compile("model.dyn", izhikevich);
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        // ∂f/∂v = (0.08·v + 5)/ms, largest at the peak v = 30: 7.4 per ms; rk4: 2.785/7400 s.
        Assert.Equal(2.785 / 7400, BoundIn(result), 1e-15);
        Assert.Contains("from dv/dt", Source(result));
    }

    [Fact]
    public void A_coefficient_that_depends_on_an_input_makes_the_model_undecided_with_the_reason()
    {
        const string gated = """
            system Gated {
              param k = 2
              input g
              state x = 1, y = 0
              dx/dt = -g*x
              dy/dt = -k*y
              solver euler (dt = 0.1)
            }
            """;
        var result = DynCompiler.Compile("model.dyn", gated);
        var info = Assert.Single(result.Diagnostics, d => d.Id == DiagnosticDescriptors.StabilityUndecided.Id);
        Assert.Contains("the coefficient of x in dx/dt, -g, depends on the input 'g'", info.Message);
        // dy/dt alone would give euler dt < 1: it is not presented as the model's bound.
        Assert.DoesNotContain("[StabilityBound(", Source(result));
        Assert.DoesNotContain(result.Diagnostics, d => d.Id is "DL0450" or "DL0451");
    }

    [Theory]
    [InlineData("0.16", "DL0450")]
    [InlineData("0.17", "DL0451")]
    public void A_declared_state_range_bounds_a_state_dependent_coefficient(string dt, string id)
    {
        // -3·k·x² over x in [0, 2] is at most 12 in size: euler needs dt < 2/12 = 0.1667.
        string cubic = $"system Cubic {{\n  param k = 1\n  state x = 1 in [0, 2]\n  dx/dt = -k*x^3\n  solver euler (dt = {dt})\n}}\n";
        var result = DynCompiler.Compile("model.dyn", cubic);
        var verdict = Assert.Single(result.Diagnostics, d => d.Id is "DL0450" or "DL0451" or "DL0452");
        Assert.Equal(id, verdict.Id);
        Assert.Contains("x in [0, 2] (its declared range)", verdict.Message);
        Assert.Equal(2.0 / 12, BoundIn(result), 1e-15);
    }

    [Fact]
    public void A_state_range_is_unit_checked()
    {
        const string wrong = "neuron N {\n  param tau = 10 ms\n  state v = 0 mV in [0 mV, 1 ms]\n  dv/dt = -v/tau\n}\n";
        var error = Assert.Single(DynCompiler.Compile("model.dyn", wrong).Diagnostics, d => d.IsError);
        Assert.Equal(DiagnosticDescriptors.UnitMismatch.Id, error.Id);
    }

    private static string Source(CompilationResult result) => Assert.Single(result.ModelFiles()).Source;

    private static double BoundIn(CompilationResult result)
    {
        var match = Regex.Match(Source(result), @"\[StabilityBound\(([^,]+),");
        Assert.True(match.Success, "no [StabilityBound] in the generated class");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
