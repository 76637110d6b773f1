using System.Collections.Generic;
using DynLang.Core.Text;

namespace DynLang.Core.Ast;

/// <summary>A whole <c>.dyn</c> file: an optional namespace, models, and file-level functions.</summary>
public sealed record DynFile(
    QualifiedName? Namespace,
    IReadOnlyList<ModelDecl> Models,
    IReadOnlyList<FunctionDecl> Functions,
    TextSpan Span) : Node(Span);

/// <summary>A dotted name such as <c>MyLab.Models</c>.</summary>
public sealed record QualifiedName(IReadOnlyList<Identifier> Parts, TextSpan Span) : Node(Span)
{
    /// <inheritdoc/>
    public override string ToString() => string.Join(".", System.Linq.Enumerable.Select(Parts, p => p.Name));
}
