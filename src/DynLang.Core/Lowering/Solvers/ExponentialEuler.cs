using System;
using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Analysis;
using DynLang.Core.Binding;
using DynLang.Core.Lowering.Ir;
using DynLang.Core.Symbolic;
using DynLang.Core.Text;

namespace DynLang.Core.Lowering.Solvers;

/// <summary>
/// Exponential Euler, as Brian2's <c>exponential_euler</c> (brian2/stateupdaters/exponential_euler.py):
/// each equation must be <em>conditionally linear</em>, dx/dt = A·x + B with A and B free of x
/// (they may depend non-linearly on the other states, which are held at their values at the
/// step's start). Then, for every state, from the values at the step's start:
/// <code>
/// A == 0 (x absent):  x' = x + dt*B                      (Brian2: s_var + s_dt*B)
/// B == 0:             x' = x*exp(A*dt)
/// otherwise:          BA = B/A;  x' = (x + BA)*exp(A*dt) - BA   (Brian2: _BA_x = B/A; (x + _BA_x)*exp(A*dt) - _BA_x)
/// </code>
/// Like Brian2, the cases are told apart symbolically (A or B identically zero), not at run
/// time: an A that is zero only for some parameter or input values divides by zero there.
/// This is exact for each equation on its own with the others frozen, which makes it the
/// method of choice for Hodgkin–Huxley gating variables and conductance-based membranes
/// (stable for any dt; first order in dt overall).
/// <para>
/// A and B are found with the symbolic engine: A = ∂f/∂x, B = f(x = 0), accepted when A is free
/// of x and f − (A·x + B) provably simplifies to zero. Definitions that depend on x are inlined
/// first (the coefficient must see them); the others stay names, computed once per element as
/// the other solvers compute them.
/// </para>
/// </summary>
internal sealed class ExponentialEuler : IElementwiseSolver
{
    private sealed record Split(BoundEquation Equation, Expr A, Expr B);

    private readonly BoundModel _model;
    private readonly IReadOnlyList<Split> _splits;

    private ExponentialEuler(BoundModel model, IReadOnlyList<Split> splits)
    {
        _model = model;
        _splits = splits;
    }

    /// <summary>
    /// For a model that names <c>solver exponential_euler</c>: the prepared solver, or a located
    /// DL0311 (an equation that is not conditionally linear; an indexed model, for which this
    /// solver is not generated yet).
    /// </summary>
    public static bool TryPrepare(BoundModel model, IReadOnlyList<BoundEquation> equations, bool indexed, Ast.SolverDecl declared,
        Diagnostics.DiagnosticBag diagnostics, out IElementwiseSolver? prepared, out string reason)
    {
        prepared = null;
        reason = "named in the model; every equation is linear in its own state, which each step integrates exactly with the others held.";
        if (indexed)
        {
            diagnostics.Report(Diagnostics.DiagnosticDescriptors.ExponentialEulerNotApplicable, declared.Name.Span,
                "it is generated for models of independent elements only (neurons, systems without indices), not yet for indexed models");
            return false;
        }
        prepared = TryCreate(model, equations, out string why, out var where);
        if (prepared is null) diagnostics.Report(Diagnostics.DiagnosticDescriptors.ExponentialEulerNotApplicable, where, why);
        return prepared is not null;
    }

    /// <summary>The split of every equation (all of the model's, or a synapse's clock-driven ones), or null with the reason and the equation it concerns.</summary>
    public static ExponentialEuler? TryCreate(BoundModel model, IReadOnlyList<BoundEquation> equations, out string reason, out TextSpan where)
    {
        reason = "";
        where = model.Syntax.Name.Span;
        var inlined = new BoundToSymbolic();
        var named = new BoundToSymbolic(inlineDefinitions: false);
        var definitions = model.Definitions.ToDictionary(d => d.Name, StringComparer.Ordinal);
        var splits = new List<Split>();
        foreach (var equation in equations)
        {
            where = equation.Rhs.Span;
            string x = equation.State.Name;
            try
            {
                var f = named.Convert(equation.Rhs);
                var inline = new Dictionary<Sym, Expr>();
                foreach (var symbol in f.FreeSymbols())
                {
                    if (symbol.Indices.Count == 0 && definitions.TryGetValue(symbol.Name, out var definition) && definition.Value is not null)
                    {
                        var value = inlined.Convert(definition.Value);
                        if (value.ContainsSymbol(x)) inline[symbol] = value;
                    }
                }
                if (inline.Count > 0) f = Substitution.Substitute(f, inline);
                var state = Expr.Symbol(x);
                var a = Differentiator.Diff(f, state);
                if (ExprAnalysis.ContainsUnevaluatedDerivative(a))
                {
                    reason = $"d{x}/dt uses a function of {x} with no known derivative, so it cannot be shown to be linear in {x}";
                    return null;
                }
                if (a.ContainsSymbol(x))
                {
                    string text = a.ToString();
                    string quoted = text.Length <= 40 && text.IndexOf('∂') < 0 ? $" ({text})" : "";
                    reason = $"d{x}/dt is not linear in {x}: its coefficient{quoted} depends on {x}";
                    return null;
                }
                var b = Substitution.Substitute(f, state, Expr.Zero);
                if (!ZeroTester.IsZero(Expr.Sub(f, Expr.Add(Expr.Mul(a, state), b))).IsProven)
                {
                    reason = $"d{x}/dt could not be shown to be linear in {x}";
                    return null;
                }
                splits.Add(new Split(equation, a, b));
            }
            catch (SymbolicBudgetExceededException e)
            {
                reason = $"d{x}/dt is too large to analyse symbolically ({e.Message})";
                return null;
            }
            catch (NotSupportedException e)
            {
                reason = $"d{x}/dt: {e.Message}";
                return null;
            }
        }
        where = model.Syntax.Name.Span;
        return new ExponentialEuler(model, splits);
    }

    public void Emit(ElementwiseProgram program, ElementwiseLowerer lowerer)
    {
        var operands = new SymbolicOperands(_model);
        var toIr = operands.Converter(state => ElementwiseLowerer.Ref(state.Name));
        // Definitions kept as names in A or B, computed from the values at the step's start.
        var used = operands.Definitions(_splits.SelectMany(s => s.A.FreeSymbols().Concat(s.B.FreeSymbols()))).ToList();
        if (used.Count > 0)
        {
            var roots = used.Select(d => (BoundExpr)new BoundSymbolRef(d, Array.Empty<BoundIndex>(), null, d.Syntax.Span));
            lowerer.EmitDefinitions(roots, 1, lowerer.StageLowerer(1, s => s.Name, "t"));
        }
        foreach (var split in _splits)
        {
            var equation = split.Equation;
            string x = equation.State.Name;
            int at = equation.Syntax.Span.Start;
            IrExpr Convert(Expr e)
            {
                try
                {
                    return toIr.Convert(e);
                }
                catch (NotSupportedException error)
                {
                    throw new LoweringException(equation.Rhs.Span, error.Message);
                }
            }
            var dt = ElementwiseLowerer.Uniform("dt");
            if (split.A.IsZero)
            {
                // Brian2: A == 0 gives the Euler step x + dt*B (B is the whole right-hand side).
                var f = lowerer.Derivatives(new[] { equation }, 1, s => s.Name, "t");
                lowerer.Add(ElementwiseLowerer.NewLocal(equation.State),
                    new IrBinary(IrBinaryOp.Add, ElementwiseLowerer.Ref(x), new IrBinary(IrBinaryOp.Multiply, dt, ElementwiseLowerer.Ref(f[equation.State]))),
                    at, $"exponential_euler: d{x}/dt does not depend on {x}, so {x} + dt*f");
                continue;
            }
            string aLocal = $"{x}__A";
            lowerer.Add(aLocal, Convert(split.A), at, $"exponential_euler: d{x}/dt = A*{x} + B with A = {Shorten(split.A)}");
            var growth = new IrCall(IrFunction.Exp, new IrExpr[] { new IrBinary(IrBinaryOp.Multiply, ElementwiseLowerer.Ref(aLocal), dt) });
            if (split.B.IsZero)
            {
                lowerer.Add(ElementwiseLowerer.NewLocal(equation.State),
                    new IrBinary(IrBinaryOp.Multiply, ElementwiseLowerer.Ref(x), growth), at, $"{x}*exp(A*dt)");
                continue;
            }
            string baLocal = $"{x}__BA";
            lowerer.Add(baLocal, new IrBinary(IrBinaryOp.Divide, Convert(split.B), ElementwiseLowerer.Ref(aLocal)), at, "B/A");
            lowerer.Add(ElementwiseLowerer.NewLocal(equation.State),
                new IrBinary(IrBinaryOp.Subtract,
                    new IrBinary(IrBinaryOp.Multiply, new IrBinary(IrBinaryOp.Add, ElementwiseLowerer.Ref(x), ElementwiseLowerer.Ref(baLocal)), growth),
                    ElementwiseLowerer.Ref(baLocal)),
                at, $"({x} + B/A)*exp(A*dt) - B/A");
        }
    }

    private static string Shorten(Expr e)
    {
        string text = e.ToString().Replace("\n", " ");
        return text.Length <= 60 ? text : text.Substring(0, 57) + "...";
    }
}
