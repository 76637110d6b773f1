using System;
using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Lowering.Ir;
using DynLang.Core.Symbolic;

namespace DynLang.Core.Lowering;

/// <summary>
/// Prints a canonical symbolic expression back into kernel IR (propagators, derivatives of
/// energies). Sums are folded left to right in the engine's canonical term order, products
/// are written as numerator over denominator, negative terms as subtractions — readable, and
/// deterministic because the canonical order is.
/// </summary>
internal sealed class SymbolicToIr
{
    private readonly Func<Sym, IrExpr> _symbol;
    private readonly Func<string, string> _indexSet;

    /// <param name="symbol">How a symbol is read in the current context.</param>
    /// <param name="indexSet">The index set a summation variable ranges over.</param>
    public SymbolicToIr(Func<Sym, IrExpr> symbol, Func<string, string>? indexSet = null)
    {
        _symbol = symbol;
        _indexSet = indexSet ?? (name => throw new NotSupportedException($"the index set of '{name}' is unknown"));
    }

    public IrExpr Convert(Expr expr)
    {
        global::DynLang.Core.Diagnostics.StackGuard.Ensure();
        switch (expr)
        {
            case Num number:
                return new IrConstant(number.Value.ToDouble());
            case Sym symbol:
                return _symbol(symbol);
            case Add add:
                return ConvertAdd(add);
            case Mul mul:
                return ConvertMul(mul);
            case Pow pow:
                return ConvertPow(pow.Base, pow.Exponent);
            case Func func:
                return ConvertFunc(func);
            case Sum sum:
                return new IrSum(sum.Indices.Select(i => new IrLoop(LoopName(i.Name), _indexSet(i.Name))).ToList(), Convert(sum.Body));
            default:
                throw new NotSupportedException($"'{expr}' cannot be computed in generated code");
        }
    }

    /// <summary>
    /// A loop variable name valid in C#: the engine renames bound indices to avoid capture with
    /// primes (i → i'), which become "_p" (i' → i_p).
    /// </summary>
    public static string LoopName(string indexName) => indexName.Replace("'", "_p");

    private IrExpr ConvertAdd(Add add)
    {
        IrExpr? result = null;
        foreach (var term in add.Terms)
        {
            // a + (−c)*x is written a − c*x.
            if (result is not null && IsNegative(term, out var magnitude))
                result = new IrBinary(IrBinaryOp.Subtract, result, Convert(magnitude));
            else
                result = result is null ? Convert(term) : new IrBinary(IrBinaryOp.Add, result, Convert(term));
        }
        return result ?? new IrConstant(0);
    }

    private static bool IsNegative(Expr term, out Expr magnitude)
    {
        switch (term)
        {
            case Num number when number.Value.Sign < 0:
                magnitude = Expr.Number(-number.Value);
                return true;
            case Mul mul when mul.Coefficient.Sign < 0:
                magnitude = Expr.Neg(mul);
                return true;
            default:
                magnitude = term;
                return false;
        }
    }

    private IrExpr ConvertMul(Mul mul)
    {
        var numerator = new List<IrExpr>();
        var denominator = new List<IrExpr>();
        foreach (var factor in mul.Factors)
        {
            if (factor is Pow { Exponent: Num exponent } pow && exponent.Value.Sign < 0)
                denominator.Add(ConvertPow(pow.Base, Expr.Number(-exponent.Value)));
            else
                numerator.Add(Convert(factor));
        }
        var coefficient = mul.Coefficient;
        bool negative = coefficient.Sign < 0;
        if (negative) coefficient = -coefficient;
        if (!coefficient.IsOne) numerator.Insert(0, new IrConstant(coefficient.ToDouble()));
        IrExpr result = numerator.Count == 0 ? new IrConstant(1) : numerator.Aggregate((a, b) => new IrBinary(IrBinaryOp.Multiply, a, b));
        if (denominator.Count > 0)
            result = new IrBinary(IrBinaryOp.Divide, result, denominator.Aggregate((a, b) => new IrBinary(IrBinaryOp.Multiply, a, b)));
        return negative ? new IrUnary(IrUnaryOp.Negate, result) : result;
    }

    private IrExpr ConvertPow(Expr baseExpr, Expr exponent)
    {
        var b = Convert(baseExpr);
        if (exponent is Num number)
        {
            var value = number.Value;
            if (value.IsOne) return b;
            if (value == new BigRational(2)) return new IrBinary(IrBinaryOp.Multiply, b, b);
            if (value == BigRational.Half) return new IrCall(IrFunction.Sqrt, new[] { b });
            if (value == BigRational.MinusOne) return new IrBinary(IrBinaryOp.Divide, new IrConstant(1), b);
        }
        return new IrCall(IrFunction.Pow, new[] { b, Convert(exponent) });
    }

    private IrExpr ConvertFunc(Func func)
    {
        var args = func.Args.Select(Convert).ToList();
        IrExpr One() => new IrConstant(1);
        IrExpr Zero() => new IrConstant(0);
        switch (func.Name)
        {
            case "exp": return new IrCall(IrFunction.Exp, args);
            case "ln": return new IrCall(IrFunction.Log, args);
            case "sin": return new IrCall(IrFunction.Sin, args);
            case "cos": return new IrCall(IrFunction.Cos, args);
            case "tan": return new IrCall(IrFunction.Tan, args);
            case "sinh": return new IrCall(IrFunction.Sinh, args);
            case "cosh": return new IrCall(IrFunction.Cosh, args);
            case "tanh": return new IrCall(IrFunction.Tanh, args);
            case "atan": return new IrCall(IrFunction.Atan, args);
            case "exprel": return new IrCall(IrFunction.Exprel, args);
            case "abs": return new IrCall(IrFunction.Abs, args);
            case "min": return new IrCall(IrFunction.Min, args);
            case "max": return new IrCall(IrFunction.Max, args);
            case "clip": return new IrCall(IrFunction.Min, new[] { new IrCall(IrFunction.Max, new[] { args[0], args[1] }), args[2] });
            case "sigmoid":
                return new IrBinary(IrBinaryOp.Divide, One(),
                    new IrBinary(IrBinaryOp.Add, One(), new IrCall(IrFunction.Exp, new[] { new IrUnary(IrUnaryOp.Negate, args[0]) })));
            case "sign":
                return new IrSelect(new IrBinary(IrBinaryOp.Greater, args[0], Zero()), One(),
                    new IrSelect(new IrBinary(IrBinaryOp.Less, args[0], Zero()), new IrConstant(-1), Zero()));
            case "heaviside":
                return new IrSelect(new IrBinary(IrBinaryOp.Greater, args[0], Zero()), One(), Zero());
            // Piecewise functions and conditions are opaque to the engine (BoundToSymbolic), but
            // they can appear in a propagator's coefficients or forcing when they depend on
            // parameters or inputs only (constant over a step): written as ExpressionLowerer does.
            case "floor" when args.Count == 1: return new IrCall(IrFunction.Floor, args);
            case "ceil" when args.Count == 1: return new IrCall(IrFunction.Ceiling, args);
            case "mod" when args.Count == 2: return new IrBinary(IrBinaryOp.Remainder, args[0], args[1]);
            case "ifelse" when args.Count == 3: return new IrSelect(args[0], args[1], args[2]);
            case "int" when args.Count == 1: return new IrSelect(args[0], One(), Zero());
            case "not" when args.Count == 1: return new IrUnary(IrUnaryOp.Not, args[0]);
            case "lt" when args.Count == 2: return new IrBinary(IrBinaryOp.Less, args[0], args[1]);
            case "le" when args.Count == 2: return new IrBinary(IrBinaryOp.LessOrEqual, args[0], args[1]);
            case "gt" when args.Count == 2: return new IrBinary(IrBinaryOp.Greater, args[0], args[1]);
            case "ge" when args.Count == 2: return new IrBinary(IrBinaryOp.GreaterOrEqual, args[0], args[1]);
            case "eq" when args.Count == 2: return new IrBinary(IrBinaryOp.Equal, args[0], args[1]);
            case "ne" when args.Count == 2: return new IrBinary(IrBinaryOp.NotEqual, args[0], args[1]);
            case "and" when args.Count == 2: return new IrBinary(IrBinaryOp.And, args[0], args[1]);
            case "or" when args.Count == 2: return new IrBinary(IrBinaryOp.Or, args[0], args[1]);
            default:
                throw new NotSupportedException($"'{func.Name}' cannot be computed in generated code here");
        }
    }
}
