using System.Collections.Generic;
using DynLang.Core.Binding;
using DynLang.Core.Diagnostics;

namespace DynLang.Core.Compilation;

/// <summary>
/// The depth of each definition once the definitions it uses are substituted into it, which
/// is what the symbolic engine walks (<c>BoundToSymbolic</c> inlines definitions): a chain
/// <c>d2 = d1 + x</c>, <c>d3 = d2 + x</c>, … of short definitions is one deep expression.
/// Measured without recursion, in the binder's dependency order; beyond
/// <see cref="StackGuard.MaxExpressionDepth"/> it is DL0003 on the first definition too deep.
/// </summary>
internal static class DefinitionDepth
{
    /// <summary>Reports DL0003 when a definition is too deep once substituted; true when none is.</summary>
    public static bool Check(BoundModel model, DiagnosticBag diagnostics)
    {
        var depths = new Dictionary<DefinitionSymbol, int>();
        DefinitionSymbol? first = null;
        int deepest = 0;
        foreach (var definition in model.Definitions)
        {
            if (definition.Value is null) continue;
            int depth = Measure(definition.Value, depths);
            depths[definition] = depth;
            if (depth > deepest) deepest = depth;
            if (depth > StackGuard.MaxExpressionDepth && first is null) first = definition;
        }
        if (first is null) return true;
        diagnostics.Report(DiagnosticDescriptors.NestingTooDeep, first.DeclarationSpan,
            $"definition chain too deep: '{first.Name}' nests {depths[first]} levels once the definitions it uses are substituted" +
            $" (the deepest {deepest}), at most {StackGuard.MaxExpressionDepth}");
        return false;
    }

    private static int Measure(BoundExpr root, Dictionary<DefinitionSymbol, int> depths)
    {
        int max = 0;
        var stack = new Stack<(BoundExpr Node, int Depth)>();
        stack.Push((root, 1));
        while (stack.Count > 0)
        {
            var (node, depth) = stack.Pop();
            int here = depth;
            if (node is BoundSymbolRef { Symbol: DefinitionSymbol used } && depths.TryGetValue(used, out int inner))
                here = depth - 1 + inner;
            if (here > max) max = here;
            switch (node)
            {
                case BoundUnary unary:
                    stack.Push((unary.Operand, depth + 1));
                    break;
                case BoundBinary binary:
                    stack.Push((binary.Left, depth + 1));
                    stack.Push((binary.Right, depth + 1));
                    break;
                case BoundCall call:
                    foreach (var argument in call.Arguments) stack.Push((argument, depth + 1));
                    break;
                case BoundOpaqueCall opaque:
                    foreach (var argument in opaque.Arguments) stack.Push((argument, depth + 1));
                    break;
                case BoundSum sum:
                    stack.Push((sum.Body, depth + 1));
                    break;
                case BoundDerivative derivative:
                    stack.Push((derivative.Of, depth + 1));
                    stack.Push((derivative.WithRespectTo, depth + 1));
                    break;
            }
        }
        return max;
    }
}
