using System;
using System.Collections.Generic;
using System.Linq;

namespace DynLang.Core.Symbolic
{
    /// <summary>
    /// Canonical index sums: merge nested sums, eliminate Kronecker deltas on bound indices
    /// (Σ_k δ(k,e)·f(k) = f(e), assuming e lies in k's range), pull out factors that do not depend on a
    /// bound index, and compute the α-equivalence key (see <see cref="Sum"/>).
    /// </summary>
    /// <remarks>
    /// Sums are not split over additions here — that is linearity, applied by the expander and the
    /// differentiator, because it can multiply the number of sums.
    /// </remarks>
    internal static class SumBuilder
    {
        // Up to this many anchored indices, the key is the smallest body over all orderings of them
        // (4! = 24 renamings, and nested sums multiply that); beyond, name order is used and α-equivalence
        // becomes incomplete (equal sums may then compare unequal — never the reverse).
        private const int MaxPermutedIndices = 4;

        public static Expr Build(IReadOnlyList<Idx> indices, Expr body)
        {
            global::DynLang.Core.Diagnostics.StackGuard.Ensure();
            if (indices == null)
            {
                throw new ArgumentNullException(nameof(indices));
            }

            if (body == null)
            {
                throw new ArgumentNullException(nameof(body));
            }

            var names = new List<string>();
            foreach (var index in indices)
            {
                if (index == null)
                {
                    throw new ArgumentNullException(nameof(indices), "An index is null.");
                }

                if (!names.Contains(index.Name))
                {
                    names.Add(index.Name);
                }
            }

            if (names.Count == 0)
            {
                return body;
            }

            body = FlattenInnerSums(names, body);
            body = EliminateDeltas(names, body);
            if (names.Count == 0 || body.IsZero)
            {
                return body;
            }

            var bound = new HashSet<string>(names);
            bool DependsOnBound(Expr e) => e.FreeIndexNames.Any(bound.Contains);
            var sortedIndices = names.OrderBy(n => n, Comparer<string>.Create(ExprOrder.CompareNames)).Select(Expr.Index).ToArray();

            if (body is Mul m)
            {
                var dependent = m.FactorArray.Where(DependsOnBound).ToList();
                if (!m.Coefficient.IsOne || dependent.Count < m.FactorArray.Length)
                {
                    var outside = m.FactorArray.Where(f => !DependsOnBound(f)).ToList();
                    outside.Add(Expr.Number(m.Coefficient));
                    outside.Add(Build(sortedIndices, MulBuilder.Build(dependent)));
                    return MulBuilder.Build(outside);
                }
            }
            else if (!body.IsOne && !DependsOnBound(body))
            {
                return MulBuilder.Build(new[] { body, Build(sortedIndices, Expr.One) });
            }

            return CreateNode(sortedIndices, body);
        }

        /// <summary>
        /// Merges sums that occur in the body — as the whole body or as a factor of it — into this one:
        /// Σ_i a_i·Σ_j w_ij·b_j = Σ_{i,j} a_i·w_ij·b_j. Nesting would not be canonical (the same double sum
        /// could be nested either way round), whereas one sum over an index set with the α-key over all
        /// orderings is. Inner bound indices that clash with outer names are renamed first.
        /// </summary>
        private static Expr FlattenInnerSums(List<string> names, Expr body)
        {
            while (true)
            {
                var factors = body is Mul m ? m.FactorArray : new[] { body };
                int at = Array.FindIndex(factors, f => f is Sum);
                if (at < 0)
                {
                    return body;
                }

                var inner = (Sum)factors[at];
                var innerNames = inner.IndexArray.Select(i => i.Name).ToList();
                var innerBody = inner.Body;
                var others = new List<Expr>();
                if (body is Mul bm)
                {
                    others.Add(Expr.Number(bm.Coefficient));
                    others.AddRange(factors.Where((_, j) => j != at));
                }

                var taken = new HashSet<string>(names);
                foreach (var other in others)
                {
                    taken.UnionWith(other.FreeIndexNames);
                }

                if (innerNames.Any(taken.Contains))
                {
                    // The inner sum shadows an outer index or would capture a free one; rename it.
                    var avoid = new HashSet<string>(taken);
                    avoid.UnionWith(innerNames);
                    avoid.UnionWith(innerBody.FreeIndexNames);
                    var renames = new Dictionary<string, Expr>();
                    for (int i = 0; i < innerNames.Count; i++)
                    {
                        if (taken.Contains(innerNames[i]))
                        {
                            var fresh = IndexSubstitution.FreshName(innerNames[i], avoid);
                            avoid.Add(fresh);
                            renames[innerNames[i]] = Expr.Index(fresh);
                            innerNames[i] = fresh;
                        }
                    }

                    innerBody = IndexSubstitution.Apply(innerBody, renames);
                }

                names.AddRange(innerNames);
                others.Add(innerBody);
                body = MulBuilder.Build(others);
            }
        }

        private static Expr EliminateDeltas(List<string> names, Expr body)
        {
            bool progress = true;
            while (progress && names.Count > 0)
            {
                progress = false;
                var factors = body is Mul m ? m.FactorArray : new[] { body };
                foreach (var k in names)
                {
                    for (int i = 0; i < factors.Length; i++)
                    {
                        if (!(factors[i] is Delta d))
                        {
                            continue;
                        }

                        Expr? value = null;
                        if (d.Left is Idx l && l.Name == k && !d.Right.HasFreeIndex(k))
                        {
                            value = d.Right;
                        }
                        else if (d.Right is Idx r && r.Name == k && !d.Left.HasFreeIndex(k))
                        {
                            value = d.Left;
                        }

                        if (value == null)
                        {
                            continue;
                        }

                        Expr rest = Expr.One;
                        if (body is Mul bm)
                        {
                            var others = new List<Expr> { Expr.Number(bm.Coefficient) };
                            others.AddRange(factors.Where((_, j) => j != i));
                            rest = MulBuilder.Build(others);
                        }

                        body = IndexSubstitution.Apply(rest, new Dictionary<string, Expr> { [k] = value });
                        names.Remove(k);
                        progress = true;
                        break;
                    }

                    if (progress)
                    {
                        break;
                    }
                }
            }

            return body;
        }

        private static Sum CreateNode(Idx[] indices, Expr body)
        {
            var anchored = new List<string>();
            var unanchored = new List<string>();
            foreach (var index in indices)
            {
                (IsAnchored(body, index.Name) ? anchored : unanchored).Add(index.Name);
            }

            // Unanchored indices keep their identity through their base name (primes stripped): renaming i to
            // i' to avoid capture keeps the range of i, while Σ_j 1 and Σ_k 1 stay distinct.
            int level = body.SumDepth + 1;
            var fixedMap = new Dictionary<string, Expr>();
            var bases = new List<string>();
            foreach (var group in unanchored.GroupBy(BaseName).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                int rank = 0;
                foreach (var name in group.OrderBy(n => n, StringComparer.Ordinal))
                {
                    fixedMap[name] = Expr.Index("\u0002" + level + "_" + group.Key + "_" + rank++);
                    bases.Add(group.Key);
                }
            }

            Expr? best = null;
            IEnumerable<IList<string>> orders = anchored.Count <= MaxPermutedIndices
                ? Permutations(anchored)
                : new[] { (IList<string>)anchored };
            foreach (var order in orders)
            {
                var map = new Dictionary<string, Expr>(fixedMap);
                for (int p = 0; p < order.Count; p++)
                {
                    map[order[p]] = Expr.Index("\u0001" + level + "_" + p);
                }

                var candidate = IndexSubstitution.Apply(body, map);
                if (best == null || ExprOrder.Compare(candidate, best) < 0)
                {
                    best = candidate;
                }
            }

            return new Sum(indices, body, best!, bases.ToArray());
        }

        private static string BaseName(string name) => name.TrimEnd('\'');

        /// <summary>True when the free index <paramref name="name"/> subscripts some symbol in <paramref name="e"/>.</summary>
        private static bool IsAnchored(Expr e, string name)
        {
            global::DynLang.Core.Diagnostics.StackGuard.Ensure();
            if (!e.HasFreeIndex(name))
            {
                return false;
            }

            if (e is Sym)
            {
                return true;
            }

            foreach (var child in e.ChildNodes)
            {
                if (IsAnchored(child, name))
                {
                    return true;
                }
            }

            return false;
        }

        private static IEnumerable<IList<string>> Permutations(List<string> items)
        {
            if (items.Count <= 1)
            {
                yield return items;
                yield break;
            }

            for (int i = 0; i < items.Count; i++)
            {
                var rest = items.Where((_, j) => j != i).ToList();
                foreach (var tail in Permutations(rest))
                {
                    var list = new List<string> { items[i] };
                    list.AddRange(tail);
                    yield return list;
                }
            }
        }
    }
}
