using System;
using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Ast;
using DynLang.Core.Binding;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Lowering;

/// <summary>
/// Turns bound expressions into kernel IR, keeping operand order and grouping. Where a symbol
/// lives (a local of this stage, a uniform, an array element) is decided by the caller's
/// <see cref="ResolveSymbol"/>; built-in functions become IR functions or small IR trees
/// (clip → min(max(…)), sigmoid → 1/(1+exp(−x))).
/// </summary>
internal sealed class ExpressionLowerer
{
    /// <summary>Maps a symbol reference to the IR that reads it in the current context.</summary>
    public delegate IrExpr ResolveSymbol(BoundSymbolRef reference);

    /// <summary>Lowers a symbolic derivative d(E)/d(x) with the given symbol resolution.</summary>
    public delegate IrExpr LowerDerivative(BoundDerivative derivative, ResolveSymbol resolve);

    private readonly ResolveSymbol _resolve;
    private readonly LowerDerivative? _differentiate;
    private readonly Func<BoundCall, IrExpr>? _spatial;

    /// <param name="resolve">Where symbols live.</param>
    /// <param name="differentiate">Lowers d(E)/d(x), if allowed here.</param>
    /// <param name="spatial">Lowers laplacian/grad/div calls (fields: Lowering/Fields/StencilLowerer.cs), if allowed here.</param>
    public ExpressionLowerer(ResolveSymbol resolve, LowerDerivative? differentiate = null, Func<BoundCall, IrExpr>? spatial = null)
    {
        _resolve = resolve;
        _differentiate = differentiate;
        _spatial = spatial;
    }

    /// <summary>Why a call of a function without a body gets no code (DL0307).</summary>
    public static string OpaqueMessage(string name) =>
        $"'{name}' is declared without a body; host-supplied functions cannot be called from generated kernels yet";

    public IrExpr Lower(BoundExpr expr)
    {
        global::DynLang.Core.Diagnostics.StackGuard.Ensure();
        switch (expr)
        {
            case BoundLiteral literal:
                return new IrConstant(literal.Value);
            case BoundSymbolRef reference:
                if (reference.Symbol is BuiltinSymbol { IsTimeLike: false } constant) return new IrConstant(constant.Value);
                return _resolve(reference);
            case BoundUnary unary:
                return unary.Op switch
                {
                    UnaryOp.Negate => new IrUnary(IrUnaryOp.Negate, Lower(unary.Operand)),
                    UnaryOp.Not => new IrUnary(IrUnaryOp.Not, Lower(unary.Operand)),
                    _ => Lower(unary.Operand),
                };
            case BoundBinary binary:
                return LowerBinary(binary);
            case BoundCall call:
                return LowerCall(call);
            case BoundSum sum:
                if (sum.Over.Count == 0)
                    throw new LoweringException(sum.Span, "a sum over a field's grid cells is checked, but not computed in generated code yet");
                return new IrSum(sum.Over.Select(v => new IrLoop(v.Name, v.Set!.Root.Name)).ToList(), Lower(sum.Body));
            case BoundDerivative derivative when _differentiate is not null:
                return _differentiate(derivative, _resolve);
            case BoundDerivative derivative:
                throw new LoweringException(derivative.Span, "d(…)/d(…) is not supported here");
            case BoundOpaqueCall opaque:
                throw new LoweringException(opaque.Span, OpaqueMessage(opaque.Name));
            default:
                throw new LoweringException(expr.Span, "this expression could not be bound");
        }
    }

    private IrExpr LowerBinary(BoundBinary binary)
    {
        if (binary.Op == BinaryOp.Power) return LowerPower(binary);
        var op = binary.Op switch
        {
            BinaryOp.Add => IrBinaryOp.Add,
            BinaryOp.Subtract => IrBinaryOp.Subtract,
            BinaryOp.Multiply => IrBinaryOp.Multiply,
            BinaryOp.Divide => IrBinaryOp.Divide,
            BinaryOp.Modulo => IrBinaryOp.Remainder,
            BinaryOp.Less => IrBinaryOp.Less,
            BinaryOp.LessOrEqual => IrBinaryOp.LessOrEqual,
            BinaryOp.Greater => IrBinaryOp.Greater,
            BinaryOp.GreaterOrEqual => IrBinaryOp.GreaterOrEqual,
            BinaryOp.Equal => IrBinaryOp.Equal,
            BinaryOp.NotEqual => IrBinaryOp.NotEqual,
            BinaryOp.And => IrBinaryOp.And,
            _ => IrBinaryOp.Or,
        };
        return new IrBinary(op, Lower(binary.Left), Lower(binary.Right));
    }

    /// <summary>
    /// Powers with a literal exponent use the forms numpy uses (x*x for 2, sqrt for 0.5, 1/x for
    /// −1), so results match Python references bit for bit; other exponents call pow.
    /// </summary>
    private IrExpr LowerPower(BoundBinary power)
    {
        var baseExpr = Lower(power.Left);
        double? exponent = LiteralValue(power.Right);
        return exponent switch
        {
            0 => new IrConstant(1),
            1 => baseExpr,
            2 => new IrBinary(IrBinaryOp.Multiply, baseExpr, baseExpr),
            0.5 => new IrCall(IrFunction.Sqrt, new[] { baseExpr }),
            -1 => new IrBinary(IrBinaryOp.Divide, new IrConstant(1), baseExpr),
            _ => new IrCall(IrFunction.Pow, new[] { baseExpr, Lower(power.Right) }),
        };
    }

    private static double? LiteralValue(BoundExpr expr) => expr switch
    {
        BoundLiteral literal => literal.Value,
        BoundUnary { Op: UnaryOp.Negate, Operand: BoundLiteral literal } => -literal.Value,
        _ => null,
    };

    private IrExpr LowerCall(BoundCall call)
    {
        if (_spatial is not null && call.Function.UnitRule == FunctionUnitRule.Spatial) return _spatial(call);
        var args = call.Arguments.Select(Lower).ToList();
        IrExpr Call(IrFunction f) => new IrCall(f, args);
        IrExpr One() => new IrConstant(1);
        IrExpr Zero() => new IrConstant(0);
        switch (call.Function.Name)
        {
            case "exp": return Call(IrFunction.Exp);
            case "ln":
            case "log": return Call(IrFunction.Log);
            case "log10": return Call(IrFunction.Log10);
            case "sin": return Call(IrFunction.Sin);
            case "cos": return Call(IrFunction.Cos);
            case "tan": return Call(IrFunction.Tan);
            case "sinh": return Call(IrFunction.Sinh);
            case "cosh": return Call(IrFunction.Cosh);
            case "tanh": return Call(IrFunction.Tanh);
            case "atan": return Call(IrFunction.Atan);
            case "exprel": return Call(IrFunction.Exprel);
            case "sqrt": return Call(IrFunction.Sqrt);
            case "abs": return Call(IrFunction.Abs);
            case "floor": return Call(IrFunction.Floor);
            case "ceil": return Call(IrFunction.Ceiling);
            case "min": return Call(IrFunction.Min);
            case "max": return Call(IrFunction.Max);
            case "sigmoid":
                return new IrBinary(IrBinaryOp.Divide, One(),
                    new IrBinary(IrBinaryOp.Add, One(), new IrCall(IrFunction.Exp, new[] { new IrUnary(IrUnaryOp.Negate, args[0]) })));
            case "clip":
                return new IrCall(IrFunction.Min, new[] { new IrCall(IrFunction.Max, new[] { args[0], args[1] }), args[2] });
            case "sign":
                return new IrSelect(new IrBinary(IrBinaryOp.Greater, args[0], Zero()), One(),
                    new IrSelect(new IrBinary(IrBinaryOp.Less, args[0], Zero()), new IrConstant(-1), Zero()));
            case "heaviside":
                return new IrSelect(new IrBinary(IrBinaryOp.Greater, args[0], Zero()), One(), Zero());
            case "ifelse":
                return new IrSelect(args[0], args[1], args[2]);
            case "int":
                return new IrSelect(args[0], One(), Zero());
            default:
                throw new LoweringException(call.Span, $"'{call.Function.Name}' is not supported by the code generator yet");
        }
    }
}

/// <summary>A construct the code generator cannot handle; reported as a located diagnostic.</summary>
internal sealed class LoweringException : Exception
{
    public LoweringException(Text.TextSpan span, string message) : base(message) => Span = span;

    public Text.TextSpan Span { get; }
}
