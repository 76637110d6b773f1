using System;
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

        // Nesting beyond the limit is found on the tokens, before ANTLR recurses on it; the
        // models holding it are cut down to their header (still declared, not bound) and the
        // rest of the file is parsed as usual.
        var errorSpans = new List<TextSpan>();
        var deep = new List<int>();
        foreach (var finding in NestingScan.Scan(all, StackGuard.MaxNesting))
        {
            var at = SpanOf(all[finding.TokenIndex]);
            diagnostics.Report(DiagnosticDescriptors.NestingTooDeep, at,
                $"expression nested too deeply: {finding.Depth} levels, at most {StackGuard.MaxNesting}");
            errorSpans.Add(at);
            deep.Add(finding.TokenIndex);
        }

        // The parse proper. The parser's own guard (rule depth, stack) is the backstop: when it
        // stops the parse, the item it stopped in is cut down too and the file parsed again.
        DynLangParser.FileContext tree;
        SyntaxErrorListener listener;
        var indexOf = new Dictionary<IToken, int>(ReferenceComparer.Instance);
        for (int k = 0; k < all.Count; k++) indexOf[all[k]] = k;
        while (true)
        {
            var parseTokens = deep.Count == 0 ? tokens : new CommonTokenStream(new ListTokenSource(NestingScan.CutDown(all, deep)));
            if (deep.Count > 0) parseTokens.Fill();
            var parser = new DynLangParser(parseTokens, System.IO.TextWriter.Null, System.IO.TextWriter.Null)
            {
                // Each nesting level is two or three rule invocations (expr, primary, arguments);
                // the files, models and members above an expression take about ten.
                MaxRuleDepth = 3 * StackGuard.MaxNesting + 50,
            };
            parser.RemoveErrorListeners();
            var attempt = new DiagnosticBag(source);
            listener = new SyntaxErrorListener(attempt);
            parser.AddErrorListener(listener);
            Exception? stopped = null;
            try
            {
                tree = parser.file();
            }
            catch (Exception e) when (e is ParseTooDeepException or InsufficientExecutionStackException)
            {
                stopped = e;
                tree = null!;
            }
            if (stopped is null)
            {
                foreach (var item in attempt.Items) diagnostics.Add(item);
                break;
            }
            IToken current = parser.CurrentToken;
            int index = current is not null && indexOf.TryGetValue(current, out var i) ? i : all.Count - 1;
            if (deep.Contains(index) || current is null || current.Type == TokenConstants.EOF)
            {
                // Nothing left to cut: give up on the file, with the error where the parser stopped.
                diagnostics.Report(DiagnosticDescriptors.NestingTooDeep, current is null ? new TextSpan(0, 0) : SpanOf(current),
                    "expression nested too deeply for the parser's stack");
                var empty = new DynFile(null, new List<ModelDecl>(), new List<FunctionDecl>(), new TextSpan(0, source.Text.Length));
                errorSpans.Add(new TextSpan(0, source.Text.Length));
                return new SyntaxTree(source, empty, comments, errorSpans);
            }
            var span = SpanOf(current);
            diagnostics.Report(DiagnosticDescriptors.NestingTooDeep, span, stopped is ParseTooDeepException
                ? $"expression nested too deeply: more than {StackGuard.MaxNesting} levels"
                : "expression nested too deeply for the parser's stack");
            errorSpans.Add(span);
            deep.Add(index);
        }

        DynFile root;
        try
        {
            var builder = new AstBuilder(source, diagnostics);
            root = builder.BuildFile(tree);
            // Literals a double cannot hold (DL0004): their models are not bound, as after a syntax error.
            errorSpans.AddRange(builder.ErrorSpans);
        }
        catch (InsufficientExecutionStackException)
        {
            diagnostics.Report(DiagnosticDescriptors.NestingTooDeep, new TextSpan(0, 0),
                "expression nested too deeply for the compiler's stack");
            root = new DynFile(null, new List<ModelDecl>(), new List<FunctionDecl>(), new TextSpan(0, source.Text.Length));
            errorSpans.Add(new TextSpan(0, source.Text.Length));
        }
        root = AstDepth.Check(root, diagnostics, errorSpans);
        errorSpans.AddRange(listener.ErrorSpans);
        return new SyntaxTree(source, root, comments, errorSpans);
    }

    private static TextSpan SpanOf(IToken token) =>
        token.StartIndex < 0 ? new TextSpan(0, 0) : TextSpan.FromBounds(token.StartIndex, token.StopIndex + 1);

    /// <summary>Tokens by identity (their indices change when a stream is rebuilt).</summary>
    private sealed class ReferenceComparer : IEqualityComparer<IToken>
    {
        public static readonly ReferenceComparer Instance = new();
        public bool Equals(IToken? x, IToken? y) => ReferenceEquals(x, y);
        public int GetHashCode(IToken obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}

/// <summary>A comment and where it is (suppression comments are read from these).</summary>
public sealed record Comment(string Text, TextSpan Span);
