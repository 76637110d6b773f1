using System.Collections.Generic;

namespace DynLang.Core.Binding;

/// <summary>Enumerates the nodes of a bound expression (pre-order).</summary>
public static class BoundWalker
{
    /// <summary>The expression and every node below it.</summary>
    public static IEnumerable<BoundExpr> DescendantsAndSelf(BoundExpr root)
    {
        var stack = new Stack<BoundExpr>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            switch (node)
            {
                case BoundUnary unary:
                    stack.Push(unary.Operand);
                    break;
                case BoundBinary binary:
                    stack.Push(binary.Right);
                    stack.Push(binary.Left);
                    break;
                case BoundCall call:
                    for (int k = call.Arguments.Count - 1; k >= 0; k--) stack.Push(call.Arguments[k]);
                    break;
                case BoundOpaqueCall opaque:
                    for (int k = opaque.Arguments.Count - 1; k >= 0; k--) stack.Push(opaque.Arguments[k]);
                    break;
                case BoundSum sum:
                    stack.Push(sum.Body);
                    break;
                case BoundDerivative derivative:
                    stack.Push(derivative.WithRespectTo);
                    stack.Push(derivative.Of);
                    break;
            }
        }
    }

    /// <summary>The symbols an expression reads directly (not through definitions).</summary>
    public static IEnumerable<Symbol> ReferencedSymbols(BoundExpr root)
    {
        foreach (var node in DescendantsAndSelf(root))
            if (node is BoundSymbolRef reference) yield return reference.Symbol;
    }

    /// <summary>
    /// The definitions an expression needs, directly or through other definitions, in
    /// dependency order (each after the ones it uses).
    /// </summary>
    public static List<DefinitionSymbol> RequiredDefinitions(IEnumerable<BoundExpr> roots)
    {
        var result = new List<DefinitionSymbol>();
        var visited = new HashSet<DefinitionSymbol>();
        void Visit(BoundExpr expr)
        {
            foreach (var symbol in ReferencedSymbols(expr))
            {
                if (symbol is DefinitionSymbol definition && visited.Add(definition))
                {
                    if (definition.Value is not null) Visit(definition.Value);
                    result.Add(definition);
                }
            }
        }
        foreach (var root in roots) Visit(root);
        return result;
    }
}
