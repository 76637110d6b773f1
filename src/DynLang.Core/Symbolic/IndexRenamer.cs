using System;
using System.Collections.Generic;

namespace DynLang.Core.Symbolic
{
    /// <summary>Renaming of free index variables, performed simultaneously (so i ↔ j swaps work) and
    /// capture-avoiding; bound indices of sums are untouched.</summary>
    public static class IndexRenamer
    {
        /// <summary>Renames free indices by <paramref name="map"/>, all at once, and re-canonicalizes.</summary>
        public static Expr RenameIndices(Expr e, IReadOnlyDictionary<Idx, Idx> map)
        {
            if (map == null)
            {
                throw new ArgumentNullException(nameof(map));
            }

            // A renaming is a substitution of indices by indices.
            var asExpressions = new Dictionary<Idx, Expr>();
            foreach (var kv in map)
            {
                asExpressions[kv.Key] = kv.Value;
            }

            return Substitution.SubstituteIndices(e, asExpressions);
        }

        /// <summary>Swaps two free indices: the symmetry check "update minus its i↔j swap".</summary>
        public static Expr Swap(Expr e, Idx a, Idx b) =>
            RenameIndices(e, new Dictionary<Idx, Idx> { [a] = b, [b] = a });
    }
}
