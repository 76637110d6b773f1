using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using BinaryOp = DynLang.Core.Ast.BinaryOp;
using AssignOp = DynLang.Core.Ast.AssignOp;
using DynLang.Core.Binding;
using DynLang.Core.Symbolic;

namespace DynLang.Core.Checks;

/// <summary>An interval a state is assumed to stay in, and why (for messages).</summary>
internal sealed record StateInterval(string Name, double Low, double High, string How);

/// <summary>
/// Where a stability coefficient that depends on states is evaluated (issue 10, item 1): a
/// state's declared range (<c>state v = … in [low, high]</c>), or for a neuron's threshold
/// variable the reachable region from the lowest of its reset and initial values up to the
/// threshold (<c>on v &gt; v_th { v = v_reset … }</c>). Anything else — a coefficient that depends on
/// an input, on time, or on a state with no such region — has no region, and the check says so
/// instead of presenting another equation's bound as the model's.
/// </summary>
internal static class StabilityRegion
{
    /// <summary>The state's interval, or null with the reason in <paramref name="whyNot"/>.</summary>
    public static StateInterval? Of(CheckContext context, string name, out string whyNot)
    {
        whyNot = "";
        var model = context.Model;
        var state = model.States.FirstOrDefault(s => s.Name == name && s.Rank == 0);
        if (state is null)
        {
            bool input = model.Inputs.Any(i => i.Name == name);
            whyNot = input ? $"the input '{name}' (its values are not known at build time)"
                : name == model.Time.Name ? "the time t" : $"'{name}'";
            return null;
        }
        if (state.Range is { } range)
        {
            if (TryValue(context, range.Low, out double low) && TryValue(context, range.High, out double high) && low < high)
                return new StateInterval(name, low, high, "its declared range");
            whyNot = $"the state '{name}', whose declared range has no finite value at the default parameters";
            return null;
        }
        var ceilings = new List<(double Value, string Text)>();
        var floors = new List<(double Value, string Text)>();
        foreach (var e in model.Events)
        {
            if (e.Condition is not BoundBinary { Op: BinaryOp.Greater or BinaryOp.GreaterOrEqual, Left: BoundSymbolRef left } condition
                || left.Symbol != state || !TryValue(context, condition.Right, out double ceiling))
                continue;
            ceilings.Add((ceiling, $"the threshold {name} {DynLang.Core.Ast.Operators.Text(condition.Op)} {Show(context, ceiling, state)}"));
            foreach (var reset in e.Statements.OfType<BoundAssignment>().Where(a => a.Target.Symbol == state && a.Op == AssignOp.Assign))
                if (TryValue(context, reset.Value, out double value)) floors.Add((value, "the reset value"));
        }
        if (ceilings.Count == 0)
        {
            whyNot = $"the state '{name}', which has neither a declared range (in [low, high]) nor a threshold event bounding it";
            return null;
        }
        if (state.Initial is { } initial && TryValue(context, initial, out double start)) floors.Add((start, "the initial value"));
        if (floors.Count == 0)
        {
            whyNot = $"the state '{name}', whose reset and initial values are not known at build time";
            return null;
        }
        var top = ceilings.OrderBy(c => c.Value).Last();
        var bottom = floors.OrderBy(f => f.Value).First();
        if (!(bottom.Value < top.Value))
        {
            whyNot = $"the state '{name}', whose reset/initial value is not below its threshold";
            return null;
        }
        return new StateInterval(name, bottom.Value, top.Value, $"from {bottom.Text} to {top.Text}");
    }

    /// <summary>
    /// The largest |value| of <paramref name="coefficient"/> over the box of the intervals (at most
    /// two states: 257 points on a line, 65×65 on a square, ends included), and where it is reached.
    /// </summary>
    public static (double Max, Dictionary<string, double> At) MaxAbs(CheckContext context, Expr coefficient, IReadOnlyList<StateInterval> box)
    {
        int perAxis = box.Count == 1 ? 257 : 65;
        var values = new Dictionary<string, double>(context.Defaults.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal);
        double max = -1;
        var at = new Dictionary<string, double>(StringComparer.Ordinal);
        int total = box.Count == 1 ? perAxis : perAxis * perAxis;
        for (int k = 0; k < total; k++)
        {
            int rest = k;
            foreach (var interval in box)
            {
                int i = rest % perAxis;
                rest /= perAxis;
                values[interval.Name] = interval.Low + (interval.High - interval.Low) * i / (perAxis - 1);
            }
            double value = Math.Abs(Evaluator.Evaluate(coefficient, values));
            if (double.IsNaN(value) || value > max)
            {
                max = double.IsNaN(value) ? double.PositiveInfinity : value;
                at = box.ToDictionary(b => b.Name, b => values[b.Name], StringComparer.Ordinal);
                if (double.IsInfinity(max)) break;
            }
        }
        return (max, at);
    }

    /// <summary>A state value for messages, with the state's SI unit when the model has units.</summary>
    public static string Show(CheckContext context, double value, StateSymbol state)
    {
        string number = value.ToString("G4", CultureInfo.InvariantCulture);
        if (!context.Model.UsesUnits || !state.DimensionKnown || state.Dimension.IsDimensionless) return number;
        return number + " " + Units.UnitFormatter.Format(state.Dimension);
    }

    private static bool TryValue(CheckContext context, BoundExpr expr, out double value)
    {
        value = double.NaN;
        try
        {
            value = Evaluator.Evaluate(context.Symbolic(expr), context.Defaults);
            return !double.IsNaN(value) && !double.IsInfinity(value);
        }
        catch (Exception e) when (e is EvaluationException or NotSupportedException or KeyNotFoundException or SymbolicBudgetExceededException)
        {
            return false;
        }
    }
}
