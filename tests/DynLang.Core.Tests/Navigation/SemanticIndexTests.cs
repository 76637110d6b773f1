using DynLang.Core.Binding;
using DynLang.Core.Navigation;
using DynLang.Core.Text;
using DynLang.Core.Units;

namespace DynLang.Core.Tests.Navigation;

/// <summary>The index behind go-to-definition, find-references and hover, on small models written for each question.</summary>
public sealed class SemanticIndexTests
{
    internal const string LifAndSynapse = """
        neuron LIF(I : nA) {
          param tau = 10 ms, R = 10 Mohm
          param v_th = -50 mV
          state v = -70 mV
          dv/dt = (-v + R*I) / tau
          on v > v_th {
            v = -70 mV
            emit spike
          }
        }

        synapse Exc(pre LIF, post LIF) {
          param w = 1 mV
          on pre {
            post.v += w
          }
        }

        """;

    /// <summary>The offset of the <paramref name="nth"/> (0-based) occurrence of <paramref name="text"/>, plus <paramref name="plus"/>.</summary>
    internal static int At(string source, string text, int nth = 0, int plus = 0)
    {
        int offset = -1;
        for (int k = 0; k <= nth; k++)
        {
            offset = source.IndexOf(text, offset + 1, StringComparison.Ordinal);
            Assert.True(offset >= 0, $"'{text}' #{nth} not found");
        }
        return offset + plus;
    }

    private static void NoErrors(SemanticIndex index) =>
        Assert.False(index.Diagnostics.Any(d => d.IsError), string.Join("\n", index.Diagnostics));

    [Fact]
    public void The_model_compiles_cleanly_so_the_other_tests_read_a_bound_model()
    {
        var index = SemanticIndex.Build("lif.dyn", LifAndSynapse);
        NoErrors(index);
    }

    [Fact]
    public void A_use_resolves_to_its_declaration()
    {
        var index = SemanticIndex.Build("lif.dyn", LifAndSynapse);
        var use = index.SymbolAt(At(LifAndSynapse, "/ tau", plus: 3));
        Assert.NotNull(use);
        Assert.Equal(NavSymbolKind.Parameter, use!.Kind);
        Assert.Equal(new TextSpan(At(LifAndSynapse, "tau"), 3), use.DeclarationSpan);
        // The cursor just after the name still names it (where editors put it after typing).
        Assert.Same(use, index.SymbolAt(At(LifAndSynapse, "/ tau", plus: 5)));
        // …but the character after a name is not the name's for a hover: the * of R*I is the product's.
        Assert.Null(index.OccurrenceAt(At(LifAndSynapse, "R*I", plus: 1), orJustAfter: false));
        Assert.Equal("R", index.SymbolAt(At(LifAndSynapse, "R*I", plus: 1))!.Name);
    }

    [Fact]
    public void References_list_the_declaration_and_every_use_in_order()
    {
        var index = SemanticIndex.Build("lif.dyn", LifAndSynapse);
        var v = index.SymbolAt(At(LifAndSynapse, "state v", plus: 6))!;
        var all = index.ReferencesTo(v);
        // state v, dv/dt, -v, on v >, v = -70 mV, post.v.
        Assert.Equal(6, all.Count);
        Assert.True(all[0].IsDeclaration);
        Assert.Equal(all.Select(o => o.Span.Start).OrderBy(s => s), all.Select(o => o.Span.Start));
        Assert.Equal(5, index.ReferencesTo(v, includeDeclaration: false).Count);
        Assert.All(all, o => Assert.Equal("v", index.Source.Slice(o.Span)));
    }

    [Fact]
    public void Pre_and_post_variables_resolve_to_the_neuron_models_declaration()
    {
        var index = SemanticIndex.Build("lif.dyn", LifAndSynapse);
        var post = index.SymbolAt(At(LifAndSynapse, "post.v", plus: 5))!;
        Assert.Equal(NavSymbolKind.State, post.Kind);
        Assert.Equal("LIF", post.ModelName);
        Assert.Equal(new TextSpan(At(LifAndSynapse, "state v", plus: 6), 1), post.DeclarationSpan);
        // The header's model names are uses of the model.
        var model = index.SymbolAt(At(LifAndSynapse, "pre LIF", plus: 4))!;
        Assert.Equal(NavSymbolKind.Model, model.Kind);
        Assert.Equal(3, index.ReferencesTo(model).Count);
    }

    [Fact]
    public void Symbols_carry_the_unit_and_default_as_written_and_the_checkers_dimension()
    {
        var index = SemanticIndex.Build("lif.dyn", LifAndSynapse);
        var tau = index.SymbolAt(At(LifAndSynapse, "tau"))!;
        Assert.Null(tau.UnitText);                       // param tau = 10 ms: no unit after a colon
        Assert.Equal("10 ms", tau.ValueText);
        Assert.Equal(Dimension.Time, tau.Dimension);
        var input = index.SymbolAt(At(LifAndSynapse, "I :"))!;
        Assert.Equal("nA", input.UnitText);
        Assert.Equal(Dimension.Current, input.Dimension);
        Assert.Equal(Dimension.Voltage, index.SymbolAt(At(LifAndSynapse, "state v", plus: 6))!.Dimension);
    }

    [Fact]
    public void The_smallest_expression_around_an_operator_has_the_checkers_dimension()
    {
        var index = SemanticIndex.Build("lif.dyn", LifAndSynapse);
        var product = index.ExpressionDimensionAt(At(LifAndSynapse, "R*I", plus: 1));
        Assert.NotNull(product);
        Assert.Equal("R*I", index.Source.Slice(product!.Value.Span));
        Assert.Equal(Dimension.Voltage, product.Value.Dimension);
        var quotient = index.ExpressionDimensionAt(At(LifAndSynapse, ") / tau", plus: 2))!.Value;
        Assert.Equal("(-v + R*I) / tau", index.Source.Slice(quotient.Span));
        Assert.Equal(Dimension.Voltage / Dimension.Time, quotient.Dimension);
    }

    [Fact]
    public void Unit_free_models_are_dimensionless_throughout()
    {
        const string text = "system Decay {\n  param k = 2\n  state x = 1\n  dx/dt = -k*x\n}\n";
        var index = SemanticIndex.Build("decay.dyn", text);
        Assert.Equal(Dimension.Dimensionless, index.ExpressionDimensionAt(At(text, "k*x", plus: 1))!.Value.Dimension);
        Assert.Equal(Dimension.Dimensionless, index.SymbolAt(At(text, "k"))!.Dimension);
    }

    [Fact]
    public void A_function_body_called_with_different_units_has_no_single_unit()
    {
        const string text = """
            function sq(x) = x*x
            function twice(y) = y+y
            system S {
              param a = 2 mV, b = 3 ms
              state u = 0 mV^2
              state w = 0 ms^2
              du/dt = sq(a) / b
              dw/dt = sq(b) / b * twice(b) / b
            }

            """;
        var index = SemanticIndex.Build("sq.dyn", text);
        NoErrors(index);
        Assert.Null(index.ExpressionDimensionAt(At(text, "x*x", plus: 1)));
        var single = index.ExpressionDimensionAt(At(text, "y+y", plus: 1))!.Value;
        Assert.Equal("y+y", index.Source.Slice(single.Span));
        Assert.Equal(Dimension.Time, single.Dimension);
        // Around a call the unit is the call's, for each call: sq(a) / b is V^2/s.
        var quotient = index.ExpressionDimensionAt(At(text, "sq(a) / b", plus: 6))!.Value;
        Assert.Equal("sq(a) / b", index.Source.Slice(quotient.Span));
        Assert.Equal(Dimension.Voltage * Dimension.Voltage / Dimension.Time, quotient.Dimension);
    }

    [Fact]
    public void Functions_their_parameters_and_builtins_resolve()
    {
        const string text = """
            function rho(s) = tanh(s) + s
            system Net {
              param theta = 0.5
              state x = 0
              function drive(y) = rho(y) - theta
              dx/dt = -x + drive(x) * exp(-t) + pi
            }

            """;
        var index = SemanticIndex.Build("net.dyn", text);
        NoErrors(index);
        var s = index.SymbolAt(At(text, "s) +"))!;
        Assert.Equal(NavSymbolKind.FunctionParameter, s.Kind);
        Assert.Equal(3, index.ReferencesTo(s).Count);
        var rho = index.SymbolAt(At(text, "rho(y)"))!;
        Assert.Equal(NavSymbolKind.Function, rho.Kind);
        Assert.Equal(new TextSpan(At(text, "rho"), 3), rho.DeclarationSpan);
        Assert.Equal(NavSymbolKind.Parameter, index.SymbolAt(At(text, "- theta", plus: 2))!.Kind);
        var exp = index.SymbolAt(At(text, "exp"))!;
        Assert.Equal(NavSymbolKind.BuiltinFunction, exp.Kind);
        Assert.Null(exp.DeclarationSpan);
        Assert.Equal(NavSymbolKind.BuiltinValue, index.SymbolAt(At(text, "pi"))!.Kind);
        Assert.Equal(NavSymbolKind.BuiltinValue, index.SymbolAt(At(text, "-t", plus: 1))!.Kind);
    }

    [Fact]
    public void Index_variables_and_units_as_values_are_left_unresolved_on_purpose()
    {
        const string text = """
            system Hopfield(x[j]) {
              param W[i,j] : 1
              state s[i]
              ds[i]/dt = (-s[i] + sum(j, W[i,j]*x[j])) * 1/ms
            }

            """;
        var index = SemanticIndex.Build("hop.dyn", text);
        NoErrors(index);
        Assert.Equal(Unresolved.IndexVariable, index.OccurrenceAt(At(text, "sum(j", plus: 4))!.Value.Reason);
        Assert.Equal(Unresolved.Unit, index.OccurrenceAt(At(text, "ms"))!.Value.Reason);
        Assert.DoesNotContain(index.Occurrences, o => o.Reason == Unresolved.Undefined);
    }

    [Fact]
    public void An_undefined_name_is_reported_unresolved_where_the_compiler_reports_it()
    {
        const string text = "system S {\n  state x = 0\n  dx/dt = -x * rate\n}\n";
        var index = SemanticIndex.Build("s.dyn", text);
        var rate = index.OccurrenceAt(At(text, "rate"))!.Value;
        Assert.Equal(Unresolved.Undefined, rate.Reason);
        Assert.Contains(index.Diagnostics, d => d.IsError && d.Location.Span == rate.Span);
    }

    [Fact]
    public void A_model_with_a_syntax_error_still_resolves_its_names()
    {
        const string text = "neuron N {\n  param tau = 10 ms\n  state v = 0 mV\n  dv/dt = -v / tau +\n}\n";
        var index = SemanticIndex.Build("n.dyn", text);
        Assert.Contains(index.Diagnostics, d => d.IsError);
        Assert.Equal(NavSymbolKind.Parameter, index.SymbolAt(At(text, "/ tau", plus: 2))?.Kind);
    }

    [Fact]
    public void Every_builtin_function_has_a_signature_and_a_description()
    {
        foreach (var name in BuiltinFunction.Names)
        {
            Assert.True(BuiltinDocs.TryGetFunction(name, out var signature, out var doc), name);
            Assert.StartsWith(name + "(", signature);
            Assert.False(string.IsNullOrWhiteSpace(doc));
        }
    }
}
