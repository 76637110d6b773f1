using System.Collections.Generic;
using System.IO;
using System.Linq;
using Antlr4.Runtime;
using Antlr4.Runtime.Misc;
using DynLang.Core.Diagnostics;
using DynLang.Core.Syntax.Generated;
using DynLang.Core.Text;

namespace DynLang.Core.Syntax;

/// <summary>
/// Turns ANTLR's parse errors into DL0001 diagnostics with short, human messages
/// ("expected an expression, found ')'") instead of ANTLR's token-set dumps. Reports at most
/// one error per line, so that error recovery does not bury the real problem.
/// </summary>
internal sealed class SyntaxErrorListener : BaseErrorListener
{
    private const int MaxErrorsPerFile = 20;
    private readonly DiagnosticBag _diagnostics;
    private readonly HashSet<int> _linesWithErrors = new();
    private readonly List<TextSpan> _errorSpans = new();
    private bool _insideUnterminatedComment;

    public SyntaxErrorListener(DiagnosticBag diagnostics) => _diagnostics = diagnostics;

    /// <summary>Spans of every syntax error, so models containing one are not bound.</summary>
    public IReadOnlyList<TextSpan> ErrorSpans => _errorSpans;

    public override void SyntaxError(TextWriter output, IRecognizer recognizer, IToken offendingSymbol, int line,
        int charPositionInLine, string msg, RecognitionException e)
    {
        var span = SpanOf(offendingSymbol, recognizer as Parser);
        _errorSpans.Add(span);
        // Bad characters are reported once by the driver (DL0002); a parse error at them is noise.
        if (offendingSymbol?.Type == DynLangLexer.ERROR_CHAR) return;
        // Everything after an unterminated '/*' is comment text: one error says so, the rest would be noise.
        if (_insideUnterminatedComment) return;
        if (offendingSymbol is not null && UnterminatedCommentStart(offendingSymbol) is int commentStart)
        {
            _insideUnterminatedComment = true;
            _diagnostics.Report(DiagnosticDescriptors.SyntaxError, new TextSpan(commentStart, 2),
                "unterminated comment: '/*' has no matching '*/'");
            return;
        }
        if (!_linesWithErrors.Add(line) || _linesWithErrors.Count > MaxErrorsPerFile) return;

        string found = Describe(offendingSymbol);
        string message;
        if (offendingSymbol?.Type == DynLangLexer.NAMESPACE)
        {
            message = "'namespace' must be the first line of the file, before any model or function";
        }
        else if (recognizer is Parser parser)
        {
            IntervalSet expected = SafeExpected(parser, e);
            // A bracket left open is reported at the bracket, not lines later where the parser gives up.
            if (offendingSymbol is not null && UnclosedBracket(parser, offendingSymbol, expected) is { } open)
            {
                var at = TextSpan.FromBounds(open.StartIndex, open.StopIndex + 1);
                _errorSpans.Add(at);
                string close = open.Type == DynLangLexer.LPAREN ? ")" : "]";
                _diagnostics.Report(DiagnosticDescriptors.SyntaxError, at,
                    $"'{open.Text}' is not closed: expected '{close}' before {found} (line {line})");
                return;
            }
            // A misspelt keyword reads as a name: say which keyword it is close to, where it is written.
            if (offendingSymbol is not null && MisspeltKeyword(parser, offendingSymbol, expected) is { } misspelt)
            {
                var at = TextSpan.FromBounds(misspelt.Token.StartIndex, misspelt.Token.StopIndex + 1);
                _errorSpans.Add(at);
                _diagnostics.Report(DiagnosticDescriptors.SyntaxError, at,
                    $"'{misspelt.Token.Text}' is not a keyword: did you mean '{misspelt.Keyword}'?");
                return;
            }
            message = expected.Count == 0
                ? $"unexpected {found}"
                : $"expected {DescribeExpected(expected)}, found {found}";
        }
        else
        {
            message = msg;
        }
        _diagnostics.Report(DiagnosticDescriptors.SyntaxError, span, message);
    }

    /// <summary>How far back an unclosed bracket or a misspelt keyword is looked for (tokens).</summary>
    private const int LookBack = 4000;

    /// <summary>
    /// The innermost '(' or '[' still open before <paramref name="offending"/>, when the parser
    /// expected its closing bracket there and the offending token is on a later line (on the same
    /// line the plain message already points close enough).
    /// </summary>
    private static IToken? UnclosedBracket(Parser parser, IToken offending, IntervalSet expected)
    {
        if (parser.TokenStream is not { } stream || offending.TokenIndex < 0) return null;
        int depthParen = 0, depthBrack = 0;
        for (int index = offending.TokenIndex - 1; index >= 0 && index >= offending.TokenIndex - LookBack; index--)
        {
            var token = stream.Get(index);
            if (token.Channel != TokenConstants.DefaultChannel) continue;
            switch (token.Type)
            {
                case DynLangLexer.RPAREN: depthParen++; break;
                case DynLangLexer.RBRACK: depthBrack++; break;
                case DynLangLexer.LBRACE: case DynLangLexer.RBRACE: return null; // a block boundary: no bracket spans it
                case DynLangLexer.LPAREN when depthParen-- == 0:
                    return expected.Contains(DynLangLexer.RPAREN) && token.Line < offending.Line ? token : null;
                case DynLangLexer.LBRACK when depthBrack-- == 0:
                    return expected.Contains(DynLangLexer.RBRACK) && token.Line < offending.Line ? token : null;
            }
        }
        return null;
    }

    /// <summary>Keywords a misspelling is compared with: those that start a model or a member.</summary>
    private static readonly int[] Keywords =
    {
        DynLangLexer.NEURON, DynLangLexer.SYNAPSE, DynLangLexer.RULE, DynLangLexer.SYSTEM, DynLangLexer.FIELD,
        DynLangLexer.FUNCTION, DynLangLexer.PARAM, DynLangLexer.STATE, DynLangLexer.INPUT, DynLangLexer.SOLVER,
        DynLangLexer.SURROGATE, DynLangLexer.INVARIANT, DynLangLexer.ENERGY, DynLangLexer.ASSERT, DynLangLexer.PRECISION,
        DynLangLexer.MATH, DynLangLexer.NAMESPACE,
    };

    /// <summary>
    /// A name within edit distance 2 of a keyword (and not a keyword) that stands where a
    /// declaration or model starts: the offending token itself (<c>nueron Lif {</c> at the top), or the
    /// name just before it (<c>stat v = 0</c> reads <c>stat</c> as the start of a definition, and fails at <c>v</c>).
    /// </summary>
    private static (IToken Token, string Keyword)? MisspeltKeyword(Parser parser, IToken offending, IntervalSet expected)
    {
        if (Suggest(offending) is { } here && (expected.Contains(DynLangLexer.PARAM) || expected.Contains(DynLangLexer.NEURON)))
            return (offending, here);
        if (offending.Type != DynLangLexer.ID || parser.TokenStream is not { } stream) return null;
        IToken? previous = null;
        for (int index = offending.TokenIndex - 1; index >= 0; index--)
        {
            var token = stream.Get(index);
            if (token.Channel == TokenConstants.DefaultChannel) { previous = token; break; }
        }
        if (previous is null || previous.Line != offending.Line || Suggest(previous) is not { } keyword) return null;
        // The name before must itself start a statement: first on its line, or after '{' or ';'.
        for (int index = previous.TokenIndex - 1; index >= 0; index--)
        {
            var token = stream.Get(index);
            if (token.Channel != TokenConstants.DefaultChannel) continue;
            bool starts = token.Line < previous.Line || token.Type is DynLangLexer.LBRACE or DynLangLexer.SEMI;
            return starts ? (previous, keyword) : null;
        }
        return (previous, keyword);
    }

    private static string? Suggest(IToken token)
    {
        if (token.Type != DynLangLexer.ID || token.Text is not { Length: >= 3 and <= 20 } text) return null;
        string? best = null;
        int bestDistance = 3;
        foreach (int type in Keywords)
        {
            string keyword = DynLangLexer.DefaultVocabulary.GetLiteralName(type)?.Trim('\'') ?? "";
            if (keyword.Length == 0) continue;
            int distance = Units.EditDistance.Within(text, keyword, 2);
            if (distance > 0 && distance < bestDistance && distance <= keyword.Length / 2)
            {
                best = keyword;
                bestDistance = distance;
            }
        }
        return best;
    }

    /// <summary>
    /// Where an unterminated block comment starts, if the error is at its '/' or '*': without a
    /// closing '*/' the lexer reads '/*' as the operators '/' and '*'.
    /// </summary>
    private int? UnterminatedCommentStart(IToken token)
    {
        string text = _diagnostics.Source.Text;
        int start = token.StartIndex;
        if (token.Type == DynLangLexer.SLASH && start + 1 < text.Length && text[start + 1] == '*') return start;
        if (token.Type == DynLangLexer.STAR && start > 0 && text[start - 1] == '/') return start - 1;
        return null;
    }

    private TextSpan SpanOf(IToken? token, Parser? parser)
    {
        if (token is null) return new TextSpan(_diagnostics.Source.Text.Length, 0);
        if (token.Type == TokenConstants.EOF)
        {
            // Point just after the last token (not past trailing comments and blank lines).
            if (parser?.TokenStream is { } stream)
            {
                for (int index = token.TokenIndex - 1; index >= 0; index--)
                {
                    var previous = stream.Get(index);
                    if (previous.Channel == TokenConstants.DefaultChannel) return new TextSpan(previous.StopIndex + 1, 0);
                }
            }
            return new TextSpan(0, 0);
        }
        return TextSpan.FromBounds(token.StartIndex, token.StopIndex + 1);
    }

    private static IntervalSet SafeExpected(Parser parser, RecognitionException? e)
    {
        try
        {
            return e?.GetExpectedTokens() ?? parser.GetExpectedTokens();
        }
        catch (System.Exception)
        {
            // ANTLR can fail to compute the set in odd recovery states; a plain message is fine.
            return new IntervalSet();
        }
    }

    private static string Describe(IToken? token)
    {
        if (token is null || token.Type == TokenConstants.EOF) return "end of file";
        return token.Type switch
        {
            DynLangLexer.ID => $"name '{token.Text}'",
            DynLangLexer.NUMBER => $"number '{token.Text}'",
            _ => $"'{token.Text}'",
        };
    }

    /// <summary>Names the expected token set the way a person would.</summary>
    internal static string DescribeExpected(IntervalSet expected)
    {
        var types = expected.ToList();
        var parts = new List<string>();
        bool expression = types.Contains(DynLangLexer.NUMBER) && types.Contains(DynLangLexer.ID)
                          && types.Contains(DynLangLexer.LPAREN);
        bool member = types.Contains(DynLangLexer.PARAM) && types.Contains(DynLangLexer.STATE);
        bool model = types.Contains(DynLangLexer.NEURON) && types.Contains(DynLangLexer.SYSTEM);
        if (model) parts.Add("a model (neuron, synapse, rule, system, field) or a function");
        if (member) parts.AddRange(new[] { "a declaration", "an equation", "an event" });
        if (expression && !member) parts.Add("an expression");
        foreach (int type in types)
        {
            if (model && IsModelStart(type)) continue;
            if (member && (IsMemberStart(type) || type == DynLangLexer.ID)) continue;
            if (expression && IsExpressionStart(type)) continue;
            parts.Add(TokenDisplay(type));
        }
        parts = parts.Distinct().ToList();
        if (parts.Count > 5) parts = parts.Take(4).Concat(new[] { "…" }).ToList();
        return parts.Count switch
        {
            0 => "something else",
            1 => parts[0],
            _ => string.Join(", ", parts.Take(parts.Count - 1)) + " or " + parts[parts.Count - 1],
        };
    }

    private static bool IsModelStart(int type) => type is DynLangLexer.NEURON or DynLangLexer.SYNAPSE
        or DynLangLexer.RULE or DynLangLexer.SYSTEM or DynLangLexer.FIELD or DynLangLexer.FUNCTION;

    private static bool IsMemberStart(int type) => type is DynLangLexer.PARAM or DynLangLexer.STATE
        or DynLangLexer.INPUT or DynLangLexer.ON or DynLangLexer.SOLVER or DynLangLexer.SURROGATE or DynLangLexer.INVARIANT
        or DynLangLexer.ENERGY or DynLangLexer.ASSERT or DynLangLexer.FUNCTION or DynLangLexer.PRECISION
        or DynLangLexer.MATH or DynLangLexer.PRE or DynLangLexer.POST or DynLangLexer.SEMI;

    private static bool IsExpressionStart(int type) => type is DynLangLexer.NUMBER or DynLangLexer.ID
        or DynLangLexer.LPAREN or DynLangLexer.MINUS or DynLangLexer.PLUS or DynLangLexer.BANG
        or DynLangLexer.NOT or DynLangLexer.PRE or DynLangLexer.POST;

    internal static string TokenDisplay(int type)
    {
        if (type == TokenConstants.EOF) return "end of file";
        if (type == DynLangLexer.ID) return "a name";
        if (type == DynLangLexer.NUMBER) return "a number";
        string? literal = DynLangLexer.DefaultVocabulary.GetLiteralName(type);
        return literal ?? DynLangLexer.DefaultVocabulary.GetDisplayName(type);
    }
}
