using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace DynLang.Core.Symbolic
{
    /// <summary>
    /// A canonical n-ary sum: at least two terms, no nested sums, like terms combined, at most one numeric
    /// term, terms sorted by the canonical order.
    /// </summary>
    public sealed class Add : Expr
    {
        internal Add(Expr[] terms)
            : base(ExprKind.Add, HashOf(terms, 17), MaxSumDepth(terms), SizeOf(terms))
        {
            TermArray = terms;
            Terms = new ReadOnlyCollection<Expr>(terms);
        }

        /// <summary>The terms in canonical order.</summary>
        public IReadOnlyList<Expr> Terms { get; }

        internal Expr[] TermArray { get; }

        internal override Expr[] ChildNodes => TermArray;

        internal override Expr MapChildren(Func<Expr, Expr> map)
        {
            var mapped = MapArray(TermArray, map, out bool changed);
            return changed ? AddBuilder.Build(mapped) : this;
        }

        private protected override bool EqualsSameKind(Expr other) => SequenceEqual(TermArray, ((Add)other).TermArray);
    }
}
