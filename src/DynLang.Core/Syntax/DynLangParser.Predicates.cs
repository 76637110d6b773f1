using System;
using Antlr4.Runtime;
using DynLang.Core.Diagnostics;

namespace DynLang.Core.Syntax.Generated;

/// <summary>Hand-written half of the generated parser: the semantic predicates the grammar calls, and its depth guard.</summary>
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

    // ---- depth guard ------------------------------------------------------------------------
    // The token prescan (NestingScan) keeps over-deep expressions away from the parser; this is
    // the backstop for what it could not foresee. Every rule invocation is a method call, so the
    // rule depth is the parser's recursion depth: beyond MaxRuleDepth, or when the thread's stack
    // runs low, the parse stops with an exception that no rule catches (they catch only
    // RecognitionException) and SyntaxTree.Parse turns it into DL0003.

    private int _ruleDepth;

    /// <summary>Most nested rule invocations; SyntaxTree.Parse sets it from the nesting limit.</summary>
    internal int MaxRuleDepth { get; set; } = int.MaxValue;

    /// <summary>The rule depth when the guard stopped the parse.</summary>
    internal int RuleDepth => _ruleDepth;

    private void Deeper()
    {
        if (_ruleDepth + 1 > MaxRuleDepth) throw new ParseTooDeepException(_ruleDepth + 1);
        StackGuard.Ensure();
        _ruleDepth++;
    }

    /// <inheritdoc/>
    public override void EnterRule(ParserRuleContext localctx, int state, int ruleIndex)
    {
        Deeper();
        base.EnterRule(localctx, state, ruleIndex);
    }

    /// <inheritdoc/>
    public override void EnterRecursionRule(ParserRuleContext localctx, int state, int ruleIndex, int precedence)
    {
        Deeper();
        base.EnterRecursionRule(localctx, state, ruleIndex, precedence);
    }

    /// <inheritdoc/>
    public override void ExitRule()
    {
        _ruleDepth--;
        base.ExitRule();
    }

    /// <inheritdoc/>
    public override void UnrollRecursionContexts(ParserRuleContext _parentctx)
    {
        _ruleDepth--;
        base.UnrollRecursionContexts(_parentctx);
    }
}

/// <summary>The parser's rule depth passed <see cref="DynLangParser.MaxRuleDepth"/>.</summary>
internal sealed class ParseTooDeepException : Exception
{
    public ParseTooDeepException(int depth) : base($"the parser nested {depth} rules deep") => Depth = depth;

    public int Depth { get; }
}
