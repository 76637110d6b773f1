using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DynLang.Core.Ast;
using DynLang.Core.Diagnostics;
using DynLang.Core.Text;
using DynLang.Core.Units;

namespace DynLang.Core.Binding;

public sealed partial class Binder
{
    /// <summary>Counts references to parameters while binding a default (to tell derived defaults).</summary>
    private int _dependencyCount;

    /// <summary>Binds an expression in a scope. Errors are reported and become <see cref="BoundError"/>.</summary>
    private BoundExpr BindValue(Expr expr, BindingScope scope)
    {
        global::DynLang.Core.Diagnostics.StackGuard.Ensure();
        if (_inlining.Exceeded) return new BoundError(expr.Span);
        _inlining.Count(1, scope);
        switch (expr)
        {
            case NumberLiteral number:
                return BindNumber(number);
            case QuantityLiteral quantity:
                return BindQuantity(quantity);
            case Reference reference:
                return BindReference(reference, scope);
            case CallExpr call:
                return BindCall(call, scope);
            case UnaryExpr unary:
            {
                var operand = BindValue(unary.Operand, scope);
                if (unary.Op == UnaryOp.Not) RequireCondition(operand, "'not'");
                else RequireNumber(operand);
                return new BoundUnary(unary.Op, operand, unary.Span);
            }
            case BinaryExpr binary:
            {
                var left = BindValue(binary.Left, scope);
                var right = BindValue(binary.Right, scope);
                if (binary.Op.IsLogical())
                {
                    RequireCondition(left, $"'{binary.Op.Text()}'");
                    RequireCondition(right, $"'{binary.Op.Text()}'");
                }
                else
                {
                    RequireNumber(left);
                    RequireNumber(right);
                }
                return new BoundBinary(binary.Op, left, right, binary.OperatorSpan, binary.Span);
            }
            case DerivativeExpr derivative:
                return BindDerivative(derivative, scope);
            default:
                // MissingExpr: the parser already reported the problem.
                return new BoundError(expr.Span);
        }
    }

    private BoundExpr BindNumber(NumberLiteral number)
    {
        // Out of range (1e309, 1e-400) was reported as DL0004 by the AST builder.
        if (!double.TryParse(number.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || double.IsInfinity(value)
            || (value == 0 && !Syntax.AstBuilder.IsWrittenZero(number.Text)))
            return new BoundError(number.Span);
        return new BoundLiteral(value, Dimension.Dimensionless, value == 0, number.Span);
    }

    private BoundExpr BindQuantity(QuantityLiteral quantity)
    {
        if (!double.TryParse(quantity.NumberText, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || double.IsInfinity(value))
            return new BoundError(quantity.Span);
        if (!UnitCatalog.TryResolve(quantity.Unit.Name, out var unit))
        {
            ReportUnknownUnit(quantity.Unit);
            return new BoundError(quantity.Span);
        }
        if (Compilation.CompileBudget.UnitPowerTooLarge(quantity.UnitPower, inQuantity: true) is { } tooLarge)
        {
            // Located on the power (^n after the unit's name); also bounds the loop below.
            Report(DiagnosticDescriptors.InvalidExponent, TextSpan.FromBounds(quantity.Unit.Span.End, quantity.Span.End), tooLarge);
            return new BoundError(quantity.Span);
        }
        // Brian2 computes `10*ms` in double arithmetic; doing the same keeps parameter values
        // bit-identical to a Brian2 model (matters for spike-for-spike comparisons).
        double scale = unit.Scale;
        var dimension = unit.Dimension;
        for (int k = 1; k < Math.Abs(quantity.UnitPower); k++) scale *= unit.Scale;
        if (quantity.UnitPower < 0) scale = 1.0 / scale;
        dimension = dimension.Pow(new Fraction(quantity.UnitPower, 1));
        if (double.IsInfinity(value * scale) || (value * scale == 0 && value != 0))
        {
            string text = _diagnostics.Source.Slice(quantity.Span);
            Report(DiagnosticDescriptors.NumberOutOfRange, quantity.Span, double.IsInfinity(value * scale)
                ? $"the quantity {text} is too large for a double in SI units (the largest is about 1.8e308)"
                : $"the quantity {text} is too small for a double in SI units: it would be 0 (the smallest is about 4.9e-324)");
            return new BoundError(quantity.Span);
        }
        return new BoundLiteral(value * scale, dimension, false, quantity.Span);
    }

    private void ReportUnknownUnit(Identifier unit)
    {
        string hint;
        if (_symbols.ContainsKey(unit.Name) || _builtins.ContainsKey(unit.Name))
            hint = $"; to multiply by '{unit.Name}' write '*{unit.Name}'";
        else if (UnitCatalog.TryGetUnsupportedHint(unit.Name, out var unsupported))
            hint = "; " + unsupported;
        else if (UnitCatalog.Suggest(unit.Name) is { } suggestion)
            hint = $"; did you mean '{suggestion}'?";
        else
            hint = "";
        Report(DiagnosticDescriptors.UnknownUnit, unit.Span, unit.Name, hint);
    }

    private BoundExpr BindReference(Reference reference, BindingScope scope)
    {
        string name = reference.Name.Name;
        if (reference.Scope is not null)
        {
            if (_model.Kind != ModelKind.Synapse)
            {
                Report(DiagnosticDescriptors.NotAllowedInKind, reference.Span, $"'{reference.Scope.Name}.{name}'", KindWord,
                    "; pre. and post. exist only in synapse models");
                return new BoundError(reference.Span);
            }
            var external = ResolveExternal(reference.Scope, reference.Name, write: false);
            if (external is null) return new BoundError(reference.Span);
            return new BoundSymbolRef(external, Array.Empty<BoundIndex>(), reference.Scope.Name, reference.Span);
        }

        if (reference.Indices.Count == 0 && scope.Arguments.TryGetValue(name, out var argument))
        {
            // The argument's expression is shared, but every use is a copy in the inlined tree.
            _inlining.Count(scope.ArgumentSizes.TryGetValue(name, out long size) ? size : 1, scope);
            return argument;
        }

        if (reference.Indices.Count == 0 && scope.Indices.ContainsKey(name))
        {
            Report(DiagnosticDescriptors.NotAValue, reference.Span, name, "an index", "; indices select elements, as in x[" + name + "]");
            return new BoundError(reference.Span);
        }

        if (_symbols.TryGetValue(name, out var symbol)) return BindSymbolReference(reference, symbol, scope);

        if (_builtins.TryGetValue(name, out var builtin))
        {
            if (reference.Indices.Count > 0)
            {
                Report(DiagnosticDescriptors.IndexCountMismatch, reference.Span, name, IndexWords(0), IndexWords(reference.Indices.Count));
                return new BoundError(reference.Span);
            }
            if (builtin.IsTimeLike && scope.Context == ValueContext.ParametersOnly)
            {
                ReportNotAllowedHere(reference, builtin, scope);
                return new BoundError(reference.Span);
            }
            return new BoundSymbolRef(builtin, Array.Empty<BoundIndex>(), null, reference.Span);
        }

        if (name == "xi" || name.StartsWith("xi_", StringComparison.Ordinal))
            return BindNoise(reference, scope);

        if (reference.Indices.Count == 0 && UnitCatalog.TryResolve(name, out var unit))
        {
            // A unit written as a value: `5 mV/ms`, `1/ms`. The model is then one with units.
            _bound.UsesUnits = true;
            return new BoundLiteral(unit.Scale, unit.Dimension, false, reference.Span);
        }

        ReportUndefined(reference.Name, scope);
        return new BoundError(reference.Span);
    }

    private BoundExpr BindSymbolReference(Reference reference, Symbol symbol, BindingScope scope)
    {
        if (scope.Context == ValueContext.ParametersOnly && symbol is not ParameterSymbol)
        {
            ReportNotAllowedHere(reference, symbol, scope);
            return new BoundError(reference.Span);
        }
        switch (symbol)
        {
            case ParameterSymbol parameter:
                _dependencyCount++;
                EnsureParameterBound(parameter);
                break;
            case DefinitionSymbol definition:
                EnsureDefinitionBound(definition);
                break;
            case NamedQuantitySymbol quantity:
                Report(DiagnosticDescriptors.NotAValue, reference.Span, symbol.Name, quantity.KindWithArticle,
                    quantity.Kind == SymbolKind.Energy ? $"; use it as d({symbol.Name})/d(x)" : "; it states a property of the model and cannot be used in expressions");
                return new BoundError(reference.Span);
        }
        if (reference.Indices.Count != symbol.Rank)
        {
            Report(DiagnosticDescriptors.IndexCountMismatch, reference.Span, symbol.Name, IndexWords(symbol.Rank),
                IndexWords(reference.Indices.Count));
            return new BoundError(reference.Span);
        }
        var indices = new List<BoundIndex>();
        for (int k = 0; k < reference.Indices.Count; k++)
        {
            var index = BindIndex(reference.Indices[k], scope, symbol.IndexSets[k]);
            if (index is null) return new BoundError(reference.Span);
            indices.Add(index);
        }
        return new BoundSymbolRef(symbol, indices, null, reference.Span);
    }

    /// <summary>An index position: an index variable in scope, optionally plus or minus a whole number.</summary>
    private BoundIndex? BindIndex(Expr expr, BindingScope scope, IndexSet set)
    {
        Identifier? name = null;
        int offset = 0;
        switch (expr)
        {
            case Reference { Scope: null, Indices.Count: 0 } reference:
                name = reference.Name;
                break;
            case BinaryExpr { Op: BinaryOp.Add or BinaryOp.Subtract, Left: Reference { Scope: null, Indices.Count: 0 } left,
                Right: NumberLiteral number }
                when int.TryParse(number.Text, NumberStyles.None, CultureInfo.InvariantCulture, out offset):
                name = left.Name;
                if (((BinaryExpr)expr).Op == BinaryOp.Subtract) offset = -offset;
                break;
        }
        if (name is null)
        {
            Report(DiagnosticDescriptors.InvalidIndex, expr.Span, _diagnostics.Source.Slice(expr.Span),
                expr is NumberLiteral
                    ? "indices are index variables such as i (or i+1, i-1); a constant index such as x[0] is not supported yet"
                    : "indices are index variables such as i, optionally plus or minus a whole number (i+1)");
            return null;
        }
        if (!scope.Indices.TryGetValue(name.Name, out var variable))
        {
            Report(DiagnosticDescriptors.UnboundIndex, name.Span, name.Name);
            return null;
        }
        if (variable.Set is null) variable.Set = set;
        else Unify(variable.Set, set);
        return new BoundIndex(variable, offset, expr.Span);
    }

    private static void Unify(IndexSet a, IndexSet b)
    {
        var rootA = a.Root;
        var rootB = b.Root;
        if (ReferenceEquals(rootA, rootB)) return;
        // The set declared first keeps its name (W[i,j] with s[j] → one set named i).
        if (rootA.Order < rootB.Order) rootB.Parent = rootA;
        else rootA.Parent = rootB;
    }

    private BoundExpr BindNoise(Reference reference, BindingScope scope)
    {
        if (scope.Context == ValueContext.ParametersOnly)
        {
            Report(DiagnosticDescriptors.NotAllowedHere, reference.Span, reference.Name.Name, "white noise", scope.Where,
                "parameters and constants");
            return new BoundError(reference.Span);
        }
        string name = reference.Name.Name;
        if (!_noises.TryGetValue(name, out var noise))
        {
            var sets = new List<IndexSet>();
            foreach (var indexExpr in reference.Indices)
            {
                if (indexExpr is Reference { Indices.Count: 0 } indexName && scope.Indices.TryGetValue(indexName.Name.Name, out var variable)
                    && variable.Set is not null)
                    sets.Add(variable.Set);
                else
                    sets.Add(new IndexSet(name + "_" + sets.Count));
            }
            noise = new NoiseSymbol(name, sets);
            _noises[name] = noise;
            _bound.Noises.Add(noise);
        }
        return BindSymbolReference(reference, noise, scope);
    }

    private BoundExpr BindCall(CallExpr call, BindingScope scope)
    {
        string name = call.Callee.Name;
        if (name == "sum") return BindSum(call, scope);
        if (name == "d")
        {
            Report(DiagnosticDescriptors.WrongArity, call.Span, "d", "the form d(expression)/d(variable)", _diagnostics.Source.Slice(call.Span));
            return new BoundError(call.Span);
        }
        if (_functions.TryGetValue(name, out var function)) return BindUserCall(call, function, scope);
        if (name == "upwind" && _model.Kind == ModelKind.Field && call.Arguments.Count == 3 && GridAxis(call.Arguments[2]) is int upwindAxis)
        {
            // upwind(c, E, y): the third argument names the axis, it is not a value.
            var advected = call.Arguments.Take(2).Select(a => BindValue(a, scope)).ToList();
            foreach (var argument in advected) RequireNumber(argument);
            return new BoundCall(BuiltinFunction.Upwind(upwindAxis), advected, call.Span);
        }
        if (BuiltinFunction.TryGet(name, out var builtin))
        {
            var arguments = call.Arguments.Select(a => BindValue(a, scope)).ToList();
            if (arguments.Count < builtin.MinArity || arguments.Count > builtin.MaxArity)
            {
                Report(DiagnosticDescriptors.WrongArity, call.Span, name, builtin.ArityText, arguments.Count);
                return new BoundError(call.Span);
            }
            if (builtin.UnitRule == FunctionUnitRule.Spatial && _model.Kind != ModelKind.Field)
            {
                Report(DiagnosticDescriptors.NotAllowedInKind, call.Callee.Span, $"'{name}'", KindWord, "; spatial operators belong to fields");
                return new BoundError(call.Span);
            }
            for (int k = 0; k < arguments.Count; k++)
            {
                bool wantsCondition = builtin.UnitRule == FunctionUnitRule.ConditionToNumber
                                      || (builtin.UnitRule == FunctionUnitRule.Conditional && k == 0);
                if (wantsCondition) RequireCondition(arguments[k], $"the first argument of {name}");
                else RequireNumber(arguments[k]);
            }
            return new BoundCall(builtin, arguments, call.Span);
        }
        if (_symbols.TryGetValue(name, out var symbol))
        {
            Report(DiagnosticDescriptors.UnknownFunction, call.Callee.Span, name,
                $"; it is {symbol.KindWithArticle}{(symbol.Rank > 0 ? $" — index it with brackets: {name}[…]" : " — to multiply, write '*'")}");
            return new BoundError(call.Span);
        }
        var candidates = BuiltinFunction.Names.Concat(_functions.Keys);
        string? suggestion = NameSuggester.Closest(name, candidates, 2);
        Report(DiagnosticDescriptors.UnknownFunction, call.Callee.Span, name,
            suggestion is null ? "" : $"; did you mean '{suggestion}'?");
        return new BoundError(call.Span);
    }

    private BoundExpr BindUserCall(CallExpr call, FunctionDecl function, BindingScope scope)
    {
        // The outermost call of an expression owns the inlining budget: the calls in its
        // arguments and in the bodies it inlines count towards it.
        bool outermost = _inlining.Depth == 0;
        if (outermost) _inlining.Start();
        else if (_inlining.Exceeded) return new BoundError(call.Span);
        BoundExpr result;
        _inlining.Depth++;
        try
        {
            result = BindUserCallCore(call, function, scope);
        }
        finally
        {
            _inlining.Depth--;
        }
        if (!outermost || !_inlining.Exceeded) return result;
        Report(DiagnosticDescriptors.BudgetExceeded, call.Span, _inlining.Describe(function.Name.Name));
        _inlining.Exceeded = false;
        return new BoundError(call.Span);
    }

    private BoundExpr BindUserCallCore(CallExpr call, FunctionDecl function, BindingScope scope)
    {
        string name = function.Name.Name;
        var sizes = new long[call.Arguments.Count];
        var arguments = new List<BoundExpr>(call.Arguments.Count);
        for (int k = 0; k < call.Arguments.Count; k++)
        {
            long before = _inlining.Nodes;
            arguments.Add(BindValue(call.Arguments[k], scope));
            sizes[k] = Math.Max(1, _inlining.Nodes - before);
        }
        if (arguments.Count != function.Parameters.Count)
        {
            Report(DiagnosticDescriptors.WrongArity, call.Span, name,
                $"{function.Parameters.Count} argument{(function.Parameters.Count == 1 ? "" : "s")}", arguments.Count);
            return new BoundError(call.Span);
        }
        foreach (var argument in arguments) RequireNumber(argument);
        if (function.Body is null) return new BoundOpaqueCall(name, arguments, call.Span);
        if (scope.FunctionStack.Contains(name))
        {
            Report(DiagnosticDescriptors.CyclicDefinition, call.Callee.Span, name,
                string.Join(" → ", scope.FunctionStack.SkipWhile(f => f != name).Concat(new[] { name })));
            return new BoundError(call.Span);
        }
        var map = new Dictionary<string, BoundExpr>(StringComparer.Ordinal);
        var sizeMap = new Dictionary<string, long>(StringComparer.Ordinal);
        for (int k = 0; k < arguments.Count; k++)
        {
            map[function.Parameters[k].Name] = arguments[k];
            sizeMap[function.Parameters[k].Name] = sizes[k];
        }
        return BindValue(function.Body, scope.ForFunctionBody(name, map, sizeMap));
    }

    private BoundExpr BindSum(CallExpr call, BindingScope scope)
    {
        var arguments = call.Arguments;
        if (arguments.Count == 1 && _model.Kind == ModelKind.Field)
        {
            // sum(u): the sum over all grid cells of a field.
            var body = BindValue(arguments[0], scope);
            RequireNumber(body);
            return new BoundSum(Array.Empty<IndexVariable>(), body, call.Span);
        }
        if (arguments.Count < 2)
        {
            Report(DiagnosticDescriptors.WrongArity, call.Span, "sum", "index names and a summand, as in sum(j, W[i,j]*x[j])",
                $"{arguments.Count} argument{(arguments.Count == 1 ? "" : "s")}");
            return new BoundError(call.Span);
        }
        var variables = new List<IndexVariable>();
        for (int k = 0; k < arguments.Count - 1; k++)
        {
            if (arguments[k] is Reference { Scope: null, Indices.Count: 0 } indexName)
            {
                if (scope.Indices.ContainsKey(indexName.Name.Name) || variables.Any(v => v.Name == indexName.Name.Name))
                {
                    Report(DiagnosticDescriptors.IndexAlreadyBound, indexName.Span, indexName.Name.Name,
                        scope.Indices.ContainsKey(indexName.Name.Name) ? "by the left-hand side or an enclosing sum" : "earlier in this sum");
                    return new BoundError(call.Span);
                }
                variables.Add(new IndexVariable(indexName.Name.Name, null));
            }
            else
            {
                Report(DiagnosticDescriptors.InvalidIndex, arguments[k].Span, _diagnostics.Source.Slice(arguments[k].Span),
                    "sum(i, …) names the index variables to sum over, then the summand");
                return new BoundError(call.Span);
            }
        }
        var summand = BindValue(arguments[arguments.Count - 1], scope.WithIndices(variables));
        RequireNumber(summand);
        foreach (var variable in variables)
        {
            if (variable.Set is null)
            {
                Report(DiagnosticDescriptors.UnboundIndex, call.Span, variable.Name);
                return new BoundError(call.Span);
            }
        }
        return new BoundSum(variables, summand, call.Span);
    }

    /// <summary>
    /// In a field, x, y and z (when not declared as something else) name the grid's axes: in
    /// d(E)/d(x) and as the axis of upwind(c, E, y). The axis index, or null.
    /// </summary>
    private int? GridAxis(Expr expr) =>
        _model.Kind == ModelKind.Field && expr is Reference { Scope: null, Indices.Count: 0 } reference
        && !_symbols.ContainsKey(reference.Name.Name)
            ? reference.Name.Name switch { "x" => 0, "y" => 1, "z" => 2, _ => (int?)null }
            : null;

    private BoundExpr BindDerivative(DerivativeExpr derivative, BindingScope scope)
    {
        if (GridAxis(derivative.WithRespectTo) is int axis)
        {
            // d(E)/d(x) in a field: the spatial derivative along a grid axis.
            var value = BindValue(derivative.Of, scope);
            RequireNumber(value);
            return new BoundCall(BuiltinFunction.PartialDerivative(axis), new[] { value }, derivative.Span);
        }
        BoundExpr of;
        if (derivative.Of is Reference { Scope: null, Indices.Count: 0 } name
            && _symbols.TryGetValue(name.Name.Name, out var symbol) && symbol is NamedQuantitySymbol quantity)
        {
            // d(E)/d(x): E is an energy or invariant; its value is differentiated.
            if (quantity.Value is null) return new BoundError(derivative.Span);
            of = quantity.Value;
        }
        else
        {
            of = BindValue(derivative.Of, scope);
        }
        var wrt = BindValue(derivative.WithRespectTo, scope);
        if (wrt is not BoundSymbolRef { Symbol: StateSymbol or ParameterSymbol or InputSymbol } variable)
        {
            if (wrt is not BoundError)
                Report(DiagnosticDescriptors.NotAValue, derivative.WithRespectTo.Span, _diagnostics.Source.Slice(derivative.WithRespectTo.Span),
                    "not a variable", "; d(…)/d(x) differentiates with respect to a state, input or parameter");
            return new BoundError(derivative.Span);
        }
        return new BoundDerivative(of, variable, derivative.Span);
    }

    // ---- checks and messages ------------------------------------------------------------------

    private void RequireNumber(BoundExpr expr)
    {
        if (expr.IsCondition)
            Report(DiagnosticDescriptors.TypeMismatch, expr.Span,
                "expected a number, found a condition; to use a condition as 0 or 1 write int(…)");
    }

    private void RequireCondition(BoundExpr expr, string where)
    {
        if (!expr.IsCondition && expr is not BoundError)
            Report(DiagnosticDescriptors.TypeMismatch, expr.Span,
                $"{where} needs a condition such as 'v > v_th', found a number");
    }

    private void ReportUndefined(Identifier name, BindingScope scope)
    {
        var candidates = _symbols.Keys.Concat(_builtins.Keys).Concat(scope.Indices.Keys).Concat(scope.Arguments.Keys);
        string? suggestion = NameSuggester.Closest(name.Name, candidates, 2);
        string hint = suggestion is null ? "" : $"; did you mean '{suggestion}'?";
        Report(DiagnosticDescriptors.UndefinedName, name.Span, name.Name, ModelWords, hint);
    }

    private void ReportNotAllowedHere(Reference reference, Symbol symbol, BindingScope scope) =>
        Report(DiagnosticDescriptors.NotAllowedHere, reference.Span, reference.Name.Name,
            symbol is BuiltinSymbol ? "the time or time step" : symbol.KindWithArticle, scope.Where, "parameters and constants");
}
