using System.Collections.Generic;
using DynLang.Core.Text;

namespace DynLang.Core.Ast;

/// <summary>Anything that can stand inside a model's braces.</summary>
public abstract record Member(TextSpan Span) : Node(Span);

/// <summary>What a declared variable is.</summary>
public enum VariableRole
{
    /// <summary><c>param</c>: constant during a run, set from host code.</summary>
    Param,
    /// <summary><c>state</c>: integrated by the solver or changed by events.</summary>
    State,
    /// <summary><c>input</c>: written by host code (or by synapses) each step, constant over a step.</summary>
    Input,
}

/// <summary><c>param a = 1, b = 2</c>, <c>state v = v_rest</c>, <c>input I : nA</c>.</summary>
public sealed record VariableDecl(VariableRole Role, IReadOnlyList<VariableItem> Items, TextSpan Span) : Member(Span);

/// <summary>One declared name: <c>W[i,j] : 1 = 0 in [0, 1] symmetric</c>.</summary>
public sealed record VariableItem(
    Identifier Name,
    IReadOnlyList<Identifier> Indices,
    UnitExpr? Unit,
    Expr? Value,
    ValueRange? Range,
    IReadOnlyList<DeclFlag> Flags,
    TextSpan Span) : Node(Span);

/// <summary><c>in [low, high]</c> (brackets closed, parentheses open).</summary>
public sealed record ValueRange(Expr Low, Expr High, bool LowInclusive, bool HighInclusive, TextSpan Span) : Node(Span);

/// <summary>Flags written after a declaration.</summary>
public enum DeclFlagKind
{
    /// <summary>A matrix equal to its transpose.</summary>
    Symmetric,
    /// <summary>Strictly positive.</summary>
    Positive,
    /// <summary>Strictly negative.</summary>
    Negative,
    /// <summary>Zero or positive.</summary>
    Nonnegative,
    /// <summary>Zero or negative.</summary>
    Nonpositive,
    /// <summary>Does not change during a run.</summary>
    Constant,
}

/// <summary>A declaration flag with its location.</summary>
public sealed record DeclFlag(DeclFlagKind Kind, TextSpan Span) : Node(Span);

/// <summary>
/// <c>dv/dt = rhs (flags)</c>. <see cref="State"/> is the name after the leading <c>d</c>
/// (its span starts one character after the derivative token's start).
/// </summary>
public sealed record OdeEquation(
    Identifier State,
    IReadOnlyList<Identifier> Indices,
    Expr Rhs,
    IReadOnlyList<EquationFlag> Flags,
    TextSpan LhsSpan,
    TextSpan Span) : Member(Span)
{
    /// <summary>True when the left-hand side is not of the form dx/dt (already reported; not bound).</summary>
    public bool IsMalformed { get; init; }
}

/// <summary>Flags written in parentheses after an equation or definition.</summary>
public enum EquationFlagKind
{
    /// <summary>Synapse variable advanced analytically between events.</summary>
    EventDriven,
    /// <summary>Synapse variable integrated every step (the default).</summary>
    ClockDriven,
    /// <summary>Frozen while the neuron is refractory.</summary>
    UnlessRefractory,
    /// <summary>Post-synaptic variable that is the sum over synapses.</summary>
    Summed,
    /// <summary>Constant over a time step.</summary>
    Constant,
}

/// <summary>An equation flag with its location.</summary>
public sealed record EquationFlag(EquationFlagKind Kind, TextSpan Span) : Node(Span);

/// <summary>An algebraic definition: <c>I_syn = g*(E - v)</c>, <c>y[i] = sum(j, W[i,j]*x[j])</c>.</summary>
public sealed record Definition(Reference Target, UnitExpr? Unit, Expr Value, IReadOnlyList<EquationFlag> Flags, TextSpan Span)
    : Member(Span);

/// <summary><c>on trigger { statements }</c>.</summary>
public sealed record EventBlock(EventTrigger Trigger, IReadOnlyList<Statement> Statements, TextSpan Span) : Member(Span);

/// <summary>What fires an event block.</summary>
public abstract record EventTrigger(TextSpan Span) : Node(Span);

/// <summary><c>on pre</c>: a pre-synaptic spike arrives.</summary>
public sealed record PreTrigger(TextSpan Span) : EventTrigger(Span);

/// <summary><c>on post</c>: the post-synaptic neuron spiked.</summary>
public sealed record PostTrigger(TextSpan Span) : EventTrigger(Span);

/// <summary><c>on v &gt; v_th</c>: a condition checked after every step.</summary>
public sealed record ConditionTrigger(Expr Condition, TextSpan Span) : EventTrigger(Span);

/// <summary>Statements inside an event block.</summary>
public abstract record Statement(TextSpan Span) : Node(Span);

/// <summary>Assignment operators.</summary>
public enum AssignOp
{
    /// <summary>=</summary>
    Assign,
    /// <summary>+=</summary>
    Add,
    /// <summary>-=</summary>
    Subtract,
    /// <summary>*=</summary>
    Multiply,
    /// <summary>/=</summary>
    Divide,
}

/// <summary><c>v = v_reset</c>, <c>post.ge += w</c>.</summary>
public sealed record AssignStatement(Reference Target, AssignOp Op, Expr Value, TextSpan Span) : Statement(Span);

/// <summary><c>emit spike</c>.</summary>
public sealed record EmitStatement(Identifier Event, TextSpan Span) : Statement(Span);

/// <summary><c>refractory t_ref</c>.</summary>
public sealed record RefractoryStatement(Expr Duration, TextSpan Span) : Statement(Span);

/// <summary><c>solver rk4</c>, <c>solver euler (dt = 0.1 ms)</c>.</summary>
public sealed record SolverDecl(Identifier Name, IReadOnlyList<SolverOption> Options, TextSpan Span) : Member(Span);

/// <summary>
/// <c>surrogate fast_sigmoid(slope = 25 / mV)</c>: the backward pass of a neuron's threshold in the
/// TorchSharp backend's differentiable step (options as a solver's).
/// </summary>
public sealed record SurrogateDecl(Identifier Name, IReadOnlyList<SolverOption> Options, TextSpan Span) : Member(Span);

/// <summary>One <c>name = value</c> option of a solver.</summary>
public sealed record SolverOption(Identifier Name, Expr Value, TextSpan Span) : Node(Span);

/// <summary><c>invariant H = ...</c>: a quantity the dynamics must conserve.</summary>
public sealed record InvariantDecl(Identifier Name, UnitExpr? Unit, Expr Value, TextSpan Span) : Member(Span);

/// <summary><c>energy E = ...</c>: a function whose negative gradient may define the dynamics.</summary>
public sealed record EnergyDecl(Identifier Name, UnitExpr? Unit, Expr Value, TextSpan Span) : Member(Span);

/// <summary><c>assert ...</c>.</summary>
public sealed record AssertDecl(Assertion Assertion, TextSpan Span) : Member(Span);

/// <summary>What an assert states.</summary>
public abstract record Assertion(TextSpan Span) : Node(Span);

/// <summary><c>symmetric(W)</c>, <c>gradient_flow</c>, <c>sign_preserving(W)</c>.</summary>
public sealed record PredicateAssertion(Identifier Predicate, IReadOnlyList<Expr> Arguments, bool HasParentheses, TextSpan Span)
    : Assertion(Span);

/// <summary><c>assert tau &gt; 0 ms</c>: a condition on parameters.</summary>
public sealed record ConditionAssertion(Expr Condition, TextSpan Span) : Assertion(Span);

/// <summary><c>function rho(s) = tanh(s)</c>; without body the function is opaque (supplied by host code).</summary>
public sealed record FunctionDecl(Identifier Name, IReadOnlyList<Identifier> Parameters, Expr? Body, TextSpan Span) : Member(Span);

/// <summary><c>precision float</c>.</summary>
public sealed record PrecisionDecl(Identifier Name, TextSpan Span) : Member(Span);

/// <summary><c>math fast</c> or <c>math platform</c>: which implementations of exp, log, pow, … the CPU kernels call.</summary>
public sealed record MathDecl(Identifier Name, TextSpan Span) : Member(Span);
