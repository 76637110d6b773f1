using System.Collections.Generic;

namespace DynLang.Core.Units;

/// <summary>
/// One SI prefix: the symbol written before a unit symbol or Brian2-style full name
/// (<c>ms</c>, <c>msecond</c>), the full prefix name (<c>millisecond</c>) and its decimal exponent.
/// </summary>
internal sealed class SiPrefix
{
    private SiPrefix(string symbol, string fullName, int exponent, string[]? symbolAliases = null, string[]? fullNameAliases = null)
    {
        Symbols = [symbol, .. symbolAliases ?? []];
        FullNames = [fullName, .. fullNameAliases ?? []];
        Exponent = exponent;
    }

    /// <summary>
    /// Accepted symbols, canonical ASCII one first (<c>u</c> for micro, then the micro sign
    /// U+00B5 and Greek mu U+03BC: they look identical and both occur in pasted text).
    /// </summary>
    public IReadOnlyList<string> Symbols { get; }

    /// <summary>Accepted full prefix names, canonical first (<c>deca</c>, then <c>deka</c>).</summary>
    public IReadOnlyList<string> FullNames { get; }

    /// <summary>Power of ten.</summary>
    public int Exponent { get; }

    /// <summary>
    /// All prefixes, from yocto to yotta. Brian2's table also has zetta and yotta, so they are
    /// accepted here even though models never need them.
    /// </summary>
    public static IReadOnlyList<SiPrefix> All { get; } =
    [
        new("y", "yocto", -24),
        new("z", "zepto", -21),
        new("a", "atto", -18),
        new("f", "femto", -15),
        new("p", "pico", -12),
        new("n", "nano", -9),
        new("u", "micro", -6, symbolAliases: ["\u00B5", "\u03BC"]),
        new("m", "milli", -3),
        new("c", "centi", -2),
        new("d", "deci", -1),
        new("da", "deca", 1, fullNameAliases: ["deka"]),
        new("h", "hecto", 2),
        new("k", "kilo", 3),
        new("M", "mega", 6),
        new("G", "giga", 9),
        new("T", "tera", 12),
        new("P", "peta", 15),
        new("E", "exa", 18),
        new("Z", "zetta", 21),
        new("Y", "yotta", 24),
    ];
}
