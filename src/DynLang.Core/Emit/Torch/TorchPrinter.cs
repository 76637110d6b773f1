using System;
using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Emit.Cpu;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Emit.Torch;

/// <summary>A printed expression: C# text, and whether it evaluates to a TorchSharp tensor or a host double/bool.</summary>
internal readonly record struct TorchCode(string Text, bool IsTensor);

/// <summary>
/// Prints IR as out-of-place TorchSharp expressions. A sub-expression that reads no tensor is
/// printed as host C# (double arithmetic, exactly as the CPU backend's host code), so uniforms
/// cost nothing per element; a tensor sub-expression uses TorchSharp operators and functions.
/// Semantics follow the scalar printer: <c>min(a, b)</c> is <c>a &lt; b ? a : b</c> (NaN included),
/// <c>%</c> is C#'s remainder (<c>torch.fmod</c>, sign of the dividend). Never in-place: the
/// result is safe for autograd.
/// </summary>
internal sealed class TorchPrinter
{
    private readonly Func<IrRef, TorchCode> _reference;
    private readonly ScalarPrinter _host;

    private readonly Func<IrLoad, string>? _load;
    private readonly Func<IrSum, string>? _sum;

    /// <param name="reference">How a slot is printed, and whether it is a tensor.</param>
    /// <param name="load">How an array element is printed (indexed models: a view of the array broadcast over the loops).</param>
    /// <param name="sum">How a sum is printed (indexed models: a reduction over the summed loops).</param>
    public TorchPrinter(Func<IrRef, TorchCode> reference, Func<IrLoad, string>? load = null, Func<IrSum, string>? sum = null)
    {
        _reference = reference;
        _load = load;
        _sum = sum;
        _host = new ScalarPrinter(NumericType.Double, r => reference(r).Text);
    }

    /// <summary>True when the expression reads a tensor (otherwise it is host code).</summary>
    public bool ReadsTensor(IrExpr expr) => HasArrayNode(expr) || IrWalker.References(expr).Any(r => _reference(r).IsTensor);

    private static bool HasArrayNode(IrExpr expr) => global::DynLang.Core.Diagnostics.StackGuard.Checked(expr) switch
    {
        IrLoad or IrSum => true,
        IrUnary unary => HasArrayNode(unary.Operand),
        IrBinary binary => HasArrayNode(binary.Left) || HasArrayNode(binary.Right),
        IrCall call => call.Arguments.Any(HasArrayNode),
        IrSelect select => HasArrayNode(select.Condition) || HasArrayNode(select.WhenTrue) || HasArrayNode(select.WhenFalse),
        _ => false,
    };

    public TorchCode Print(IrExpr expr)
    {
        global::DynLang.Core.Diagnostics.StackGuard.Ensure();
        if (!ReadsTensor(expr)) return new TorchCode(_host.Print(expr), false);
        switch (expr)
        {
            case IrRef reference:
                return _reference(reference);
            case IrLoad load when _load is not null:
                return new TorchCode(_load(load), true);
            case IrSum sum when _sum is not null:
                return new TorchCode(_sum(sum), true);
            case IrUnary unary:
            {
                var operand = Print(unary.Operand);
                return new TorchCode(unary.Op == IrUnaryOp.Negate ? $"{operand.Text}.neg()" : $"{operand.Text}.logical_not()", true);
            }
            case IrBinary binary:
                return new TorchCode(Binary(binary), true);
            case IrCall call:
                return new TorchCode(Call(call), true);
            case IrSelect select:
                return new TorchCode($"torch.where({Tensor(select.Condition)}, {Tensor(select.WhenTrue)}, {Tensor(select.WhenFalse)})", true);
            default:
                throw new InvalidOperationException($"the TorchSharp backend cannot print {expr.GetType().Name}");
        }
    }

    /// <summary>The expression as a tensor (host values become 0-dimensional tensors of the model's dtype).</summary>
    public string Tensor(IrExpr expr)
    {
        var code = Print(expr);
        return code.IsTensor ? code.Text : $"__T({code.Text})";
    }

    private string Binary(IrBinary binary)
    {
        // A host operand is C# text with only the parentheses its own precedence needs ("F + k"):
        // parenthesised here, or (F + k)*v would print as F + k*v.
        var a = Parenthesized(Print(binary.Left));
        var b = Parenthesized(Print(binary.Right));
        switch (binary.Op)
        {
            case IrBinaryOp.Add:
                return $"({a.Text} + {b.Text})";
            case IrBinaryOp.Subtract:
                return $"({a.Text} - {b.Text})";
            case IrBinaryOp.Multiply:
                return $"({a.Text} * {b.Text})";
            case IrBinaryOp.Divide:
                // TorchSharp's (double / Tensor) is reciprocal-then-multiply, which rounds differently
                // from a true division: divide tensor by tensor instead.
                return a.IsTensor ? $"({a.Text} / {b.Text})" : $"(__T({a.Text}) / {b.Text})";
            case IrBinaryOp.Remainder:
                // C#'s % keeps the dividend's sign, as fmod does (Tensor's % operator is Python's remainder).
                return $"torch.fmod({AsTensor(a)}, {b.Text})";
            case IrBinaryOp.Less:
            case IrBinaryOp.LessOrEqual:
            case IrBinaryOp.Greater:
            case IrBinaryOp.GreaterOrEqual:
            case IrBinaryOp.Equal:
            case IrBinaryOp.NotEqual:
                // A host value on the left: compare from the tensor's side with the mirrored operator.
                return a.IsTensor ? $"{a.Text}.{Comparison(binary.Op)}({b.Text})" : $"{b.Text}.{Comparison(Mirror(binary.Op))}({a.Text})";
            case IrBinaryOp.And:
                return $"{AsBoolTensor(a)}.logical_and({AsBoolTensor(b)})";
            default:
                return $"{AsBoolTensor(a)}.logical_or({AsBoolTensor(b)})";
        }
    }

    private string Call(IrCall call)
    {
        var args = call.Arguments.Select(Print).ToList();
        string x = args.Count > 0 ? AsTensor(args[0]) : "";
        return call.Function switch
        {
            IrFunction.Exp => $"torch.exp({x})",
            IrFunction.Log => $"torch.log({x})",
            IrFunction.Log10 => $"torch.log10({x})",
            IrFunction.Sin => $"torch.sin({x})",
            IrFunction.Cos => $"torch.cos({x})",
            IrFunction.Tan => $"torch.tan({x})",
            IrFunction.Sinh => $"torch.sinh({x})",
            IrFunction.Cosh => $"torch.cosh({x})",
            IrFunction.Tanh => $"torch.tanh({x})",
            IrFunction.Atan => $"torch.atan({x})",
            IrFunction.Exprel => $"__Exprel({x})",
            IrFunction.Sqrt => $"torch.sqrt({x})",
            IrFunction.Abs => $"torch.abs({x})",
            IrFunction.Floor => $"torch.floor({x})",
            IrFunction.Ceiling => $"torch.ceil({x})",
            IrFunction.Pow => $"{x}.pow({AsTensor(args[1])})",
            // Exactly the CPU backend's a < b ? a : b and a > b ? a : b.
            IrFunction.Min => $"torch.where({x}.lt({AsTensor(args[1])}), {x}, {AsTensor(args[1])})",
            IrFunction.Max => $"torch.where({x}.gt({AsTensor(args[1])}), {x}, {AsTensor(args[1])})",
            _ => throw new InvalidOperationException(call.Function.ToString()),
        };
    }

    private static TorchCode Parenthesized(TorchCode code) => code.IsTensor ? code : new TorchCode($"({code.Text})", false);

    private static string AsTensor(TorchCode code) => code.IsTensor ? code.Text : $"__T({code.Text})";

    private static string AsBoolTensor(TorchCode code) => code.IsTensor ? code.Text : $"__B({code.Text})";

    private static string Comparison(IrBinaryOp op) => op switch
    {
        IrBinaryOp.Less => "lt",
        IrBinaryOp.LessOrEqual => "le",
        IrBinaryOp.Greater => "gt",
        IrBinaryOp.GreaterOrEqual => "ge",
        IrBinaryOp.Equal => "eq",
        _ => "ne",
    };

    private static IrBinaryOp Mirror(IrBinaryOp op) => op switch
    {
        IrBinaryOp.Less => IrBinaryOp.Greater,
        IrBinaryOp.LessOrEqual => IrBinaryOp.GreaterOrEqual,
        IrBinaryOp.Greater => IrBinaryOp.Less,
        IrBinaryOp.GreaterOrEqual => IrBinaryOp.LessOrEqual,
        _ => op,
    };

    /// <summary>
    /// True when every node can be printed: no noise; array loads (indexed models only) without
    /// index offsets or repeated loop variables (a broadcast view), sums of such bodies.
    /// </summary>
    public static bool CanPrint(IrExpr expr, bool indexed = false) => global::DynLang.Core.Diagnostics.StackGuard.Checked(expr) switch
    {
        IrNormal => false,
        IrLoad load => indexed && load.Indices.All(i => i.Offset == 0)
                       && load.Indices.Select(i => i.LoopVariable).Distinct().Count() == load.Indices.Count,
        IrSum sum => indexed && CanPrint(sum.Body, indexed),
        IrUnary unary => CanPrint(unary.Operand, indexed),
        IrBinary binary => CanPrint(binary.Left, indexed) && CanPrint(binary.Right, indexed),
        IrCall call => call.Arguments.All(a => CanPrint(a, indexed)),
        IrSelect select => CanPrint(select.Condition, indexed) && CanPrint(select.WhenTrue, indexed) && CanPrint(select.WhenFalse, indexed),
        _ => true,
    };

    /// <summary>Locals an expression reads (by name).</summary>
    public static IEnumerable<string> LocalsRead(IrExpr expr) =>
        IrWalker.References(expr).Where(r => r.Kind == SlotKind.Local).Select(r => r.Name);
}
