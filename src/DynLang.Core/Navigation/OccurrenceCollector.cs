using System;
using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Ast;
using DynLang.Core.Binding;
using DynLang.Core.Compilation;
using DynLang.Core.Text;
using DynLang.Core.Units;

namespace DynLang.Core.Navigation;

/// <summary>
/// Finds every name of a parsed file and what it means, by the binder's rules (a model's own names,
/// then t, dt, pi, e, inf, then noise, then units used as values; <c>pre.x</c>/<c>post.x</c> in the
/// header's neuron models). It reads the syntax tree, not the bound models, because the binder
/// skips a model with a syntax error and inlines user functions: the editor still wants the names
/// of a half-written model, and the uses of a function's parameters. Dimensions come from the bound
/// models where binding succeeded. Walks with an explicit stack: no recursion, any nesting.
/// </summary>
internal sealed partial class OccurrenceCollector
{
    private static readonly string[] BuiltinValueNames = { "t", "dt", "pi", "e", "inf" };

    private readonly FileAnalysis _analysis;
    private readonly SourceText _source;
    private readonly ExpressionDimensions _dimensions;
    private readonly List<Occurrence> _occurrences = new();
    private readonly Dictionary<string, NavSymbol> _models = new(StringComparer.Ordinal);
    private readonly Dictionary<ModelDecl, Dictionary<string, NavSymbol>> _scopes = new();
    private readonly Dictionary<ModelDecl, HashSet<string>> _indexNames = new();
    private readonly Dictionary<(ModelDecl, string), NavSymbol> _noises = new();
    private readonly Dictionary<string, NavSymbol> _fileFunctions = new(StringComparer.Ordinal);
    private readonly Dictionary<FunctionDecl, Dictionary<string, NavSymbol>> _functionParameters = new();
    private readonly Dictionary<string, NavSymbol> _builtins = new(StringComparer.Ordinal);

    public OccurrenceCollector(FileAnalysis analysis, ExpressionDimensions dimensions)
    {
        _analysis = analysis;
        _source = analysis.Source;
        _dimensions = dimensions;
    }

    /// <summary>What was found so far (all of it after <see cref="Run"/>; part of it when a step failed).</summary>
    public List<Occurrence> Occurrences => _occurrences;

    public void Run()
    {
        if (_analysis.Tree is not { } tree) return;
        foreach (var function in tree.Root.Functions) DeclareFunction(function, _fileFunctions, null);
        foreach (var model in tree.Root.Models)
        {
            var symbol = Declare(_models, model.Name, NavSymbolKind.Model, null);
            if (symbol is not null) symbol.ValueText = model.Kind.ToString().ToLowerInvariant();
        }
        foreach (var model in tree.Root.Models) _scopes[model] = DeclareMembers(model);
        AddDimensions();
        foreach (var model in tree.Root.Models) WalkModel(model);
        foreach (var function in tree.Root.Functions)
            if (function.Body is not null) Walk(function.Body, null, function);
    }
}
