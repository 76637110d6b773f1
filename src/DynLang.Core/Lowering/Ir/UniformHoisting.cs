using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Diagnostics;

namespace DynLang.Core.Lowering.Ir;

/// <summary>
/// Moves subexpressions that are the same for every element (only numbers and uniforms: the
/// parameters, dt, t, per-step values) out of the per-element code into uniforms computed once
/// per step on the host: <c>__k0</c>, <c>__k1</c>, … In COBAHH, <c>0.32/mV*4 mV/…/ms</c> and
/// <c>g_na/Cm</c>-style terms were divided out again for every neuron and every step.
/// <para>
/// Values do not change, bit for bit, where this is applied: only whole subtrees move (the user's
/// grouping is kept, nothing is reassociated), the host computes them in double with the same
/// operations as the kernel, and every operation is pure. So it is applied to double-precision
/// kernels only (a float kernel computes the same tree in float), and in the fast math mode
/// subtrees with function calls stay in the kernel (the host calls the platform functions, the
/// kernel FastMath). Conditions and lone names or numbers never move.
/// </para>
/// </summary>
internal static class UniformHoisting
{
    /// <summary>Prefix of the hoisted uniforms (model names never contain "__").</summary>
    public const string Prefix = "__k";

    /// <summary>The statements with per-step subexpressions replaced by uniforms, and those uniforms in order.</summary>
    public static (List<IrAssign> Body, List<IrAssign> Uniforms) Hoist(IReadOnlyList<IrAssign> body, bool allowCalls)
    {
        var uniforms = new List<IrAssign>();
        var byText = new Dictionary<string, string>();
        var result = new List<IrAssign>(body.Count);
        foreach (var assign in body)
            result.Add(assign with { Value = Rewrite(assign.Value, allowCalls, uniforms, byText) });
        return (result, uniforms);
    }

    private static IrExpr Rewrite(IrExpr expr, bool allowCalls, List<IrAssign> uniforms, Dictionary<string, string> byText)
    {
        StackGuard.Ensure();
        if (IsPerStep(expr, allowCalls) && !expr.IsCondition && expr is not (IrConstant or IrRef)
            && !(expr is IrUnary { Operand: IrConstant or IrRef }))
        {
            string text = IrText.Print(expr);
            if (!byText.TryGetValue(text, out string? name))
            {
                name = Prefix + uniforms.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                byText.Add(text, name);
                uniforms.Add(new IrAssign(name, expr, Comment: $"{name} = {text}: the same for every element, computed once per step"));
            }
            return new IrRef(name, SlotKind.Uniform);
        }

        return expr switch
        {
            IrUnary unary => unary with { Operand = Rewrite(unary.Operand, allowCalls, uniforms, byText) },
            IrBinary binary => binary with
            {
                Left = Rewrite(binary.Left, allowCalls, uniforms, byText),
                Right = Rewrite(binary.Right, allowCalls, uniforms, byText),
            },
            IrCall call => call with { Arguments = call.Arguments.Select(a => Rewrite(a, allowCalls, uniforms, byText)).ToList() },
            IrSelect select => select with
            {
                Condition = Rewrite(select.Condition, allowCalls, uniforms, byText),
                WhenTrue = Rewrite(select.WhenTrue, allowCalls, uniforms, byText),
                WhenFalse = Rewrite(select.WhenFalse, allowCalls, uniforms, byText),
            },
            _ => expr,
        };
    }

    // True when the tree reads nothing that varies by element (a loop over the tree, no recursion).
    private static bool IsPerStep(IrExpr expr, bool allowCalls)
    {
        var stack = new Stack<IrExpr>();
        stack.Push(expr);
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case IrConstant:
                    break;
                case IrRef reference when reference.Kind == SlotKind.Uniform:
                    break;
                case IrUnary unary:
                    stack.Push(unary.Operand);
                    break;
                case IrBinary binary:
                    stack.Push(binary.Left);
                    stack.Push(binary.Right);
                    break;
                case IrCall call when allowCalls:
                    foreach (var argument in call.Arguments) stack.Push(argument);
                    break;
                case IrSelect select:
                    stack.Push(select.Condition);
                    stack.Push(select.WhenTrue);
                    stack.Push(select.WhenFalse);
                    break;
                default:
                    return false; // locals, calls in fast mode, noise, loads, sums
            }
        }

        return true;
    }
}
