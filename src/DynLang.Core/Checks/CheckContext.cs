using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DynLang.Core.Analysis;
using DynLang.Core.Binding;
using DynLang.Core.Diagnostics;
using DynLang.Core.Symbolic;
using DynLang.Core.Text;

namespace DynLang.Core.Checks;

/// <summary>
/// What every check needs: the model's equations in symbolic form (definitions inlined), the
/// parameters' default values, declared ranges, and one way to decide "is this zero?" — symbolic
/// first, then numeric at random points, never silently.
/// </summary>
internal sealed class CheckContext
{
    /// <summary>Points of the numeric fallback.</summary>
    public const int NumericPoints = 200;

    private const int Seed = 20261128;
    private readonly BoundToSymbolic _converter = new();
    private readonly BoundToSymbolic _keepDefinitions = new(inlineDefinitions: false);
    private Dictionary<string, double>? _defaults;

    public CheckContext(BoundModel model, DiagnosticBag diagnostics)
    {
        Model = model;
        Diagnostics = diagnostics;
    }

    public BoundModel Model { get; }

    public DiagnosticBag Diagnostics { get; }

    /// <summary>A fresh budget per question, so one hard question cannot starve the others.</summary>
    public static SymbolicBudget NewBudget() => SymbolicBudget.CreateDefault();

    /// <summary>The symbolic form of a bound expression (definitions inlined).</summary>
    public Expr Symbolic(BoundExpr expr) => _converter.Convert(expr);

    /// <summary>The symbolic form with definitions kept as names (y[i] rather than its sum): for messages.</summary>
    public Expr Readable(BoundExpr expr) => _keepDefinitions.Convert(expr);

    /// <summary>Names of matrices declared symmetric (parameters and states flagged <c>symmetric</c>).</summary>
    public IEnumerable<string> DeclaredSymmetric =>
        Model.Parameters.Where(p => p.Flags.Contains(Ast.DeclFlagKind.Symmetric)).Select(p => p.Name)
            .Concat(Model.States.Where(s => s.Flags.Contains(Ast.DeclFlagKind.Symmetric)).Select(s => s.Name));

    /// <summary>Replaces every matrix declared symmetric (and the extra names) by its symmetric part.</summary>
    public Expr AssumeSymmetric(Expr expr, IEnumerable<string> extra)
    {
        foreach (var name in extra) AssumedSymmetric.Add(name);
        foreach (var name in DeclaredSymmetric.Concat(extra).Distinct()) expr = Substitution.Symmetrize(expr, name);
        return expr;
    }

    /// <summary>Matrices a check assumed symmetric (besides the declared ones).</summary>
    private HashSet<string> AssumedSymmetric { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// For messages: every symmetric matrix written with its indices in canonical order, so
    /// W[j,i] reads as W[i,j] (equal under the assumption) instead of (W[i,j] + W[j,i])/2.
    /// </summary>
    public Expr ShowSymmetric(Expr expr, IEnumerable<string> extra)
    {
        foreach (var name in DeclaredSymmetric.Concat(extra).Distinct())
            expr = Substitution.SubstituteByName(expr, name, indices =>
                Expr.Symbol(name, indices.Count == 2 && indices[1].CompareTo(indices[0]) < 0 ? new[] { indices[1], indices[0] } : indices.ToArray()));
        return expr;
    }

    /// <summary>Default values of the scalar parameters (derived ones computed), in SI.</summary>
    public IReadOnlyDictionary<string, double> Defaults
    {
        get
        {
            if (_defaults is not null) return _defaults;
            _defaults = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var parameter in Model.Parameters.Where(p => p.Rank == 0 && p.Default is not null))
            {
                try
                {
                    _defaults[parameter.Name] = Evaluator.Evaluate(Symbolic(parameter.Default!), _defaults);
                }
                catch (Exception e) when (e is EvaluationException or NotSupportedException or KeyNotFoundException)
                {
                    // Left out: checks that need it say it is unknown.
                }
            }
            return _defaults;
        }
    }

    /// <summary>A parameter's default for a message: "5 ms" for times, "-0.065 V" with its SI unit otherwise.</summary>
    public string FormatDefault(string name)
    {
        double value = Defaults[name];
        var symbol = Model.Parameters.FirstOrDefault(p => p.Name == name);
        if (symbol is null || !symbol.DimensionKnown || symbol.Dimension.IsDimensionless || !Model.UsesUnits)
            return value.ToString("G6", CultureInfo.InvariantCulture);
        if (symbol.Dimension == Units.Dimension.Time) return TimeFormat.Format(value, true);
        return value.ToString("G6", CultureInfo.InvariantCulture) + " " + Units.UnitFormatter.Format(symbol.Dimension);
    }

    /// <summary>Where a numeric test draws a symbol's values: its declared range, else (0.5, 2).</summary>
    public (double Lo, double Hi) RangeOf(Sym symbol)
    {
        var declared = Model.Parameters.Cast<Symbol>().Concat(Model.States).FirstOrDefault(s => s.Name == symbol.Name);
        var range = declared switch
        {
            ParameterSymbol p => p.Syntax.Range,
            StateSymbol s => s.Syntax.Range,
            _ => null,
        };
        if (range is not null)
        {
            try
            {
                double lo = Evaluator.Evaluate(Symbolic(BindRangeEnd(declared!, true)!), Defaults);
                double hi = Evaluator.Evaluate(Symbolic(BindRangeEnd(declared!, false)!), Defaults);
                if (lo < hi && !double.IsInfinity(lo) && !double.IsInfinity(hi)) return (lo, hi);
            }
            catch (Exception e) when (e is EvaluationException or NotSupportedException or KeyNotFoundException or NullReferenceException)
            {
                // Fall back to the default range.
            }
        }
        return ZeroTester.DefaultRange;
    }

    private static BoundExpr? BindRangeEnd(Symbol symbol, bool low) =>
        symbol is ParameterSymbol { Range: { } range } ? (low ? range.Low : range.High) : null;

    /// <summary>
    /// Decides whether <paramref name="residual"/> is identically zero: symbolically (canonical
    /// form, expansion, common denominator), then — if that cannot decide — numerically at
    /// <see cref="NumericPoints"/> random points. A numeric counterexample disproves; numeric
    /// agreement is reported as undecided with the evidence, never as a proof.
    /// </summary>
    public Verdict Decide(Expr residual, string what, Expr? readable = null)
    {
        ZeroTestResult symbolic;
        try
        {
            symbolic = ZeroTester.IsZero(residual, NewBudget());
        }
        catch (SymbolicBudgetExceededException e)
        {
            symbolic = null!;
            return Numeric(residual, what, $"the symbolic budget ({SymbolicBudget.DefaultMaxSteps:N0} steps) ran out in {e.Operation}", readable);
        }
        if (symbolic.IsProven) return new Verdict(VerdictKind.Proven, $"{what} simplifies to 0");
        if (symbolic.IsDisproven) return new Verdict(VerdictKind.Disproven, $"{what} = {Show(symbolic.Residual ?? residual)}");
        return Numeric(residual, what, symbolic.Reason, readable);
    }

    private Verdict Numeric(Expr residual, string what, string symbolicReason, Expr? readable)
    {
        // The engine's reason may end in advice meant for its caller ("try the numeric test"), which this is.
        symbolicReason = symbolicReason.Replace("; try the numeric test", "").Replace(", try the numeric test", "").TrimEnd('.', ' ');
        NumericZeroResult numeric;
        try
        {
            numeric = ZeroTester.NumericZeroTest(residual, NumericPoints, Seed, RangeOf);
        }
        catch (Exception e) when (e is EvaluationException or SymbolicBudgetExceededException or ArgumentException)
        {
            return new Verdict(VerdictKind.Undecided, $"symbolically: {symbolicReason}; numerically: {e.Message}");
        }
        if (numeric.Counterexample is { } point)
        {
            // Index values first (they say which element), then scalars, then array elements; the
            // elements of matrices assumed symmetric are left out (the residual uses their symmetric
            // part, so their two drawn values do not matter and would only mislead).
            var indices = new HashSet<string>(residual.FreeIndices().Select(i => i.Name));
            var symmetric = new HashSet<string>(DeclaredSymmetric.Concat(AssumedSymmetric));
            var entries = point.Where(p => !(p.Key.Contains('[') && symmetric.Contains(p.Key.Substring(0, p.Key.IndexOf('[')))))
                .OrderBy(p => indices.Contains(p.Key) ? 0 : p.Key.Contains('[') ? 2 : 1)
                .ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
            string at = string.Join(", ", entries.Take(6).Select(p => $"{p.Key} = {p.Value.ToString("G4", CultureInfo.InvariantCulture)}"))
                        + (entries.Count > 6 ? ", …" : "");
            // Show the readable form only when it is visibly non-zero (definitions kept as names can hide the dependence).
            var shown = readable is not null && !IsTriviallyZero(readable) ? readable : residual;
            return new Verdict(VerdictKind.Disproven,
                $"{what} = {Show(shown)}, which is not 0: it is {numeric.CounterexampleValue.ToString("G3", CultureInfo.InvariantCulture)} at {at} (numeric counterexample)");
        }
        if (numeric.IsZero)
            return new Verdict(VerdictKind.Undecided,
                $"symbolically: {symbolicReason}; numerically zero (within a relative {ZeroTester.NumericRelativeTolerance:G1}) at " +
                $"{numeric.PointsEvaluated} random points in the declared ranges, which is evidence, not a proof");
        return new Verdict(VerdictKind.Undecided, $"symbolically: {symbolicReason}; numerically: {numeric.Description}");
    }

    private static bool IsTriviallyZero(Expr expr)
    {
        try
        {
            return ZeroTester.IsZero(expr, NewBudget()).IsProven;
        }
        catch (SymbolicBudgetExceededException)
        {
            return false;
        }
    }

    /// <summary>A residual for a message, shortened when very long.</summary>
    public static string Show(Expr expr)
    {
        string text = expr.ToString();
        return text.Length <= 240 ? text : text.Substring(0, 237) + "…";
    }

    /// <summary>Reports a verdict with the check's three descriptors.</summary>
    public void Report(Verdict verdict, TextSpan span, DiagnosticDescriptor proven, DiagnosticDescriptor disproven,
        DiagnosticDescriptor undecided, params string[] leadingArgs)
    {
        var descriptor = verdict.Kind switch
        {
            VerdictKind.Proven => proven,
            VerdictKind.Disproven => disproven,
            _ => undecided,
        };
        var args = leadingArgs.Cast<object?>().Append(verdict.Text).ToArray();
        Diagnostics.Report(descriptor, span, args);
    }
}
