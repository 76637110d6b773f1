using System.Collections.Generic;
using System.Linq;
using Antlr4.Runtime.Atn;
using DynLang.Core.Syntax.Generated;

namespace DynLang.Core.Completion;

/// <summary>
/// The keywords that can begin a rule, read from the generated parser's ATN (the FIRST set of the rule) and the
/// lexer's literal names, so completion follows the grammar when a keyword is added instead of a list kept by hand.
/// </summary>
internal static class GrammarKeywords
{
    /// <summary>Keywords that start a top-level item (model kinds, <c>function</c>).</summary>
    public static IReadOnlyList<string> TopLevel { get; } = FirstKeywords(DynLangParser.RULE_topLevel);

    /// <summary>The keyword of the namespace declaration, allowed only before everything else.</summary>
    public static IReadOnlyList<string> FileStart { get; } = FirstKeywords(DynLangParser.RULE_namespaceDecl);

    /// <summary>Keywords that start a member of a model (<c>param</c>, <c>state</c>, <c>on</c>, <c>solver</c>, …).</summary>
    public static IReadOnlyList<string> Member { get; } = FirstKeywords(DynLangParser.RULE_member);

    /// <summary>Keywords that start a statement of an event block (<c>emit</c>, <c>refractory</c>, <c>pre</c>, <c>post</c>).</summary>
    public static IReadOnlyList<string> Statement { get; } = FirstKeywords(DynLangParser.RULE_statement);

    /// <summary>Flags after a declared variable (<c>symmetric</c>, <c>positive</c>, …).</summary>
    public static IReadOnlyList<string> DeclarationFlags { get; } = FirstKeywords(DynLangParser.RULE_declFlag);

    /// <summary>The keyword that opens a value range after a declaration (<c>in [0, 1]</c>).</summary>
    public static IReadOnlyList<string> ValueRange { get; } = FirstKeywords(DynLangParser.RULE_valueRange);

    /// <summary>The event triggers that are keywords (<c>pre</c>, <c>post</c>); a condition is an expression.</summary>
    public static IReadOnlyList<string> EventTriggers { get; } = FirstKeywords(DynLangParser.RULE_eventTrigger);

    /// <summary>The model kinds (<c>neuron</c>, <c>synapse</c>, …).</summary>
    public static IReadOnlyList<string> ModelKinds { get; } = FirstKeywords(DynLangParser.RULE_modelKind);

    /// <summary>The literal text of a keyword token (<c>param</c>), or null for tokens that are not words (ID, operators).</summary>
    public static string? Literal(int tokenType)
    {
        string? literal = DynLangParser.DefaultVocabulary.GetLiteralName(tokenType);
        if (literal is null || literal.Length < 3) return null;
        string word = literal.Substring(1, literal.Length - 2);
        return word.All(c => char.IsLetter(c) || c == '_') ? word : null;
    }

    private static IReadOnlyList<string> FirstKeywords(int rule)
    {
        ATN atn = DynLangParser._ATN;
        var first = atn.NextTokens(atn.ruleToStartState[rule]);
        var words = new List<string>();
        foreach (int type in first.ToList())
            if (Literal(type) is { } word) words.Add(word);
        return words;
    }
}
