using System.Linq;
using DynLang.Core.Ast;
using DynLang.Core.Diagnostics;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Binding;

/// <summary>
/// <c>surrogate fast_sigmoid(slope = 25 / mV)</c>, <c>surrogate arctan(slope = 2 / mV)</c>,
/// <c>surrogate log_sum_exp(temperature = 0.5 mV)</c>: the differentiable spike of the TorchSharp
/// backend. Allowed once, in a neuron with a spiking event whose threshold is one comparison
/// (<c>v &gt; v_th</c>: the surrogate is a function of the margin v − v_th). The option is a
/// constant of parameters; its unit (1/margin or margin) is checked by the unit checker.
/// </summary>
public sealed partial class Binder
{
    /// <summary>The surrogate functions and the name of their one option.</summary>
    internal static string OptionOf(SurrogateKind kind) => kind == SurrogateKind.LogSumExp ? "temperature" : "slope";

    private const string KnownSurrogates = "fast_sigmoid(slope = …), arctan(slope = …), log_sum_exp(temperature = …)";

    private void BindSurrogate()
    {
        var declarations = _model.Members.OfType<SurrogateDecl>().ToList();
        if (declarations.Count == 0) return;
        var surrogate = declarations[0];
        foreach (var extra in declarations.Skip(1))
            Report(DiagnosticDescriptors.DuplicateDeclaration, extra.Span, "surrogate", ModelWords, LineOf(surrogate.Span));
        if (_model.Kind != ModelKind.Neuron)
        {
            Report(DiagnosticDescriptors.NotAllowedInKind, surrogate.Span, "a surrogate", _model.Kind.ToString().ToLowerInvariant(),
                " (a surrogate is the backward pass of a neuron's spike threshold)");
            return;
        }
        SurrogateKind kind;
        switch (surrogate.Name.Name)
        {
            case "fast_sigmoid": kind = SurrogateKind.FastSigmoid; break;
            case "arctan": kind = SurrogateKind.Arctan; break;
            case "log_sum_exp": kind = SurrogateKind.LogSumExp; break;
            default:
                Report(DiagnosticDescriptors.InvalidSurrogate, surrogate.Name.Span, $"unknown surrogate '{surrogate.Name.Name}'; known: {KnownSurrogates}");
                return;
        }
        string option = OptionOf(kind);
        var spiking = _bound.Events.Where(e => e.Statements.OfType<BoundEmit>().Any()).ToList();
        if (spiking.Count != 1 || spiking[0].Condition is not BoundBinary
            {
                Op: BinaryOp.Greater or BinaryOp.GreaterOrEqual or BinaryOp.Less or BinaryOp.LessOrEqual,
            })
        {
            Report(DiagnosticDescriptors.InvalidSurrogate, surrogate.Name.Span,
                spiking.Count == 0
                    ? "the neuron has no event that emits a spike"
                    : spiking.Count > 1
                        ? $"the neuron has {spiking.Count} events that emit spikes; a surrogate needs exactly one"
                        : "the spiking event's condition must be one comparison such as v > v_th (the surrogate is a function of v - v_th)");
            return;
        }
        if (surrogate.Options.Count != 1 || surrogate.Options[0].Name.Name != option)
        {
            var span = surrogate.Options.FirstOrDefault(o => o.Name.Name != option)?.Name.Span ?? surrogate.Span;
            Report(DiagnosticDescriptors.InvalidSurrogate, span,
                $"surrogate {surrogate.Name.Name} takes exactly one option, {option} (surrogate {surrogate.Name.Name}({option} = …))");
            return;
        }
        var value = BindValue(surrogate.Options[0].Value, BindingScope.Create(ValueContext.ParametersOnly, $"the surrogate's {option}"));
        RequireNumber(value);
        _bound.Surrogate = surrogate;
        _bound.SurrogateKind = kind;
        _bound.SurrogateValue = value;
        _bound.SurrogateEvent = spiking[0];
    }
}
