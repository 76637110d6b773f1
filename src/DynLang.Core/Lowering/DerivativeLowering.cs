using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Analysis;
using DynLang.Core.Binding;
using DynLang.Core.Lowering.Ir;
using DynLang.Core.Symbolic;

namespace DynLang.Core.Lowering;

/// <summary>
/// Lowers <c>d(E)/d(x[i])</c>: differentiates symbolically at build time (chain rule, sums and
/// Kronecker deltas eliminated by the engine) and prints the result as IR in the caller's context.
/// </summary>
internal sealed class DerivativeLowering
{
    private readonly BoundModel _model;

    public DerivativeLowering(BoundModel model) => _model = model;

    /// <summary>
    /// Built-ins the engine keeps opaque (BoundToSymbolic) because they jump: their derivative is
    /// not computed; named as the user writes them.
    /// </summary>
    private static readonly Dictionary<string, string> NonSmoothBuiltins = new()
    {
        ["mod"] = "'%'", ["floor"] = "'floor'", ["ceil"] = "'ceil'", ["ifelse"] = "'ifelse'", ["int"] = "'int'",
        ["lt"] = "a comparison", ["le"] = "a comparison", ["gt"] = "a comparison", ["ge"] = "a comparison",
        ["eq"] = "a comparison", ["ne"] = "a comparison", ["and"] = "a condition", ["or"] = "a condition", ["not"] = "a condition",
    };

    public IrExpr Lower(BoundDerivative derivative, ExpressionLowerer.ResolveSymbol resolve)
    {
        Expr result;
        try
        {
            result = new BoundToSymbolic().Convert(derivative);
        }
        catch (SymbolicBudgetExceededException e)
        {
            throw new LoweringException(derivative.Span, $"the derivative is too large to compute ({e.Message})");
        }
        catch (System.NotSupportedException e)
        {
            // The engine cannot hold the expression (inf in an energy, a part that did not bind).
            throw new LoweringException(derivative.Span, $"the derivative cannot be computed symbolically: {e.Message}");
        }
        var missing = ExprAnalysis.FunctionsLackingDerivative(result);
        var piecewise = missing.Where(m => NonSmoothBuiltins.ContainsKey(m)).Select(m => NonSmoothBuiltins[m]).Distinct().ToList();
        if (piecewise.Count > 0)
            throw new LoweringException(derivative.Span,
                $"{string.Join(", ", piecewise)} {(piecewise.Count == 1 ? "is" : "are")} not differentiable (piecewise constant or with jumps), " +
                "so d(…)/d(…) is not computed through it; write the derivative out where it exists (d(p % 3)/d(p) is 1 between the jumps)");
        if (missing.Count > 0)
            throw new LoweringException(derivative.Span,
                $"no derivative is known for {string.Join(", ", missing.Select(m => "'" + m + "'"))}; give the function a body or write the derivative out");
        if (ExprAnalysis.ContainsUnevaluatedDerivative(result))
            throw new LoweringException(derivative.Span, "the derivative could not be evaluated symbolically");

        var sets = new Dictionary<string, IndexSet>();
        foreach (var node in BoundWalker.DescendantsAndSelf(derivative.Of).Append(derivative.WithRespectTo))
        {
            if (node is BoundSum sum)
                foreach (var variable in sum.Over) if (variable.Set is not null) sets[variable.Name] = variable.Set;
            if (node is BoundSymbolRef reference)
                foreach (var index in reference.Indices) if (index.Variable.Set is not null) sets[index.Variable.Name] = index.Variable.Set;
        }
        // Indices renamed by the engine (i → i') range over the same set as the original.
        IndexSet? SetOf(string name) => sets.TryGetValue(name.TrimEnd('\''), out var set) ? set : null;
        var symbols = _model.Parameters.Cast<Symbol>().Concat(_model.States).Concat(_model.Inputs)
            .Concat(new Symbol[] { _model.Time, _model.TimeStep }).ToDictionary(s => s.Name);
        var converter = new SymbolicToIr(sym =>
        {
            if (!symbols.TryGetValue(sym.Name, out var symbol))
                throw new LoweringException(derivative.Span, $"'{sym.Name}' in the derivative cannot be computed here");
            var indices = new List<BoundIndex>();
            foreach (var index in sym.Indices)
            {
                (string name, int offset) = index switch
                {
                    Idx idx => (idx.Name, 0),
                    Add { Terms: [Idx idx, Num n] } => (idx.Name, (int)n.Value.ToDouble()),
                    Add { Terms: [Num n, Idx idx] } => (idx.Name, (int)n.Value.ToDouble()),
                    _ => throw new LoweringException(derivative.Span, $"the index '{index}' cannot be computed here"),
                };
                var set = SetOf(name);
                indices.Add(new BoundIndex(new IndexVariable(SymbolicToIr.LoopName(name), set), offset, derivative.Span));
            }
            return resolve(new BoundSymbolRef(symbol, indices, null, derivative.Span));
        }, name => SetOf(name)?.Root.Name ?? throw new LoweringException(derivative.Span, $"the range of index '{name}' is unknown"));
        try
        {
            return converter.Convert(result);
        }
        catch (System.NotSupportedException e)
        {
            throw new LoweringException(derivative.Span, e.Message);
        }
    }
}
