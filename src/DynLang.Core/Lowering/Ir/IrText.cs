using System.Globalization;
using System.Linq;

namespace DynLang.Core.Lowering.Ir;

/// <summary>
/// IR as short, DynLang-like text for comments in generated code (<c>g_na*h*m^3</c>): infix with
/// the parentheses precedence needs, a product of one name with itself as a power, functions in
/// lower case. Not parsed back; long texts end in "…".
/// </summary>
internal static class IrText
{
    private const int MaxLength = 100;

    /// <summary>Deeper parts print as "…" (bounds the work on large trees; the text is cut at <see cref="MaxLength"/> anyway).</summary>
    private const int MaxDepth = 8;

    public static string Print(IrExpr expr)
    {
        string text = Print(expr, 0, MaxDepth);
        return text.Length <= MaxLength ? text : text.Substring(0, MaxLength - 1) + "…";
    }

    // Levels: higher binds tighter.
    private const int Condition = 1, Additive = 2, Multiplicative = 3, Unary = 4, Power = 5;

    private static string Print(IrExpr expr, int parent, int depth)
    {
        if (depth == 0) return "…";
        depth--;
        switch (expr)
        {
            case IrConstant constant:
                string number = constant.Value.ToString("R", CultureInfo.InvariantCulture);
                return constant.Value < 0 ? Wrap(number, Unary, parent) : number;
            case IrRef reference:
                return reference.Name;
            case IrBinary { Op: IrBinaryOp.Multiply } product when SelfPower(product, MaxDepth, out var name) is int n:
                return Wrap($"{name}^{n}", Power, parent);
            case IrUnary unary:
                return Wrap((unary.Op == IrUnaryOp.Negate ? "-" : "not ") + Print(unary.Operand, Unary, depth), Unary, parent);
            case IrBinary binary:
            {
                var (symbol, level) = binary.Op switch
                {
                    IrBinaryOp.Add => ("+", Additive),
                    IrBinaryOp.Subtract => ("-", Additive),
                    IrBinaryOp.Multiply => ("*", Multiplicative),
                    IrBinaryOp.Divide => ("/", Multiplicative),
                    IrBinaryOp.Remainder => ("%", Multiplicative),
                    IrBinaryOp.Less => ("<", Condition),
                    IrBinaryOp.LessOrEqual => ("<=", Condition),
                    IrBinaryOp.Greater => (">", Condition),
                    IrBinaryOp.GreaterOrEqual => (">=", Condition),
                    IrBinaryOp.Equal => ("==", Condition),
                    IrBinaryOp.NotEqual => ("!=", Condition),
                    IrBinaryOp.And => ("and", Condition),
                    _ => ("or", Condition),
                };
                string spaced = level == Condition || level == Additive ? $" {symbol} " : symbol;
                return Wrap(Print(binary.Left, level, depth) + spaced + Print(binary.Right, level + 1, depth), level, parent);
            }
            case IrCall { Function: IrFunction.Pow, Arguments.Count: 2 } pow when IntegerPowers.Exponent(pow.Arguments[1]) is int k:
                return Wrap($"{Print(pow.Arguments[0], Power + 1, depth)}^{k}", Power, parent);
            case IrCall call:
                return $"{call.Function.ToString().ToLowerInvariant()}({string.Join(", ", call.Arguments.Select(a => Print(a, 0, depth)))})";
            case IrSelect select:
                return $"({Print(select.Condition, 0, depth)} ? {Print(select.WhenTrue, 0, depth)} : {Print(select.WhenFalse, 0, depth)})";
            default:
                return "…";
        }
    }

    /// <summary>n when the product multiplies one name n times (x*x*x, (x*x)*(x*x)), else null.</summary>
    private static int? SelfPower(IrExpr expr, int depth, out string name)
    {
        name = "";
        if (depth == 0) return null;
        if (expr is IrRef reference)
        {
            name = reference.Name;
            return 1;
        }
        if (expr is not IrBinary { Op: IrBinaryOp.Multiply } product) return null;
        if (SelfPower(product.Left, depth - 1, out var left) is not int a || SelfPower(product.Right, depth - 1, out var right) is not int b || left != right) return null;
        name = left;
        return a + b;
    }

    private static string Wrap(string text, int level, int parent) => level < parent ? "(" + text + ")" : text;
}
