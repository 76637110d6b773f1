using System.Collections.Generic;

namespace DynLang.Core.Ast;

/// <summary>Enumerates the nodes under a node (pre-order), for searches that do not need a visitor.</summary>
public static class AstWalker
{
    /// <summary>Every node below <paramref name="root"/>, depth first, root excluded.</summary>
    public static IEnumerable<Node> Descendants(Node root)
    {
        var stack = new Stack<Node>();
        foreach (var child in Children(root)) stack.Push(child);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            foreach (var child in Children(node)) stack.Push(child);
        }
    }

    /// <summary>The direct children of a node.</summary>
    public static IEnumerable<Node> Children(Node node)
    {
        switch (node)
        {
            case DynFile file:
                foreach (var model in file.Models) yield return model;
                foreach (var function in file.Functions) yield return function;
                break;
            case ModelDecl model:
                foreach (var item in model.Signature) yield return item;
                if (model.Target is not null) yield return model.Target;
                foreach (var member in model.Members) yield return member;
                break;
            case InputSignature input:
                if (input.Unit is not null) yield return input.Unit;
                break;
            case GridTarget grid:
                foreach (var boundary in grid.Boundaries) yield return boundary;
                break;
            case BoundarySpec boundary:
                if (boundary.Value is not null) yield return boundary.Value;
                break;
            case VariableDecl declaration:
                foreach (var item in declaration.Items) yield return item;
                break;
            case VariableItem item:
                if (item.Unit is not null) yield return item.Unit;
                if (item.Value is not null) yield return item.Value;
                if (item.Range is not null) yield return item.Range;
                break;
            case ValueRange range:
                yield return range.Low;
                yield return range.High;
                break;
            case OdeEquation ode:
                yield return ode.Rhs;
                break;
            case Definition definition:
                yield return definition.Target;
                if (definition.Unit is not null) yield return definition.Unit;
                yield return definition.Value;
                break;
            case EventBlock block:
                if (block.Trigger is ConditionTrigger condition) yield return condition.Condition;
                foreach (var statement in block.Statements) yield return statement;
                break;
            case AssignStatement assign:
                yield return assign.Target;
                yield return assign.Value;
                break;
            case RefractoryStatement refractory:
                yield return refractory.Duration;
                break;
            case SolverDecl solver:
                foreach (var option in solver.Options) yield return option.Value;
                break;
            case SurrogateDecl surrogate:
                foreach (var option in surrogate.Options) yield return option.Value;
                break;
            case InvariantDecl invariant:
                if (invariant.Unit is not null) yield return invariant.Unit;
                yield return invariant.Value;
                break;
            case EnergyDecl energy:
                if (energy.Unit is not null) yield return energy.Unit;
                yield return energy.Value;
                break;
            case AssertDecl assert:
                yield return assert.Assertion;
                break;
            case PredicateAssertion predicate:
                foreach (var argument in predicate.Arguments) yield return argument;
                break;
            case ConditionAssertion conditionAssertion:
                yield return conditionAssertion.Condition;
                break;
            case FunctionDecl function:
                if (function.Body is not null) yield return function.Body;
                break;
            case Reference reference:
                foreach (var index in reference.Indices) yield return index;
                break;
            case CallExpr call:
                foreach (var argument in call.Arguments) yield return argument;
                break;
            case UnaryExpr unary:
                yield return unary.Operand;
                break;
            case BinaryExpr binary:
                yield return binary.Left;
                yield return binary.Right;
                break;
            case DerivativeExpr derivative:
                yield return derivative.Of;
                yield return derivative.WithRespectTo;
                break;
            case UnitBinaryExpr unitBinary:
                yield return unitBinary.Left;
                yield return unitBinary.Right;
                break;
        }
    }
}
