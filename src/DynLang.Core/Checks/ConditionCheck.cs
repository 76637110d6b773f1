using System;
using System.Globalization;
using System.Linq;
using DynLang.Core.Binding;
using DynLang.Core.Diagnostics;
using DynLang.Core.Symbolic;

namespace DynLang.Core.Checks;

/// <summary>
/// <c>assert tau_e != tau_m</c>, <c>assert tau &gt; 0 ms</c>: a condition on parameters, evaluated at
/// their default values (it is a statement about the model as written). Conditions that use
/// states or inputs are statements about the dynamics that no check proves yet: said so.
/// </summary>
internal static class ConditionCheck
{
    public static void Run(CheckContext context, BoundAssertion assertion)
    {
        var span = assertion.Syntax.Span;
        var condition = assertion.Condition;
        if (condition is null or BoundError) return;
        string text = context.Diagnostics.Source.Slice(condition.Span).Trim();
        var used = BoundWalker.ReferencedSymbols(condition).Where(s => s is not ParameterSymbol and not BuiltinSymbol).Select(s => s.Name).Distinct().ToList();
        if (used.Count > 0)
        {
            context.Diagnostics.Report(DiagnosticDescriptors.CheckNotApplicable, span, $"'{text}'",
                $"it uses {string.Join(", ", used)}, which {(used.Count == 1 ? "varies" : "vary")} during a run; only conditions on parameters are checked (at their defaults)");
            return;
        }
        bool value;
        try
        {
            value = Evaluate(context, condition);
        }
        catch (Exception e) when (e is EvaluationException or NotSupportedException or System.Collections.Generic.KeyNotFoundException)
        {
            context.Diagnostics.Report(DiagnosticDescriptors.CheckNotApplicable, span, $"'{text}'",
                "a parameter it uses has no default value to evaluate it with");
            return;
        }
        string values = string.Join(", ", BoundWalker.ReferencedSymbols(condition).OfType<ParameterSymbol>().Select(p => p.Name).Distinct()
            .Select(n => $"{n} = {context.FormatDefault(n)}"));
        if (value)
            context.Diagnostics.Report(DiagnosticDescriptors.ConditionHolds, span, text, values);
        else
            context.Diagnostics.Report(DiagnosticDescriptors.ConditionFails, span, text, values);
    }

    private static bool Evaluate(CheckContext context, BoundExpr expr)
    {
        global::DynLang.Core.Diagnostics.StackGuard.Ensure();
        switch (expr)
        {
            case BoundUnary { Op: Ast.UnaryOp.Not } not:
                return !Evaluate(context, not.Operand);
            case BoundBinary { Op: Ast.BinaryOp.And } and:
                return Evaluate(context, and.Left) && Evaluate(context, and.Right);
            case BoundBinary { Op: Ast.BinaryOp.Or } or:
                return Evaluate(context, or.Left) || Evaluate(context, or.Right);
            case BoundBinary comparison:
            {
                double a = Evaluator.Evaluate(context.Symbolic(comparison.Left), context.Defaults);
                double b = Evaluator.Evaluate(context.Symbolic(comparison.Right), context.Defaults);
                return comparison.Op switch
                {
                    Ast.BinaryOp.Less => a < b,
                    Ast.BinaryOp.LessOrEqual => a <= b,
                    Ast.BinaryOp.Greater => a > b,
                    Ast.BinaryOp.GreaterOrEqual => a >= b,
                    Ast.BinaryOp.Equal => a == b,
                    _ => a != b,
                };
            }
            default:
                throw new NotSupportedException("not a condition");
        }
    }
}
