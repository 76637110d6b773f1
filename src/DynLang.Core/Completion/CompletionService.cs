using System;
using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Ast;
using DynLang.Core.Binding;
using DynLang.Core.Diagnostics;
using DynLang.Core.Lowering.Solvers;
using DynLang.Core.Syntax;
using DynLang.Core.Text;

namespace DynLang.Core.Completion;

/// <summary>
/// What can be written at a position of a <c>.dyn</c> text: keywords from the grammar, the names the enclosing
/// model declares (from the AST of the text as it is, errors and all), built-ins, units, solvers. Plain records,
/// no editor types: the language server turns them into LSP items. Never throws.
/// </summary>
public static class CompletionService
{
    /// <summary>Completions at a zero-based line and UTF-16 character (LSP's positions), clamped into the text.</summary>
    public static CompletionResult Complete(string path, string text, int line, int character)
    {
        var source = new SourceText(path ?? "", text ?? "");
        // LSP: a character beyond the end of its line means the end of the line.
        int column = line >= 0 && line < source.LineCount ? Math.Min(Math.Max(0, character), source.GetLineText(line).Length) : 0;
        int offset = source.GetOffset(Math.Max(0, line), column);
        return Complete(source, offset);
    }

    /// <summary>Completions at a character offset into <paramref name="text"/>.</summary>
    public static CompletionResult Complete(string text, int offset)
    {
        text ??= "";
        return Complete(new SourceText("", text), Math.Max(0, Math.Min(offset, text.Length)));
    }

    private static CompletionResult Complete(SourceText source, int offset)
    {
        try
        {
            var context = CompletionScanner.Scan(source, offset);
            if (context.Kind == CompletionContextKind.None) return CompletionResult.Empty;
            return new CompletionResult(context.Kind, Distinct(Items(source, offset, context)));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Completion is a convenience asked for on every keystroke: text the scan or the parser cannot handle
            // gets no items, never an error in the editor.
            return CompletionResult.Empty;
        }
    }

    private static IEnumerable<CompletionItem> Items(SourceText source, int offset, CursorContext context)
    {
        foreach (var word in context.Extra) yield return Keyword(word);
        switch (context.Kind)
        {
            case CompletionContextKind.TopLevel:
            case CompletionContextKind.DeclarationFlag:
                yield break;
            case CompletionContextKind.Unit:
                foreach (var unit in UnitNames.All) yield return unit;
                yield break;
            case CompletionContextKind.Solver:
                foreach (var kind in (SolverKind[])Enum.GetValues(typeof(SolverKind)))
                    yield return new CompletionItem(kind.Name(), CompletionKind.Solver, kind.IsGenerated() ? "solver" : "solver (no code generated)");
                yield break;
        }

        // The remaining contexts need the file's models.
        var tree = SyntaxTree.Parse(source, new DiagnosticBag(source));
        var model = ModelNames.Find(tree.Root, context.Model, offset);
        // The AST's names first (they carry units); then declarations the parser's recovery may have swallowed.
        var declared = Declared(source, model).Concat(context.Model is null
            ? Enumerable.Empty<CompletionItem>()
            : TokenDeclarations.Of(CompletionScanner.Lex(source.Text), context.Model)).ToList();
        switch (context.Kind)
        {
            case CompletionContextKind.Choice when context.Scope is not null:
                // `synapse S(pre |`: the neuron models of the file.
                foreach (var neuron in tree.Root.Models.Where(m => m.Kind == ModelKind.Neuron))
                    yield return new CompletionItem(neuron.Name.Name, CompletionKind.Variable, "neuron");
                yield break;
            case CompletionContextKind.PeerMember:
                foreach (var item in Peer(source, tree.Root, model, context)) yield return item;
                yield break;
            case CompletionContextKind.Member:
                foreach (var word in GrammarKeywords.Member) yield return Keyword(word);
                foreach (var item in declared) yield return item;
                yield break;
            case CompletionContextKind.Statement:
                foreach (var word in GrammarKeywords.Statement)
                    if (IsSynapse(context) || !IsPeerScope(word)) yield return Keyword(word);
                foreach (var item in declared) yield return item;
                yield break;
            case CompletionContextKind.Expression:
                foreach (var item in ModelNames.FunctionParameters(tree.Root, model, offset)) yield return item;
                foreach (var item in declared) yield return item;
                if (IsSynapse(context))
                    foreach (var scope in new[] { DynLangKeyword.Pre, DynLangKeyword.Post }) yield return Keyword(scope);
                foreach (var item in Builtins(context)) yield return item;
                foreach (var function in tree.Root.Functions) yield return ModelNames.Function(function);
                yield break;
        }
    }

    private static IEnumerable<CompletionItem> Declared(SourceText source, ModelDecl? model) =>
        model is null ? Enumerable.Empty<CompletionItem>() : ModelNames.Declared(source, model);

    /// <summary>After <c>pre.</c>/<c>post.</c>: the variables of the neuron model the synapse header names for that side.</summary>
    private static IEnumerable<CompletionItem> Peer(SourceText source, DynFile file, ModelDecl? synapse, CursorContext context)
    {
        string? peerName = context.Scope is { } scope && context.Peers.TryGetValue(scope, out var named) ? named : null;
        if (peerName is null && synapse is not null)
            foreach (var item in synapse.Signature.OfType<PrePostSignature>())
                if (item.IsPre == (context.Scope == DynLangKeyword.Pre)) peerName = item.Model.Name;
        var peer = file.Models.FirstOrDefault(m => m.Name.Name == peerName && m.Kind != ModelKind.Synapse);
        return peer is null ? Enumerable.Empty<CompletionItem>() : ModelNames.PeerVisible(source, peer);
    }

    /// <summary>Built-in constants, functions and the reduction <c>sum</c>; spatial operators only in fields.</summary>
    private static IEnumerable<CompletionItem> Builtins(CursorContext context)
    {
        foreach (var (name, value) in Binder.BuiltinConstants)
            yield return new CompletionItem(name, CompletionKind.Variable,
                double.IsNaN(value) ? (name == "t" ? "built-in: time" : "built-in: time step") : $"built-in constant {value:R}");
        bool field = context.ModelKind == GrammarKeywords.Literal(Syntax.Generated.DynLangLexer.FIELD);
        foreach (var name in BuiltinFunction.Names)
        {
            if (!BuiltinFunction.TryGet(name, out var function)) continue;
            if (function.UnitRule == FunctionUnitRule.Spatial && !field) continue;
            yield return new CompletionItem(name, CompletionKind.Function, $"built-in function, {function.ArityText}");
        }
        // sum(j, …) is bound as a reduction, not a built-in function (Binder.BindSum).
        yield return new CompletionItem("sum", CompletionKind.Function, "reduction: sum(j, W[i,j]*x[j])");
    }

    private static bool IsSynapse(CursorContext context) =>
        context.ModelKind == GrammarKeywords.Literal(Syntax.Generated.DynLangLexer.SYNAPSE);

    private static bool IsPeerScope(string word) => word == DynLangKeyword.Pre || word == DynLangKeyword.Post;

    private static CompletionItem Keyword(string word) => new(word, CompletionKind.Keyword, "keyword");

    /// <summary>One item per label: the first (the most specific context's) wins.</summary>
    private static IReadOnlyList<CompletionItem> Distinct(IEnumerable<CompletionItem> items)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<CompletionItem>();
        foreach (var item in items)
            if (seen.Add(item.Label)) list.Add(item);
        return list;
    }

    /// <summary>The scope keywords, read from the lexer's vocabulary.</summary>
    private static class DynLangKeyword
    {
        public static readonly string Pre = GrammarKeywords.Literal(Syntax.Generated.DynLangLexer.PRE)!;
        public static readonly string Post = GrammarKeywords.Literal(Syntax.Generated.DynLangLexer.POST)!;
    }
}
