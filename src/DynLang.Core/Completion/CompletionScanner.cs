using System.Collections.Generic;
using Antlr4.Runtime;
using DynLang.Core.Syntax.Generated;
using DynLang.Core.Text;

namespace DynLang.Core.Completion;

/// <summary>
/// Decides the kind of position at a cursor from the tokens before it. The text is usually broken while it is
/// typed, so this never parses: it lexes (the lexer accepts any text), walks the tokens once keeping the brace
/// depth, the model whose body is open and the member being written, and looks at the last one or two tokens.
/// One pass, no recursion, never throws on any text.
/// </summary>
internal static partial class CompletionScanner
{
    private sealed class Walk
    {
        public int Depth;                 // brace depth; 1 = a model's body
        public readonly Stack<bool> EventBraces = new(); // per open brace: is it an event block's?
        public bool InHeader;             // after a model kind, before its '{'
        public bool HeaderOn;             // 'on' seen in the header (a rule's matrix, a field's grid)
        public string? Model;
        public string? ModelKind;
        public readonly Dictionary<string, string> Peers = new(System.StringComparer.Ordinal);
        public int MemberKeyword = -1;    // the keyword of the member (or file-level function) being written
        public bool MemberAssigned;       // an '=' seen in that member at bracket depth 0
        public int Brackets;              // ( and [ depth within the member
    }

    public static CursorContext Scan(SourceText source, int offset)
    {
        string text = source.Text;
        if (offset < 0 || offset > text.Length) return CursorContext.None;
        var all = Lex(text);

        // The word under the cursor is what is being typed: the context is decided by what comes before it.
        int wordStart = offset;
        foreach (var token in all)
        {
            if (token.StartIndex >= offset) break;
            bool touches = offset <= token.StopIndex + 1;
            if (!touches) continue;
            if (token.Type == DynLangLexer.LINE_COMMENT) return CursorContext.None;
            if (token.Type == DynLangLexer.BLOCK_COMMENT && offset <= token.StopIndex) return CursorContext.None;
            if (token.Type == DynLangLexer.NUMBER) return CursorContext.None;
            if (token.Type == DynLangLexer.ID || GrammarKeywords.Literal(token.Type) is not null) wordStart = token.StartIndex;
        }

        var before = new List<IToken>();
        foreach (var token in all)
        {
            if (token.StopIndex + 1 > wordStart) break;
            if (token.Channel == TokenConstants.DefaultChannel && token.Type != TokenConstants.EOF) before.Add(token);
        }

        var walk = new Walk();
        for (int k = 0; k < before.Count; k++) Step(walk, before, k, source);

        IToken? p = before.Count > 0 ? before[^1] : null;
        IToken? pp = before.Count > 1 ? before[^2] : null;
        bool sameLine = p is not null && source.GetLinePosition(p.StopIndex).Line == source.GetLinePosition(wordStart).Line;
        return walk.Depth == 0 ? TopLevel(walk, p, pp, sameLine, before.Count) : InModel(walk, p, pp, sameLine);
    }

    internal static IList<IToken> Lex(string text)
    {
        var lexer = new DynLangLexer(new AntlrInputStream(text), System.IO.TextWriter.Null, System.IO.TextWriter.Null);
        lexer.RemoveErrorListeners();
        var stream = new CommonTokenStream(lexer);
        stream.Fill();
        return stream.GetTokens();
    }

    /// <summary>Updates the walk's state for token <paramref name="k"/>.</summary>
    private static void Step(Walk walk, List<IToken> tokens, int k, SourceText source)
    {
        var token = tokens[k];
        int type = token.Type;
        if (IsModelKind(type))
        {
            // Model kinds never occur inside a body: a kind after an unclosed body starts a new model.
            walk.Depth = 0;
            walk.EventBraces.Clear();
            walk.InHeader = true;
            walk.HeaderOn = false;
            walk.Peers.Clear();
            walk.ModelKind = token.Text;
            walk.Model = k + 1 < tokens.Count && tokens[k + 1].Type == DynLangLexer.ID ? tokens[k + 1].Text : null;
            walk.MemberKeyword = -1;
            walk.Brackets = 0;
            return;
        }
        switch (type)
        {
            case DynLangLexer.LBRACE:
                walk.EventBraces.Push(walk.Depth >= 1 && walk.MemberKeyword == DynLangLexer.ON);
                walk.Depth++;
                walk.InHeader = false;
                ResetMember(walk);
                return;
            case DynLangLexer.RBRACE:
                if (walk.Depth > 0)
                {
                    walk.Depth--;
                    walk.EventBraces.Pop();
                }
                if (walk.Depth == 0)
                {
                    walk.Model = null;
                    walk.ModelKind = null;
                    walk.Peers.Clear();
                }
                ResetMember(walk);
                return;
            case DynLangLexer.LPAREN or DynLangLexer.LBRACK:
                walk.Brackets++;
                return;
            case DynLangLexer.RPAREN or DynLangLexer.RBRACK:
                if (walk.Brackets > 0) walk.Brackets--;
                return;
            case DynLangLexer.SEMI:
                if (walk.Brackets == 0) ResetMember(walk);
                return;
            case DynLangLexer.ASSIGN:
                if (walk.Brackets == 0) walk.MemberAssigned = true;
                return;
        }
        if (walk.InHeader)
        {
            if (type == DynLangLexer.ON && walk.Brackets == 0) walk.HeaderOn = true;
            if (type is DynLangLexer.PRE or DynLangLexer.POST && k + 1 < tokens.Count && tokens[k + 1].Type == DynLangLexer.ID)
                walk.Peers[token.Text] = tokens[k + 1].Text;
            return;
        }
        if (walk.Brackets != 0) return;
        if (IsMemberStart(type) && (walk.Depth >= 1 || type == DynLangLexer.FUNCTION))
        {
            walk.MemberKeyword = type;
            walk.MemberAssigned = false;
        }
        else if (type == DynLangLexer.ID && k > 0 && EndsOperand(tokens, k - 1)
                 && source.GetLinePosition(tokens[k - 1].StopIndex).Line < source.GetLinePosition(token.StartIndex).Line)
        {
            // A name on a new line after a complete operand starts the next member (an equation or definition),
            // as the grammar reads it: nothing can continue an expression with a name.
            ResetMember(walk);
        }
    }

    private static void ResetMember(Walk walk)
    {
        walk.MemberKeyword = -1;
        walk.MemberAssigned = false;
        walk.Brackets = 0;
    }

    private static string Literal(int type) => GrammarKeywords.Literal(type)!;

    private static bool IsModelKind(int type) =>
        type is DynLangLexer.NEURON or DynLangLexer.SYNAPSE or DynLangLexer.RULE or DynLangLexer.SYSTEM or DynLangLexer.FIELD;

    private static bool IsDeclaration(int keyword) =>
        keyword is DynLangLexer.PARAM or DynLangLexer.STATE or DynLangLexer.INPUT;

    /// <summary>Keywords that begin a member (from the grammar's <c>member</c> rule).</summary>
    private static bool IsMemberStart(int type) =>
        GrammarKeywords.Literal(type) is { } word && MemberWords.Contains(word);

    private static readonly HashSet<string> MemberWords = new(GrammarKeywords.Member, System.StringComparer.Ordinal);

    /// <summary>True when the token ends an operand, so that what follows cannot continue the expression with a name.</summary>
    private static bool EndsOperand(IToken token, IToken? previous)
    {
        int type = token.Type;
        if (type is DynLangLexer.ID or DynLangLexer.NUMBER or DynLangLexer.RPAREN or DynLangLexer.RBRACK) return true;
        // `on pre`, `on post`, `(unless refractory)`: keywords that complete a phrase.
        if (type is DynLangLexer.PRE or DynLangLexer.POST) return previous is { Type: DynLangLexer.ON };
        if (type == DynLangLexer.REFRACTORY) return previous is { Type: DynLangLexer.UNLESS };
        return GrammarKeywords.Literal(type) is { } word && FlagWords.Contains(word);
    }

    private static bool EndsOperand(List<IToken> tokens, int k) => EndsOperand(tokens[k], k > 0 ? tokens[k - 1] : null);

    private static readonly HashSet<string> FlagWords = new(GrammarKeywords.DeclarationFlags, System.StringComparer.Ordinal);
}
