using System;
using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Ast;
using DynLang.Core.Binding;
using DynLang.Core.Compilation;
using DynLang.Core.Text;
using DynLang.Core.Units;

namespace DynLang.Core.Navigation;

/// <summary>Declarations: each declaring name becomes a symbol of its model's (or the file's) scope.</summary>
internal sealed partial class OccurrenceCollector
{
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
}
