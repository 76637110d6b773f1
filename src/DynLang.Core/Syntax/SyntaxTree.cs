using System.Collections.Generic;
using System.Linq;
using Antlr4.Runtime;
using DynLang.Core.Ast;
using DynLang.Core.Diagnostics;
using DynLang.Core.Syntax.Generated;
using DynLang.Core.Text;

namespace DynLang.Core.Syntax;

/// <summary>
/// The result of reading one <c>.dyn</c> file: its AST, its comments (for suppressions) and
/// the spans of syntax errors (models overlapping one are not bound, so one typo does not
/// produce a cascade of name and unit errors).
/// </summary>
public sealed class SyntaxTree
{
    private SyntaxTree(SourceText source, DynFile root, IReadOnlyList<Comment> comments, IReadOnlyList<TextSpan> errorSpans)
    {
        Source = source;
        Root = root;
        Comments = comments;
        ErrorSpans = errorSpans;
    }

    /// <summary>The file's text.</summary>
    public SourceText Source { get; }

    /// <summary>The AST of the whole file (partial where the text has syntax errors).</summary>
    public DynFile Root { get; }

    /// <summary>Line and block comments in source order.</summary>
    public IReadOnlyList<Comment> Comments { get; }

    /// <summary>Where syntax errors were found.</summary>
    public IReadOnlyList<TextSpan> ErrorSpans { get; }

    /// <summary>True when <paramref name="span"/> overlaps a syntax error.</summary>
    public bool HasSyntaxErrorIn(TextSpan span)
    {
        foreach (var error in ErrorSpans)
        {
            if (error.Start < span.End && error.End >= span.Start) return true;
            if (error.Length == 0 && error.Start >= span.Start && error.Start <= span.End) return true;
        }
        return false;
    }

    /// <summary>
    /// True when <paramref name="model"/> calls a file-level function whose declaration overlaps a
    /// syntax error, directly or through other functions: its body is partial, so the model is
    /// not bound either (the syntax error is the one diagnostic, as for a model with a typo).
    /// </summary>
    public bool UsesFunctionWithSyntaxError(ModelDecl model)
    {
        if (ErrorSpans.Count == 0 || Root.Functions.Count == 0) return false;
        var broken = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var function in Root.Functions)
            if (HasSyntaxErrorIn(function.Span)) broken.Add(function.Name.Name);
        if (broken.Count == 0) return false;
        static IEnumerable<string> Calls(Node node)
        {
            foreach (var descendant in AstWalker.Descendants(node))
                if (descendant is CallExpr call) yield return call.Callee.Name;
        }
        // Functions that call a broken function are broken too (to a fixed point).
        for (bool changed = true; changed;)
        {
            changed = false;
            foreach (var function in Root.Functions)
                if (!broken.Contains(function.Name.Name) && Calls(function).Any(broken.Contains))
                    changed |= broken.Add(function.Name.Name);
        }
        // A function declared in the model hides the file-level one of the same name.
        foreach (var local in model.Members.OfType<FunctionDecl>()) broken.Remove(local.Name.Name);
        return Calls(model).Any(broken.Contains);
    }

    private const int MaxInvalidCharacterReports = 10;

    /// <summary>Bad characters as a person can read them: control characters as \uXXXX, long runs shortened.</summary>
    private static string Printable(string text)
    {
        var builder = new System.Text.StringBuilder();
        foreach (char c in text.Length > 12 ? text.Substring(0, 12) : text)
            builder.Append(char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:X4}" : c.ToString());
        return text.Length > 12 ? builder + "…" : builder.ToString();
    }

    /// <summary>
    /// Lexes and parses <paramref name="source"/>, reporting syntax errors into
    /// <paramref name="diagnostics"/>. Never throws for any input text.
    /// </summary>
    public static SyntaxTree Parse(SourceText source, DiagnosticBag diagnostics)
    {
        var input = new AntlrInputStream(source.Text);
        var lexer = new DynLangLexer(input, System.IO.TextWriter.Null, System.IO.TextWriter.Null);
        lexer.RemoveErrorListeners();
        var tokens = new CommonTokenStream(lexer);
        tokens.Fill();

        var comments = new List<Comment>();
        var all = tokens.GetTokens();
        int reported = 0;
        for (int k = 0; k < all.Count; k++)
        {
            IToken token = all[k];
            var span = TextSpan.FromBounds(token.StartIndex, token.StopIndex + 1);
            if (token.Type == DynLangLexer.ERROR_CHAR)
            {
                // A run of bad characters (binary junk, a pasted symbol) is one problem, and a
                // file full of them needs a handful of errors, not thousands.
                int end = k;
                while (end + 1 < all.Count && all[end + 1].Type == DynLangLexer.ERROR_CHAR && all[end + 1].StartIndex == all[end].StopIndex + 1) end++;
                var run = TextSpan.FromBounds(token.StartIndex, all[end].StopIndex + 1);
                if (reported++ < MaxInvalidCharacterReports)
                    diagnostics.Report(DiagnosticDescriptors.InvalidCharacter, run, Printable(source.Slice(run)));
                k = end;
            }
            else if (token.Type is DynLangLexer.LINE_COMMENT or DynLangLexer.BLOCK_COMMENT)
            {
                comments.Add(new Comment(token.Text, span));
            }
        }

        var parser = new DynLangParser(tokens, System.IO.TextWriter.Null, System.IO.TextWriter.Null);
        parser.RemoveErrorListeners();
        var listener = new SyntaxErrorListener(diagnostics);
        parser.AddErrorListener(listener);
        DynLangParser.FileContext tree = parser.file();

        var builder = new AstBuilder(source, diagnostics);
        DynFile root = builder.BuildFile(tree);
        var errorSpans = new List<TextSpan>(listener.ErrorSpans);
        errorSpans.AddRange(builder.ErrorSpans);
        return new SyntaxTree(source, root, comments, errorSpans);
    }
}

/// <summary>A comment and where it is (suppression comments are read from these).</summary>
public sealed record Comment(string Text, TextSpan Span);
