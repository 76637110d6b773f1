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

        /// <summary>Swaps two free indices: the symmetry check "update minus its i↔j swap".</summary>
        public static Expr Swap(Expr e, Idx a, Idx b) =>
            RenameIndices(e, new Dictionary<Idx, Idx> { [a] = b, [b] = a });
    }
}
