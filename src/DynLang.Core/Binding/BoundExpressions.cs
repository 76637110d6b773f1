using System.Collections.Generic;
using DynLang.Core.Ast;
using DynLang.Core.Text;
using DynLang.Core.Units;

namespace DynLang.Core.Binding;

/// <summary>
/// An expression whose names are resolved to symbols. Keeps the user's operand order and
/// grouping (the emitters print it as written); <see cref="Span"/> points into the .dyn file.
/// </summary>
public abstract class BoundExpr
{
    private protected BoundExpr(TextSpan span) => Span = span;

    /// <summary>Where in the file this came from.</summary>
    public TextSpan Span { get; }

    /// <summary>True when the value is a truth value (comparison, and/or/not), not a number.</summary>
    public virtual bool IsCondition => false;
}

/// <summary>A number in SI units: <c>0.04</c>, <c>10 ms</c> (0.01), or a bare unit used as a value.</summary>
public sealed class BoundLiteral : BoundExpr
{
    internal BoundLiteral(double value, Dimension dimension, bool isPlainZero, TextSpan span) : base(span)
    {
        Value = value;
        Dimension = dimension;
        IsPlainZero = isPlainZero;
    }

    /// <summary>The value in SI base units.</summary>
    public double Value { get; }

    /// <summary>The literal's dimension (from its unit).</summary>
    public Dimension Dimension { get; }

    /// <summary>A unit-less zero: it fits any unit (<c>v &gt; 0</c>, <c>x + 0</c>).</summary>
    public bool IsPlainZero { get; }
}

/// <summary>A reference to a symbol, maybe indexed and scoped (<c>post.ge</c>).</summary>
public sealed class BoundSymbolRef : BoundExpr
{
    internal BoundSymbolRef(Symbol symbol, IReadOnlyList<BoundIndex> indices, string? scope, TextSpan span) : base(span)
    {
        Symbol = symbol;
        Indices = indices;
        Scope = scope;
    }

    /// <summary>The referenced symbol.</summary>
    public Symbol Symbol { get; }

    /// <summary>Index expressions, one per index position of the symbol.</summary>
    public IReadOnlyList<BoundIndex> Indices { get; }

    /// <summary>"pre", "post" or null.</summary>
    public string? Scope { get; }
}

/// <summary>An index position: a variable plus a constant offset (<c>i</c>, <c>i+1</c>).</summary>
public sealed class BoundIndex
{
    internal BoundIndex(IndexVariable variable, int offset, TextSpan span)
    {
        Variable = variable;
        Offset = offset;
        Span = span;
    }

    /// <summary>The index variable.</summary>
    public IndexVariable Variable { get; }

    /// <summary>The constant added to it.</summary>
    public int Offset { get; }

    /// <summary>Where it is written.</summary>
    public TextSpan Span { get; }
}

/// <summary>-x, +x, not x.</summary>
public sealed class BoundUnary : BoundExpr
{
    internal BoundUnary(UnaryOp op, BoundExpr operand, TextSpan span) : base(span)
    {
        Op = op;
        Operand = operand;
    }

    /// <summary>The operator.</summary>
    public UnaryOp Op { get; }

    /// <summary>The operand.</summary>
    public BoundExpr Operand { get; }

    /// <inheritdoc/>
    public override bool IsCondition => Op == UnaryOp.Not;
}

/// <summary>An infix operation.</summary>
public sealed class BoundBinary : BoundExpr
{
    internal BoundBinary(BinaryOp op, BoundExpr left, BoundExpr right, TextSpan operatorSpan, TextSpan span) : base(span)
    {
        Op = op;
        Left = left;
        Right = right;
        OperatorSpan = operatorSpan;
    }

    /// <summary>The operator.</summary>
    public BinaryOp Op { get; }

    /// <summary>Left operand.</summary>
    public BoundExpr Left { get; }

    /// <summary>Right operand.</summary>
    public BoundExpr Right { get; }

    /// <summary>The operator's own span.</summary>
    public TextSpan OperatorSpan { get; }

    /// <inheritdoc/>
    public override bool IsCondition => Op.IsComparison() || Op.IsLogical();
}

/// <summary>A call of a built-in function (user functions are inlined while binding).</summary>
public sealed class BoundCall : BoundExpr
{
    internal BoundCall(BuiltinFunction function, IReadOnlyList<BoundExpr> arguments, TextSpan span) : base(span)
    {
        Function = function;
        Arguments = arguments;
    }

    /// <summary>The function.</summary>
    public BuiltinFunction Function { get; }

    /// <summary>The arguments in order.</summary>
    public IReadOnlyList<BoundExpr> Arguments { get; }
}

/// <summary>A call of an opaque user function (declared without body; supplied by host code).</summary>
public sealed class BoundOpaqueCall : BoundExpr
{
    internal BoundOpaqueCall(string name, IReadOnlyList<BoundExpr> arguments, TextSpan span) : base(span)
    {
        Name = name;
        Arguments = arguments;
    }

    /// <summary>The function's name.</summary>
    public string Name { get; }

    /// <summary>The arguments.</summary>
    public IReadOnlyList<BoundExpr> Arguments { get; }
}

/// <summary><c>sum(i, j, body)</c>: a sum over index sets, evaluated in index order.</summary>
public sealed class BoundSum : BoundExpr
{
    internal BoundSum(IReadOnlyList<IndexVariable> over, BoundExpr body, TextSpan span) : base(span)
    {
        Over = over;
        Body = body;
    }

    /// <summary>The summed index variables, outermost first.</summary>
    public IReadOnlyList<IndexVariable> Over { get; }

    /// <summary>The summand.</summary>
    public BoundExpr Body { get; }
}

/// <summary><c>d(E)/d(x[i])</c>, differentiated symbolically by the lowering.</summary>
public sealed class BoundDerivative : BoundExpr
{
    internal BoundDerivative(BoundExpr of, BoundSymbolRef withRespectTo, TextSpan span) : base(span)
    {
        Of = of;
        WithRespectTo = withRespectTo;
    }

    /// <summary>What is differentiated.</summary>
    public BoundExpr Of { get; }

    /// <summary>The variable.</summary>
    public BoundSymbolRef WithRespectTo { get; }
}

/// <summary>Stands for an expression that failed to bind (an error was reported).</summary>
public sealed class BoundError : BoundExpr
{
    internal BoundError(TextSpan span) : base(span)
    {
    }
}
