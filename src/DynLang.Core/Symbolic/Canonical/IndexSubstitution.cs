using System.Collections.Generic;
using System.Linq;

namespace DynLang.Core.Symbolic
{
    /// <summary>
    /// Simultaneous, capture-avoiding substitution of free index variables (by name). Bound indices of a
    /// sum shadow the map; a bound index that a replacement would capture is renamed to a fresh name first.
    /// </summary>
    internal static class IndexSubstitution
    {
        public static Expr Apply(Expr e, IReadOnlyDictionary<string, Expr> map)
        {
            global::DynLang.Core.Diagnostics.StackGuard.Ensure();
            if (map.Count == 0 || !e.FreeIndexNames.Any(map.ContainsKey))
            {
                return e;
            }

            switch (e)
            {
                case Idx i:
                    return map.TryGetValue(i.Name, out var value) ? value : e;
                case Sum s:
                    return ApplyToSum(s, map);
                default:
                    return e.MapChildren(c => Apply(c, map));
            }
        }

        private static Expr ApplyToSum(Sum s, IReadOnlyDictionary<string, Expr> map)
        {
            var bound = s.IndexArray.Select(i => i.Name).ToList();
            var inner = new Dictionary<string, Expr>();
            foreach (var name in s.Body.FreeIndexNames)
            {
                if (!bound.Contains(name) && map.TryGetValue(name, out var value))
                {
                    inner[name] = value;
                }
            }

            if (inner.Count == 0)
            {
                return s;
            }

            var valueFree = new HashSet<string>(inner.Values.SelectMany(v => v.FreeIndexNames));
            var avoid = new HashSet<string>(valueFree);
            avoid.UnionWith(s.Body.FreeIndexNames);
            avoid.UnionWith(bound);
            avoid.UnionWith(inner.Keys);
            var renames = new Dictionary<string, Expr>();
            var indices = new List<Idx>();
            foreach (var b in s.IndexArray)
            {
                if (valueFree.Contains(b.Name))
                {
                    var fresh = Expr.Index(FreshName(b.Name, avoid));
                    avoid.Add(fresh.Name);
                    renames[b.Name] = fresh;
                    indices.Add(fresh);
                }
                else
                {
                    indices.Add(b);
                }
            }

            var body = renames.Count > 0 ? Apply(s.Body, renames) : s.Body;
            return SumBuilder.Build(indices, Apply(body, inner));
        }

        /// <summary>name', name'', ... — the first not in <paramref name="avoid"/>.</summary>
        public static string FreshName(string name, ICollection<string> avoid)
        {
            var candidate = name + "'";
            while (avoid.Contains(candidate))
            {
                candidate += "'";
            }

            return candidate;
        }
    }
}
