using System;
using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Compilation;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Emit.Torch;

/// <summary>
/// Splits a state update <c>x' = E</c> into <c>x' = c·x + r</c>, where the coefficient c reads no
/// per-element value and r does not read x. That is the linear relaxation
/// <c>x' = x + w·(r/w − x)</c> with <c>w = 1 − c</c>, which the in-place step runs as one fused
/// <c>x.lerp_(r/w, w)</c> instead of a chain of element-wise passes (TOOLCHAIN.md: ~25× faster
/// for a leaky integrator). Covers the euler, rk2-free and exact forms of linear leaks: the
/// lowerer's <c>x + dt·f</c> with f linear in x, and the exact solver's <c>P·x + F·u + F0</c>.
/// Locals defined earlier in the body are inlined so that <c>x + dt·x__f1</c> is seen whole.
/// </summary>
internal static class AffineUpdate
{
    /// <summary>c and r with <c>E = c·x + r</c>, or null when E is not of that form.</summary>
    /// <param name="expr">The update's value.</param>
    /// <param name="state">The state's local name (x).</param>
    /// <param name="definitions">Body locals assigned once before the update (inlined).</param>
    /// <param name="isUniform">True for a slot that is the same for every element.</param>
    public static (IrExpr Coefficient, IrExpr Remainder)? Split(IrExpr expr, string state,
        IReadOnlyDictionary<string, IrExpr> definitions, Func<IrRef, bool> isUniform)
    {
        // rk4 reads each stage's locals several times, so inlining can grow with the fourth power
        // of the right-hand side: past the budget the update keeps its plain, unfused form.
        long budget = CompileBudget.MaxAffineSplitNodes;
        var inlined = Inline(expr, definitions, 0, ref budget);
        if (inlined is null) return null;
        var split = Decompose(inlined, state, isUniform);
        if (split is null || split.Value.Coefficient is null) return null;
        return (split.Value.Coefficient, split.Value.Remainder ?? new IrConstant(0));
    }

    private static IrExpr? Inline(IrExpr expr, IReadOnlyDictionary<string, IrExpr> definitions, int depth, ref long budget)
    {
        global::DynLang.Core.Diagnostics.StackGuard.Ensure();
        if (depth > 16 || --budget < 0) return null;
        switch (expr)
        {
            case IrRef { Kind: SlotKind.Local } local when definitions.TryGetValue(local.Name, out var value):
                return Inline(value, definitions, depth + 1, ref budget);
            case IrUnary unary:
                return Inline(unary.Operand, definitions, depth, ref budget) is { } operand ? unary with { Operand = operand } : null;
            case IrBinary binary:
            {
                var left = Inline(binary.Left, definitions, depth, ref budget);
                if (left is null) return null;
                var right = Inline(binary.Right, definitions, depth, ref budget);
                return right is null ? null : binary with { Left = left, Right = right };
            }
            case IrCall call:
            {
                var args = new List<IrExpr>(call.Arguments.Count);
                foreach (var argument in call.Arguments)
                {
                    if (Inline(argument, definitions, depth, ref budget) is not { } inlinedArgument) return null;
                    args.Add(inlinedArgument);
                }
                return call with { Arguments = args };
            }
            case IrSelect select:
            {
                var c = Inline(select.Condition, definitions, depth, ref budget);
                if (c is null) return null;
                var t = Inline(select.WhenTrue, definitions, depth, ref budget);
                if (t is null) return null;
                var f = Inline(select.WhenFalse, definitions, depth, ref budget);
                return f is null ? null : new IrSelect(c, t, f);
            }
            default:
                return expr;
        }
    }

    /// <summary>(coefficient of x, rest); null parts mean zero. Null result: not affine in x with a uniform coefficient.</summary>
    private static (IrExpr? Coefficient, IrExpr? Remainder)? Decompose(IrExpr expr, string state, Func<IrRef, bool> isUniform)
    {
        global::DynLang.Core.Diagnostics.StackGuard.Ensure();
        if (!Reads(expr, state)) return (null, expr);
        switch (expr)
        {
            case IrRef { Kind: SlotKind.Local } reference when reference.Name == state:
                return (new IrConstant(1), null);
            case IrUnary { Op: IrUnaryOp.Negate } negate:
            {
                var inner = Decompose(negate.Operand, state, isUniform);
                if (inner is null) return null;
                return (Neg(inner.Value.Coefficient), Neg(inner.Value.Remainder));
            }
            case IrBinary { Op: IrBinaryOp.Add or IrBinaryOp.Subtract } sum:
            {
                var left = Decompose(sum.Left, state, isUniform);
                var right = Decompose(sum.Right, state, isUniform);
                if (left is null || right is null) return null;
                bool add = sum.Op == IrBinaryOp.Add;
                return (Combine(left.Value.Coefficient, right.Value.Coefficient, add),
                        Combine(left.Value.Remainder, right.Value.Remainder, add));
            }
            case IrBinary { Op: IrBinaryOp.Multiply } product:
            {
                // One factor must be free of x and uniform (a per-element factor would make c per-element).
                if (!Reads(product.Left, state) && IsUniform(product.Left, isUniform))
                {
                    var right = Decompose(product.Right, state, isUniform);
                    return right is null ? null : (Scale(product.Left, right.Value.Coefficient, true), Scale(product.Left, right.Value.Remainder, true));
                }
                if (!Reads(product.Right, state) && IsUniform(product.Right, isUniform))
                {
                    var left = Decompose(product.Left, state, isUniform);
                    return left is null ? null : (Scale(product.Right, left.Value.Coefficient, false), Scale(product.Right, left.Value.Remainder, false));
                }
                return null;
            }
            case IrBinary { Op: IrBinaryOp.Divide } quotient when !Reads(quotient.Right, state) && IsUniform(quotient.Right, isUniform):
            {
                var left = Decompose(quotient.Left, state, isUniform);
                if (left is null) return null;
                return (Divide(left.Value.Coefficient, quotient.Right), Divide(left.Value.Remainder, quotient.Right));
            }
            default:
                return null;
        }
    }

    private static bool Reads(IrExpr expr, string state) =>
        IrWalker.References(expr).Any(r => r.Kind == SlotKind.Local && r.Name == state);

    private static bool IsUniform(IrExpr expr, Func<IrRef, bool> isUniform) => IrWalker.References(expr).All(isUniform);

    private static IrExpr? Neg(IrExpr? e) => e is null ? null : new IrUnary(IrUnaryOp.Negate, e);

    private static IrExpr? Combine(IrExpr? a, IrExpr? b, bool add) =>
        (a, b) switch
        {
            (null, null) => null,
            (_, null) => a,
            (null, _) => add ? b : new IrUnary(IrUnaryOp.Negate, b!),
            _ => new IrBinary(add ? IrBinaryOp.Add : IrBinaryOp.Subtract, a!, b!),
        };

    private static IrExpr? Scale(IrExpr factor, IrExpr? e, bool factorOnLeft) =>
        e is null ? null : factorOnLeft ? new IrBinary(IrBinaryOp.Multiply, factor, e) : new IrBinary(IrBinaryOp.Multiply, e, factor);

    private static IrExpr? Divide(IrExpr? e, IrExpr divisor) => e is null ? null : new IrBinary(IrBinaryOp.Divide, e, divisor);
}
