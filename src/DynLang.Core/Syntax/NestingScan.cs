using System.Collections.Generic;
using Antlr4.Runtime;
using DynLang.Core.Syntax.Generated;

namespace DynLang.Core.Syntax;

/// <summary>
/// Measures, on the tokens and before ANTLR runs, how deeply the parser would recurse: one level
/// per open parenthesis or bracket (a call's argument list included), per prefix operator in a
/// run (<c>- - - x</c>) and per <c>^</c> in a chain (<c>x^x^x</c> is right-associative). Left-
/// associative chains (<c>a + b + c</c>) are loops in the parser and add nothing. A place
/// where the count passes the limit is a <see cref="Finding"/>: the first token beyond the
/// limit, and the deepest count reached before the nesting closes again.
/// </summary>
/// <remarks>
/// The count is an estimate made without a parse: tokens that cannot be inside an expression
/// (braces, <c>=</c>, keywords that start members) reset it, so unbalanced parentheses in one
/// member do not add up over a file. The parser has a backstop of its own (it counts its real
/// rule depth and checks the stack), so an underestimate here cannot overflow the stack.
/// </remarks>
internal static class NestingScan
{
    /// <summary>A place nested beyond the limit: index in the token list, and the depth reached.</summary>
    internal readonly record struct Finding(int TokenIndex, int Depth);

    public static List<Finding> Scan(IList<IToken> tokens, int limit)
    {
        var findings = new List<Finding>();
        // true: a parenthesis or bracket; false: a prefix operator or a '^'.
        var stack = new List<bool>();
        int previousType = -1;
        int openAt = -1, openDepth = 0;

        void PopOperators()
        {
            while (stack.Count > 0 && !stack[stack.Count - 1]) stack.RemoveAt(stack.Count - 1);
        }

        for (int k = 0; k < tokens.Count; k++)
        {
            IToken token = tokens[k];
            if (token.Channel != TokenConstants.DefaultChannel || token.Type == TokenConstants.EOF) continue;
            int type = token.Type;
            bool pushed = false;
            switch (type)
            {
                case DynLangLexer.LPAREN:
                case DynLangLexer.LBRACK:
                    stack.Add(true);
                    pushed = true;
                    break;
                case DynLangLexer.RPAREN:
                case DynLangLexer.RBRACK:
                    PopOperators();
                    if (stack.Count > 0) stack.RemoveAt(stack.Count - 1);
                    break;
                case DynLangLexer.PLUS:
                case DynLangLexer.MINUS:
                    if (IsPrefixPosition(previousType))
                    {
                        stack.Add(false);
                        pushed = true;
                    }
                    else
                    {
                        PopOperators();
                    }
                    break;
                case DynLangLexer.BANG:
                case DynLangLexer.NOT:
                case DynLangLexer.CARET:
                case DynLangLexer.POW:
                    stack.Add(false);
                    pushed = true;
                    break;
                case DynLangLexer.STAR:
                case DynLangLexer.SLASH:
                case DynLangLexer.PERCENT:
                case DynLangLexer.LT:
                case DynLangLexer.LE:
                case DynLangLexer.GT:
                case DynLangLexer.GE:
                case DynLangLexer.EQ:
                case DynLangLexer.NE:
                case DynLangLexer.AND:
                case DynLangLexer.AMPAMP:
                case DynLangLexer.OR:
                case DynLangLexer.PIPEPIPE:
                case DynLangLexer.COMMA:
                    PopOperators();
                    break;
                case DynLangLexer.ID:
                case DynLangLexer.NUMBER:
                case DynLangLexer.DOT:
                case DynLangLexer.PRE:
                case DynLangLexer.POST:
                    break;
                default:
                    // Braces, '=', ':', ';' and keywords: no expression continues across them.
                    stack.Clear();
                    break;
            }
            previousType = type;

            if (pushed && stack.Count > limit && openAt < 0)
            {
                openAt = k;
                openDepth = stack.Count;
            }
            else if (openAt >= 0)
            {
                if (stack.Count > openDepth) openDepth = stack.Count;
                if (stack.Count <= limit)
                {
                    findings.Add(new Finding(openAt, openDepth));
                    openAt = -1;
                }
            }
        }
        if (openAt >= 0) findings.Add(new Finding(openAt, openDepth));
        return findings;
    }

    /// <summary>A '+' or '-' after these is binary; after anything else (an operator, '(', ',', '=') it is prefix.</summary>
    private static bool IsPrefixPosition(int previousType) =>
        previousType is not (DynLangLexer.ID or DynLangLexer.NUMBER or DynLangLexer.RPAREN or DynLangLexer.RBRACK);

    /// <summary>True for the tokens that start a top-level item (outside braces).</summary>
    public static bool StartsTopLevelItem(int type) => type is DynLangLexer.NEURON or DynLangLexer.SYNAPSE
        or DynLangLexer.RULE or DynLangLexer.SYSTEM or DynLangLexer.FIELD or DynLangLexer.FUNCTION or DynLangLexer.NAMESPACE;

    /// <summary>
    /// The tokens to parse once the top-level items containing <paramref name="deep"/> (token
    /// indices) are cut down: a model keeps its header, its '{' and its closing '}' (so it is
    /// still declared, with its name, and is not bound: its span covers the DL0003), anything
    /// else (a function, a model whose header is too deep, text before the first model) is
    /// dropped from the deep token to the next top-level item.
    /// </summary>
    public static List<IToken> CutDown(IList<IToken> tokens, IReadOnlyCollection<int> deep)
    {
        var remove = new bool[tokens.Count];
        var starts = new List<int>();
        int braces = 0;
        for (int k = 0; k < tokens.Count; k++)
        {
            IToken token = tokens[k];
            if (token.Channel != TokenConstants.DefaultChannel) continue;
            if (token.Type == DynLangLexer.LBRACE) braces++;
            else if (token.Type == DynLangLexer.RBRACE) braces = braces > 0 ? braces - 1 : 0;
            else if (braces == 0 && StartsTopLevelItem(token.Type)) starts.Add(k);
        }
        foreach (int at in deep)
        {
            int start = -1, end = tokens.Count - 1; // end: exclusive; the last token is EOF, kept
            foreach (int s in starts)
            {
                if (s <= at) start = s;
                else { end = s; break; }
            }
            int from = at, to = end; // removed: [from, to)
            if (start >= 0 && tokens[start].Type != DynLangLexer.FUNCTION && tokens[start].Type != DynLangLexer.NAMESPACE)
            {
                int open = -1;
                for (int k = start; k < at; k++)
                {
                    if (tokens[k].Channel == TokenConstants.DefaultChannel && tokens[k].Type == DynLangLexer.LBRACE) { open = k; break; }
                }
                if (open >= 0)
                {
                    from = open + 1;
                    for (int k = end - 1; k > at; k--)
                    {
                        if (tokens[k].Channel != TokenConstants.DefaultChannel) continue;
                        if (tokens[k].Type == DynLangLexer.RBRACE) to = k;
                        break;
                    }
                }
                else
                {
                    from = start;
                }
            }
            else if (start >= 0)
            {
                from = start;
            }
            for (int k = from; k < to; k++) remove[k] = true;
        }
        var kept = new List<IToken>(tokens.Count);
        for (int k = 0; k < tokens.Count; k++)
            if (!remove[k]) kept.Add(tokens[k]);
        return kept;
    }
}
