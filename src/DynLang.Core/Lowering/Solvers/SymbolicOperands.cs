using System;
using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Binding;
using DynLang.Core.Lowering.Ir;
using DynLang.Core.Symbolic;

namespace DynLang.Core.Lowering.Solvers;

/// <summary>
/// Prints symbolic coefficients (exponential Euler's A and B, the noise terms g) into the IR of
/// an elementwise program: parameters and dt are uniforms, t a time uniform of the caller's
/// choice, inputs and definitions the locals of the step's start (the names
/// <see cref="ElementwiseLowerer"/> gives them at stage 1), and each state whatever the caller
/// says (its value at the step's start, or a support value). A synapse's <c>pre.x</c>/<c>post.x</c>
/// are read as the synapse's other solvers read them.
/// </summary>
internal sealed class SymbolicOperands
{
    private readonly Dictionary<string, Symbol> _symbols;

    public SymbolicOperands(BoundModel model)
    {
        _symbols = new Dictionary<string, Symbol>(StringComparer.Ordinal);
        foreach (var symbol in model.Parameters.Cast<Symbol>().Concat(model.States).Concat(model.Inputs).Concat(model.Definitions))
            _symbols[symbol.Name] = symbol;
        // A synapse's pre.x / post.x (symbolic names "pre.x"), read as ElementwiseLowerer.StageLowerer reads them.
        var roots = model.Equations.Select(e => e.Rhs).Concat(model.Definitions.Where(d => d.Value is not null).Select(d => d.Value));
        foreach (var node in roots.SelectMany(BoundWalker.DescendantsAndSelf))
            if (node is BoundSymbolRef { Symbol: ExternalSymbol external }) _symbols[external.Scope + "." + external.Name] = external;
    }

    /// <summary>The definitions among <paramref name="names"/> (those kept as names in a coefficient).</summary>
    public IEnumerable<DefinitionSymbol> Definitions(IEnumerable<Sym> names) =>
        names.Select(s => _symbols.TryGetValue(s.Name, out var symbol) ? symbol as DefinitionSymbol : null)
            .Where(d => d is not null).Select(d => d!).Distinct();

    /// <summary>A converter reading states through <paramref name="state"/> and t from the uniform <paramref name="time"/>.</summary>
    public SymbolicToIr Converter(Func<StateSymbol, IrExpr> state, string time = "t") => new(sym =>
    {
        if (sym.Indices.Count > 0) throw new NotSupportedException($"'{sym}' cannot be computed in an elementwise model");
        if (sym.Name == "t") return ElementwiseLowerer.Uniform(time);
        if (sym.Name == "dt") return ElementwiseLowerer.Uniform("dt");
        return _symbols.TryGetValue(sym.Name, out var symbol)
            ? symbol switch
            {
                StateSymbol s => state(s),
                ParameterSymbol p => ElementwiseLowerer.Uniform(p.Name),
                ExternalSymbol { Target: ParameterSymbol } e => ElementwiseLowerer.Uniform(e.Scope + "." + e.Name),
                ExternalSymbol e => ElementwiseLowerer.Ref(e.Scope + "." + e.Name),
                _ => ElementwiseLowerer.Ref(symbol.Name),
            }
            : throw new NotSupportedException($"'{sym.Name}' cannot be computed here");
    });
}
