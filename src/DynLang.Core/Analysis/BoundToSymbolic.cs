using System;
using System.Collections.Generic;
using System.Linq;

using DynLang.Core.Binding;
using DynLang.Core.Symbolic;
using Expr = DynLang.Core.Symbolic.Expr;
using BinaryOp = DynLang.Core.Ast.BinaryOp;
using UnaryOp = DynLang.Core.Ast.UnaryOp;

namespace DynLang.Core.Analysis;

/// <summary>
/// Converts bound expressions into the symbolic engine's canonical expressions, for analysis
/// (linearity, propagators, derivatives, the symbolic checks). Symbols keep their .dyn names;
/// index variables become <see cref="Idx"/>; definitions are inlined so that an equation's
/// dependence on the states is explicit. Conditions and piecewise functions become opaque
/// functions (their derivatives are unknown), which keeps every analysis sound.
/// </summary>
public sealed class BoundToSymbolic
{
    private readonly bool _inlineDefinitions;
    private readonly Dictionary<DefinitionSymbol, Expr> _definitionCache = new();

    /// <summary>Creates a converter; with <paramref name="inlineDefinitions"/> definitions are replaced by their values.</summary>
    public BoundToSymbolic(bool inlineDefinitions = true) => _inlineDefinitions = inlineDefinitions;

    /// <summary>The symbolic form of <paramref name="expr"/>.</summary>
    public Expr Convert(BoundExpr expr)
    {
        global::DynLang.Core.Diagnostics.StackGuard.Ensure();
        switch (expr)
        {
            case BoundLiteral literal:
                return Number(literal.Value);
            case BoundSymbolRef reference:
                return ConvertReference(reference);
            case BoundUnary unary:
                return unary.Op switch
                {
                    UnaryOp.Negate => Expr.Neg(Convert(unary.Operand)),
                    UnaryOp.Plus => Convert(unary.Operand),
                    _ => Expr.Call("not", Convert(unary.Operand)),
                };
            case BoundBinary binary:
                return ConvertBinary(binary);
            case BoundCall call:
                return ConvertCall(call);
            case BoundOpaqueCall opaque:
                return Expr.Call(opaque.Name, opaque.Arguments.Select(Convert).ToArray());
            case BoundSum sum:
                if (sum.Over.Count == 0) return Expr.Call("sum_grid", Convert(sum.Body));
                return Expr.Sum(sum.Over.Select(v => Expr.Index(v.Name)).ToList(), Convert(sum.Body));
            case BoundDerivative derivative:
                return Differentiator.Diff(Convert(derivative.Of), SymbolOf(derivative.WithRespectTo));
            default:
                throw new NotSupportedException("this expression did not bind");
        }
    }

    /// <summary>
    /// A number as the shortest decimal that round-trips to the same double: 0.04 becomes 1/25,
    /// not the binary fraction the double holds, so residuals in messages read as the user wrote
    /// them — and converting back to double gives the very same value.
    /// </summary>
    public static Expr Number(double value) =>
        double.IsNaN(value) || double.IsInfinity(value)
            ? throw new NotSupportedException($"the value {value} cannot be used in symbolic analysis")
            : Expr.Number(BigRational.Parse(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The symbol a reference denotes (indices included), without inlining.</summary>
    public static Sym SymbolOf(BoundSymbolRef reference)
    {
        string name = reference.Scope is null ? reference.Symbol.Name : reference.Scope + "." + reference.Symbol.Name;
        var indices = reference.Indices.Select(IndexExpr).ToArray();
        return Expr.Symbol(name, indices);
    }

    private static Expr IndexExpr(BoundIndex index) =>
        index.Offset == 0 ? Expr.Index(index.Variable.Name) : Expr.Add(Expr.Index(index.Variable.Name), Expr.Number(index.Offset));

    private Expr ConvertReference(BoundSymbolRef reference)
    {
        switch (reference.Symbol)
        {
            case BuiltinSymbol { IsTimeLike: false } constant:
                return Number(constant.Value);
            case DefinitionSymbol definition when _inlineDefinitions && definition.Value is not null:
            {
                if (!_definitionCache.TryGetValue(definition, out var value))
                {
                    value = Convert(definition.Value);
                    _definitionCache[definition] = value;
                }
                if (reference.Indices.Count == 0) return value;
                // y[k] where y[i] = …: rename the definition's index variables to the use's indices.
                var map = new Dictionary<Idx, Expr>();
                for (int k = 0; k < definition.IndexVariables.Count; k++)
                    map[Expr.Index(definition.IndexVariables[k].Name)] = IndexExpr(reference.Indices[k]);
                return Substitution.SubstituteIndices(value, map);
            }
            default:
                return SymbolOf(reference);
        }
    }

    private Expr ConvertBinary(BoundBinary binary)
    {
        var left = Convert(binary.Left);
        var right = Convert(binary.Right);
        try
        {
            return Combine(binary.Op, left, right);
        }
        catch (DivideByZeroException)
        {
            // x/0 or 0^-1 written in the model: the engine has no value for it; analyses that
            // catch NotSupportedException give up on this expression instead of failing.
            throw new NotSupportedException("the expression divides by zero");
        }
    }

    private static Expr Combine(BinaryOp op, Expr left, Expr right)
    {
        return op switch
        {
            BinaryOp.Add => Expr.Add(left, right),
            BinaryOp.Subtract => Expr.Sub(left, right),
            BinaryOp.Multiply => Expr.Mul(left, right),
            BinaryOp.Divide => Expr.Div(left, right),
            BinaryOp.Power => Expr.Pow(left, right),
            BinaryOp.Modulo => Expr.Call("mod", left, right),
            _ => Expr.Call(ConditionName(op), left, right),
        };
    }

    private static string ConditionName(BinaryOp op) => op switch
    {
        BinaryOp.Less => "lt",
        BinaryOp.LessOrEqual => "le",
        BinaryOp.Greater => "gt",
        BinaryOp.GreaterOrEqual => "ge",
        BinaryOp.Equal => "eq",
        BinaryOp.NotEqual => "ne",
        BinaryOp.And => "and",
        _ => "or",
    };

    private Expr ConvertCall(BoundCall call)
    {
        var args = call.Arguments.Select(Convert).ToArray();
        return call.Function.Name switch
        {
            "log" or "ln" => Expr.Ln(args[0]),
            "log10" => Expr.Div(Expr.Ln(args[0]), Expr.Ln(Expr.Number(10))),
            "sqrt" => Expr.Sqrt(args[0]),
            _ => Expr.Call(call.Function.Name, args),
        };
    }
}
