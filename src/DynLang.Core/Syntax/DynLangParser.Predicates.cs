using Antlr4.Runtime;

namespace DynLang.Core.Syntax.Generated;

/// <summary>Hand-written half of the generated parser: the semantic predicates the grammar calls.</summary>
public partial class DynLangParser
{
    /// <summary>
    /// True when the next token is on the same line as the previous one. A unit after a number
    /// (<c>10 ms</c>) must be on the number's line; otherwise <c>state x = 0</c> followed by a
    /// line starting with <c>m</c> would read as "0 metres".
    /// </summary>
    private bool IsOnSameLineAsPrevious()
    {
        IToken? previous = TokenStream.LT(-1);
        IToken? next = TokenStream.LT(1);
        return previous is not null && next is not null && previous.Line == next.Line;
    }
}
