using System;
using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Ast;
using DynLang.Core.Binding;
using DynLang.Core.Compilation;
using DynLang.Core.Text;
using DynLang.Core.Units;

namespace DynLang.Core.Navigation;

/// <summary>Uses: the walk over a model's members and expressions, with an explicit stack.</summary>
internal sealed partial class OccurrenceCollector
{
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
}
