using DynLang.Core.Text;

namespace DynLang.Core.Navigation;

/// <summary>Why a name is left unresolved on purpose (or that it should not be).</summary>
public enum Unresolved
{
    /// <summary>Resolved: the occurrence has a symbol.</summary>
    No,
    /// <summary>An index variable (<c>i</c> in <c>x[i]</c>, <c>sum(j, …)</c>): local to one equation.</summary>
    IndexVariable,
    /// <summary>A unit used as a value (<c>1/ms</c>).</summary>
    Unit,
    /// <summary>A grid axis of a field (<c>x</c> in <c>d(u)/d(x)</c>).</summary>
    GridAxis,
    /// <summary>A name in a file-level function's body that is neither a parameter nor a built-in: it means what the calling model says.</summary>
    CallerScope,
    /// <summary>The compiler reports this name as undefined (or cannot tell: the model or peer is missing).</summary>
    Undefined,
}

/// <summary>One occurrence of a name: where, what it resolves to, and whether it is the declaration.</summary>
/// <param name="Span">The name's span (for <c>pre.v</c>, the span of <c>v</c>).</param>
/// <param name="Symbol">What it resolves to; null when <paramref name="Reason"/> says why not.</param>
/// <param name="IsDeclaration">True at the declaring name.</param>
/// <param name="Reason">Why it is unresolved (<see cref="Unresolved.No"/> when resolved).</param>
public readonly record struct Occurrence(TextSpan Span, NavSymbol? Symbol, bool IsDeclaration, Unresolved Reason);
