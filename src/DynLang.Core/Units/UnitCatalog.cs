using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;

namespace DynLang.Core.Units;

/// <summary>
/// Resolves Brian2-style unit names (<c>ms</c>, <c>mV</c>, <c>nS</c>, <c>msecond</c>, <c>kohm</c>,
/// <c>millisecond</c>) to a scale and a dimension.
/// </summary>
/// <remarks>
/// <para>
/// Accepted spellings: a unit symbol or full name alone (<c>V</c>, <c>volt</c>); an SI prefix
/// symbol before a unit symbol or full name (<c>mV</c>, <c>mvolt</c>, as Brian2 writes them);
/// a full prefix name before a full name (<c>millivolt</c>). <c>1</c> and <c>rad</c>/<c>radian</c>
/// are dimensionless and never prefixed. Names are case-sensitive: <c>ms</c> is a millisecond,
/// <c>Ms</c> a megasecond, <c>mS</c> a millisiemens, <c>m</c> a metre and <c>M</c> molar.
/// </para>
/// <para>
/// Every spelling is expanded into one table when the class is first used, so a lookup is a
/// single dictionary probe and an ambiguous spelling (two parses giving different units) would
/// be detected once, at start-up, rather than resolved by parse order. There are none today:
/// <c>cd</c> is the candela (there is no unit <c>d</c>), <c>dam</c> is the decametre
/// (there is no unit <c>am</c>), <c>dm</c> the decimetre and <c>Pa</c> the pascal.
/// </para>
/// <para>
/// Scales are the double literal <c>1eK</c> where K is the sum of the prefix exponent and the
/// unit's own decimal exponent (gram -3, litre -3, molar 3), so <c>ms</c> is exactly
/// <c>1e-3</c>, <c>kg</c> and <c>mM</c> exactly 1 and <c>pF</c> exactly <c>1e-12</c>, the same
/// doubles Brian2 uses. Non-SI time units (<c>min</c>, <c>h</c>, <c>day</c>) and degrees
/// Celsius are not supported; <see cref="TryGetUnsupportedHint"/> explains how to write them.
/// </para>
/// </remarks>
public static class UnitCatalog
{
    private static readonly Dictionary<string, Entry> ByName = new(StringComparer.Ordinal);
    private static readonly List<string> AmbiguousNames = [];
    private static readonly List<UnitDefinition> Unprefixed = [];

    // Suggestions are built lazily: only error paths need them.
    private static string[]? _suggestionCandidates;

    private static readonly Dictionary<string, string> UnsupportedHints = new(StringComparer.Ordinal)
    {
        ["min"] = "minutes are not supported; write 60*second",
        ["minute"] = "minutes are not supported; write 60*second",
        ["h"] = "hours are not supported ('h' is only the hecto prefix); write 3600*second",
        ["hour"] = "hours are not supported; write 3600*second",
        ["day"] = "days are not supported; write 86400*second",
        ["degC"] = "degrees Celsius are an offset scale and are not supported; use kelvin",
        ["celsius"] = "degrees Celsius are an offset scale and are not supported; use kelvin",
    };

    static UnitCatalog()
    {
        // Unprefixed spellings first, so that they win over any prefixed parse that happened to
        // produce the same text (recorded as an ambiguity; the test suite requires there be none).
        foreach (NamedUnit unit in NamedUnit.All)
        {
            foreach (string name in unit.Symbols.Concat(unit.FullNames))
            {
                if (Add(name, unit, 0, prefixed: false))
                {
                    Unprefixed.Add(new UnitDefinition(name, DecimalScale.Pow10(unit.DecimalExponent), unit.Dimension));
                }
            }
        }

        foreach (NamedUnit unit in NamedUnit.All.Where(u => u.Prefixable))
        {
            foreach (SiPrefix prefix in SiPrefix.All)
            {
                // Brian2 style: prefix symbol before a symbol (mV) or before a full name (mvolt).
                foreach (string prefixSymbol in prefix.Symbols)
                {
                    foreach (string name in unit.Symbols.Concat(unit.FullNames))
                    {
                        Add(prefixSymbol + name, unit, prefix.Exponent, prefixed: true);
                    }
                }

                // Spelled-out prefixes only combine with full names: millivolt, never milliV.
                foreach (string prefixName in prefix.FullNames)
                {
                    foreach (string name in unit.FullNames)
                    {
                        Add(prefixName + name, unit, prefix.Exponent, prefixed: true);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Every unprefixed spelling (<c>s</c>, <c>second</c>, <c>g</c>, <c>gram</c>, ..., <c>1</c>,
    /// <c>rad</c>, <c>radian</c>) with its scale and dimension, in catalog order.
    /// </summary>
    public static IReadOnlyList<UnitDefinition> UnprefixedUnits => Unprefixed;

    /// <summary>Spellings that two different parses produce; empty by construction (checked by tests).</summary>
    internal static IReadOnlyList<string> Ambiguities => AmbiguousNames;

    /// <summary>Resolves a unit name; returns false for unknown names (including <c>null</c> and <c>""</c>).</summary>
    /// <param name="name">The spelling, case-sensitive, e.g. <c>mV</c>.</param>
    /// <param name="unit">The resolved unit, whose <see cref="UnitDefinition.Name"/> is <paramref name="name"/>.</param>
    public static bool TryResolve(string? name, out UnitDefinition unit)
    {
        if (name is not null && ByName.TryGetValue(name, out Entry entry))
        {
            unit = new UnitDefinition(name, DecimalScale.Pow10(entry.DecimalExponent), entry.Dimension);
            return true;
        }

        unit = default;
        return false;
    }

    /// <summary>Resolves a unit name or throws.</summary>
    /// <exception cref="ArgumentException">The name is unknown; the message carries a hint or suggestion when there is one.</exception>
    public static UnitDefinition Resolve(string name)
    {
        if (TryResolve(name, out UnitDefinition unit))
        {
            return unit;
        }

        string message = $"Unknown unit '{name}'.";
        if (TryGetUnsupportedHint(name, out string? hint))
        {
            message += " " + char.ToUpperInvariant(hint[0]) + hint.Substring(1) + ".";
        }
        else if (Suggest(name) is { } suggestion)
        {
            message += $" Did you mean '{suggestion}'?";
        }

        throw new ArgumentException(message, nameof(name));
    }

    /// <summary>
    /// For a name that is deliberately unsupported (<c>min</c>, <c>hour</c>, <c>degC</c>, ...),
    /// explains why and how to write it instead.
    /// </summary>
    public static bool TryGetUnsupportedHint(string? name, [NotNullWhen(true)] out string? hint)
    {
        hint = null;
        return name is not null && UnsupportedHints.TryGetValue(name, out hint);
    }

    /// <summary>
    /// Returns the known name closest to <paramref name="unknown"/> within an edit distance of 2,
    /// or <c>null</c> when nothing is that close. A known name is returned unchanged.
    /// </summary>
    /// <remarks>
    /// The distance must also be smaller than the length of <paramref name="unknown"/>, so a
    /// one-letter name is never "corrected" into an unrelated one-letter unit (<c>q</c> is not a
    /// typo of <c>s</c>). Ties are broken deterministically: fewer edits when case is ignored
    /// (<c>mv</c> is one edit from <c>mV</c>, <c>ms</c> and <c>mm</c>, but only a case slip
    /// from <c>mV</c>), then unprefixed names, then ordinal order. Spellings with the micro sign
    /// are never suggested; their ASCII <c>u</c> form is, and a micro sign in
    /// <paramref name="unknown"/> is compared as <c>u</c>.
    /// </remarks>
    public static string? Suggest(string? unknown)
    {
        if (string.IsNullOrEmpty(unknown))
        {
            return null;
        }

        if (ByName.ContainsKey(unknown!))
        {
            return unknown;
        }

        string[] candidates = _suggestionCandidates ??= ByName.Keys
            .Where(k => k.IndexOf('\u00B5') < 0 && k.IndexOf('\u03BC') < 0)
            .OrderBy(k => k, StringComparer.Ordinal)
            .ToArray();

        // No unit name is this long: such a name is no typo (and is not compared with every unit).
        if (unknown!.Length > Compilation.CompileBudget.MaxSuggestionNameLength)
        {
            return null;
        }

        // Compare with micro signs folded to 'u', the spelling that is suggested.
        string folded = unknown!.Replace('\u00B5', 'u').Replace('\u03BC', 'u');
        string lowered = folded.ToLowerInvariant();
        string? best = null;
        (int Distance, int FoldedDistance, int Prefixed) bestKey = (int.MaxValue, int.MaxValue, int.MaxValue);
        foreach (string candidate in candidates)
        {
            // Only distances up to 2 matter; the banded computation stops beyond (and lowering
            // the case of both names never increases their distance, so the second one is exact too).
            int distance = EditDistance.Within(folded, candidate, 2);
            if (distance > 2 || distance >= unknown.Length)
            {
                continue;
            }

            var key = (distance, EditDistance.Within(lowered, candidate.ToLowerInvariant(), 2), ByName[candidate].Prefixed ? 1 : 0);
            // Candidates are in ordinal order, so a strict comparison keeps the ordinal-first one.
            if (key.CompareTo(bestKey) < 0)
            {
                bestKey = key;
                best = candidate;
            }
        }

        return best;
    }

    /// <summary>Adds one spelling; returns false (and records an ambiguity if it differs) when already present.</summary>
    private static bool Add(string name, NamedUnit unit, int prefixExponent, bool prefixed)
    {
        var entry = new Entry(unit.DecimalExponent + prefixExponent, unit.Dimension, prefixed);
        if (ByName.TryGetValue(name, out Entry existing))
        {
            // ohm is both a symbol and a full name, so kohm is generated twice with equal meaning.
            if (existing.DecimalExponent != entry.DecimalExponent || existing.Dimension != entry.Dimension)
            {
                AmbiguousNames.Add(name);
            }

            return false;
        }

        ByName.Add(name, entry);
        return true;
    }

    private readonly record struct Entry(int DecimalExponent, Dimension Dimension, bool Prefixed);
}
