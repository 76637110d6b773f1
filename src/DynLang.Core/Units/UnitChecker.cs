using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DynLang.Core.Ast;
using DynLang.Core.Binding;
using DynLang.Core.Compilation;
using DynLang.Core.Diagnostics;
using DynLang.Core.Text;

namespace DynLang.Core.Units;

/// <summary>
/// Dimension analysis of a bound model: gives every symbol its dimension (declared with
/// <c>: unit</c>, or inferred from its value) and checks every equation, definition,
/// assignment, condition, invariant and energy. A mismatch is reported on the offending
/// sub-expression with the expected and the found unit. Models written without any unit are
/// unit-free: everything is dimensionless and nothing is checked.
/// </summary>
public sealed class UnitChecker
{
    private readonly BoundModel _model;
    private readonly DiagnosticBag _diagnostics;
    private readonly Dictionary<Symbol, bool> _inProgress = new();
    private readonly HashSet<Symbol> _failed = new();
    private int _silent;
    private readonly System.Action<BoundExpr, Dimension>? _record;

    private UnitChecker(BoundModel model, DiagnosticBag diagnostics, System.Action<BoundExpr, Dimension>? record)
    {
        _model = model;
        _diagnostics = diagnostics;
        _record = record;
    }

    /// <summary>The dimension of time in this model (s, or dimensionless when unit-free).</summary>
    private Dimension TimeDimension => _model.UsesUnits ? Dimension.Time : Dimension.Dimensionless;

    /// <summary>
    /// Assigns dimensions to the model's symbols and checks every expression. <paramref name="record"/>,
    /// when given, hears the dimension found for each expression whose dimension is known (the editor's
    /// hover shows them; expressions are not annotated, so the checker's answer is reported as it is found).
    /// </summary>
    public static void Check(BoundModel model, DiagnosticBag diagnostics, System.Action<BoundExpr, Dimension>? record = null)
    {
        var checker = new UnitChecker(model, diagnostics, record);
        checker.Run();
    }

    private void Run()
    {
        if (!_model.UsesUnits)
        {
            // Unit-free: every symbol is a pure number; there is nothing to check.
            foreach (var symbol in AllSymbols()) SetDimension(symbol, Dimension.Dimensionless);
            return;
        }
        SetDimension(_model.Time, Dimension.Time);
        SetDimension(_model.TimeStep, Dimension.Time);
        foreach (var noise in _model.Noises) SetDimension(noise, Dimension.Time.Pow(new Fraction(-1, 2)));
        foreach (var parameter in _model.Parameters) EnsureDimension(parameter);
        foreach (var input in _model.Inputs) EnsureDimension(input);
        foreach (var state in _model.States) EnsureDimension(state);
        foreach (var definition in _model.Definitions) EnsureDimension(definition);
        foreach (var quantity in _model.Quantities) EnsureDimension(quantity);
        CheckEquations();
        if (_model.DeclaredTimeStep is { } dt) CheckAgainst(dt, TimeDimension, "in the solver's time step");
        CheckEvents();
        CheckSurrogate();
        CheckSummed();
        CheckAssertions();
    }

    private static string Display(Symbol symbol) => symbol is ExternalSymbol e ? $"{e.Scope}.{e.Name}" : symbol.Name;

    /// <summary>A summed variable's right-hand side has the unit of its target.</summary>
    private void CheckSummed()
    {
        foreach (var summed in _model.Summed)
        {
            var target = EnsureDimension(summed.Target);
            if (target.IsKnown) CheckAgainst(summed.Value, target.Value, $"in the summed variable '{Display(summed.Target)}'");
            else Infer(summed.Value, null);
        }
    }

    private IEnumerable<Symbol> AllSymbols() =>
        _model.Parameters.Cast<Symbol>().Concat(_model.Inputs).Concat(_model.States).Concat(_model.Definitions)
            .Concat(_model.Quantities).Concat(_model.Noises).Concat(new Symbol[] { _model.Time, _model.TimeStep });

    private static void SetDimension(Symbol symbol, Dimension dimension)
    {
        symbol.Dimension = dimension;
        symbol.DimensionKnown = true;
    }

    // ---- symbol dimensions --------------------------------------------------------------------

    /// <summary>Gives a symbol its dimension (declared, else inferred), checking its value against the declaration.</summary>
    private Dim EnsureDimension(Symbol symbol)
    {
        if (symbol.DimensionKnown) return Dim.Of(symbol.Dimension);
        if (_failed.Contains(symbol)) return Dim.Unknown;
        if (symbol is BuiltinSymbol) { SetDimension(symbol, Dimension.Dimensionless); return Dim.Of(Dimension.Dimensionless); }
        // pre.x / post.x: the neuron model of the same file was unit-checked before this synapse.
        if (symbol is ExternalSymbol external)
            return external.Target is { DimensionKnown: true } target ? Dim.Of(target.Dimension) : Dim.Unknown;
        if (_inProgress.ContainsKey(symbol)) return Dim.Unknown; // a cycle, reported by the binder
        _inProgress[symbol] = true;

        Dimension? declared = symbol.DeclaredUnit is null ? null : ResolveUnitExpr(symbol.DeclaredUnit);
        BoundExpr? value = symbol switch
        {
            ParameterSymbol p => p.Default,
            StateSymbol s => s.Initial,
            DefinitionSymbol d => d.Value,
            NamedQuantitySymbol q => q.Value,
            _ => null,
        };
        Dim found = value is null ? Dim.Unknown : Infer(value, declared);
        string what = $"the value of {symbol.KindWord} '{symbol.Name}'";

        if (declared is { } d1)
        {
            SetDimension(symbol, d1);
            if (value is not null && found.IsKnown && !found.IsAnyZero && found.Value != d1)
                ReportMismatch(value.Span, "in " + what, d1, found.Value);
        }
        else if (found.IsKnown && !found.IsAnyZero)
        {
            SetDimension(symbol, found.Value);
        }
        else if (symbol is InputSymbol || (symbol is ParameterSymbol && value is null) || (symbol is StateSymbol && symbol.Rank > 0 && value is null))
        {
            // Written by host code: without a unit, a pure number.
            SetDimension(symbol, Dimension.Dimensionless);
        }
        else if (value is not null && BoundWalker.DescendantsAndSelf(value).Any(n => n is BoundError))
        {
            // The value did not bind; that error is the one to fix.
            symbol.DimensionKnown = false;
            _failed.Add(symbol);
        }
        else if (symbol is StateSymbol && _model.Events.SelectMany(e => e.Statements).OfType<BoundAssignment>()
                     .Any(a => a.Target.Symbol == symbol && BoundWalker.DescendantsAndSelf(a.Value).Any(n => n is BoundError)))
        {
            // A value assigned to it did not bind (an unknown name); that error is the one to fix.
            symbol.DimensionKnown = false;
            _failed.Add(symbol);
        }
        else if ((found.IsAnyZero || symbol is StateSymbol) && InferFromUsage(symbol) is { } used)
        {
            // `state apre = 0` with `apre += Apre`, or `v = 0` in `dv/dt = (v0 - v)/tau`: the uses decide.
            SetDimension(symbol, used);
        }
        else if (found.IsAnyZero || symbol is StateSymbol)
        {
            string reason = found.IsAnyZero
                ? $"its value 0 fits any unit and its uses do not tell; declare it, e.g. '{symbol.Name} : mV = 0' (or ': 1' for a pure number)"
                : $"it has no value to infer from; declare it, e.g. '{symbol.Name} : mV' (or ': 1' for a pure number)";
            Report(DiagnosticDescriptors.CannotInferUnit, symbol.DeclarationSpan, symbol.KindWord, symbol.Name, reason);
            SetDimension(symbol, Dimension.Dimensionless);
            symbol.DimensionKnown = false;
            _failed.Add(symbol);
        }
        else
        {
            // The value failed to bind or check; an error is already reported.
            symbol.DimensionKnown = false;
            _failed.Add(symbol);
        }

        if (symbol is ParameterSymbol { Range: { } range } parameter && parameter.DimensionKnown)
        {
            CheckAgainst(range.Low, parameter.Dimension, $"in the range of '{parameter.Name}'");
            CheckAgainst(range.High, parameter.Dimension, $"in the range of '{parameter.Name}'");
        }
        if (symbol is StateSymbol { Range: { } stateRange } state && state.DimensionKnown)
        {
            CheckAgainst(stateRange.Low, state.Dimension, $"in the range of '{state.Name}'");
            CheckAgainst(stateRange.High, state.Dimension, $"in the range of '{state.Name}'");
        }
        _inProgress.Remove(symbol);
        return symbol.DimensionKnown ? Dim.Of(symbol.Dimension) : Dim.Unknown;
    }

    /// <summary>
    /// The dimension of a state whose declaration does not tell (no unit, initial value 0), read
    /// off its uses: a value assigned to it in an event, or the other terms of a sum it is a term of.
    /// Inference is silent; the uses are checked (and mismatches reported) afterwards as usual.
    /// </summary>
    private Dimension? InferFromUsage(Symbol symbol)
    {
        _silent++;
        try
        {
            foreach (var assignment in _model.Events.SelectMany(e => e.Statements).OfType<BoundAssignment>())
            {
                if (assignment.Target.Symbol != symbol || assignment.Op is AssignOp.Multiply or AssignOp.Divide) continue;
                if (References(assignment.Value, symbol)) continue;
                var dim = Infer(assignment.Value, null);
                if (dim.IsKnown && !dim.IsAnyZero) return dim.Value;
            }
            // A synapse's `post.ge += w` or `post.I = w*(pre.v - post.v) (summed)`: the target's
            // unit decides a bare term, or a factor whose partner's unit is known.
            var targeted = _model.Events.SelectMany(e => e.Statements).OfType<BoundAssignment>()
                .Where(a => a.Target.Symbol != symbol && a.Op is AssignOp.Assign or AssignOp.Add or AssignOp.Subtract)
                .Select(a => (Target: (Symbol)a.Target.Symbol, a.Value))
                .Concat(_model.Summed.Select(s => (Target: (Symbol)s.Target, s.Value)));
            foreach (var (target, value) in targeted)
            {
                if (!References(value, symbol)) continue;
                var targetDim = EnsureDimension(target);
                if (!targetDim.IsKnown) continue;
                var terms = new List<BoundExpr>();
                Flatten(value, terms);
                foreach (var term in terms)
                {
                    if (IsBareReference(term, symbol)) return targetDim.Value;
                    if (FactorDimension(term, symbol, targetDim.Value) is { } factor) return factor;
                }
            }
            var roots = _model.Equations.Select(e => e.Rhs).Concat(_model.Definitions.Where(d => d.Value is not null).Select(d => d.Value))
                .Concat(_model.Events.SelectMany(e => e.Statements).OfType<BoundAssignment>().Select(a => a.Value))
                .Concat(_model.Summed.Select(s => s.Value));
            foreach (var root in roots)
            {
                foreach (var sum in BoundWalker.DescendantsAndSelf(root).OfType<BoundBinary>()
                             .Where(b => b.Op is BinaryOp.Add or BinaryOp.Subtract))
                {
                    var terms = new List<BoundExpr>();
                    Flatten(sum, terms);
                    if (!terms.Any(t => IsBareReference(t, symbol))) continue;
                    foreach (var term in terms.Where(t => !References(t, symbol)))
                    {
                        var dim = Infer(term, null);
                        if (dim.IsKnown && !dim.IsAnyZero) return dim.Value;
                    }
                }
            }
            return null;
        }
        finally
        {
            _silent--;
        }
    }

    /// <summary>For a term <c>symbol*other</c>, <c>other*symbol</c> or <c>symbol/other</c> of known dimension <paramref name="term"/>: the symbol's dimension.</summary>
    private Dimension? FactorDimension(BoundExpr term, Symbol symbol, Dimension termDimension)
    {
        global::DynLang.Core.Diagnostics.StackGuard.Ensure();
        if (term is BoundUnary { Op: UnaryOp.Negate or UnaryOp.Plus } unary) return FactorDimension(unary.Operand, symbol, termDimension);
        if (term is not BoundBinary { Op: BinaryOp.Multiply or BinaryOp.Divide } product) return null;
        bool left = IsBareReference(product.Left, symbol), right = IsBareReference(product.Right, symbol);
        if (left == right) return null;
        var other = left ? product.Right : product.Left;
        if (References(other, symbol)) return null;
        var dim = Infer(other, null);
        if (!dim.IsKnown || dim.IsAnyZero) return null;
        if (product.Op == BinaryOp.Multiply) return termDimension / dim.Value;
        return left ? termDimension * dim.Value : dim.Value / termDimension;
    }

    private static bool IsBareReference(BoundExpr expr, Symbol symbol) => global::DynLang.Core.Diagnostics.StackGuard.Checked(expr) switch
    {
        BoundSymbolRef reference => reference.Symbol == symbol,
        BoundUnary { Op: UnaryOp.Negate or UnaryOp.Plus } unary => IsBareReference(unary.Operand, symbol),
        _ => false,
    };

    private static bool References(BoundExpr expr, Symbol symbol) =>
        BoundWalker.ReferencedSymbols(expr).Contains(symbol);

    private void Report(DiagnosticDescriptor descriptor, TextSpan span, params object?[] args)
    {
        if (_silent == 0) _diagnostics.Report(descriptor, span, args);
    }

    /// <summary>The dimension a unit annotation names; unknown names are reported.</summary>
    private Dimension? ResolveUnitExpr(UnitExpr unit)
    {
        global::DynLang.Core.Diagnostics.StackGuard.Ensure();
        switch (unit)
        {
            case UnitNameExpr name:
            {
                if (!UnitCatalog.TryResolve(name.Name.Name, out var definition))
                {
                    string hint = UnitCatalog.TryGetUnsupportedHint(name.Name.Name, out var unsupported) ? "; " + unsupported
                        : UnitCatalog.Suggest(name.Name.Name) is { } suggestion ? $"; did you mean '{suggestion}'?" : "";
                    Report(DiagnosticDescriptors.UnknownUnit, name.Name.Span, name.Name.Name, hint);
                    return null;
                }
                return ApplyPower(definition.Dimension, name.PowerText, name.Span);
            }
            case UnitNumberExpr number:
                if (number.Text != "1")
                {
                    Report(DiagnosticDescriptors.UnknownUnit, number.Span, number.Text, "; the only number allowed as a unit is 1 (dimensionless)");
                    return null;
                }
                return Dimension.Dimensionless;
            case UnitBinaryExpr binary:
            {
                var left = ResolveUnitExpr(binary.Left);
                var right = ResolveUnitExpr(binary.Right);
                if (left is null || right is null) return null;
                return binary.IsDivision ? left.Value / right.Value : left.Value * right.Value;
            }
            default:
                return null;
        }
    }

    private Dimension? ApplyPower(Dimension dimension, string? powerText, TextSpan span)
    {
        if (powerText is null) return dimension;
        string magnitude = powerText.TrimStart('-');
        if (magnitude.Length > 0 && magnitude.All(char.IsDigit))
        {
            string digits = magnitude.TrimStart('0');
            long value = digits.Length == 0 ? 0 : digits.Length > 9 ? int.MaxValue : long.Parse(digits, CultureInfo.InvariantCulture);
            if (CompileBudget.UnitPowerTooLarge(powerText.StartsWith("-", System.StringComparison.Ordinal) ? -value : value, inQuantity: false) is { } tooLarge)
            {
                Report(DiagnosticDescriptors.InvalidExponent, span, tooLarge);
                return null;
            }
        }
        if (int.TryParse(powerText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int power))
            return dimension.Pow(power);
        if (powerText.TrimStart('-') == "0.5")
            return dimension.Pow(powerText.StartsWith("-", System.StringComparison.Ordinal) ? new Fraction(-1, 2) : Fraction.Half);
        Report(DiagnosticDescriptors.InvalidExponent, span, $"the power of a unit must be a whole number (or 0.5), found '{powerText}'");
        return null;
    }

    // ---- checks -------------------------------------------------------------------------------

    private void CheckEquations()
    {
        foreach (var equation in _model.Equations)
        {
            var state = equation.State;
            if (!state.DimensionKnown) { Infer(equation.Rhs, null); continue; }
            var expected = state.Dimension / TimeDimension;
            var found = Infer(equation.Rhs, expected);
            if (found.IsKnown && !found.IsAnyZero && found.Value != expected)
            {
                Report(DiagnosticDescriptors.EquationUnitMismatch, equation.Rhs.Span, state.Name,
                    UnitFormatter.Format(expected), UnitFormatter.Format(found.Value));
            }
        }
    }

    private void CheckEvents()
    {
        foreach (var block in _model.Events)
        {
            if (block.Condition is not null) Infer(block.Condition, null);
            foreach (var statement in block.Statements)
            {
                switch (statement)
                {
                    case BoundAssignment assignment:
                    {
                        var target = EnsureDimension(assignment.Target.Symbol);
                        bool scaling = assignment.Op is AssignOp.Multiply or AssignOp.Divide;
                        var expected = scaling ? Dim.Of(Dimension.Dimensionless) : target;
                        string where = scaling
                            ? $"in '{Display(assignment.Target.Symbol)} {(assignment.Op == AssignOp.Multiply ? "*=" : "/=")} …' (a scaling factor)"
                            : $"in the assignment to '{Display(assignment.Target.Symbol)}'";
                        if (expected.IsKnown) CheckAgainst(assignment.Value, expected.Value, where);
                        else Infer(assignment.Value, null);
                        break;
                    }
                    case BoundRefractory refractory:
                        CheckAgainst(refractory.Duration, TimeDimension, "in the refractory period");
                        break;
                }
            }
        }
    }

    /// <summary>A surrogate's slope is per unit of the threshold margin (v − v_th), its temperature in that unit.</summary>
    private void CheckSurrogate()
    {
        if (_model.SurrogateValue is not { } value || _model.SurrogateEvent?.Condition is not BoundBinary comparison) return;
        var margin = Infer(comparison.Left, null);
        if (!margin.IsKnown)
        {
            Infer(value, null);
            return;
        }
        bool slope = _model.SurrogateKind != Lowering.Ir.SurrogateKind.LogSumExp;
        CheckAgainst(value, slope ? Dimension.Dimensionless / margin.Value : margin.Value,
            slope ? "in the surrogate's slope (per unit of the threshold margin)" : "in the surrogate's temperature (the threshold margin's unit)");
    }

    private void CheckAssertions()
    {
        foreach (var assertion in _model.Assertions)
        {
            if (assertion.Condition is not null) Infer(assertion.Condition, null);
        }
    }

    private void CheckAgainst(BoundExpr expr, Dimension expected, string where)
    {
        var found = Infer(expr, expected);
        if (found.IsKnown && !found.IsAnyZero && found.Value != expected) ReportMismatch(expr.Span, where, expected, found.Value);
    }

    private void ReportMismatch(TextSpan span, string where, Dimension expected, Dimension found) =>
        Report(DiagnosticDescriptors.UnitMismatch, span, where, UnitFormatter.Format(expected), UnitFormatter.Format(found));

    // ---- inference ----------------------------------------------------------------------------

    /// <summary>
    /// The dimension of an expression; mismatches inside it are reported where they occur.
    /// <paramref name="expected"/> guides which operand of a sum is the odd one out.
    /// </summary>
    private Dim Infer(BoundExpr expr, Dimension? expected)
    {
        var found = InferCore(expr, expected);
        // A plain 0 fits any unit: it has no dimension of its own to show.
        if (_record is not null && found.IsKnown && !found.IsAnyZero) _record(expr, found.Value);
        return found;
    }

    private Dim InferCore(BoundExpr expr, Dimension? expected)
    {
        global::DynLang.Core.Diagnostics.StackGuard.Ensure();
        if (expr.IsCondition)
        {
            // A truth value has no unit. Where a number was needed the binder reported DL0304;
            // giving it a unit here would add a second, misleading error.
            InferBinaryOrUnaryCondition(expr);
            return Dim.Unknown;
        }
        switch (expr)
        {
            case BoundLiteral literal:
                return literal.IsPlainZero ? Dim.AnyZero : Dim.Of(literal.Dimension);
            case BoundSymbolRef reference:
                return EnsureDimension(reference.Symbol);
            case BoundUnary unary:
                return unary.Op == UnaryOp.Not ? InferCondition(unary.Operand) : Infer(unary.Operand, expected);
            case BoundBinary binary:
                return InferBinary(binary, expected);
            case BoundCall call:
                return InferCall(call, expected);
            case BoundOpaqueCall opaque:
                foreach (var argument in opaque.Arguments) Infer(argument, null);
                return Dim.Unknown;
            case BoundSum sum:
                return Infer(sum.Body, expected);
            case BoundDerivative derivative:
            {
                var of = Infer(derivative.Of, null);
                var wrt = EnsureDimension(derivative.WithRespectTo.Symbol);
                return of.IsKnown && wrt.IsKnown ? Dim.Of(of.Value / wrt.Value) : Dim.Unknown;
            }
            default:
                return Dim.Unknown;
        }
    }

    private void InferBinaryOrUnaryCondition(BoundExpr expr)
    {
        switch (expr)
        {
            case BoundUnary unary:
                Infer(unary.Operand, null);
                break;
            case BoundBinary binary when binary.Op.IsLogical():
                Infer(binary.Left, null);
                Infer(binary.Right, null);
                break;
            case BoundBinary comparison:
                InferSame(new[] { comparison.Left, comparison.Right }, null, "in a comparison");
                break;
        }
    }

    private Dim InferCondition(BoundExpr expr)
    {
        global::DynLang.Core.Diagnostics.StackGuard.Ensure();
        Infer(expr, null);
        return Dim.Of(Dimension.Dimensionless);
    }

    private Dim InferBinary(BoundBinary binary, Dimension? expected)
    {
        switch (binary.Op)
        {
            case BinaryOp.Add:
            case BinaryOp.Subtract:
                return InferSum(binary, expected);
            case BinaryOp.Multiply:
            case BinaryOp.Divide:
            {
                var left = Infer(binary.Left, null);
                var right = Infer(binary.Right, null);
                if (left.IsAnyZero || right.IsAnyZero) return Dim.AnyZero;
                if (!left.IsKnown || !right.IsKnown) return Dim.Unknown;
                return Dim.Of(binary.Op == BinaryOp.Multiply ? left.Value * right.Value : left.Value / right.Value);
            }
            case BinaryOp.Modulo:
                return InferSame(new[] { binary.Left, binary.Right }, expected, "in '%'");
            case BinaryOp.Power:
                return InferPower(binary);
            case BinaryOp.And:
            case BinaryOp.Or:
                Infer(binary.Left, null);
                Infer(binary.Right, null);
                return Dim.Of(Dimension.Dimensionless);
            default:
                // Comparisons: both sides in one unit.
                InferSame(new[] { binary.Left, binary.Right }, null, "in a comparison");
                return Dim.Of(Dimension.Dimensionless);
        }
    }

    /// <summary>The terms of a sum must share one unit; the odd ones out are reported.</summary>
    private Dim InferSum(BoundBinary sum, Dimension? expected)
    {
        var terms = new List<BoundExpr>();
        Flatten(sum, terms);
        return InferSame(terms, expected, "in a sum");
    }

    private static void Flatten(BoundExpr expr, List<BoundExpr> terms)
    {
        global::DynLang.Core.Diagnostics.StackGuard.Ensure();
        if (expr is BoundBinary { Op: BinaryOp.Add or BinaryOp.Subtract } binary)
        {
            Flatten(binary.Left, terms);
            Flatten(binary.Right, terms);
        }
        else if (expr is BoundUnary { Op: UnaryOp.Negate or UnaryOp.Plus } unary
                 && unary.Operand is BoundBinary { Op: BinaryOp.Add or BinaryOp.Subtract })
        {
            Flatten(unary.Operand, terms);
        }
        else
        {
            terms.Add(expr);
        }
    }

    /// <summary>
    /// Operands that must share a unit. The reference unit is the one most operands have
    /// (ties go to the expected unit, then to the first operand); the others are reported.
    /// </summary>
    private Dim InferSame(IReadOnlyList<BoundExpr> operands, Dimension? expected, string where)
    {
        var dims = operands.Select(o => Infer(o, expected)).ToList();
        var known = dims.Where(d => d.IsKnown && !d.IsAnyZero).Select(d => d.Value).ToList();
        if (known.Count == 0) return dims.Any(d => d.IsAnyZero) && dims.All(d => d.IsKnown) ? Dim.AnyZero : Dim.Unknown;
        var groups = known.GroupBy(d => d).Select(g => (Dimension: g.Key, Count: g.Count())).ToList();
        int best = groups.Max(g => g.Count);
        var candidates = groups.Where(g => g.Count == best).Select(g => g.Dimension).ToList();
        Dimension reference = expected is { } e && candidates.Contains(e) ? e : candidates[0];
        for (int k = 0; k < operands.Count; k++)
        {
            if (dims[k].IsKnown && !dims[k].IsAnyZero && dims[k].Value != reference)
                ReportMismatch(operands[k].Span, where, reference, dims[k].Value);
        }
        return Dim.Of(reference);
    }

    private Dim InferPower(BoundBinary power)
    {
        var baseDim = Infer(power.Left, null);
        var exponentDim = Infer(power.Right, null);
        if (exponentDim.IsKnown && !exponentDim.IsAnyZero && !exponentDim.Value.IsDimensionless)
        {
            Report(DiagnosticDescriptors.InvalidExponent, power.Right.Span,
                $"an exponent must be dimensionless, found {UnitFormatter.Format(exponentDim.Value)}");
            return Dim.Unknown;
        }
        if (!baseDim.IsKnown) return Dim.Unknown;
        if (baseDim.IsAnyZero || baseDim.Value.IsDimensionless) return baseDim;
        if (ConstantExponent(power.Right) is { } exponent) return Dim.Of(baseDim.Value.Pow(exponent));
        Report(DiagnosticDescriptors.InvalidExponent, power.Right.Span,
            $"the base has unit {UnitFormatter.Format(baseDim.Value)}, so the exponent must be a constant number such as 2 or 0.5");
        return Dim.Unknown;
    }

    /// <summary>A literal exponent as a fraction: 2, -1, 0.5, 1/3, (1/2).</summary>
    private static Fraction? ConstantExponent(BoundExpr expr)
    {
        global::DynLang.Core.Diagnostics.StackGuard.Ensure();
        switch (expr)
        {
            case BoundLiteral literal when literal.Dimension.IsDimensionless:
            {
                double value = literal.Value;
                for (int denominator = 1; denominator <= 12; denominator++)
                {
                    double numerator = value * denominator;
                    if (System.Math.Abs(numerator - System.Math.Round(numerator)) < 1e-12 && System.Math.Abs(numerator) < 1e6)
                        return new Fraction((int)System.Math.Round(numerator), denominator);
                }
                return null;
            }
            case BoundUnary { Op: UnaryOp.Negate } negate:
                return ConstantExponent(negate.Operand) is { } inner ? -inner : null;
            case BoundBinary { Op: BinaryOp.Divide } division:
                return ConstantExponent(division.Left) is { } n && ConstantExponent(division.Right) is { } d && !d.IsZero
                    ? n / d
                    : null;
            default:
                return null;
        }
    }

    private Dim InferCall(BoundCall call, Dimension? expected)
    {
        var function = call.Function;
        switch (function.UnitRule)
        {
            case FunctionUnitRule.Transcendental:
                foreach (var argument in call.Arguments)
                {
                    var dim = Infer(argument, Dimension.Dimensionless);
                    if (dim.IsKnown && !dim.IsAnyZero && !dim.Value.IsDimensionless)
                        Report(DiagnosticDescriptors.DimensionfulArgument, argument.Span, function.Name,
                            UnitFormatter.Format(dim.Value));
                }
                return Dim.Of(Dimension.Dimensionless);
            case FunctionUnitRule.SquareRoot:
            {
                var dim = Infer(call.Arguments[0], null);
                return dim.IsKnown && !dim.IsAnyZero ? Dim.Of(dim.Value.Sqrt()) : dim;
            }
            case FunctionUnitRule.SameUnit:
                return InferSame(call.Arguments, expected, $"between the arguments of {function.Name}");
            case FunctionUnitRule.Indicator:
                foreach (var argument in call.Arguments) Infer(argument, null);
                return Dim.Of(Dimension.Dimensionless);
            case FunctionUnitRule.Conditional:
                Infer(call.Arguments[0], null);
                return InferSame(call.Arguments.Skip(1).ToList(), expected, "between the branches of ifelse");
            case FunctionUnitRule.ConditionToNumber:
                Infer(call.Arguments[0], null);
                return Dim.Of(Dimension.Dimensionless);
            case FunctionUnitRule.Spatial when call.Arguments.Count == 2:
            {
                // upwind(c, E): c·∂E/∂x, so unit(c)·unit(E)/length.
                var velocity = Infer(call.Arguments[0], null);
                var advected = Infer(call.Arguments[1], null);
                if (!velocity.IsKnown || !advected.IsKnown) return Dim.Unknown;
                if (velocity.IsAnyZero || advected.IsAnyZero) return velocity.IsAnyZero ? velocity : advected;
                var length = _model.UsesUnits ? Dimension.Length : Dimension.Dimensionless;
                return Dim.Of(velocity.Value * advected.Value / length);
            }
            case FunctionUnitRule.Spatial:
            {
                var dim = Infer(call.Arguments[0], null);
                if (!dim.IsKnown || dim.IsAnyZero) return dim;
                var length = _model.UsesUnits ? Dimension.Length : Dimension.Dimensionless;
                return Dim.Of(function.Name == "laplacian" ? dim.Value / (length * length) : dim.Value / length);
            }
            default:
                return Dim.Unknown;
        }
    }

    /// <summary>An inferred dimension: known, unknown (an error was reported or the symbol is external), or a plain 0 that fits any.</summary>
    private readonly struct Dim
    {
        private Dim(Dimension value, bool known, bool anyZero)
        {
            Value = value;
            IsKnown = known;
            IsAnyZero = anyZero;
        }

        public Dimension Value { get; }
        public bool IsKnown { get; }
        public bool IsAnyZero { get; }

        public static Dim Of(Dimension value) => new(value, true, false);
        public static Dim Unknown => new(Dimension.Dimensionless, false, false);
        public static Dim AnyZero => new(Dimension.Dimensionless, true, true);
    }
}
