using System;
using System.Linq;

namespace DynLang.Core.Lowering.Ir;

/// <summary>
/// The fast math mode's integer powers: <c>pow(x, n)</c> with a whole-number constant
/// <c>|n| ≤ 16</c> becomes multiplications by repeated squaring, most significant bit first —
/// x^n = (x^(n/2))² for even n, (x^(n/2))²·x for odd n — so x³ = (x·x)·x, x⁴ = (x·x)·(x·x),
/// x⁶ = ((x·x)·x)·((x·x)·x): at most 2·log2(n) multiplications, always grouped this way
/// (deterministic). A negative n is 1/(x^|n|), n = 0 is 1 (as pow(x, 0) is, NaN included).
/// The repeated factors are the same tree; the per-element kernels compute each once
/// (<see cref="CommonSubexpressions"/>). Rounding differs from pow's (a few ulp at most for
/// these exponents), which is why the platform mode keeps pow.
/// </summary>
internal static class IntegerPowers
{
    /// <summary>The largest |n| written as multiplications.</summary>
    public const int MaxExponent = 16;

    /// <summary>
    /// <paramref name="expr"/> with its integer powers expanded. With
    /// <paramref name="complexBases"/> false, only powers of a single name or number are
    /// expanded (code without common-subexpression sharing would compute a longer base
    /// several times); the others stay calls of pow. A base with a noise draw or a sum stays a
    /// call of pow in any case (common-subexpression elimination does not share those).
    /// </summary>
    public static IrExpr Expand(IrExpr expr, bool complexBases)
    {
        Diagnostics.StackGuard.Ensure();
        switch (expr)
        {
            case IrUnary unary:
            {
                var operand = Expand(unary.Operand, complexBases);
                return ReferenceEquals(operand, unary.Operand) ? unary : new IrUnary(unary.Op, operand);
            }
            case IrBinary binary:
            {
                var left = Expand(binary.Left, complexBases);
                var right = Expand(binary.Right, complexBases);
                return ReferenceEquals(left, binary.Left) && ReferenceEquals(right, binary.Right) ? binary : new IrBinary(binary.Op, left, right);
            }
            case IrCall call:
            {
                var args = call.Arguments.Select(a => Expand(a, complexBases)).ToList();
                if (call.Function == IrFunction.Pow && args.Count == 2 && Exponent(args[1]) is int n
                    && (args[0] is IrRef or IrConstant or IrLoad || complexBases && IsPure(args[0])))
                {
                    return n == 0 ? new IrConstant(1)
                        : n > 0 ? Power(args[0], n)
                        : new IrBinary(IrBinaryOp.Divide, new IrConstant(1), Power(args[0], -n));
                }
                return args.Zip(call.Arguments, ReferenceEquals).All(same => same) ? call : new IrCall(call.Function, args);
            }
            case IrSelect select:
            {
                var condition = Expand(select.Condition, complexBases);
                var whenTrue = Expand(select.WhenTrue, complexBases);
                var whenFalse = Expand(select.WhenFalse, complexBases);
                return ReferenceEquals(condition, select.Condition) && ReferenceEquals(whenTrue, select.WhenTrue) && ReferenceEquals(whenFalse, select.WhenFalse)
                    ? select : new IrSelect(condition, whenTrue, whenFalse);
            }
            case IrSum sum:
            {
                var body = Expand(sum.Body, complexBases);
                return ReferenceEquals(body, sum.Body) ? sum : new IrSum(sum.Over, body);
            }
            default:
                return expr;
        }
    }

    /// <summary>The exponent as a whole number with |n| ≤ <see cref="MaxExponent"/>, else null.</summary>
    public static int? Exponent(IrExpr exponent)
    {
        double? value = exponent switch
        {
            IrConstant constant => constant.Value,
            IrUnary { Op: IrUnaryOp.Negate, Operand: IrConstant constant } => -constant.Value,
            _ => null,
        };
        return value is double v && Math.Abs(v) <= MaxExponent && v == Math.Floor(v) ? (int)v : null;
    }

    /// <summary>False when the tree holds a noise draw or a sum (which the per-element code does not share).</summary>
    private static bool IsPure(IrExpr expr)
    {
        var stack = new System.Collections.Generic.Stack<IrExpr>();
        var seen = new System.Collections.Generic.HashSet<IrExpr>(IrReferenceComparer.Instance);
        stack.Push(expr);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!seen.Add(node)) continue;
            switch (node)
            {
                case IrNormal or IrSum or IrLoad:
                    return false;
                case IrUnary unary:
                    stack.Push(unary.Operand);
                    break;
                case IrBinary binary:
                    stack.Push(binary.Left);
                    stack.Push(binary.Right);
                    break;
                case IrCall call:
                    foreach (var argument in call.Arguments) stack.Push(argument);
                    break;
                case IrSelect select:
                    stack.Push(select.Condition);
                    stack.Push(select.WhenTrue);
                    stack.Push(select.WhenFalse);
                    break;
            }
        }
        return true;
    }

    /// <summary>x^n, n ≥ 1, by repeated squaring (most significant bit first).</summary>
    private static IrExpr Power(IrExpr x, int n)
    {
        if (n == 1) return x;
        var half = Power(x, n / 2);
        var square = new IrBinary(IrBinaryOp.Multiply, half, half);
        return n % 2 == 0 ? square : new IrBinary(IrBinaryOp.Multiply, square, x);
    }
}
