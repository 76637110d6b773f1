using System;
using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Ast;
using DynLang.Core.Diagnostics;

namespace DynLang.Core.Binding;

/// <summary>
/// Synapse models: the pre and post neuron models named in the header are resolved against the
/// models of the same file, so that <c>pre.v</c>, <c>post.ge += w</c> and summed variables are
/// checked — existence, writability, units — at build time, located in the .dyn file.
/// </summary>
public sealed partial class Binder
{
    private void DeclarePeer(PrePostSignature prePost)
    {
        string side = prePost.IsPre ? "pre" : "post";
        if (prePost.IsPre ? _bound.NamesPre : _bound.NamesPost)
        {
            Report(DiagnosticDescriptors.InvalidModelHeader, prePost.Span, $"'{side}' is named twice in the header of synapse '{_model.Name.Name}'");
            return;
        }
        if (prePost.IsPre) _bound.NamesPre = true;
        else _bound.NamesPost = true;

        string name = prePost.Model.Name;
        var peer = name == _model.Name.Name ? null : _peers?.Invoke(name);
        if (peer is null)
        {
            string why = name == _model.Name.Name
                ? $"'{name}' is this synapse itself; {side} must be a neuron model"
                : $"no neuron model '{name}' is declared in this file";
            Report(DiagnosticDescriptors.UnknownSynapseModel, prePost.Model.Span,
                $"{why}; a synapse's pre and post models must be neuron models of the same .dyn file");
            return;
        }
        if (peer.Kind != ModelKind.Neuron)
        {
            Report(DiagnosticDescriptors.UnknownSynapseModel, prePost.Model.Span,
                $"'{name}' is a {peer.Kind.ToString().ToLowerInvariant()} model; a synapse's {side} model must be a neuron model");
            return;
        }
        if (prePost.IsPre) _bound.PreModel = peer;
        else _bound.PostModel = peer;
    }

    /// <summary>
    /// Resolves <c>pre.x</c> or <c>post.x</c> to the variable of the neuron model, reporting what
    /// is wrong (no such model in the header, no such variable, a parameter written) at the use.
    /// Null when nothing can be bound (an error was reported, or one was reported for the header).
    /// </summary>
    private ExternalSymbol? ResolveExternal(Identifier scope, Identifier name, bool write)
    {
        bool isPre = scope.Name == "pre";
        bool named = isPre ? _bound.NamesPre : _bound.NamesPost;
        var peer = isPre ? _bound.PreModel : _bound.PostModel;
        if (!named)
        {
            Report(DiagnosticDescriptors.UnknownPeerVariable, name.Span, scope.Name, name.Name,
                $"the header of synapse '{_model.Name.Name}' names no {scope.Name} model; name it, as in " +
                $"'synapse {_model.Name.Name}(pre A, post B)', to use its variables");
            return null;
        }
        if (peer is null) return null; // the header's error says why
        Symbol? target = peer.States.Cast<Symbol>().Concat(peer.Inputs).Concat(peer.Parameters.Where(p => p.Rank == 0))
            .FirstOrDefault(symbol => symbol.Name == name.Name);
        if (target is null)
        {
            var definition = peer.Definitions.FirstOrDefault(d => d.Name == name.Name);
            var candidates = peer.States.Select(x => x.Name).Concat(peer.Inputs.Select(x => x.Name))
                .Concat(peer.Parameters.Where(p => p.Rank == 0).Select(x => x.Name)).ToList();
            string why = definition is not null
                ? $"'{name.Name}' is a definition of neuron '{peer.Name}'; synapses read and write its states, inputs and parameters"
                : $"neuron '{peer.Name}' has no state, input or parameter '{name.Name}'" +
                  (NameSuggester.Closest(name.Name, candidates, 2) is { } close ? $"; did you mean '{scope.Name}.{close}'?" :
                   candidates.Count > 0 ? $" (it has {string.Join(", ", candidates)})" : "");
            Report(DiagnosticDescriptors.UnknownPeerVariable, name.Span, scope.Name, name.Name, why);
            return null;
        }
        if (write && target is ParameterSymbol)
        {
            Report(DiagnosticDescriptors.ReadOnlyAssignment, name.Span, "parameter", $"{scope.Name}.{name.Name}",
                " (parameters are constant during a run)");
            return null;
        }
        return new ExternalSymbol(scope.Name, name.Name, name.Span, target, peer);
    }

    /// <summary><c>post.x = value (summed)</c>: the target must be an input of the pre or post model.</summary>
    private void BindSummed()
    {
        var seen = new Dictionary<string, Definition>(StringComparer.Ordinal);
        foreach (var definition in _summedDefinitions)
        {
            var reference = definition.Target;
            var value = BindValue(definition.Value, BindingScope.Create(ValueContext.Dynamics, $"the summed variable '{reference}'"));
            RequireNumber(value);
            if (!definition.Flags.Any(f => f.Kind == EquationFlagKind.Summed))
            {
                Report(DiagnosticDescriptors.InvalidSummedVariable, reference.Span,
                    $"'{reference}' is a variable of another model: a definition of it must be flagged (summed), " +
                    "meaning it is the sum of the right-hand side over the synapses of each element");
                continue;
            }
            foreach (var flag in definition.Flags.Where(f => f.Kind != EquationFlagKind.Summed))
                Report(DiagnosticDescriptors.FlagNotApplicable, flag.Span, FlagText(flag.Kind), "does not apply to a summed variable");
            if (definition.Unit is not null)
                Report(DiagnosticDescriptors.InvalidSummedVariable, definition.Unit.Span,
                    $"a summed variable takes its unit from its target '{reference}'; remove the unit here");
            if (reference.Indices.Count > 0 || reference.Scope is null) continue;
            var target = ResolveExternal(reference.Scope, reference.Name, write: true);
            if (target is null) continue;
            if (target.Target is not InputSymbol)
            {
                Report(DiagnosticDescriptors.InvalidSummedVariable, reference.Span,
                    $"'{reference}' is {target.Target!.KindWithArticle} of neuron '{target.Owner!.Name}'; a summed variable must be an input " +
                    $"(declare 'input {reference.Name.Name}' in {target.Owner.Name}): it is overwritten with the sum every step");
                continue;
            }
            string key = reference.Scope.Name + "." + reference.Name.Name;
            if (seen.TryGetValue(key, out var first))
            {
                Report(DiagnosticDescriptors.InvalidSummedVariable, reference.Span,
                    $"'{key}' is already summed at line {LineOf(first.Span)}; one synapse model sums into a variable once");
                continue;
            }
            seen[key] = definition;
            _bound.Summed.Add(new BoundSummed(definition, target, value));
        }
    }
}
