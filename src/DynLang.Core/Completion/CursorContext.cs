using System.Collections.Generic;

namespace DynLang.Core.Completion;

/// <summary>
/// What the token scan found at the cursor: the kind of position, the model whose braces hold it (by name, as
/// written in its header) and the extra words that position accepts.
/// </summary>
/// <param name="Kind">The kind of position.</param>
/// <param name="Model">The enclosing model's name, or null at the top level or when the header has no name yet.</param>
/// <param name="ModelKind">The enclosing model's kind keyword (<c>synapse</c>, …), or null.</param>
/// <param name="Scope"><c>pre</c> or <c>post</c> for <see cref="CompletionContextKind.PeerMember"/>.</param>
/// <param name="Peers">The synapse header's <c>pre</c>/<c>post</c> model names, as far as the scan read them.</param>
/// <param name="Extra">Fixed words the position also accepts (assert predicates, event triggers, choices).</param>
internal sealed record CursorContext(
    CompletionContextKind Kind,
    string? Model,
    string? ModelKind,
    string? Scope,
    IReadOnlyDictionary<string, string> Peers,
    IReadOnlyList<string> Extra)
{
    public static CursorContext None { get; } = new(CompletionContextKind.None, null, null, null,
        new Dictionary<string, string>(), System.Array.Empty<string>());
}
