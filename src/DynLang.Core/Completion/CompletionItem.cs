using System.Collections.Generic;

namespace DynLang.Core.Completion;

/// <summary>What a completion item names; the language server maps each to an LSP CompletionItemKind.</summary>
public enum CompletionKind
{
    /// <summary>A keyword of the grammar (<c>neuron</c>, <c>param</c>, <c>symmetric</c>) or a fixed word (<c>gradient_flow</c>, <c>double</c>).</summary>
    Keyword,
    /// <summary>A definition, a built-in variable (<c>t</c>, <c>pi</c>) or a model of the file.</summary>
    Variable,
    /// <summary>A <c>param</c>.</summary>
    Parameter,
    /// <summary>A <c>state</c>.</summary>
    State,
    /// <summary>An <c>input</c> (declared in the body or in the header).</summary>
    Input,
    /// <summary>A built-in function or a <c>function</c> of the file or model.</summary>
    Function,
    /// <summary>A unit name (<c>ms</c>, <c>mV</c>).</summary>
    Unit,
    /// <summary>A solver name (<c>rk4</c>, <c>exact</c>).</summary>
    Solver,
}

/// <summary>Where the cursor stands, as the completion scan decided it.</summary>
public enum CompletionContextKind
{
    /// <summary>Nothing to offer: in a comment, in a number, where a new name is being declared.</summary>
    None,
    /// <summary>Between models: model kinds, <c>function</c>, <c>namespace</c> at the start of the file.</summary>
    TopLevel,
    /// <summary>At the start of a member of a model: member keywords and the names an equation can start with.</summary>
    Member,
    /// <summary>At the start of a statement of an event block (<c>on … { }</c>).</summary>
    Statement,
    /// <summary>Inside an expression: the names in scope, built-ins and functions.</summary>
    Expression,
    /// <summary>After <c>pre.</c> or <c>post.</c> in a synapse: the variables of that neuron model.</summary>
    PeerMember,
    /// <summary>After <c>:</c> in a declaration or after a number: unit names.</summary>
    Unit,
    /// <summary>After <c>solver</c>: the solver names.</summary>
    Solver,
    /// <summary>After a declared name: the declaration flags (<c>symmetric</c>, <c>positive</c>, …).</summary>
    DeclarationFlag,
    /// <summary>A fixed set of words: <c>precision</c>'s and <c>math</c>'s choices, <c>pre</c>/<c>post</c> in a synapse header.</summary>
    Choice,
}

/// <summary>One completion: the bare text to insert, what it is and a short description.</summary>
public sealed record CompletionItem(string Label, CompletionKind Kind, string Detail);

/// <summary>The context the scan found and the items offered there (not filtered by the word typed: editors do that).</summary>
public sealed record CompletionResult(CompletionContextKind Context, IReadOnlyList<CompletionItem> Items)
{
    /// <summary>No completion.</summary>
    public static CompletionResult Empty { get; } = new(CompletionContextKind.None, System.Array.Empty<CompletionItem>());
}
