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
internal sealed class OccurrenceCollector
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

    // ---- declarations -------------------------------------------------------------------------

    private static bool Named(Identifier? name) => name is not null && name.Span.Start >= 0 && name.Span.Length > 0 && name.Name.Length > 0;

    /// <summary>A declaring name: the first of a name is the one uses resolve to (the binder rejects the others).</summary>
    private NavSymbol? Declare(Dictionary<string, NavSymbol> scope, Identifier? name, NavSymbolKind kind, string? model)
    {
        if (!Named(name)) return null;
        var symbol = new NavSymbol(name!.Name, kind, name.Span, model);
        if (!scope.ContainsKey(name.Name)) scope[name.Name] = symbol;
        _occurrences.Add(new Occurrence(name.Span, symbol, true, Unresolved.No));
        return symbol;
    }

    private void DeclareFunction(FunctionDecl function, Dictionary<string, NavSymbol> scope, string? model)
    {
        var symbol = Declare(scope, function.Name, NavSymbolKind.Function, model);
        var parameters = new Dictionary<string, NavSymbol>(StringComparer.Ordinal);
        foreach (var parameter in function.Parameters) Declare(parameters, parameter, NavSymbolKind.FunctionParameter, model);
        _functionParameters[function] = parameters;
        if (symbol is not null) symbol.Parameters = function.Parameters.Select(p => p.Name).ToList();
    }

    private string? Slice(Node? node) => node is null || node.Span.Start < 0 ? null : _source.Slice(_source.Clamp(node.Span));

    private Dictionary<string, NavSymbol> DeclareMembers(ModelDecl model)
    {
        var scope = new Dictionary<string, NavSymbol>(StringComparer.Ordinal);
        var indices = new HashSet<string>(StringComparer.Ordinal);
        _indexNames[model] = indices;
        string owner = model.Name.Name;
        if (model.Target is IndexedTarget target)
        {
            Declare(scope, target.Name, model.Kind == ModelKind.Rule ? NavSymbolKind.State : NavSymbolKind.Input, owner);
            AddIndices(target.Indices, indices);
        }
        foreach (var item in model.Signature)
        {
            switch (item)
            {
                case InputSignature input:
                    if (Declare(scope, input.Name, NavSymbolKind.Input, owner) is { } symbol) symbol.UnitText = Slice(input.Unit);
                    AddIndices(input.Indices, indices);
                    break;
                case PrePostSignature prePost when Named(prePost.Model):
                    _occurrences.Add(_models.TryGetValue(prePost.Model.Name, out var peer)
                        ? new Occurrence(prePost.Model.Span, peer, false, Unresolved.No)
                        : new Occurrence(prePost.Model.Span, null, false, Unresolved.Undefined));
                    break;
            }
        }
        foreach (var member in model.Members)
        {
            switch (member)
            {
                case VariableDecl declaration:
                    foreach (var item in declaration.Items)
                    {
                        var kind = declaration.Role switch
                        {
                            VariableRole.Param => NavSymbolKind.Parameter,
                            VariableRole.State => NavSymbolKind.State,
                            _ => NavSymbolKind.Input,
                        };
                        if (Declare(scope, item.Name, kind, owner) is { } symbol)
                        {
                            symbol.UnitText = Slice(item.Unit);
                            symbol.ValueText = Slice(item.Value);
                        }
                        AddIndices(item.Indices, indices);
                    }
                    break;
                case Definition { Target.Scope: null } definition:
                    if (Declare(scope, definition.Target.Name, NavSymbolKind.Definition, owner) is { } defined)
                    {
                        defined.UnitText = Slice(definition.Unit);
                        defined.ValueText = Slice(definition.Value);
                    }
                    break;
                case EnergyDecl energy:
                    if (Declare(scope, energy.Name, NavSymbolKind.Energy, owner) is { } e) e.UnitText = Slice(energy.Unit);
                    break;
                case InvariantDecl invariant:
                    if (Declare(scope, invariant.Name, NavSymbolKind.Invariant, owner) is { } i) i.UnitText = Slice(invariant.Unit);
                    break;
                case FunctionDecl function:
                    DeclareFunction(function, scope, owner);
                    break;
                case OdeEquation ode:
                    AddIndices(ode.Indices, indices);
                    break;
            }
        }
        return scope;
    }

    private void AddIndices(IReadOnlyList<Identifier> names, HashSet<string> indices)
    {
        foreach (var name in names)
        {
            if (!Named(name)) continue;
            indices.Add(name.Name);
            _occurrences.Add(new Occurrence(name.Span, null, false, Unresolved.IndexVariable));
        }
    }

    /// <summary>The unit checker's dimensions of the bound models' symbols, matched by declaration span.</summary>
    private void AddDimensions()
    {
        foreach (var model in _analysis.Models)
        {
            if (_analysis.Analyse(model).Bound is not { } bound || !_scopes.TryGetValue(model, out var scope)) continue;
            if (!bound.UsesUnits) _dimensions.AddUnitFreeModel(model.Span);
            var symbols = bound.Parameters.Cast<Symbol>().Concat(bound.States).Concat(bound.Inputs).Concat(bound.Definitions).Concat(bound.Quantities);
            foreach (var symbol in symbols)
            {
                if (symbol.DimensionKnown && scope.TryGetValue(symbol.Name, out var nav) && nav.DeclarationSpan == symbol.DeclarationSpan)
                    nav.Dimension = symbol.Dimension;
            }
        }
    }

    // ---- uses ---------------------------------------------------------------------------------

    private void WalkModel(ModelDecl model)
    {
        var scope = _scopes[model];
        if (model.Target is GridTarget grid)
            foreach (var boundary in grid.Boundaries)
                if (boundary.Value is not null) Walk(boundary.Value, model, null);
        foreach (var member in model.Members)
        {
            switch (member)
            {
                case VariableDecl declaration:
                    foreach (var item in declaration.Items)
                    {
                        if (item.Value is not null) Walk(item.Value, model, null);
                        if (item.Range is not null)
                        {
                            Walk(item.Range.Low, model, null);
                            Walk(item.Range.High, model, null);
                        }
                    }
                    break;
                case OdeEquation ode:
                    // dv/dt: the name after the d is a use of the state.
                    if (Named(ode.State)) _occurrences.Add(Resolve(ode.State, model, null));
                    Walk(ode.Rhs, model, null);
                    break;
                case Definition definition:
                    // The left-hand side's name is the declaration (above); its indices are index variables.
                    if (definition.Target.Scope is null)
                        foreach (var index in definition.Target.Indices) Walk(index, model, null, index: true);
                    else
                        Walk(definition.Target, model, null);
                    Walk(definition.Value, model, null);
                    break;
                case EventBlock block:
                    if (block.Trigger is ConditionTrigger condition) Walk(condition.Condition, model, null);
                    foreach (var statement in block.Statements)
                    {
                        switch (statement)
                        {
                            case AssignStatement assign:
                                Walk(assign.Target, model, null);
                                Walk(assign.Value, model, null);
                                break;
                            case RefractoryStatement refractory:
                                Walk(refractory.Duration, model, null);
                                break;
                        }
                    }
                    break;
                case SolverDecl solver:
                    foreach (var option in solver.Options) Walk(option.Value, model, null);
                    break;
                case SurrogateDecl surrogate:
                    foreach (var option in surrogate.Options) Walk(option.Value, model, null);
                    break;
                case EnergyDecl energy:
                    Walk(energy.Value, model, null);
                    break;
                case InvariantDecl invariant:
                    Walk(invariant.Value, model, null);
                    break;
                case AssertDecl { Assertion: PredicateAssertion predicate }:
                    // `assert flag` (no parentheses) names a condition of the model.
                    if (!predicate.HasParentheses && Named(predicate.Predicate) && scope.ContainsKey(predicate.Predicate.Name))
                        _occurrences.Add(Resolve(predicate.Predicate, model, null));
                    foreach (var argument in predicate.Arguments) Walk(argument, model, null);
                    break;
                case AssertDecl { Assertion: ConditionAssertion conditionAssertion }:
                    Walk(conditionAssertion.Condition, model, null);
                    break;
                case FunctionDecl function when function.Body is not null:
                    Walk(function.Body, model, function);
                    break;
            }
        }
    }

    /// <summary>Every name in <paramref name="root"/>; <c>index</c> marks index positions (<c>x[i]</c>, <c>sum(j, …)</c>).</summary>
    private void Walk(Node root, ModelDecl? model, FunctionDecl? function, bool index = false)
    {
        var stack = new Stack<(Node Node, bool Index)>();
        stack.Push((root, index));
        while (stack.Count > 0)
        {
            var (node, inIndex) = stack.Pop();
            if (node is Expr) _dimensions.AddExpression(node.Span);
            switch (node)
            {
                case Reference reference:
                    // A name the parser had to invent (a syntax error) has no text to point at.
                    if (Named(reference.Name))
                        _occurrences.Add(reference.Scope is not null ? ResolveScoped(reference.Scope, reference.Name, model)
                            : inIndex && !IsFunctionParameter(reference.Name.Name, function)
                                ? new Occurrence(reference.Name.Span, null, false, Unresolved.IndexVariable)
                                : Resolve(reference.Name, model, function));
                    foreach (var child in reference.Indices) stack.Push((child, true));
                    break;
                case CallExpr call:
                    if (Named(call.Callee)) _occurrences.Add(ResolveCall(call.Callee, model));
                    bool isSum = call.Callee.Name == "sum";
                    for (int k = 0; k < call.Arguments.Count; k++)
                        stack.Push((call.Arguments[k], inIndex || (isSum && k < call.Arguments.Count - 1)));
                    break;
                default:
                    foreach (var child in AstWalker.Children(node)) stack.Push((child, inIndex));
                    break;
            }
        }
    }

    private bool IsFunctionParameter(string name, FunctionDecl? function) =>
        function is not null && _functionParameters.TryGetValue(function, out var parameters) && parameters.ContainsKey(name);

    /// <summary>A plain name, by the binder's order of lookup.</summary>
    private Occurrence Resolve(Identifier name, ModelDecl? model, FunctionDecl? function)
    {
        var span = name.Span;
        if (function is not null && _functionParameters.TryGetValue(function, out var parameters) && parameters.TryGetValue(name.Name, out var parameter))
            return new Occurrence(span, parameter, false, Unresolved.No);
        if (model is not null && _scopes.TryGetValue(model, out var scope) && scope.TryGetValue(name.Name, out var symbol))
            return new Occurrence(span, symbol, false, Unresolved.No);
        if (BuiltinValueNames.Contains(name.Name))
            return new Occurrence(span, Builtin(name.Name, NavSymbolKind.BuiltinValue), false, Unresolved.No);
        // A file-level function's body is bound in each calling model: its other names mean what that model says.
        if (model is null) return new Occurrence(span, null, false, Unresolved.CallerScope);
        if (name.Name == "xi" || name.Name.StartsWith("xi_", StringComparison.Ordinal))
        {
            if (!_noises.TryGetValue((model, name.Name), out var noise))
                _noises[(model, name.Name)] = noise = new NavSymbol(name.Name, NavSymbolKind.Noise, null, model.Name.Name);
            return new Occurrence(span, noise, false, Unresolved.No);
        }
        if (_indexNames.TryGetValue(model, out var indices) && indices.Contains(name.Name))
            return new Occurrence(span, null, false, Unresolved.IndexVariable);
        if (UnitCatalog.TryResolve(name.Name, out _)) return new Occurrence(span, null, false, Unresolved.Unit);
        if (model.Kind == ModelKind.Field && name.Name is "x" or "y" or "z") return new Occurrence(span, null, false, Unresolved.GridAxis);
        return new Occurrence(span, null, false, Unresolved.Undefined);
    }

    /// <summary><c>pre.x</c> / <c>post.x</c>: a state, input or scalar parameter of the neuron model the header names.</summary>
    private Occurrence ResolveScoped(Identifier side, Identifier name, ModelDecl? model)
    {
        bool isPre = side.Name == "pre";
        var header = model?.Signature.OfType<PrePostSignature>().FirstOrDefault(p => p.IsPre == isPre);
        if (header is not null && _analysis.ModelsByName.TryGetValue(header.Model.Name, out var peer) && peer.Kind != ModelKind.Synapse
            && _scopes.TryGetValue(peer, out var scope) && scope.TryGetValue(name.Name, out var symbol)
            && symbol.Kind is NavSymbolKind.State or NavSymbolKind.Input or NavSymbolKind.Parameter)
            return new Occurrence(name.Span, symbol, false, Unresolved.No);
        return new Occurrence(name.Span, null, false, Unresolved.Undefined);
    }

    /// <summary>A callee: the model's functions, the file's, then the built-ins (the binder's order).</summary>
    private Occurrence ResolveCall(Identifier callee, ModelDecl? model)
    {
        if (model is not null && _scopes.TryGetValue(model, out var scope) && scope.TryGetValue(callee.Name, out var local) && local.Kind == NavSymbolKind.Function)
            return new Occurrence(callee.Span, local, false, Unresolved.No);
        if (_fileFunctions.TryGetValue(callee.Name, out var function))
            return new Occurrence(callee.Span, function, false, Unresolved.No);
        if (BuiltinDocs.TryGetFunction(callee.Name, out _, out _) || BuiltinFunction.TryGet(callee.Name, out _))
            return new Occurrence(callee.Span, Builtin(callee.Name, NavSymbolKind.BuiltinFunction), false, Unresolved.No);
        return new Occurrence(callee.Span, null, false, Unresolved.Undefined);
    }

    private NavSymbol Builtin(string name, NavSymbolKind kind)
    {
        string key = kind + ":" + name;
        if (!_builtins.TryGetValue(key, out var symbol)) _builtins[key] = symbol = new NavSymbol(name, kind, null, null);
        return symbol;
    }
}
