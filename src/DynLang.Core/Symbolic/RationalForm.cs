using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;

namespace DynLang.Core.Symbolic
{
    /// <summary>
    /// An expression over a common denominator: <see cref="Numerator"/> / <see cref="Denominator"/>, with an
    /// expanded numerator and a factored denominator. Used to decide zero for rational functions such as
    /// a/b + c/d - (a*d + b*c)/(b*d): the expression is zero wherever defined exactly when the numerator is.
    /// </summary>
    /// <remarks>
    /// The common denominator is built factor by factor (for each base the largest power any term needs), so
    /// it stays a product of the denominators actually present rather than a product over all terms. No
    /// polynomial GCD is computed: a/b and (a·c)/(b·c) have different forms, which does not matter for zero
    /// testing. Function arguments, non-integer powers and sum bodies are normalized recursively and then
    /// treated as opaque atoms.
    /// </remarks>
    public sealed class RationalForm
    {
        private const string Operation = "together";
        private const int MaxRenormalizations = 8;

        // Larger integer powers are treated as atoms; multiplying them out would exceed any budget anyway.
        private const int MaxIntegerPower = 100_000;

        private RationalForm(Expr numerator, Expr denominator)
        {
            Numerator = numerator;
            Denominator = denominator;
        }

        /// <summary>The expanded numerator.</summary>
        public Expr Numerator { get; }

        /// <summary>The denominator, a product of powers (1 when there is none).</summary>
        public Expr Denominator { get; }

        /// <summary>Numerator / Denominator as one canonical expression.</summary>
        public Expr ToExpr() => Expr.Div(Numerator, Denominator);

        /// <inheritdoc />
        public override string ToString() => ToExpr().ToString();

        /// <summary>Puts <paramref name="e"/> over a common denominator with a fresh default budget.</summary>
        /// <exception cref="SymbolicBudgetExceededException">The work exceeds the budget.</exception>
        /// <exception cref="DivideByZeroException">A denominator is identically zero.</exception>
        public static RationalForm Together(Expr e) => Together(e, SymbolicBudget.CreateDefault());

        /// <summary>Puts <paramref name="e"/> over a common denominator, charging <paramref name="budget"/>.</summary>
        /// <exception cref="SymbolicBudgetExceededException">The work exceeds the budget.</exception>
        /// <exception cref="DivideByZeroException">A denominator is identically zero.</exception>
        public static RationalForm Together(Expr e, SymbolicBudget budget)
        {
            if (e == null)
            {
                throw new ArgumentNullException(nameof(e));
            }

            if (budget == null)
            {
                throw new ArgumentNullException(nameof(budget));
            }

            var worker = new Worker(budget);
            var f = worker.Convert(Expander.ExpandCore(e, budget), 0);
            worker.CancelAtoms(f);
            var denominator = MulBuilder.Build(f.Den.Select(kv => PowBuilder.Build(kv.Key, Expr.Number(kv.Value))));
            return new RationalForm(f.Num, denominator);
        }

        /// <summary>Numerator (expanded) and denominator as base → positive integer exponent.</summary>
        private sealed class Fraction
        {
            public Fraction(Expr num, Dictionary<Expr, int> den)
            {
                Num = num;
                Den = den;
            }

            public Expr Num { get; set; }

            public Dictionary<Expr, int> Den { get; }

            public static Fraction Atom(Expr e) => new Fraction(e, new Dictionary<Expr, int>());
        }

        private sealed class Worker
        {
            private readonly SymbolicBudget _budget;

            public Worker(SymbolicBudget budget)
            {
                _budget = budget;
            }

            public Fraction Convert(Expr e, int depth)
            {
                global::DynLang.Core.Diagnostics.StackGuard.Ensure();
                _budget.Step(Operation);
                switch (e)
                {
                    case Num _:
                    case Sym _:
                    case Idx _:
                    case Delta _:
                        return Fraction.Atom(e);
                    case Add a:
                        return ConvertSum(a, depth);
                    case Mul m:
                    {
                        var result = Fraction.Atom(Expr.Number(m.Coefficient));
                        foreach (var factor in m.FactorArray)
                        {
                            var part = Convert(factor, depth);
                            result.Num = Product(result.Num, part.Num);
                            foreach (var kv in part.Den)
                            {
                                result.Den.TryGetValue(kv.Key, out int existing);
                                result.Den[kv.Key] = checked(existing + kv.Value);
                            }
                        }

                        return result;
                    }

                    case Pow p when p.Exponent is Num n && n.Value.IsInteger && BigInteger.Abs(n.Value.Numerator) <= MaxIntegerPower:
                        return ConvertIntegerPower(p, (int)n.Value.Numerator, depth);
                    case Pow p:
                        return Renormalized(e, PowBuilder.Build(Normalize(p.Base, depth), Normalize(p.Exponent, depth)), depth);
                    case Func f:
                        return Renormalized(e, f.MapChildren(c => Normalize(c, depth)), depth);
                    case Derivative d:
                        return Renormalized(e, d.MapChildren(c => Normalize(c, depth)), depth);
                    case Sum s:
                    {
                        var rebuilt = Expander.ExpandCore(SumBuilder.Build(s.IndexArray, Normalize(s.Body, depth)), _budget);
                        return Renormalized(e, rebuilt, depth);
                    }

                    default:
                        throw new InvalidOperationException("Unknown expression kind " + e.Kind + ".");
                }
            }

            /// <summary>An atom whose parts were normalized: if normalizing changed its shape, convert the new
            /// shape (bounded, so a non-idempotent corner case cannot loop).</summary>
            private Fraction Renormalized(Expr original, Expr normalized, int depth)
            {
                bool isAtom = normalized is Sym || normalized is Func || normalized is Derivative || normalized is Sum
                    || normalized is Pow || normalized is Idx || normalized is Delta;
                if (isAtom || normalized.Equals(original) || depth >= MaxRenormalizations)
                {
                    return Fraction.Atom(normalized);
                }

                return Convert(normalized, depth + 1);
            }

            /// <summary>The expanded numerator·denominator⁻¹ form: equal rational functions with monomial
            /// denominators normalize to the same expression.</summary>
            private Expr Normalize(Expr e, int depth)
            {
                global::DynLang.Core.Diagnostics.StackGuard.Ensure();
                var f = Convert(Expander.ExpandCore(e, _budget), depth + 1);
                return Expander.ExpandCore(ToExpr(f), _budget);
            }

            private static Expr ToExpr(Fraction f)
            {
                var factors = new List<Expr> { f.Num };
                factors.AddRange(f.Den.Select(kv => PowBuilder.Build(kv.Key, Expr.Number(-kv.Value))));
                return MulBuilder.Build(factors);
            }

            private Fraction ConvertSum(Add a, int depth)
            {
                var parts = a.TermArray.Select(t => Convert(t, depth)).ToList();
                var common = new Dictionary<Expr, int>();
                foreach (var part in parts)
                {
                    foreach (var kv in part.Den)
                    {
                        if (!common.TryGetValue(kv.Key, out int existing) || existing < kv.Value)
                        {
                            common[kv.Key] = kv.Value;
                        }
                    }
                }

                var terms = new List<Expr>();
                foreach (var part in parts)
                {
                    var missing = new List<Expr> { part.Num };
                    foreach (var kv in common)
                    {
                        part.Den.TryGetValue(kv.Key, out int have);
                        if (kv.Value > have)
                        {
                            missing.Add(PowBuilder.Build(kv.Key, Expr.Number(kv.Value - have)));
                        }
                    }

                    var scaled = missing.Count == 1 ? part.Num : Expander.ExpandCore(MulBuilder.Build(missing), _budget);
                    terms.AddRange(Expander.TermsOf(scaled));
                    _budget.CheckTerms(Operation, terms.Count);
                }

                return new Fraction(AddBuilder.Build(terms), common);
            }

            private Fraction ConvertIntegerPower(Pow p, int n, int depth)
            {
                var b = Convert(p.Base, depth);
                if (n > 0)
                {
                    var den = b.Den.ToDictionary(kv => kv.Key, kv => checked(kv.Value * n));
                    return new Fraction(Expander.ExpandCore(PowBuilder.Build(b.Num, Expr.Number(n)), _budget), den);
                }

                int k = checked(-n);
                var numerator = Expander.ExpandCore(
                    MulBuilder.Build(b.Den.Select(kv => PowBuilder.Build(kv.Key, Expr.Number(checked(kv.Value * k))))), _budget);
                var result = new Fraction(numerator, new Dictionary<Expr, int>());
                MoveToDenominator(result, b.Num, k);
                return result;
            }

            /// <summary>Divides <paramref name="f"/> by <paramref name="q"/>^<paramref name="k"/>, where q is an expanded numerator.</summary>
            private void MoveToDenominator(Fraction f, Expr q, int k)
            {
                switch (q)
                {
                    case Num c:
                        if (c.Value.IsZero)
                        {
                            throw new DivideByZeroException("Division by an expression that is identically zero.");
                        }

                        f.Num = Product(f.Num, Expr.Number(c.Value.Pow(-k)));
                        return;
                    case Mul m:
                        f.Num = Product(f.Num, Expr.Number(m.Coefficient.Pow(-k)));
                        foreach (var factor in m.FactorArray)
                        {
                            AddDenominator(f, factor, k);
                        }

                        return;
                    default:
                        AddDenominator(f, q, k);
                        return;
                }
            }

            private static void AddDenominator(Fraction f, Expr factor, int k)
            {
                var b = factor;
                int e = 1;
                if (factor is Pow p && p.Exponent is Num n && n.Value.IsInteger && n.Value.Sign > 0)
                {
                    b = p.Base;
                    e = (int)n.Value.Numerator;
                }

                f.Den.TryGetValue(b, out int existing);
                f.Den[b] = checked(existing + e * k);
            }

            private Expr Product(Expr a, Expr b)
            {
                _budget.Step(Operation);
                if (a.IsOne)
                {
                    return b;
                }

                if (b.IsOne)
                {
                    return a;
                }

                return Expander.ExpandCore(MulBuilder.Build(new[] { a, b }), _budget);
            }

            /// <summary>Cancels powers of non-sum denominator bases that divide every numerator term.</summary>
            public void CancelAtoms(Fraction f)
            {
                foreach (var b in f.Den.Keys.ToList())
                {
                    if (b is Add)
                    {
                        continue;
                    }

                    int common = f.Den[b];
                    foreach (var term in Expander.TermsOf(f.Num))
                    {
                        common = Math.Min(common, PowerOf(term, b));
                        if (common == 0)
                        {
                            break;
                        }
                    }

                    if (common > 0)
                    {
                        f.Num = Expander.ExpandCore(MulBuilder.Build(new[] { f.Num, PowBuilder.Build(b, Expr.Number(-common)) }), _budget);
                        f.Den[b] -= common;
                        if (f.Den[b] == 0)
                        {
                            f.Den.Remove(b);
                        }
                    }
                }
            }

            /// <summary>The positive integer power of base <paramref name="b"/> in monomial <paramref name="term"/> (0 if none).</summary>
            private static int PowerOf(Expr term, Expr b)
            {
                var factors = term is Mul m ? m.FactorArray : new[] { term };
                foreach (var factor in factors)
                {
                    if (FactorView.BaseOf(factor).Equals(b))
                    {
                        var e = FactorView.ExponentOf(factor);
                        return e is Num n && n.Value.IsInteger && n.Value.Sign > 0 && n.Value.Numerator <= int.MaxValue ? (int)n.Value.Numerator : 0;
                    }
                }

                return 0;
            }
        }
    }
}
