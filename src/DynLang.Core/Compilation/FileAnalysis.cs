using System;
using System.Collections.Generic;
using DynLang.Core.Binding;
using DynLang.Core.Diagnostics;
using DynLang.Core.Syntax;
using DynLang.Core.Text;
using DynLang.Core.Units;

namespace DynLang.Core.Compilation;

/// <summary>
/// The front half of the pipeline for one file: parse, set duplicate models aside, then bind and
/// unit-check each model on demand (a synapse's pre and post models first, whatever their place in
/// the file). <see cref="DynCompiler"/> lowers and emits what this produces; the editor's
/// <see cref="Navigation.SemanticIndex"/> reads it, so both see the same symbols and diagnostics.
/// Never throws: failures become diagnostics, as the compiler has always reported them.
/// </summary>
internal sealed class FileAnalysis
{
    private readonly Dictionary<Ast.ModelDecl, (BoundModel? Bound, bool Ok)> _analysed = new();
    private readonly Dictionary<string, Ast.ModelDecl> _byName = new(StringComparer.Ordinal);
    private readonly List<Ast.ModelDecl> _models = new();
    private readonly Action<BoundExpr, Dimension>? _dimensions;

    private FileAnalysis(SourceText source, DiagnosticBag diagnostics, Action<BoundExpr, Dimension>? dimensions)
    {
        Source = source;
        Diagnostics = diagnostics;
        _dimensions = dimensions;
    }

    /// <summary>The file's text.</summary>
    public SourceText Source { get; }

    /// <summary>Every diagnostic so far (parsing, and binding and unit checking of the models analysed).</summary>
    public DiagnosticBag Diagnostics { get; }

    /// <summary>The parsed file; null when even parsing failed (then a diagnostic says why).</summary>
    public SyntaxTree? Tree { get; private set; }

    /// <summary>The models in file order, without the duplicates (each reported once, DL0105).</summary>
    public IReadOnlyList<Ast.ModelDecl> Models => _models;

    /// <summary>The first model of each name.</summary>
    public IReadOnlyDictionary<string, Ast.ModelDecl> ModelsByName => _byName;

    /// <summary>
    /// Parses <paramref name="text"/>. <paramref name="dimensions"/>, when given, is told the dimension
    /// the unit checker found for each expression (the editor's hover shows them).
    /// </summary>
    public static FileAnalysis Parse(string path, string text, Action<BoundExpr, Dimension>? dimensions = null)
    {
        var source = new SourceText(path, text ?? "");
        var analysis = new FileAnalysis(source, new DiagnosticBag(source), dimensions);
        analysis.ParseAndSetAsideDuplicates();
        return analysis;
    }

    private void ParseAndSetAsideDuplicates()
    {
        try
        {
            Tree = SyntaxTree.Parse(Source, Diagnostics);
        }
        catch (InsufficientExecutionStackException)
        {
            // SyntaxTree.Parse catches this itself; a thread too small even for that ends here.
            Diagnostics.Report(DiagnosticDescriptors.NestingTooDeep, new TextSpan(0, 0), "the file is nested too deeply for the compiler's stack");
            return;
        }
        catch (Exception e)
        {
            Diagnostics.Report(DiagnosticDescriptors.InternalError, new TextSpan(0, 0), "parsing the file", Describe(e));
            return;
        }
        foreach (var model in Tree.Root.Models)
        {
            if (_byName.TryGetValue(model.Name.Name, out var first))
            {
                // Bug fix: two models whose names the parser had to invent ('<missing ID>', with no
                // span) are not duplicates of each other: the missing name is already reported (DL0001).
                if (model.Name.Span.Start < 0 || model.Name.Span.Length == 0) continue;
                int line = Source.GetLinePosition(first.Name.Span.Start).Line + 1;
                Diagnostics.Report(DiagnosticDescriptors.DuplicateModel, model.Name.Span, model.Name.Name, $"this file (line {line})");
                continue;
            }
            _byName[model.Name.Name] = model;
            _models.Add(model);
        }
    }

    /// <summary>
    /// Binds and unit-checks <paramref name="model"/> once (later calls return the first result).
    /// Ok is false when that added an error; Bound is null when the model has syntax errors or failed.
    /// </summary>
    public (BoundModel? Bound, bool Ok) Analyse(Ast.ModelDecl model)
    {
        if (Tree is null) return (null, false);
        if (_analysed.TryGetValue(model, out var done)) return done;
        _analysed[model] = (null, false); // re-entry guard
        (BoundModel?, bool) result = (null, false);
        if (!Tree.HasSyntaxErrorIn(model.Span) && !Tree.UsesFunctionWithSyntaxError(model))
        {
            try
            {
                int errorsBefore = Diagnostics.ErrorCount;
                var bound = Binder.Bind(model, Tree.Root.Functions, Diagnostics, Peer);
                // Before the unit checker and the symbolic engine walk substituted definitions.
                if (DefinitionDepth.Check(bound, Diagnostics))
                    UnitChecker.Check(bound, Diagnostics, _dimensions);
                result = (bound, Diagnostics.ErrorCount == errorsBefore);
            }
            catch (InsufficientExecutionStackException)
            {
                ReportTooDeep(model);
            }
            catch (Exception e)
            {
                Diagnostics.Report(DiagnosticDescriptors.InternalError, model.HeaderSpan,
                    $"compiling {model.Kind.ToString().ToLowerInvariant()} '{model.Name.Name}'", Describe(e));
            }
        }
        _analysed[model] = result;
        return result;
    }

    /// <summary>A synapse's pre or post model, analysed first; null for a synapse or an unknown name.</summary>
    private BoundModel? Peer(string name) =>
        _byName.TryGetValue(name, out var decl) && decl.Kind != Ast.ModelKind.Synapse ? Analyse(decl).Bound : null;

    /// <summary>
    /// A stage ran out of stack (StackGuard.Ensure threw) below the limits the parser and
    /// DefinitionDepth enforce: a small thread, or trees the limits do not foresee. DL0003 on
    /// the model's deepest expression, never DL0900 and never a stack overflow.
    /// </summary>
    public void ReportTooDeep(Ast.ModelDecl model)
    {
        var (at, depth) = AstDepth.Deepest(model);
        Diagnostics.Report(DiagnosticDescriptors.NestingTooDeep, at ?? model.HeaderSpan,
            $"{model.Kind.ToString().ToLowerInvariant()} '{model.Name.Name}' is nested too deeply for the compiler's stack" +
            $" (its deepest expression has {depth} levels, with the definitions it uses substituted possibly more)");
    }

    public static string Describe(Exception e) => $"{e.GetType().Name}: {e.Message}";
}
