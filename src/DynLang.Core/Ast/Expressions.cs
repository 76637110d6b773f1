using System.Collections.Generic;
using DynLang.Core.Text;

namespace DynLang.Core.Ast;

/// <summary>An expression as written. The tree keeps the user's grouping and operand order,
/// which the code emitters preserve (so results can match a reference bit for bit).</summary>
public abstract record Expr(TextSpan Span) : Node(Span);

/// <summary>A plain number: <c>0.04</c>, <c>1e-3</c>.</summary>
public sealed record NumberLiteral(string Text, TextSpan Span) : Expr(Span);

/// <summary>A number with a unit on the same line: <c>10 ms</c>, <c>2 um^2</c>.</summary>
/// <param name="NumberText">The digits as written.</param>
/// <param name="Unit">The unit name and its span.</param>
/// <param name="UnitPower">The integer power written after the unit (<c>um^2</c> → 2), 1 when none.</param>
/// <param name="Span">Number and unit together.</param>
public sealed record QuantityLiteral(string NumberText, Identifier Unit, int UnitPower, TextSpan Span) : Expr(Span);

/// <summary>A name, maybe indexed or scoped: <c>v</c>, <c>W[i,j]</c>, <c>post.ge</c>.</summary>
public sealed record Reference(Identifier? Scope, Identifier Name, IReadOnlyList<Expr> Indices, TextSpan Span) : Expr(Span)
{
    /// <summary>"post.ge", "W[i,j]" as written (indices printed loosely).</summary>
    public override string ToString() =>
        (Scope is null ? "" : Scope.Name + ".") + Name.Name + (Indices.Count == 0 ? "" : "[…]");
}

/// <summary>A function call: <c>exp(x)</c>, <c>sum(i, x[i])</c>, <c>laplacian(u)</c>.</summary>
public sealed record CallExpr(Identifier Callee, IReadOnlyList<Expr> Arguments, TextSpan Span) : Expr(Span);

/// <summary>Prefix operators.</summary>
public enum UnaryOp
{
    /// <summary>-x</summary>
    Negate,
    /// <summary>+x</summary>
    Plus,
    /// <summary>not x, !x</summary>
    Not,
}

/// <summary>A prefix operator applied to an operand.</summary>
public sealed record UnaryExpr(UnaryOp Op, Expr Operand, TextSpan Span) : Expr(Span);

/// <summary>Infix operators.</summary>
public enum BinaryOp
{
    /// <summary>+</summary>
    Add,
    /// <summary>-</summary>
    Subtract,
    /// <summary>*</summary>
    Multiply,
    /// <summary>/</summary>
    Divide,
    /// <summary>%</summary>
    Modulo,
    /// <summary>^ or **</summary>
    Power,
    /// <summary>&lt;</summary>
    Less,
    /// <summary>&lt;=</summary>
    LessOrEqual,
    /// <summary>&gt;</summary>
    Greater,
    /// <summary>&gt;=</summary>
    GreaterOrEqual,
    /// <summary>==</summary>
    Equal,
    /// <summary>!=</summary>
    NotEqual,
    /// <summary>and, &amp;&amp;</summary>
    And,
    /// <summary>or, ||</summary>
    Or,
}

/// <summary>An infix operation; <see cref="OperatorSpan"/> locates the operator itself.</summary>
public sealed record BinaryExpr(BinaryOp Op, Expr Left, Expr Right, TextSpan OperatorSpan, TextSpan Span) : Expr(Span);

/// <summary><c>d(E)/d(x[i])</c>: a derivative evaluated symbolically at build time.</summary>
public sealed record DerivativeExpr(Expr Of, Reference WithRespectTo, TextSpan Span) : Expr(Span);

/// <summary>Helpers about operators.</summary>
public static class Operators
{
    /// <summary>The operator as DynLang writes it.</summary>
    public static string Text(this BinaryOp op) => op switch
    {
        BinaryOp.Add => "+",
        BinaryOp.Subtract => "-",
        BinaryOp.Multiply => "*",
        BinaryOp.Divide => "/",
        BinaryOp.Modulo => "%",
        BinaryOp.Power => "^",
        BinaryOp.Less => "<",
        BinaryOp.LessOrEqual => "<=",
        BinaryOp.Greater => ">",
        BinaryOp.GreaterOrEqual => ">=",
        BinaryOp.Equal => "==",
        BinaryOp.NotEqual => "!=",
        BinaryOp.And => "and",
        _ => "or",
    };

    /// <summary>True for &lt; &lt;= &gt; &gt;= == !=.</summary>
    public static bool IsComparison(this BinaryOp op) => op is BinaryOp.Less or BinaryOp.LessOrEqual
        or BinaryOp.Greater or BinaryOp.GreaterOrEqual or BinaryOp.Equal or BinaryOp.NotEqual;

    /// <summary>True for and / or.</summary>
    public static bool IsLogical(this BinaryOp op) => op is BinaryOp.And or BinaryOp.Or;
}

/// <summary>Stands where the parser recovered from a syntax error and no expression exists.</summary>
public sealed record MissingExpr(TextSpan Span) : Expr(Span);
