using System.Collections.Generic;
using Antlr4.Runtime;
using DynLang.Core.Syntax.Generated;

namespace DynLang.Core.Completion;

/// <summary>
/// The names a model's <c>param</c>/<c>state</c>/<c>input</c> declarations introduce, read from tokens. The
/// parser's recovery can swallow a declaration that follows a half-typed expression (<c>dx/dt = -x/</c> then
/// <c>state x</c> reads as one broken equation), so completion adds what this scan finds to the AST's names.
/// </summary>
internal static class TokenDeclarations
{
    public static IEnumerable<CompletionItem> Of(IList<IToken> tokens, string model)
    {
        int k = BodyStart(tokens, model);
        if (k < 0) yield break;
        int depth = 1;
        int brackets = 0;
        int role = -1;       // the declaration keyword whose items are being read, or -1
        bool expectName = false;
        for (; k < tokens.Count && depth > 0; k++)
        {
            var token = tokens[k];
            if (token.Channel != TokenConstants.DefaultChannel) continue;
            int type = token.Type;
            switch (type)
            {
                case DynLangLexer.NEURON or DynLangLexer.SYNAPSE or DynLangLexer.RULE or DynLangLexer.SYSTEM or DynLangLexer.FIELD:
                    yield break; // the next model: this body was never closed
                case DynLangLexer.LBRACE: depth++; role = -1; continue;
                case DynLangLexer.RBRACE: depth--; role = -1; continue;
                case DynLangLexer.LPAREN or DynLangLexer.LBRACK: brackets++; continue;
                case DynLangLexer.RPAREN or DynLangLexer.RBRACK: if (brackets > 0) brackets--; continue;
            }
            if (depth != 1 || brackets != 0) continue;
            if (type is DynLangLexer.PARAM or DynLangLexer.STATE or DynLangLexer.INPUT)
            {
                role = type;
                expectName = true;
                continue;
            }
            if (role < 0) continue;
            if (expectName && type == DynLangLexer.ID)
            {
                var (word, kind) = role switch
                {
                    DynLangLexer.PARAM => ("param", CompletionKind.Parameter),
                    DynLangLexer.STATE => ("state", CompletionKind.State),
                    _ => ("input", CompletionKind.Input),
                };
                yield return new CompletionItem(token.Text, kind, word + " " + token.Text);
                expectName = false;
                continue;
            }
            expectName = type == DynLangLexer.COMMA;
            // Any other member keyword or a ';' ends the declaration.
            if (type == DynLangLexer.SEMI || (GrammarKeywords.Literal(type) is { } w && MemberWords.Contains(w))) role = -1;
        }
    }

    private static readonly HashSet<string> MemberWords = new(GrammarKeywords.Member, System.StringComparer.Ordinal);

    /// <summary>The index after the '{' of the first model named <paramref name="model"/>, or −1.</summary>
    private static int BodyStart(IList<IToken> tokens, string model)
    {
        for (int k = 0; k + 1 < tokens.Count; k++)
        {
            if (tokens[k].Type is not (DynLangLexer.NEURON or DynLangLexer.SYNAPSE or DynLangLexer.RULE or DynLangLexer.SYSTEM or DynLangLexer.FIELD)) continue;
            if (tokens[k + 1].Type != DynLangLexer.ID || tokens[k + 1].Text != model) continue;
            for (int j = k + 2; j < tokens.Count; j++)
            {
                if (tokens[j].Type == DynLangLexer.LBRACE) return j + 1;
                if (tokens[j].Type is DynLangLexer.NEURON or DynLangLexer.SYNAPSE or DynLangLexer.RULE or DynLangLexer.SYSTEM or DynLangLexer.FIELD) break;
            }
        }
        return -1;
    }
}
