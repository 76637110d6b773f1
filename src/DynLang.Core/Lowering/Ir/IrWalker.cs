using System.Collections.Generic;

namespace DynLang.Core.Lowering.Ir;

/// <summary>Walks IR expressions (which locals and uniforms a piece of generated code reads).</summary>
public static class IrWalker
{
    /// <summary>Every <see cref="IrRef"/> in <paramref name="expr"/>, in reading order (with repeats).</summary>
    public static IEnumerable<IrRef> References(IrExpr expr)
    {
        foreach (var node in Nodes(expr))
            if (node is IrRef reference) yield return reference;
    }

    /// <summary>
    /// Every node of <paramref name="expr"/>, each parent before its operands, operands in reading
    /// order (a shared subtree once per use). A loop over an explicit stack: no recursion, so no
    /// depth limit. A sum yields its body (not its loops); loads and noise draws are leaves.
    /// </summary>
    public static IEnumerable<IrExpr> Nodes(IrExpr expr)
    {
        var stack = new Stack<IrExpr>();
        stack.Push(expr);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            switch (node)
            {
                case IrUnary unary:
                    stack.Push(unary.Operand);
                    break;
                case IrBinary binary:
                    stack.Push(binary.Right);
                    stack.Push(binary.Left);
                    break;
                case IrCall call:
                    for (int k = call.Arguments.Count - 1; k >= 0; k--) stack.Push(call.Arguments[k]);
                    break;
                case IrSelect select:
                    stack.Push(select.WhenFalse);
                    stack.Push(select.WhenTrue);
                    stack.Push(select.Condition);
                    break;
                case IrSum sum:
                    stack.Push(sum.Body);
                    break;
            }
        }
    }
}
