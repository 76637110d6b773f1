using System.Collections.Generic;
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
        foreach (IToken token in tokens.GetTokens())
        {
            var span = TextSpan.FromBounds(token.StartIndex, token.StopIndex + 1);
            if (token.Type == DynLangLexer.ERROR_CHAR)
                diagnostics.Report(DiagnosticDescriptors.InvalidCharacter, span, token.Text);
            else if (token.Type is DynLangLexer.LINE_COMMENT or DynLangLexer.BLOCK_COMMENT)
                comments.Add(new Comment(token.Text, span));
        }

        var parser = new DynLangParser(tokens, System.IO.TextWriter.Null, System.IO.TextWriter.Null);
        parser.RemoveErrorListeners();
        var listener = new SyntaxErrorListener(diagnostics);
        parser.AddErrorListener(listener);
        DynLangParser.FileContext tree = parser.file();

        var builder = new AstBuilder(source, diagnostics);
        DynFile root = builder.BuildFile(tree);
        return new SyntaxTree(source, root, comments, listener.ErrorSpans);
    }
}

/// <summary>A comment and where it is (suppression comments are read from these).</summary>
public sealed record Comment(string Text, TextSpan Span);
