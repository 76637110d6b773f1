using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Ast;
using DynLang.Core.Diagnostics;
using DynLang.Core.Text;

namespace DynLang.Core.Syntax;

/// <summary>
/// Measures, without recursion, how deep each model's expression trees and unit annotations
/// are, and reports DL0003 where they pass <see cref="StackGuard.MaxExpressionDepth"/> or
/// <see cref="StackGuard.MaxUnitFactors"/>. The parser's prescan bounds parentheses and prefix
/// operators; this bounds what the parser builds in loops: a flat sum of N terms is a tree N
/// deep for every later stage. A model with such an expression is not bound (its DL0003 span
/// joins the syntax errors); a top-level function with one is dropped.
/// </summary>
internal static class AstDepth
{
    public static DynFile Check(DynFile file, DiagnosticBag diagnostics, List<TextSpan> errorSpans)
    {
        foreach (var model in file.Models)
        {
            if (Measure(model, diagnostics) is { } span) errorSpans.Add(span);
        }
        var functions = file.Functions.Where(f => Measure(f, diagnostics) is null).ToList();
        return functions.Count == file.Functions.Count ? file : file with { Functions = functions };
    }

    /// <summary>Reports the deepest expression and unit of <paramref name="root"/> beyond the limits; the span reported, or null.</summary>
    private static TextSpan? Measure(Node root, DiagnosticBag diagnostics)
    {
        int maxExpr = 0, maxUnit = 0;
        Node? exprAt = null, unitAt = null;
        var stack = new Stack<(Node Node, int Expr, int Unit)>();
        stack.Push((root, 0, 0));
        while (stack.Count > 0)
        {
            var (node, exprDepth, unitDepth) = stack.Pop();
            if (node is Expr) exprDepth++;
            if (node is UnitExpr) unitDepth++;
            if (exprDepth > maxExpr) maxExpr = exprDepth;
            if (unitDepth > maxUnit) maxUnit = unitDepth;
            if (exprDepth == StackGuard.MaxExpressionDepth + 1 && exprAt is null) exprAt = node;
            if (unitDepth == StackGuard.MaxUnitFactors + 1 && unitAt is null) unitAt = node;
            foreach (var child in AstWalker.Children(node)) stack.Push((child, exprDepth, unitDepth));
        }
        TextSpan? reported = null;
        if (exprAt is not null)
        {
            reported = PointAt(exprAt);
            diagnostics.Report(DiagnosticDescriptors.NestingTooDeep, reported.Value,
                $"expression nested too deeply: {maxExpr} levels, at most {StackGuard.MaxExpressionDepth}" +
                " (each operator of a chain such as a + b + c is a level; split it into definitions)");
        }
        if (unitAt is not null)
        {
            var span = PointAt(unitAt);
            diagnostics.Report(DiagnosticDescriptors.NestingTooDeep, span,
                $"unit nested too deeply: {maxUnit} levels, at most {StackGuard.MaxUnitFactors}");
            reported ??= span;
        }
        return reported;
    }

    /// <summary>The deepest expression node of <paramref name="root"/> (its short span) and its depth.</summary>
    public static (TextSpan? At, int Depth) Deepest(Node root)
    {
        int max = 0;
        Node? at = null;
        var stack = new Stack<(Node Node, int Depth)>();
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (node, depth) = stack.Pop();
            if (node is Expr) depth++;
            if (depth > max)
            {
                max = depth;
                at = node;
            }
            foreach (var child in AstWalker.Children(node)) stack.Push((child, depth));
        }
        return (at is null ? null : PointAt(at), max);
    }

    /// <summary>A short span at the node: its operator, its callee, or its first character.</summary>
    private static TextSpan PointAt(Node node) => node switch
    {
        BinaryExpr binary => binary.OperatorSpan,
        CallExpr call => call.Callee.Span,
        _ => new TextSpan(node.Span.Start, node.Span.Length > 0 ? 1 : 0),
    };
}
