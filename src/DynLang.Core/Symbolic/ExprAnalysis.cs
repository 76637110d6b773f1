using System;
using System.Collections.Generic;
using System.Linq;

namespace DynLang.Core.Symbolic
{
    /// <summary>Queries over expressions: which symbols, indices and functions occur.</summary>
    public static class ExprAnalysis
    {
        /// <summary>
        /// Every distinct symbol occurrence, in canonical order. Indexed symbols are reported with their index
        /// pattern (W[i,j] and W[j,i] are two entries); inside a sum the pattern names the bound index.
        /// </summary>
        public static IReadOnlyList<Sym> FreeSymbols(Expr e)
        {
            var set = new HashSet<Sym>();
            foreach (var node in Descendants(e))
            {
                if (node is Sym s)
                {
                    set.Add(s);
                }
            }

            var list = set.ToList();
            list.Sort(ExprOrder.Compare);
            return list;
        }

        /// <summary>True when a symbol named <paramref name="name"/> (any indices) occurs in <paramref name="e"/>.</summary>
        public static bool ContainsSymbol(Expr e, string name) => e.ContainsSymbol(name);

        /// <summary>The index variables not bound by an enclosing sum, sorted by name.</summary>
        public static IReadOnlyList<Idx> FreeIndices(Expr e) =>
            e.FreeIndexNames.OrderBy(n => n, Comparer<string>.Create(ExprOrder.CompareNames)).Select(Expr.Index).ToList();

        /// <summary>True when <paramref name="e"/> contains an unevaluated <see cref="Derivative"/>.</summary>
        public static bool ContainsUnevaluatedDerivative(Expr e) => Descendants(e).Any(n => n is Derivative);

        /// <summary>The distinct <see cref="Derivative"/> placeholders in <paramref name="e"/>, in canonical order.</summary>
        public static IReadOnlyList<Derivative> UnevaluatedDerivatives(Expr e)
        {
            var list = Descendants(e).OfType<Derivative>().Distinct().ToList();
            list.Sort(ExprOrder.Compare);
            return list;
        }

        /// <summary>
        /// Names of the functions whose derivatives were left unevaluated in <paramref name="e"/>, sorted — what a
        /// check reports as "f has no known derivative".
        /// </summary>
        public static IReadOnlyList<string> FunctionsLackingDerivative(Expr e) =>
            Descendants(e).OfType<Derivative>().Select(d => d.FunctionName).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList();

        /// <summary>Names of opaque (unknown) functions applied in <paramref name="e"/>, sorted.</summary>
        public static IReadOnlyList<string> OpaqueFunctions(Expr e) =>
            Descendants(e).OfType<Func>().Where(f => !f.IsKnown).Select(f => f.Name).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList();

        /// <summary>All nodes of <paramref name="e"/> in pre-order (sum bodies and derivative arguments included).</summary>
        public static IEnumerable<Expr> Descendants(Expr e)
        {
            var stack = new Stack<Expr>();
            stack.Push(e);
            while (stack.Count > 0)
            {
                var node = stack.Pop();
                yield return node;
                var children = node.ChildNodes;
                for (int i = children.Length - 1; i >= 0; i--)
                {
                    stack.Push(children[i]);
                }
            }
        }
    }
}
