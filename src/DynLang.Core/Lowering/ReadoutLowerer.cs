using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Binding;
using DynLang.Core.Lowering.Ir;
using DynLang.Core.Text;

namespace DynLang.Core.Lowering;

/// <summary>
/// Lowers what a model defines — definitions, invariants, energies — into <see cref="KernelReadout"/>s
/// that the CPU emitters turn into members evaluating them on the current state (issue 10 item 5:
/// users check their runs with the model's own H or E instead of re-implementing it).
/// A readout reads the states, inputs and parameters as they are between steps, and <c>t</c> as
/// the class's <c>Time</c>. A quantity that needs what exists only inside a step (<c>dt</c>,
/// white noise) or that cannot be lowered gets no member; the reason goes into the class remarks.
/// </summary>
internal sealed class ReadoutLowerer
{
    private readonly BoundModel _model;
    private readonly SourceLines _lines;
    private readonly SourceText _source;
    private readonly ExpressionLowerer.LowerDerivative _differentiate;
    private readonly bool _indexed;

    public ReadoutLowerer(BoundModel model, SourceLines lines, SourceText source, ExpressionLowerer.LowerDerivative differentiate, bool indexed)
    {
        _model = model;
        _lines = lines;
        _source = source;
        _differentiate = differentiate;
        _indexed = indexed;
    }

    /// <summary>Adds a readout (or the reason there is none) for every definition, invariant and energy, in source order.</summary>
    public void Lower(KernelModel kernel)
    {
        var quantities = _model.Definitions.Cast<Symbol>().Concat(_model.Quantities)
            .OrderBy(s => s.DeclarationSpan.Start).ToList();
        foreach (var symbol in quantities)
        {
            try
            {
                kernel.Readouts.Add(symbol switch
                {
                    DefinitionSymbol definition => Readout(definition, "definition", definition.Value, definition.IndexVariables,
                        definition.Syntax.Span, exclude: definition),
                    NamedQuantitySymbol quantity => Readout(quantity, quantity.Kind == SymbolKind.Energy ? "energy" : "invariant",
                        quantity.Value, System.Array.Empty<IndexVariable>(), quantity.Syntax.Span, exclude: null),
                    _ => throw new System.InvalidOperationException(symbol.Name),
                });
            }
            catch (LoweringException e)
            {
                kernel.Unreadable.Add(new UnreadableQuantity(symbol.Name, e.Message));
            }
        }
    }

    private KernelReadout Readout(Symbol symbol, string role, BoundExpr? value, IReadOnlyList<IndexVariable> indices, TextSpan span,
        DefinitionSymbol? exclude)
    {
        if (value is null) throw new LoweringException(span, "it could not be bound");
        var lowerer = Lowerer();
        var steps = new List<ReadoutStep>();
        foreach (var definition in BoundWalker.RequiredDefinitions(new[] { value }))
        {
            if (definition == exclude) continue;
            if (definition.Value is null) throw new LoweringException(span, $"definition '{definition.Name}' could not be bound");
            steps.Add(new ReadoutStep(definition.Name, Loops(definition.IndexVariables), lowerer.Lower(definition.Value),
                _lines.LineOf(definition.Syntax.Span.Start)));
        }
        return new KernelReadout(symbol.Name, role, Loops(indices), steps, lowerer.Lower(value), ModelLowerer.UnitText(symbol),
            ModelLowerer.Compact(_source.Slice(span)), _lines.LineOf(span.Start));
    }

    private static List<IrLoop> Loops(IReadOnlyList<IndexVariable> indices) =>
        indices.Select(v => new IrLoop(v.Name, v.Set!.Root.Name)).ToList();

    private ExpressionLowerer Lowerer() => new(reference =>
    {
        var indices = reference.Indices.Select(i => new IrIndex(i.Variable.Name, i.Offset)).ToList();
        return reference.Symbol switch
        {
            StateSymbol or InputSymbol when !_indexed => new IrRef(reference.Symbol.Name, SlotKind.Local),
            StateSymbol or InputSymbol => new IrLoad(reference.Symbol.Name, indices),
            ParameterSymbol { Rank: 0 } parameter => new IrRef(parameter.Name, SlotKind.Uniform),
            ParameterSymbol parameter => new IrLoad(parameter.Name, indices),
            DefinitionSymbol definition when !_indexed => new IrRef(definition.Name, SlotKind.Local),
            DefinitionSymbol definition => new IrLoad(definition.Name, indices),
            BuiltinSymbol { Name: "t" } => new IrRef("t", SlotKind.Uniform),
            BuiltinSymbol { Name: "dt" } => throw new LoweringException(reference.Span,
                "it uses dt, which has a value only inside a step"),
            NoiseSymbol => throw new LoweringException(reference.Span, "it uses white noise, which is drawn only inside a step"),
            _ => throw new LoweringException(reference.Span, $"it uses '{reference.Symbol.Name}', which a readout cannot read"),
        };
    }, _differentiate);
}
