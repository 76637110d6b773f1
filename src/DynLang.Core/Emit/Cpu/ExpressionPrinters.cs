using System;
using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Emit.Cpu;

/// <summary>
/// Prints IR as scalar C#. Parentheses follow C#'s precedence, so the printed code evaluates in
/// exactly the IR's order (C# never reassociates floating-point arithmetic).
/// </summary>
internal class ScalarPrinter
{
    private readonly NumericType _type;
    private readonly Func<IrRef, string> _reference;
    private readonly Func<IrLoad, string> _load;

    public ScalarPrinter(NumericType type, Func<IrRef, string> reference, Func<IrLoad, string>? load = null)
    {
        _type = type;
        _reference = reference;
        _load = load ?? (l => throw new InvalidOperationException($"array load of {l.Array} in an elementwise model"));
    }

    /// <summary>Called for each IrSum before it is printed; returns the name of the local holding it.</summary>
    public Func<IrSum, string>? SumHandler { get; set; }

    /// <summary>
    /// When set, prints function calls and noise draws instead of the CPU runtime's helpers
    /// (the ILGPU emitter: device code may call only what ILGPU can compile); returning null
    /// for a call keeps the default spelling.
    /// </summary>
    public Func<IrFunction, IReadOnlyList<string>, string?>? CallOverride { get; set; }

    /// <summary>When set, prints a noise draw (the ILGPU emitter's device-side generator).</summary>
    public Func<IrNormal, string>? NormalOverride { get; set; }

    /// <summary>
    /// Which functions to call: the platform's (<c>Math</c>/<c>MathF</c>, the default) or, for
    /// <see cref="Lowering.Ir.MathMode.Fast"/>, <c>FastMath</c>'s scalar overloads for the functions it
    /// has, and multiplications for integer powers of a name or number (longer bases are expanded
    /// where the code is shared: <see cref="IntegerPowers"/>).
    /// </summary>
    public MathMode MathMode { get; set; }

    /// <summary>
    /// The element index a noise draw is keyed by (C# of type long or int); when not set, the
    /// element of an elementwise kernel, <c>__i</c>.
    /// </summary>
    public Func<IrNormal, string>? NoiseElement { get; set; }

    public string Print(IrExpr expr) => Print(MathMode == MathMode.Fast ? IntegerPowers.Expand(expr, complexBases: false) : expr, 0);

    // C# precedence levels: higher binds tighter.
    private const int OrLevel = 1, AndLevel = 2, EqualityLevel = 3, RelationalLevel = 4, AdditiveLevel = 5,
        MultiplicativeLevel = 6, UnaryLevel = 7, PrimaryLevel = 8;

    private string Print(IrExpr expr, int parentLevel)
    {
        global::DynLang.Core.Diagnostics.StackGuard.Ensure();
        switch (expr)
        {
            case IrConstant constant:
                return _type.Literal(constant.Value);
            case IrRef reference:
                return _reference(reference);
            case IrLoad load:
                return _load(load);
            case IrUnary unary:
            {
                string operand = Print(unary.Operand, UnaryLevel);
                string text = unary.Op == IrUnaryOp.Negate ? "-" + operand : "!" + operand;
                return Wrap(text, UnaryLevel, parentLevel);
            }
            case IrBinary binary:
            {
                int level = Level(binary.Op);
                // Left-associative: the right operand needs parentheses at equal precedence.
                string left = Print(binary.Left, level);
                string right = Print(binary.Right, level + 1);
                return Wrap($"{left} {Symbol(binary.Op)} {right}", level, parentLevel);
            }
            case IrCall call:
                return Call(call.Function, call.Arguments.Select(a => Print(a, 0)).ToList());
            case IrSelect select:
                return $"({Print(select.Condition, OrLevel)} ? {Print(select.WhenTrue, 0)} : {Print(select.WhenFalse, 0)})";
            case IrSum sum when SumHandler is not null:
                return SumHandler(sum);
            case IrNormal normal:
                return NormalOverride is not null ? NormalOverride(normal) : NoiseEmission.Draw(_type, normal, NoiseElement?.Invoke(normal) ?? "__i");
            default:
                throw new InvalidOperationException($"cannot print {expr.GetType().Name}");
        }
    }

    private string Call(IrFunction function, IReadOnlyList<string> args)
    {
        if (CallOverride?.Invoke(function, args) is { } overridden) return overridden;
        if (MathMode == MathMode.Fast && FastFunction(function) is { } fast) return $"FastMath.{fast}({string.Join(", ", args)})";
        string math = _type.Math;
        return function switch
        {
            IrFunction.Exp => $"{math}.Exp({args[0]})",
            IrFunction.Log => $"{math}.Log({args[0]})",
            IrFunction.Log10 => $"{math}.Log10({args[0]})",
            IrFunction.Sin => $"{math}.Sin({args[0]})",
            IrFunction.Cos => $"{math}.Cos({args[0]})",
            IrFunction.Tan => $"{math}.Tan({args[0]})",
            IrFunction.Sinh => $"{math}.Sinh({args[0]})",
            IrFunction.Cosh => $"{math}.Cosh({args[0]})",
            IrFunction.Tanh => $"{math}.Tanh({args[0]})",
            IrFunction.Atan => $"{math}.Atan({args[0]})",
            IrFunction.Exprel => $"ScalarMath.Exprel({args[0]})",
            IrFunction.Sqrt => $"{math}.Sqrt({args[0]})",
            IrFunction.Pow => $"{math}.Pow({args[0]}, {args[1]})",
            IrFunction.Abs => $"{math}.Abs({args[0]})",
            IrFunction.Floor => $"{math}.Floor({args[0]})",
            IrFunction.Ceiling => $"{math}.Ceiling({args[0]})",
            // Same semantics as the SIMD path (a < b ? a : b), NaN included.
            IrFunction.Min => $"ScalarMath.Min({args[0]}, {args[1]})",
            IrFunction.Max => $"ScalarMath.Max({args[0]}, {args[1]})",
            _ => throw new InvalidOperationException(function.ToString()),
        };
    }

    /// <summary>The name of <c>DynLang.Runtime.FastMath</c>'s method for a function, or null when it has none.</summary>
    internal static string? FastFunction(IrFunction function) => function switch
    {
        IrFunction.Exp or IrFunction.Log or IrFunction.Exprel or IrFunction.Pow or IrFunction.Sqrt
            or IrFunction.Tanh or IrFunction.Sin or IrFunction.Cos => function.ToString(),
        _ => null,
    };

    private static int Level(IrBinaryOp op) => op switch
    {
        IrBinaryOp.Or => OrLevel,
        IrBinaryOp.And => AndLevel,
        IrBinaryOp.Equal or IrBinaryOp.NotEqual => EqualityLevel,
        IrBinaryOp.Less or IrBinaryOp.LessOrEqual or IrBinaryOp.Greater or IrBinaryOp.GreaterOrEqual => RelationalLevel,
        IrBinaryOp.Add or IrBinaryOp.Subtract => AdditiveLevel,
        _ => MultiplicativeLevel,
    };

    private static string Symbol(IrBinaryOp op) => op switch
    {
        IrBinaryOp.Add => "+",
        IrBinaryOp.Subtract => "-",
        IrBinaryOp.Multiply => "*",
        IrBinaryOp.Divide => "/",
        IrBinaryOp.Remainder => "%",
        IrBinaryOp.Less => "<",
        IrBinaryOp.LessOrEqual => "<=",
        IrBinaryOp.Greater => ">",
        IrBinaryOp.GreaterOrEqual => ">=",
        IrBinaryOp.Equal => "==",
        IrBinaryOp.NotEqual => "!=",
        IrBinaryOp.And => "&&",
        _ => "||",
    };

    private static string Wrap(string text, int level, int parentLevel) => level < parentLevel ? "(" + text + ")" : text;
}

/// <summary>
/// Prints IR as <c>System.Numerics.Vector&lt;T&gt;</c> code. Conditions become lane masks.
/// Every operation is lane-wise identical to the scalar printer's: IEEE + − × ÷ and sqrt are
/// exact in both; transcendental functions call the same <c>Math</c> function per lane
/// (<c>VectorMath</c>), so SIMD and scalar tails agree bit for bit. In the fast math mode the
/// functions <c>FastMath</c> has are its whole-vector overloads, which return in each lane what
/// its scalar overloads (the scalar printer's) return.
/// </summary>
internal sealed class VectorPrinter
{
    private readonly NumericType _type;
    private readonly Func<IrRef, string> _reference;
    private readonly Func<double, string> _constant;

    public VectorPrinter(NumericType type, Func<IrRef, string> reference, Func<double, string> constant)
    {
        _type = type;
        _reference = reference;
        _constant = constant;
    }

    /// <summary>The math mode (see <see cref="ScalarPrinter.MathMode"/>).</summary>
    public MathMode MathMode { get; set; }

    public string Print(IrExpr expr) => PrintNode(MathMode == MathMode.Fast ? IntegerPowers.Expand(expr, complexBases: false) : expr);

    private string PrintNode(IrExpr expr)
    {
        global::DynLang.Core.Diagnostics.StackGuard.Ensure();
        switch (expr)
        {
            case IrConstant constant:
                return _constant(constant.Value);
            case IrRef reference:
                return _reference(reference);
            case IrUnary unary:
                return unary.Op == IrUnaryOp.Negate ? $"-{PrintNode(unary.Operand)}" : $"~{PrintNode(unary.Operand)}";
            case IrBinary binary:
                return Binary(binary);
            case IrCall call:
                return Call(call.Function, call.Arguments.Select(PrintNode).ToList());
            case IrSelect select:
                return $"Vector.ConditionalSelect({PrintNode(select.Condition)}, {PrintNode(select.WhenTrue)}, {PrintNode(select.WhenFalse)})";
            default:
                throw new InvalidOperationException($"cannot vectorise {expr.GetType().Name}");
        }
    }

    private string Binary(IrBinary binary)
    {
        string a = PrintNode(binary.Left), b = PrintNode(binary.Right);
        return binary.Op switch
        {
            IrBinaryOp.Add => $"({a} + {b})",
            IrBinaryOp.Subtract => $"({a} - {b})",
            IrBinaryOp.Multiply => $"({a} * {b})",
            IrBinaryOp.Divide => $"({a} / {b})",
            IrBinaryOp.Remainder => $"VectorMath.Remainder({a}, {b})",
            IrBinaryOp.Less => $"Vector.LessThan({a}, {b})",
            IrBinaryOp.LessOrEqual => $"Vector.LessThanOrEqual({a}, {b})",
            IrBinaryOp.Greater => $"Vector.GreaterThan({a}, {b})",
            IrBinaryOp.GreaterOrEqual => $"Vector.GreaterThanOrEqual({a}, {b})",
            IrBinaryOp.Equal => $"Vector.Equals({a}, {b})",
            IrBinaryOp.NotEqual => $"~Vector.Equals({a}, {b})",
            IrBinaryOp.And => $"({a} & {b})",
            _ => $"({a} | {b})",
        };
    }

    private string Call(IrFunction function, IReadOnlyList<string> args)
    {
        if (MathMode == MathMode.Fast && ScalarPrinter.FastFunction(function) is { } fast) return $"FastMath.{fast}({string.Join(", ", args)})";
        return function switch
        {
            IrFunction.Sqrt => $"Vector.SquareRoot({args[0]})",
            IrFunction.Abs => $"Vector.Abs({args[0]})",
            IrFunction.Floor => $"Vector.Floor({args[0]})",
            IrFunction.Ceiling => $"Vector.Ceiling({args[0]})",
            IrFunction.Min => $"VectorMath.Min({args[0]}, {args[1]})",
            IrFunction.Max => $"VectorMath.Max({args[0]}, {args[1]})",
            IrFunction.Pow => $"VectorMath.Pow({args[0]}, {args[1]})",
            _ => $"VectorMath.{function}({args[0]})",
        };
    }

    /// <summary>True when the expression can be printed by this printer (no sums, no array loads).</summary>
    public static bool CanVectorize(IrExpr expr) => global::DynLang.Core.Diagnostics.StackGuard.Checked(expr) switch
    {
        IrSum or IrLoad or IrNormal => false,
        IrUnary unary => CanVectorize(unary.Operand),
        IrBinary binary => CanVectorize(binary.Left) && CanVectorize(binary.Right),
        IrCall call => call.Arguments.All(CanVectorize),
        IrSelect select => CanVectorize(select.Condition) && CanVectorize(select.WhenTrue) && CanVectorize(select.WhenFalse),
        _ => true,
    };
}
