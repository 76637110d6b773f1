using System;
using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Ast;
using DynLang.Core.Binding;
using DynLang.Core.Compilation;
using DynLang.Core.Text;
using DynLang.Core.Units;

namespace DynLang.Core.Navigation;

/// <summary>What a used name means, by the binder's order of lookup.</summary>
internal sealed partial class OccurrenceCollector
{
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
