using System.Collections.Generic;
using DynLang.Core.Units;

namespace DynLang.Core.Completion;

/// <summary>
/// The unit names completion offers: every unit's symbol and full name unprefixed, and its symbol with the
/// prefixes models use (pico to giga: pA, nS, uF, ms, mV, kohm, Mohm, GHz). The catalog accepts all twenty
/// SI prefixes and prefixed full names too; listing the 1000-odd spellings would bury the common ones.
/// </summary>
internal static class UnitNames
{
    /// <summary>Prefix symbols offered before unit symbols, from the catalog's table.</summary>
    private static readonly HashSet<string> CommonPrefixes = new(System.StringComparer.Ordinal) { "p", "n", "u", "m", "k", "M", "G" };

    public static IReadOnlyList<CompletionItem> All { get; } = Build();

    private static IReadOnlyList<CompletionItem> Build()
    {
        var items = new List<CompletionItem>();
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        void Add(string name)
        {
            // Every offered name goes through the catalog: what it does not resolve is never offered.
            if (!seen.Add(name) || !UnitCatalog.TryResolve(name, out var unit)) return;
            string scale = unit.Scale == 1 ? "" : unit.Scale.ToString("0.###e0", System.Globalization.CultureInfo.InvariantCulture) + " ";
            items.Add(new CompletionItem(name, CompletionKind.Unit, $"{scale}{UnitFormatter.Format(unit.Dimension)}".Trim()));
        }
        foreach (var unit in NamedUnit.All)
        {
            foreach (var symbol in unit.Symbols) Add(symbol);
            foreach (var name in unit.FullNames) Add(name);
        }
        foreach (var unit in NamedUnit.All)
        {
            if (!unit.Prefixable) continue;
            foreach (var prefix in SiPrefix.All)
            {
                if (!CommonPrefixes.Contains(prefix.Symbols[0])) continue;
                foreach (var symbol in unit.Symbols) Add(prefix.Symbols[0] + symbol);
            }
        }
        return items;
    }
}
