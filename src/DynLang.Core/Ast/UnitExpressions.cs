using DynLang.Core.Text;

namespace DynLang.Core.Ast;

/// <summary>A unit annotation after a colon: <c>mV</c>, <c>mV/ms</c>, <c>m^2/s</c>, <c>1</c>.</summary>
public abstract record UnitExpr(TextSpan Span) : Node(Span);

/// <summary>A unit name with an optional power: <c>um^2</c>, <c>s^-1</c>.</summary>
/// <param name="Name">The unit's name.</param>
/// <param name="PowerText">The exponent as written (with sign), or null for 1.</param>
/// <param name="Span">Name and power.</param>
public sealed record UnitNameExpr(Identifier Name, string? PowerText, TextSpan Span) : UnitExpr(Span);

/// <summary>The dimensionless unit <c>1</c> (or another number, which is an error).</summary>
public sealed record UnitNumberExpr(string Text, string? PowerText, TextSpan Span) : UnitExpr(Span);

/// <summary>A product or quotient of units.</summary>
public sealed record UnitBinaryExpr(bool IsDivision, UnitExpr Left, UnitExpr Right, TextSpan Span) : UnitExpr(Span);
