using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace DynLang.Core.Symbolic
{
    /// <summary>
    /// Σ over one or more bound index variables of <see cref="Body"/>. The size of an index set is not known
    /// symbolically.
    /// </summary>
    /// <remarks>
    /// <para>Canonical form (see <c>SumBuilder</c>): nested sums are merged, Kronecker deltas on a bound index
    /// are eliminated (Σ_k δ(k,i)·f(k) = f(i)), and factors that do not depend on a bound index are pulled out,
    /// so the body of a canonical sum is never a product with a bound-index-free factor.</para>
    /// <para>Equality is α-equivalence: a bound index that subscripts a symbol (its range is that array axis)
    /// may be renamed, so Σ_j W[i,j]·x[j] equals Σ_k W[i,k]·x[k] (complete for up to four such indices per
    /// sum; beyond that, equal sums may compare unequal, never the reverse). A bound index that subscripts nothing
    /// (Σ_j 1) keeps its name, because without an array axis its range could differ from another index's;
    /// primes do not count (i' is taken to range like i), since capture-avoiding renaming produces them.</para>
    /// </remarks>
    public sealed class Sum : Expr
    {
        private readonly Expr[] _children;

        internal Sum(Idx[] indices, Expr body, Expr alphaKey, string[] unanchored)
            : base(ExprKind.Sum, KeyHash(indices.Length, alphaKey, unanchored), body.SumDepth + 1, body.Size + indices.Length + 1)
        {
            IndexArray = indices;
            Indices = new ReadOnlyCollection<Idx>(indices);
            Body = body;
            AlphaKey = alphaKey;
            UnanchoredNames = unanchored;
            _children = new[] { body };
        }

        /// <summary>The bound indices, sorted by name.</summary>
        public IReadOnlyList<Idx> Indices { get; }

        /// <summary>The summand.</summary>
        public Expr Body { get; }

        internal Idx[] IndexArray { get; }

        /// <summary>The body with anchored bound indices renamed to canonical placeholders (see remarks).</summary>
        internal Expr AlphaKey { get; }

        /// <summary>Base names (primes stripped) of the bound indices that subscript no symbol, sorted.</summary>
        internal string[] UnanchoredNames { get; }

        internal override Expr[] ChildNodes => _children;

        internal override Expr MapChildren(Func<Expr, Expr> map)
        {
            var body = map(Body);
            return ReferenceEquals(body, Body) ? this : SumBuilder.Build(IndexArray, body);
        }

        private protected override bool EqualsSameKind(Expr other)
        {
            var s = (Sum)other;
            return IndexArray.Length == s.IndexArray.Length
                && UnanchoredNames.SequenceEqual(s.UnanchoredNames, StringComparer.Ordinal)
                && AlphaKey.Equals(s.AlphaKey);
        }

        private protected override string[] ComputeFreeIndexNames()
        {
            var bound = new HashSet<string>(IndexArray.Select(i => i.Name), StringComparer.Ordinal);
            return Body.FreeIndexNames.Where(n => !bound.Contains(n)).ToArray();
        }

        private static int KeyHash(int count, Expr key, string[] unanchored)
        {
            int h = HashUtil.Combine(count, key.GetHashCode());
            foreach (var name in unanchored)
            {
                h = HashUtil.Combine(h, HashUtil.String(name));
            }

            return h;
        }
    }
}
