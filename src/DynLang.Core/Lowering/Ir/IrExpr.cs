using System.Collections.Generic;

namespace DynLang.Core.Lowering.Ir;

/// <summary>
/// An expression of the kernel IR: scalar arithmetic over named slots. Every backend prints the
/// same IR (scalar C#, SIMD C#, later ILGPU and TorchSharp), so all compute one function. The
/// IR keeps the user's operand order; nothing here reassociates floating-point arithmetic.
/// </summary>
public abstract record IrExpr
{
    /// <summary>True for truth values (comparisons, and/or/not).</summary>
    public virtual bool IsCondition => false;
}

/// <summary>A number (already in SI units).</summary>
public sealed record IrConstant(double Value) : IrExpr;

/// <summary>What a slot holds, which decides where its value lives in generated code.</summary>
public enum SlotKind
{
    /// <summary>A value computed once per <c>Step</c> call on the host (parameters, dt, t, propagators).</summary>
    Uniform,
    /// <summary>A local of the per-element (or per-loop-iteration) code.</summary>
    Local,
}

/// <summary>A reference to a named scalar value.</summary>
public sealed record IrRef(string Name, SlotKind Kind) : IrExpr;

/// <summary>An element of an array of an indexed model: <c>W[i,j]</c>, <c>x[j]</c>, <c>s[i+1]</c>.</summary>
public sealed record IrLoad(string Array, IReadOnlyList<IrIndex> Indices) : IrExpr;

/// <summary>A loop variable plus a constant offset.</summary>
public sealed record IrIndex(string LoopVariable, int Offset);

/// <summary>Prefix operators.</summary>
public enum IrUnaryOp
{
    /// <summary>-x</summary>
    Negate,
    /// <summary>not x</summary>
    Not,
}

/// <summary>A prefix operation.</summary>
public sealed record IrUnary(IrUnaryOp Op, IrExpr Operand) : IrExpr
{
    /// <inheritdoc/>
    public override bool IsCondition => Op == IrUnaryOp.Not;
}

/// <summary>Infix operators.</summary>
public enum IrBinaryOp
{
    /// <summary>+</summary>
    Add,
    /// <summary>-</summary>
    Subtract,
    /// <summary>*</summary>
    Multiply,
    /// <summary>/</summary>
    Divide,
    /// <summary>remainder (C# semantics: sign of the dividend)</summary>
    Remainder,
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
    /// <summary>and</summary>
    And,
    /// <summary>or</summary>
    Or,
}

/// <summary>An infix operation.</summary>
public sealed record IrBinary(IrBinaryOp Op, IrExpr Left, IrExpr Right) : IrExpr
{
    /// <inheritdoc/>
    public override bool IsCondition => Op >= IrBinaryOp.Less;
}

/// <summary>Functions the backends implement. Each must give identical results in scalar and SIMD code.</summary>
public enum IrFunction
{
    /// <summary>e^x</summary>
    Exp,
    /// <summary>natural logarithm</summary>
    Log,
    /// <summary>base-10 logarithm</summary>
    Log10,
    /// <summary>sine</summary>
    Sin,
    /// <summary>cosine</summary>
    Cos,
    /// <summary>tangent</summary>
    Tan,
    /// <summary>hyperbolic sine</summary>
    Sinh,
    /// <summary>hyperbolic cosine</summary>
    Cosh,
    /// <summary>hyperbolic tangent</summary>
    Tanh,
    /// <summary>arc tangent</summary>
    Atan,
    /// <summary>(e^x - 1)/x, 1 at 0 (ScalarMath.Exprel / VectorMath.Exprel in DynLang.Runtime)</summary>
    Exprel,
    /// <summary>square root (exact in IEEE arithmetic)</summary>
    Sqrt,
    /// <summary>x^y for general y</summary>
    Pow,
    /// <summary>|x|</summary>
    Abs,
    /// <summary>round down</summary>
    Floor,
    /// <summary>round up</summary>
    Ceiling,
    /// <summary>a &lt; b ? a : b</summary>
    Min,
    /// <summary>a &gt; b ? a : b</summary>
    Max,
}

/// <summary>A function call.</summary>
public sealed record IrCall(IrFunction Function, IReadOnlyList<IrExpr> Arguments) : IrExpr;

/// <summary><c>condition ? whenTrue : whenFalse</c>, element by element.</summary>
public sealed record IrSelect(IrExpr Condition, IrExpr WhenTrue, IrExpr WhenFalse) : IrExpr;

/// <summary>A sum over loop variables, accumulated sequentially in index order from 0.</summary>
public sealed record IrSum(IReadOnlyList<IrLoop> Over, IrExpr Body) : IrExpr;

/// <summary>A loop variable over an index set.</summary>
public sealed record IrLoop(string Variable, string IndexSet);
