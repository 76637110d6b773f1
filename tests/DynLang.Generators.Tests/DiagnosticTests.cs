using DynLang.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using static DynLang.Generators.Tests.Infrastructure.DynLangGeneratorTest;

namespace DynLang.Generators.Tests;

/// <summary>
/// Each kind of error reaches Roslyn as a located diagnostic on the .dyn AdditionalFile: id, severity,
/// one-based line/column span and message are all compared (Microsoft.CodeAnalysis.Testing fails on
/// any difference, on a missing diagnostic and on an unexpected one). Spans are counted by hand
/// from the model text next to them.
/// </summary>
public class DiagnosticTests
{
    private const string Path = "/models/Model.dyn";

    [Fact]
    public Task Syntax_error_points_at_the_unexpected_token() => VerifyAsync(Path, """
        neuron A {
          param tau = 10 ms
          state v = 0 mV
          dv/dt = (-v + ) / tau
          solver euler
        }
        """,
        // line 4: "  dv/dt = (-v + ) / tau" — ')' is column 17.
        Expect("DL0001", DiagnosticSeverity.Error, Path, 4, 17, 4, 18, "expected an expression, found ')'"));

    [Fact]
    public Task Unknown_name_suggests_the_closest_declared_name() => VerifyAsync(Path, """
        neuron A {
          param tau_m = 10 ms
          state v = 0 mV
          dv/dt = -v / tau_n
          solver euler
        }
        """,
        // line 4: "  dv/dt = -v / tau_n" — tau_n is columns 16–20.
        Expect("DL0100", DiagnosticSeverity.Error, Path, 4, 16, 4, 21, "'tau_n' is not defined in neuron 'A'; did you mean 'tau_m'?"));

    [Fact]
    public Task Unit_mismatch_is_located_on_the_offending_operand() => VerifyAsync(Path, """
        neuron A {
          param tau_m = 10 ms, v_rest = -65 mV, R = 10 Mohm
          state v = v_rest
          dv/dt = (v_rest - v + R)/tau_m
          solver euler
        }
        """,
        // line 4: "  dv/dt = (v_rest - v + R)/tau_m" — R (ohm, added to volts) is column 25.
        Expect("DL0201", DiagnosticSeverity.Error, Path, 4, 25, 4, 26, "unit mismatch in a sum: expected V, found ohm"));

    [Fact]
    public Task Equation_unit_mismatch_is_located_on_the_right_hand_side() => VerifyAsync(Path, """
        neuron A {
          param v_rest = -65 mV
          state v = v_rest
          dv/dt = v_rest - v
          solver euler
        }
        """,
        // line 4: "  dv/dt = v_rest - v" — the right-hand side is columns 11–20 (volts, not volts per second).
        Expect("DL0202", DiagnosticSeverity.Error, Path, 4, 11, 4, 21,
            "the right-hand side of dv/dt must have the unit of v per time, V/s, found V"));

    [Fact]
    public Task Missing_initial_value_is_located_on_the_state() => VerifyAsync(Path, """
        system A {
          param k = 2
          state x
          dx/dt = -k*x
          solver euler
        }
        """,
        Expect("DL0104", DiagnosticSeverity.Error, Path, 3, 9, 3, 10, "state 'x' has no initial value; write 'state x = <value>'"));

    [Fact]
    public Task Duplicate_declaration_is_located_on_the_second_and_names_the_first_line() => VerifyAsync(Path, """
        system A {
          param k = 2
          param k = 3
          state x = 1
          dx/dt = -k*x
          solver euler
        }
        """,
        Expect("DL0101", DiagnosticSeverity.Error, Path, 3, 9, 3, 10, "'k' is already declared in system 'A' (line 2)"));

    [Fact]
    public Task Unknown_unit_in_a_quantity_is_located_on_the_unit() => VerifyAsync(Path, """
        neuron A {
          param tau = 10 msec
          state v = 0 mV
          dv/dt = -v / tau
          solver euler
        }
        """,
        // line 2: "  param tau = 10 msec" — msec is columns 18–21.
        Expect("DL0200", DiagnosticSeverity.Error, Path, 2, 18, 2, 22, "'msec' is not a unit; did you mean 'ms'?"));

    [Fact]
    public Task Solver_choice_is_reported_as_info_on_the_model_name() => VerifyAsync(Path, """
        system Decay {
          param tau = 2
          state x = 3
          dx/dt = -x / tau
        }
        """,
        Expect("DL0302", DiagnosticSeverity.Info, Path, 1, 8, 1, 13,
            "no solver named: using exact (the equations are linear with coefficients constant over a step)"));

    [Fact]
    public Task Symbolic_check_verdicts_are_located_on_their_assertions() => VerifyAsync(Path, """
        rule Hebb(x[i]) on W[i,j] {
          dW[i,j]/dt = x[i] * x[j]
          assert symmetric(W)
          solver euler
        }
        rule Decay(g[i,j]) on W[i,j] {
          dW[i,j]/dt = -g[i,j]
          assert sign_preserving(W)
          solver euler
        }
        """,
        Expect("DL0410", DiagnosticSeverity.Info, Path, 3, 3, 3, 22,
            "symmetric(W) proven: dW[i,j]/dt − dW[j,i]/dt (with W symmetric) simplifies to 0"),
        Expect("DL0441", DiagnosticSeverity.Warning, Path, 8, 3, 8, 28,
            "sign_preserving(W) does not hold: the term -g[i,j] does not vanish at W[i,j] = 0, so it can push a weight through zero"));

    [Fact]
    public Task An_editorconfig_section_for_dyn_files_sets_severities_per_id()
    {
        // dynlang_diagnostic.* in a [*.dyn] section: a proof raised to a warning, a disproof to an
        // error, the solver-choice info turned off. Errors cannot be lowered (not tested here).
        var test = new DynLangGeneratorTest((Path, """
            rule Hebb(x[i]) on W[i,j] {
              dW[i,j]/dt = x[i] * x[j]
              assert symmetric(W)
            }
            rule Decay(g[i,j]) on W[i,j] {
              dW[i,j]/dt = -g[i,j]
              assert sign_preserving(W)
              solver euler
            }
            """));
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
            root = true
            [*.dyn]
            dynlang_diagnostic.DL0410.severity = warning
            dynlang_diagnostic.DL0441.severity = error
            dynlang_diagnostic.DL0302.severity = none
            """));
        test.ExpectedDiagnostics.Add(Expect("DL0410", DiagnosticSeverity.Warning, Path, 3, 3, 3, 22,
            "symmetric(W) proven: dW[i,j]/dt − dW[j,i]/dt (with W symmetric) simplifies to 0"));
        test.ExpectedDiagnostics.Add(Expect("DL0441", DiagnosticSeverity.Error, Path, 7, 3, 7, 28,
            "sign_preserving(W) does not hold: the term -g[i,j] does not vanish at W[i,j] = 0, so it can push a weight through zero"));
        return test.RunAsync();
    }

    [Fact]
    public Task Duplicate_model_across_files_is_reported_on_the_second_file_in_path_order() => VerifyAsync(
        [
            // Listed second on purpose: the verdict follows path order, not the order Roslyn lists files in.
            ("/models/B.dyn", "system Decay {\n  param tau_b = 5\n  state x = 1\n  dx/dt = -x / tau_b\n  solver euler\n}\n"),
            ("/models/A.dyn", "system Decay {\n  param tau_a = 2\n  state x = 1\n  dx/dt = -x / tau_a\n  solver euler\n}\n"),
        ],
        Expect("DL0115", DiagnosticSeverity.Error, "/models/B.dyn", 1, 8, 1, 13,
            "model 'Decay' is also declared in /models/A.dyn; model names must be unique in a project"));

    [Fact]
    public Task Invalid_precision_option_is_reported_without_a_location()
    {
        var test = new DynLangGeneratorTest((Path, "system A {\n  state x = 1\n  dx/dt = -x\n  solver euler\n}\n"));
        test.TestState.AnalyzerConfigFiles.Clear();
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig",
            $"is_global = true\nbuild_property.RootNamespace = {GeneratorRunner.RootNamespace}\nbuild_property.DynLangPrecision = quad\n"));
        test.ExpectedDiagnostics.Add(new Microsoft.CodeAnalysis.Testing.DiagnosticResult("DL0901", DiagnosticSeverity.Error)
            .WithNoLocation()
            .WithMessage("DynLangPrecision must be 'float' or 'double', found 'quad'; using double"));
        return test.RunAsync();
    }
}
