using System.Collections.Generic;
using DynLang.Core.Binding;
using DynLang.Core.Text;
using DynLang.Core.Units;

namespace DynLang.Core.Navigation;

/// <summary>The dimension of an expression as the unit checker found it, with the expression's span.</summary>
public readonly record struct ExpressionDimension(TextSpan Span, Dimension Dimension);

/// <summary>
/// Collects what <see cref="UnitChecker"/> reports for each expression, by span. A user function's
/// body is inlined at every call, so one span can get different dimensions from different calls:
/// such a span has no single answer and is left out rather than shown with one call's unit.
/// </summary>
internal sealed class ExpressionDimensions
{
    private readonly Dictionary<TextSpan, Dimension?> _bySpan = new();
    private readonly List<TextSpan> _unitFree = new();
    private readonly List<TextSpan> _expressions = new();

    /// <summary>The unit checker's callback.</summary>
    public void Record(BoundExpr expr, Dimension dimension)
    {
        if (expr.Span.Length <= 0) return;
        if (_bySpan.TryGetValue(expr.Span, out var known)) _bySpan[expr.Span] = known == dimension ? known : null;
        else _bySpan[expr.Span] = dimension;
    }

    /// <summary>A model bound without any unit: every expression in it is a pure number (the checker records none).</summary>
    public void AddUnitFreeModel(TextSpan span) => _unitFree.Add(span);

    /// <summary>An expression as parsed (for the unit-free models).</summary>
    public void AddExpression(TextSpan span)
    {
        if (span.Length > 0) _expressions.Add(span);
    }

    /// <summary>The smallest expression containing <paramref name="offset"/> whose dimension is known; null when none.</summary>
    public ExpressionDimension? At(int offset)
    {
        ExpressionDimension? best = null;
        foreach (var entry in _bySpan)
        {
            var span = entry.Key;
            if (entry.Value is not { } d || !Contains(span, offset)) continue;
            if (best is null || span.Length < best.Value.Span.Length) best = new ExpressionDimension(span, d);
        }
        if (best is not null) return best;
        foreach (var model in _unitFree)
        {
            if (!Contains(model, offset)) continue;
            TextSpan? smallest = null;
            foreach (var span in _expressions)
                if (Contains(span, offset) && model.Start <= span.Start && span.End <= model.End && (smallest is null || span.Length < smallest.Value.Length))
                    smallest = span;
            if (smallest is { } s) return new ExpressionDimension(s, Dimension.Dimensionless);
        }
        return null;
    }

    private static bool Contains(TextSpan span, int offset) => span.Start <= offset && offset < span.End;
}
