using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DynLang.Core.Diagnostics;

namespace DynLang.Core.Lowering.Ir;

/// <summary>
/// Moves subexpressions that are the same for every element (only numbers and uniforms: the
/// parameters, dt, t, per-step values) out of the per-element code into uniforms computed once
/// per step on the host: <c>__k0</c>, <c>__k1</c>, … In COBAHH, <c>0.32/mV*4 mV/…/ms</c> and
/// <c>g_na/Cm</c>-style terms were divided out again for every neuron and every step.
/// <para>
/// Values do not change, bit for bit, where this is applied: only whole subtrees move (the user's
/// grouping is kept, nothing is reassociated), the host computes them in double with the same
/// operations as the kernel, and every operation is pure. So it is applied to double-precision
/// kernels only (a float kernel computes the same tree in float), and in the fast math mode
/// subtrees with function calls stay in the kernel (the host calls the platform functions, the
/// kernel FastMath). Conditions and lone names or numbers never move.
/// </para>
/// </summary>
internal static class UniformHoisting
{
    /// <summary>Prefix of the hoisted uniforms (model names never contain "__").</summary>
    public const string Prefix = "__k";

    /// <summary>The statements with per-step subexpressions replaced by uniforms, and those uniforms in order.</summary>
    public static (List<IrAssign> Body, List<IrAssign> Uniforms) Hoist(IReadOnlyList<IrAssign> body, bool allowCalls)
    {
        var hoister = new Hoister(allowCalls);
        var result = new List<IrAssign>(body.Count);
        foreach (var assign in body)
            result.Add(assign with { Value = hoister.Place(hoister.Visit(assign.Value)) });
        return (result, hoister.Uniforms);
    }

    // One bottom-up pass: Visit says whether a subtree is per-step (then it is returned untouched
    // and gets a value number: equal numbers, identical trees), and a node that is not places its
    // per-step operands, so only maximal subtrees move and every node is visited once.
    private sealed class Hoister(bool allowCalls)
    {
        private readonly Dictionary<IrExpr, int> _numbers = new(IrReferenceComparer.Instance);
        private readonly Dictionary<string, int> _byKey = new(StringComparer.Ordinal);
        private readonly Dictionary<int, string> _names = new();

        public List<IrAssign> Uniforms { get; } = new();

        public (IrExpr Expr, bool PerStep) Visit(IrExpr expr)
        {
            StackGuard.Ensure();
            switch (expr)
            {
                case IrConstant constant:
                    return PerStep(expr, "c" + BitConverter.DoubleToInt64Bits(constant.Value).ToString(CultureInfo.InvariantCulture));
                case IrRef reference:
                    return reference.Kind == SlotKind.Uniform ? PerStep(expr, "u" + reference.Name) : (expr, false);
                case IrUnary unary:
                {
                    var operand = Visit(unary.Operand);
                    return operand.PerStep
                        ? PerStep(expr, $"-{(int)unary.Op}({_numbers[unary.Operand]})")
                        : (unary with { Operand = operand.Expr }, false);
                }
                case IrBinary binary:
                {
                    var left = Visit(binary.Left);
                    var right = Visit(binary.Right);
                    return left.PerStep && right.PerStep
                        ? PerStep(expr, $"b{(int)binary.Op}({_numbers[binary.Left]},{_numbers[binary.Right]})")
                        : (binary with { Left = Place(left), Right = Place(right) }, false);
                }
                case IrCall call:
                {
                    var arguments = call.Arguments.Select(Visit).ToList();
                    return allowCalls && arguments.All(a => a.PerStep)
                        ? PerStep(expr, $"f{(int)call.Function}({string.Join(",", call.Arguments.Select(a => _numbers[a]))})")
                        : (call with { Arguments = arguments.Select(Place).ToList() }, false);
                }
                case IrSelect select:
                {
                    var condition = Visit(select.Condition);
                    var whenTrue = Visit(select.WhenTrue);
                    var whenFalse = Visit(select.WhenFalse);
                    return condition.PerStep && whenTrue.PerStep && whenFalse.PerStep
                        ? PerStep(expr, $"s({_numbers[select.Condition]},{_numbers[select.WhenTrue]},{_numbers[select.WhenFalse]})")
                        : (select with { Condition = Place(condition), WhenTrue = Place(whenTrue), WhenFalse = Place(whenFalse) }, false);
                }
                default:
                    return (expr, false); // noise draws, loads, sums
            }
        }

        // Numbers a per-step node by its operation and its operands' numbers (a key of constant size).
        private (IrExpr Expr, bool PerStep) PerStep(IrExpr expr, string key)
        {
            if (!_byKey.TryGetValue(key, out int number))
            {
                number = _byKey.Count;
                _byKey.Add(key, number);
            }
            _numbers[expr] = number;
            return (expr, true);
        }

        // A visited operand in the rewritten tree: a per-step one moves to a uniform.
        public IrExpr Place((IrExpr Expr, bool PerStep) visited) => visited.PerStep ? Move(visited.Expr) : visited.Expr;

        // A per-step subtree as a uniform (identical trees share one); a condition (not a number)
        // or a lone name, number or negated one stays, with its non-trivial parts moved.
        private IrExpr Move(IrExpr expr)
        {
            StackGuard.Ensure();
            if (expr is IrConstant or IrRef || expr is IrUnary { Operand: IrConstant or IrRef })
                return expr;
            if (expr.IsCondition)
            {
                return expr switch
                {
                    IrUnary unary => unary with { Operand = Move(unary.Operand) },
                    IrBinary binary => binary with { Left = Move(binary.Left), Right = Move(binary.Right) },
                    _ => expr,
                };
            }

            int number = _numbers[expr];
            if (!_names.TryGetValue(number, out string? name))
            {
                name = Prefix + Uniforms.Count.ToString(CultureInfo.InvariantCulture);
                _names.Add(number, name);
                Uniforms.Add(new IrAssign(name, expr, Comment: $"{IrText.Print(expr)}: the same for every element, computed once per step"));
            }
            return new IrRef(name, SlotKind.Uniform);
        }
    }
}
