using System.Collections.Generic;

namespace DynLang.Core.Lowering.Ir;

/// <summary>Walks IR expressions (which locals and uniforms a piece of generated code reads).</summary>
public static class IrWalker
{
    /// <summary>Every <see cref="IrRef"/> in <paramref name="expr"/>, in reading order (with repeats).</summary>
    public static IEnumerable<IrRef> References(IrExpr expr)
    {
        var stack = new Stack<IrExpr>();
        stack.Push(expr);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            switch (node)
            {
                case IrRef reference:
                    yield return reference;
                    break;
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
