using DynLang.Core.Text;

namespace DynLang.Core.Ast;

/// <summary>Base of every AST node: each knows the span of text it came from.</summary>
public abstract record Node(TextSpan Span);

/// <summary>A name as written, with its own span (declarations point diagnostics here).</summary>
public sealed record Identifier(string Name, TextSpan Span) : Node(Span)
{
    /// <inheritdoc/>
    public override string ToString() => Name;
}
