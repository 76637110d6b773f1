using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Ast;
using DynLang.Core.Binding;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Lowering.Fields;

/// <summary>A term that bounds a field's step: its coefficient is (±<paramref name="Coefficient"/>)·<paramref name="Inner"/>,
/// a missing part meaning 1 — the factor outside the operator and the one inside it (div(K·grad(E)), upwind(c, E));
/// both are expressions of parameters and numbers.</summary>
internal sealed record FieldStabilitySource(string State, bool IsDiffusion, bool Negated, BoundExpr? Coefficient, BoundExpr? Inner);

/// <summary>
/// Finds the terms of each right-hand side that bound an explicit step: D·laplacian(E),
/// div(D·grad(E)), D·div(grad(E)), c·grad(E), c·d(E)/d(x) and upwind(c, E), with D and c
/// expressions of parameters and numbers. The generated Step checks D·dt/dx² and |c|·dt/dx
/// against the solver's limits before it runs, and the build-time check
/// (Checks/StabilityCheck.cs) evaluates the same terms against the same limits
/// (<see cref="FieldStabilityLimits"/>) at the default parameters. Terms whose coefficient varies
/// over the grid are checked by neither (their bound is not known before the step).
/// </summary>
internal static class FieldStability
{
    public static void Collect(BoundModel model, FieldProgram program)
    {
        foreach (var source in Find(model))
        {
            IrExpr value = source.Coefficient is null ? new IrConstant(1) : Lower(source.Coefficient);
            if (source.Negated) value = new IrUnary(IrUnaryOp.Negate, value);
            if (source.Inner is not null) value = new IrBinary(IrBinaryOp.Multiply, value, Lower(source.Inner));
            program.Stability.Add(new FieldStabilityTerm(source.State, source.IsDiffusion, value));
        }
    }

    /// <summary>The step-bounding terms of every equation, in equation and term order.</summary>
    public static List<FieldStabilitySource> Find(BoundModel model)
    {
        var found = new List<FieldStabilitySource>();
        foreach (var equation in model.Equations)
        {
            foreach (var (term, negated) in Terms(equation.Rhs, false))
            {
                if (!TrySplit(term, out var coefficient, out var op)) continue;
                string state = equation.State.Name;
                if (op is BoundCall { Function.Name: "div" } div && TryGradientCoefficient(div.Arguments[0], out var inner))
                    found.Add(new FieldStabilitySource(state, true, negated, coefficient, inner));
                else if (op is BoundCall { Function.Name: "laplacian" })
                    found.Add(new FieldStabilitySource(state, true, negated, coefficient, null));
                else if (op is BoundCall { Function.Name: "grad" or "d/dx" or "d/dy" or "d/dz" })
                    found.Add(new FieldStabilitySource(state, false, negated, coefficient, null));
                else if (op is BoundCall { Function.Name: "upwind" or "upwind/y" or "upwind/z" } upwind && IsUniform(upwind.Arguments[0]))
                    // upwind(c, E): the velocity is the first argument; |c·K|·dt/dx ≤ 1 (the CFL number).
                    found.Add(new FieldStabilitySource(state, false, negated, coefficient, upwind.Arguments[0]));
            }
        }
        return found;
    }

    /// <summary>The terms of a sum, with the sign they enter with.</summary>
    private static System.Collections.Generic.IEnumerable<(BoundExpr Term, bool Negated)> Terms(BoundExpr expr, bool negated)
    {
        global::DynLang.Core.Diagnostics.StackGuard.Ensure();
        switch (expr)
        {
            case BoundBinary { Op: BinaryOp.Add } add:
                foreach (var t in Terms(add.Left, negated)) yield return t;
                foreach (var t in Terms(add.Right, negated)) yield return t;
                break;
            case BoundBinary { Op: BinaryOp.Subtract } sub:
                foreach (var t in Terms(sub.Left, negated)) yield return t;
                foreach (var t in Terms(sub.Right, !negated)) yield return t;
                break;
            case BoundUnary { Op: UnaryOp.Negate } neg:
                foreach (var t in Terms(neg.Operand, !negated)) yield return t;
                break;
            default:
                yield return (expr, negated);
                break;
        }
    }

    /// <summary>op or K*op / op*K with K free of the grid and op a spatial call.</summary>
    private static bool TrySplit(BoundExpr term, out BoundExpr? coefficient, out BoundExpr op)
    {
        coefficient = null;
        op = term;
        if (term is BoundCall { Function.UnitRule: FunctionUnitRule.Spatial }) return true;
        if (term is BoundBinary { Op: BinaryOp.Multiply } product)
        {
            if (product.Right is BoundCall { Function.UnitRule: FunctionUnitRule.Spatial } && IsUniform(product.Left))
            {
                coefficient = product.Left;
                op = product.Right;
                return true;
            }
            if (product.Left is BoundCall { Function.UnitRule: FunctionUnitRule.Spatial } && IsUniform(product.Right))
            {
                coefficient = product.Right;
                op = product.Left;
                return true;
            }
        }
        return false;
    }

    private static bool TryGradientCoefficient(BoundExpr argument, out BoundExpr? coefficient)
    {
        coefficient = null;
        if (argument is BoundCall { Function.Name: "grad" }) return true;
        if (TrySplit(argument, out coefficient, out var op) && op is BoundCall { Function.Name: "grad" }) return true;
        return false;
    }

    private static bool IsUniform(BoundExpr expr) => BoundWalker.DescendantsAndSelf(expr).All(e => e switch
    {
        BoundSymbolRef { Symbol: ParameterSymbol { Rank: 0 } } => true,
        BoundSymbolRef { Symbol: BuiltinSymbol { IsTimeLike: false } } => true,
        BoundSymbolRef => false,
        BoundCall { Function.UnitRule: FunctionUnitRule.Spatial } => false,
        _ => true,
    });

    private static IrExpr Lower(BoundExpr expr) => new ExpressionLowerer(r => r.Symbol is ParameterSymbol p
        ? new IrRef(p.Name, SlotKind.Uniform)
        : throw new LoweringException(r.Span, "a stability coefficient may use only parameters")).Lower(expr);
}
