using System.Collections.Generic;
using DynLang.Core.Text;

namespace DynLang.Core.Ast;

/// <summary>The five kinds of model.</summary>
public enum ModelKind
{
    /// <summary>A population of point neurons with events (threshold, reset, refractory).</summary>
    Neuron,
    /// <summary>Synapses between two neuron populations, with on pre / on post events.</summary>
    Synapse,
    /// <summary>A plasticity rule over a weight matrix.</summary>
    Rule,
    /// <summary>A dynamical system: scalar or indexed states, no events.</summary>
    System,
    /// <summary>A PDE on a grid.</summary>
    Field,
}

/// <summary>
/// One model: <c>kind Name(signature) on target { members }</c>.
/// </summary>
/// <param name="Kind">Which kind of model.</param>
/// <param name="Name">The model's name.</param>
/// <param name="Signature">Items between the parentheses after the name (inputs, or pre/post for synapses).</param>
/// <param name="Target">What follows <c>on</c> (a weight matrix for rules, a grid for fields).</param>
/// <param name="Members">Declarations, equations, events, … in source order.</param>
/// <param name="HeaderSpan">From the kind keyword to the opening brace (diagnostics about the whole model point here).</param>
/// <param name="Span">The whole model including its body.</param>
public sealed record ModelDecl(
    ModelKind Kind,
    Identifier Name,
    IReadOnlyList<SignatureItem> Signature,
    ModelTarget? Target,
    IReadOnlyList<Member> Members,
    TextSpan HeaderSpan,
    TextSpan Span) : Node(Span);

/// <summary>An item of a model's signature.</summary>
public abstract record SignatureItem(TextSpan Span) : Node(Span);

/// <summary><c>pre LIF</c> or <c>post LIF</c> in a synapse header.</summary>
public sealed record PrePostSignature(bool IsPre, Identifier Model, TextSpan Span) : SignatureItem(Span);

/// <summary>An input named in the header: <c>x[j]</c>, <c>I : nA</c>.</summary>
public sealed record InputSignature(Identifier Name, IReadOnlyList<Identifier> Indices, UnitExpr? Unit, TextSpan Span)
    : SignatureItem(Span);

/// <summary>What follows <c>on</c> in a model header.</summary>
public abstract record ModelTarget(TextSpan Span) : Node(Span);

/// <summary><c>on W[i,j]</c>: the weight matrix a rule updates.</summary>
public sealed record IndexedTarget(Identifier Name, IReadOnlyList<Identifier> Indices, TextSpan Span) : ModelTarget(Span);

/// <summary><c>on grid2d(periodic)</c>: a field's grid and boundaries.</summary>
public sealed record GridTarget(Identifier Grid, IReadOnlyList<BoundarySpec> Boundaries, TextSpan Span) : ModelTarget(Span);

/// <summary><c>on something</c> with neither indices nor parentheses.</summary>
public sealed record NamedTarget(Identifier Name, TextSpan Span) : ModelTarget(Span);

/// <summary>A boundary condition: <c>periodic</c>, <c>dirichlet(0)</c>, <c>x: neumann</c>.</summary>
public sealed record BoundarySpec(Identifier? Side, Identifier Kind, Expr? Value, TextSpan Span) : Node(Span);
