using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DynLang.Core.Ast;
using DynLang.Core.Binding;
using DynLang.Core.Diagnostics;
using DynLang.Core.Lowering.Ir;
using DynLang.Core.Units;

namespace DynLang.Core.Lowering.Fields;

/// <summary>
/// Reads <c>on grid2d(periodic, y: neumann, left: dirichlet(1 mV))</c>: a boundary without a side
/// applies to every side; <c>x:</c>, <c>y:</c>, <c>z:</c> to both sides of an axis; <c>left</c>/<c>right</c>
/// (x), <c>bottom</c>/<c>top</c> (y), <c>front</c>/<c>back</c> (z) to one side. Later entries override earlier
/// ones. Sides not named are periodic. A side that is periodic must be periodic at the other end
/// of its axis too (a wrap-around has two ends).
/// </summary>
internal static class FieldBoundaries
{
    private static readonly Dictionary<string, (int Axis, bool Low, bool High)> Sides = new()
    {
        ["x"] = (0, true, true), ["y"] = (1, true, true), ["z"] = (2, true, true),
        ["left"] = (0, true, false), ["right"] = (0, false, true),
        ["bottom"] = (1, true, false), ["top"] = (1, false, true),
        ["front"] = (2, true, false), ["back"] = (2, false, true),
    };

    public static bool TryRead(BoundModel model, GridTarget grid, int dims, DiagnosticBag diagnostics,
        out FieldBoundary[] low, out FieldBoundary[] high)
    {
        var periodic = new FieldBoundary(FieldBoundaryKind.Periodic, null);
        low = Enumerable.Repeat(periodic, dims).ToArray();
        high = Enumerable.Repeat(periodic, dims).ToArray();
        bool ok = true;
        foreach (var spec in grid.Boundaries)
        {
            if (spec.Kind.Name == "order" && spec.Side is null) continue; // a stencil option (FieldLowerer.Order), not a boundary
            var kind = spec.Kind.Name switch
            {
                "periodic" => FieldBoundaryKind.Periodic,
                "neumann" or "noflux" or "no_flux" => FieldBoundaryKind.Neumann,
                "dirichlet" => FieldBoundaryKind.Dirichlet,
                _ => (FieldBoundaryKind?)null,
            };
            if (kind is null)
            {
                diagnostics.Report(DiagnosticDescriptors.InvalidBoundary, spec.Kind.Span, spec.Kind.Name,
                    "the boundaries are periodic, neumann (no flux) and dirichlet(value)");
                ok = false;
                continue;
            }
            IrExpr? value = null;
            if (kind == FieldBoundaryKind.Dirichlet)
            {
                if (spec.Value is null)
                {
                    diagnostics.Report(DiagnosticDescriptors.InvalidBoundary, spec.Span, "dirichlet",
                        "dirichlet needs the value outside the grid: dirichlet(0)");
                    ok = false;
                    continue;
                }
                value = Value(model, spec.Value, diagnostics);
                if (value is null) { ok = false; continue; }
            }
            else if (spec.Value is not null)
            {
                diagnostics.Report(DiagnosticDescriptors.InvalidBoundary, spec.Value.Span, spec.Kind.Name,
                    $"{spec.Kind.Name} takes no value; only dirichlet(value) does");
                ok = false;
                continue;
            }
            var boundary = new FieldBoundary(kind.Value, value);
            if (spec.Side is null)
            {
                for (int axis = 0; axis < dims; axis++) low[axis] = high[axis] = boundary;
                continue;
            }
            if (!Sides.TryGetValue(spec.Side.Name, out var side) || side.Axis >= dims)
            {
                diagnostics.Report(DiagnosticDescriptors.InvalidBoundary, spec.Side.Span, spec.Side.Name + ":",
                    $"a {grid.Grid.Name} has the sides " + string.Join(", ", Sides.Where(s => s.Value.Axis < dims).Select(s => s.Key)));
                ok = false;
                continue;
            }
            if (side.Low) low[side.Axis] = boundary;
            if (side.High) high[side.Axis] = boundary;
        }
        for (int axis = 0; axis < dims && ok; axis++)
        {
            if ((low[axis].Kind == FieldBoundaryKind.Periodic) != (high[axis].Kind == FieldBoundaryKind.Periodic))
            {
                diagnostics.Report(DiagnosticDescriptors.InvalidBoundary, grid.Span, "periodic",
                    $"axis {"xyz"[axis]} is periodic at one end only; a wrap-around joins both ends (write '{"xyz"[axis]}: periodic' or give both ends another boundary)");
                ok = false;
            }
        }
        return ok;
    }

    /// <summary>A Dirichlet value: a number, a number with a unit, a parameter, or their negation.</summary>
    private static IrExpr? Value(BoundModel model, Expr expr, DiagnosticBag diagnostics)
    {
        switch (expr)
        {
            case NumberLiteral number when double.TryParse(number.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value):
                return new IrConstant(value);
            case QuantityLiteral quantity when double.TryParse(quantity.NumberText, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                                              && UnitCatalog.TryResolve(quantity.Unit.Name, out var unit):
                if (Compilation.CompileBudget.UnitPowerTooLarge(quantity.UnitPower, inQuantity: true) is { } tooLarge)
                {
                    diagnostics.Report(DiagnosticDescriptors.InvalidExponent, expr.Span, tooLarge);
                    return null;
                }
                double scale = unit.Scale;
                for (int k = 1; k < System.Math.Abs(quantity.UnitPower); k++) scale *= unit.Scale;
                double si = quantity.UnitPower < 0 ? value / scale : value * scale;
                if (double.IsInfinity(si) || (si == 0 && value != 0))
                {
                    string text = diagnostics.Source.Slice(quantity.Span);
                    diagnostics.Report(DiagnosticDescriptors.NumberOutOfRange, quantity.Span, double.IsInfinity(si)
                        ? $"the quantity {text} is too large for a double in SI units (the largest is about 1.8e308)"
                        : $"the quantity {text} is too small for a double in SI units: it would be 0 (the smallest is about 4.9e-324)");
                    return null;
                }
                return new IrConstant(si);
            case Reference { Scope: null, Indices.Count: 0 } reference when model.Parameters.Any(p => p.Name == reference.Name.Name && p.Rank == 0):
                return new IrRef(reference.Name.Name, SlotKind.Uniform);
            case UnaryExpr { Op: UnaryOp.Negate } negation when Value(model, negation.Operand, diagnostics) is { } inner:
                return new IrUnary(IrUnaryOp.Negate, inner);
            default:
                diagnostics.Report(DiagnosticDescriptors.InvalidBoundary, expr.Span, "dirichlet",
                    "a dirichlet value is a number (with or without a unit) or a parameter of the field");
                return null;
        }
    }
}
