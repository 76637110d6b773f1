using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace DynLang.Core.Symbolic
{
    /// <summary>
    /// A canonical n-ary product: a numeric <see cref="Coefficient"/> (never 0) and non-numeric
    /// <see cref="Factors"/> with pairwise distinct bases, sorted by base. When the coefficient is 1 there
    /// are at least two factors; a number times a single sum never occurs (the number is distributed).
    /// </summary>
    public sealed class Mul : Expr
    {
        internal Mul(BigRational coefficient, Expr[] factors)
            : base(ExprKind.Mul, HashOf(factors, coefficient.GetHashCode()), MaxSumDepth(factors), SizeOf(factors) + 1)
        {
            Coefficient = coefficient;
            FactorArray = factors;
            Factors = new ReadOnlyCollection<Expr>(factors);
        }

        /// <summary>The numeric coefficient.</summary>
        public BigRational Coefficient { get; }

        /// <summary>The non-numeric factors in canonical order.</summary>
        public IReadOnlyList<Expr> Factors { get; }

        internal Expr[] FactorArray { get; }

        internal override Expr[] ChildNodes => FactorArray;

        internal override Expr MapChildren(Func<Expr, Expr> map)
        {
            var mapped = MapArray(FactorArray, map, out bool changed);
            if (!changed)
            {
                return this;
            }

            var all = new Expr[mapped.Length + 1];
            all[0] = Number(Coefficient);
            Array.Copy(mapped, 0, all, 1, mapped.Length);
            return MulBuilder.Build(all);
        }

        private protected override bool EqualsSameKind(Expr other)
        {
            var m = (Mul)other;
            return Coefficient == m.Coefficient && SequenceEqual(FactorArray, m.FactorArray);
        }
    }
}
