using System.Collections.Generic;
using Antlr4.Runtime;
using DynLang.Core.Syntax.Generated;

namespace DynLang.Core.Completion;

/// <summary>The decision: from the walk's state and the last tokens before the cursor, the kind of position.</summary>
internal static partial class CompletionScanner
{
    private static CursorContext TopLevel(Walk walk, IToken? p, IToken? pp, bool sameLine, int count)
    {
        if (walk.InHeader)
        {
            if (walk.Brackets > 0 && !walk.HeaderOn && p is not null)
            {
                if (p.Type is DynLangLexer.PRE or DynLangLexer.POST)
                    return Context(walk, CompletionContextKind.Choice, extra: null) with { Scope = p.Text };
                if (p.Type == DynLangLexer.COLON) return Context(walk, CompletionContextKind.Unit);
                if (p.Type is DynLangLexer.LPAREN or DynLangLexer.COMMA && walk.ModelKind == Literal(DynLangLexer.SYNAPSE))
                    return Context(walk, CompletionContextKind.Choice, new[] { Literal(DynLangLexer.PRE), Literal(DynLangLexer.POST) });
            }
            return CursorContext.None;
        }
        if (walk.MemberKeyword == DynLangLexer.FUNCTION)
        {
            // A file-level function: after '=' its body is an expression; before it, names are being declared.
            if (!walk.MemberAssigned) return CursorContext.None;
            if (p is not null && EndsOperand(p, pp))
                return sameLine ? CursorContext.None : Context(walk, CompletionContextKind.TopLevel, GrammarKeywords.TopLevel);
            return Context(walk, CompletionContextKind.Expression);
        }
        if (count == 0)
        {
            var words = new List<string>(GrammarKeywords.FileStart);
            words.AddRange(GrammarKeywords.TopLevel);
            return Context(walk, CompletionContextKind.TopLevel, words);
        }
        if (p!.Type is DynLangLexer.RBRACE or DynLangLexer.SEMI || (EndsOperand(p, pp) && !sameLine))
            return Context(walk, CompletionContextKind.TopLevel, GrammarKeywords.TopLevel);
        return CursorContext.None;
    }

    private static CursorContext InModel(Walk walk, IToken? p, IToken? pp, bool sameLine)
    {
        bool inEvent = walk.EventBraces.Count > 0 && walk.EventBraces.Peek();
        var start = inEvent ? CompletionContextKind.Statement : CompletionContextKind.Member;
        if (p is null) return Context(walk, start);
        int type = p.Type;
        if (type == DynLangLexer.DOT && pp is not null && pp.Type is DynLangLexer.PRE or DynLangLexer.POST)
            return Context(walk, CompletionContextKind.PeerMember) with { Scope = pp.Text };
        switch (type)
        {
            case DynLangLexer.SOLVER: return Context(walk, CompletionContextKind.Solver);
            case DynLangLexer.PRECISION: return Context(walk, CompletionContextKind.Choice, Binding.Binder.Precisions);
            case DynLangLexer.MATH: return Context(walk, CompletionContextKind.Choice, MathModeNames());
            case DynLangLexer.UNLESS: return Context(walk, CompletionContextKind.Choice, new[] { Literal(DynLangLexer.REFRACTORY) });
            case DynLangLexer.COLON: return Context(walk, CompletionContextKind.Unit);
            case DynLangLexer.NUMBER when sameLine: return Context(walk, CompletionContextKind.Unit);
            case DynLangLexer.LBRACE or DynLangLexer.RBRACE or DynLangLexer.SEMI: return Context(walk, start);
            case DynLangLexer.ASSERT:
                return Context(walk, CompletionContextKind.Expression, Binding.Binder.KnownPredicates);
            case DynLangLexer.ON when walk.MemberKeyword == DynLangLexer.ON:
                // `on pre` / `on post` only in synapses; any model can trigger on a condition.
                return Context(walk, CompletionContextKind.Expression,
                    walk.ModelKind == Literal(DynLangLexer.SYNAPSE) ? GrammarKeywords.EventTriggers : null);
        }
        // After a keyword that declares something new (param, state, emit, function, …) a new name is typed.
        if (IsMemberStart(type) || type == DynLangLexer.EMIT) return CursorContext.None;
        if (walk.Brackets == 0 && type == DynLangLexer.COMMA && IsDeclaration(walk.MemberKeyword)) return CursorContext.None;
        if (walk.MemberKeyword == DynLangLexer.FUNCTION && !walk.MemberAssigned) return CursorContext.None;
        if (EndsOperand(p, pp))
        {
            if (!sameLine && walk.Brackets == 0) return Context(walk, start);
            if (walk.Brackets == 0 && IsDeclaration(walk.MemberKeyword) && !walk.MemberAssigned)
            {
                var flags = new List<string>(GrammarKeywords.ValueRange);
                flags.AddRange(GrammarKeywords.DeclarationFlags);
                return Context(walk, CompletionContextKind.DeclarationFlag, flags);
            }
            return CursorContext.None;
        }
        return Context(walk, CompletionContextKind.Expression);
    }

    private static CursorContext Context(Walk walk, CompletionContextKind kind, IReadOnlyList<string>? extra = null) =>
        new(kind, walk.Model, walk.ModelKind, null, new Dictionary<string, string>(walk.Peers), extra ?? System.Array.Empty<string>());

    private static IReadOnlyList<string> MathModeNames()
    {
        var names = new List<string>();
        foreach (var mode in (Lowering.Ir.MathMode[])System.Enum.GetValues(typeof(Lowering.Ir.MathMode))) names.Add(Lowering.Ir.MathModes.Name(mode));
        return names;
    }
}
