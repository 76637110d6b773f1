using System;
using System.Collections.Generic;
using System.Linq;

namespace DynLang.Core.Symbolic
{
    /// <summary>
    /// Substitution of symbols and index variables; every result is re-canonicalized. Substitution is
    /// capture-avoiding: a sum's bound index that a key or replacement mentions freely is renamed first.
    /// </summary>
    public static class Substitution
    {
        /// <summary>Replaces every occurrence of each key symbol (exact match of name and index expressions).</summary>
        public static Expr Substitute(Expr e, IReadOnlyDictionary<Sym, Expr> map)
        {
            if (e == null)
            {
                throw new ArgumentNullException(nameof(e));
            }

            if (map == null)
            {
                throw new ArgumentNullException(nameof(map));
            }

            if (map.Count == 0)
            {
                return e;
            }

            var names = new HashSet<string>(map.Keys.Select(k => k.Name));
            var mentioned = new HashSet<string>(map.Keys.SelectMany(k => k.FreeIndexNames));
            mentioned.UnionWith(map.Values.SelectMany(v => v.FreeIndexNames));

            Expr Go(Expr node)
            {
                if (!node.SymbolNames.Any(names.Contains))
                {
                    return node;
                }

                switch (node)
                {
                    case Sym s:
                        return map.TryGetValue(s, out var value) ? value : s.MapChildren(Go);
                    case Sum sum:
                    {
                        var (indices, body) = RenameClashingBound(sum, mentioned);
                        return SumBuilder.Build(indices, Go(body));
                    }

                    default:
                        return node.MapChildren(Go);
                }
            }

            return Go(e);
        }

        /// <summary>Replaces every occurrence of <paramref name="target"/> by <paramref name="replacement"/>.</summary>
        public static Expr Substitute(Expr e, Sym target, Expr replacement) =>
            Substitute(e, new Dictionary<Sym, Expr> { [target] = replacement });

        /// <summary>
        /// Replaces every symbol named <paramref name="name"/>, whatever its indices, by
        /// <paramref name="replacement"/>(indices) — e.g. W[a,b] → W[b,a] for every index pattern. The replacement
        /// is not substituted into again.
        /// </summary>
        /// <exception cref="ArgumentException">A replacement introduces a free index that an enclosing sum would capture.</exception>
        public static Expr SubstituteByName(Expr e, string name, Func<IReadOnlyList<Expr>, Expr> replacement) =>
            SubstituteByName(e, new Dictionary<string, Func<IReadOnlyList<Expr>, Expr>> { [name] = replacement });

        /// <summary>Simultaneous <see cref="SubstituteByName(Expr, string, Func{IReadOnlyList{Expr}, Expr})"/> for several names.</summary>
        /// <exception cref="ArgumentException">A replacement introduces a free index that an enclosing sum would capture.</exception>
        public static Expr SubstituteByName(Expr e, IReadOnlyDictionary<string, Func<IReadOnlyList<Expr>, Expr>> replacements)
        {
            if (e == null)
            {
                throw new ArgumentNullException(nameof(e));
            }

            if (replacements == null)
            {
                throw new ArgumentNullException(nameof(replacements));
            }

            Expr Go(Expr node, HashSet<string> bound)
            {
                if (!node.SymbolNames.Any(replacements.ContainsKey))
                {
                    return node;
                }

                switch (node)
                {
                    case Sym s when replacements.TryGetValue(s.Name, out var replace):
                    {
                        var indices = s.IndexArray.Select(i => Go(i, bound)).ToArray();
                        var value = replace(Array.AsReadOnly(indices)) ?? throw new InvalidOperationException($"The replacement for {s.Name} returned null.");
                        var own = new HashSet<string>(indices.SelectMany(i => i.FreeIndexNames));
                        var captured = value.FreeIndexNames.Where(n => !own.Contains(n) && bound.Contains(n)).ToList();
                        if (captured.Count > 0)
                        {
                            throw new ArgumentException(
                                $"Replacing {s} by {value} would capture index {string.Join(", ", captured)} bound by an enclosing sum.");
                        }

                        return value;
                    }

                    case Sum sum:
                    {
                        var inner = new HashSet<string>(bound);
                        inner.UnionWith(sum.IndexArray.Select(i => i.Name));
                        return SumBuilder.Build(sum.IndexArray, Go(sum.Body, inner));
                    }

                    default:
                        return node.MapChildren(c => Go(c, bound));
                }
            }

            return Go(e, new HashSet<string>());
        }

        /// <summary>
        /// Replaces the two-index symbol <paramref name="name"/> by its symmetric part,
        /// W[a,b] → (W[a,b] + W[b,a])/2: the sound way to impose "W is symmetric" before a zero test.
        /// </summary>
        /// <exception cref="ArgumentException">An occurrence does not have exactly two indices.</exception>
        public static Expr Symmetrize(Expr e, string name) =>
            SubstituteByName(e, name, indices =>
            {
                if (indices.Count != 2)
                {
                    throw new ArgumentException($"{name} must have exactly two indices to be symmetrized, not {indices.Count}.");
                }

                var w = Expr.Symbol(name, indices[0], indices[1]);
                var wT = Expr.Symbol(name, indices[1], indices[0]);
                return Expr.Mul(Expr.Half, Expr.Add(w, wT));
            });

        /// <summary>Renames free indices simultaneously (i ↔ j swaps work); see <see cref="IndexRenamer"/>.</summary>
        public static Expr RenameIndices(Expr e, IReadOnlyDictionary<Idx, Idx> map) => IndexRenamer.RenameIndices(e, map);

        /// <summary>Simultaneous, capture-avoiding substitution of free index variables.</summary>
        public static Expr SubstituteIndices(Expr e, IReadOnlyDictionary<Idx, Expr> map)
        {
            if (e == null)
            {
                throw new ArgumentNullException(nameof(e));
            }

            if (map == null)
            {
                throw new ArgumentNullException(nameof(map));
            }

            var byName = new Dictionary<string, Expr>();
            foreach (var kv in map)
            {
                byName[kv.Key.Name] = kv.Value;
            }

            return IndexSubstitution.Apply(e, byName);
        }

        private static (IReadOnlyList<Idx> Indices, Expr Body) RenameClashingBound(Sum sum, HashSet<string> mentioned)
        {
            if (!sum.IndexArray.Any(i => mentioned.Contains(i.Name)))
            {
                return (sum.IndexArray, sum.Body);
            }

            var avoid = new HashSet<string>(mentioned);
            avoid.UnionWith(sum.Body.FreeIndexNames);
            avoid.UnionWith(sum.IndexArray.Select(i => i.Name));
            var renames = new Dictionary<string, Expr>();
            var indices = new List<Idx>();
            foreach (var index in sum.IndexArray)
            {
                if (mentioned.Contains(index.Name))
                {
                    var fresh = Expr.Index(IndexSubstitution.FreshName(index.Name, avoid));
                    avoid.Add(fresh.Name);
                    renames[index.Name] = fresh;
                    indices.Add(fresh);
                }
                else
                {
                    indices.Add(index);
                }
            }

            return (indices, IndexSubstitution.Apply(sum.Body, renames));
        }
    }
}
