using System;
using System.Globalization;
using System.IO;

namespace DynLang.Runtime;

/// <summary>
/// A simple (non-structured) numpy dtype as written in a .npy header's 'descr': byte order
/// ('&lt;' little, '&gt;' big, '|' not applicable, '=' native), kind letter and item size, e.g.
/// '&lt;f8' = little-endian float64, '|b1' = bool.
/// </summary>
internal readonly struct NpyDtype
{
    private NpyDtype(string descr, char kind, int itemSize, bool bigEndian)
    {
        Descr = descr;
        Kind = kind;
        ItemSize = itemSize;
        BigEndian = bigEndian;
    }

    /// <summary>The descr string as found in the file.</summary>
    public string Descr { get; }

    /// <summary>numpy's kind letter: b bool, i signed int, u unsigned int, f float, c complex, S bytes, U str, V void, M datetime, m timedelta.</summary>
    public char Kind { get; }

    /// <summary>Bytes per element.</summary>
    public int ItemSize { get; }

    /// <summary>True when multi-byte elements are stored most significant byte first.</summary>
    public bool BigEndian { get; }

    /// <summary>True when the element bytes must be reversed to read them on this machine.</summary>
    public bool NeedsSwap => ItemSize > 1 && BigEndian == BitConverter.IsLittleEndian;

    /// <summary>The descr this machine's native layout of <paramref name="kind"/><paramref name="itemSize"/> has.</summary>
    public static string NativeDescr(char kind, int itemSize) =>
        itemSize == 1 ? $"|{kind}1" : $"{(BitConverter.IsLittleEndian ? '<' : '>')}{kind}{itemSize}";

    /// <summary>numpy's name for the type, for messages: float64, int32, bool…</summary>
    public string Name => Kind switch
    {
        'b' => "bool",
        'i' => $"int{8 * ItemSize}",
        'u' => $"uint{8 * ItemSize}",
        'f' => $"float{8 * ItemSize}",
        'c' => $"complex{8 * ItemSize}",
        'S' => $"bytes{ItemSize}",
        'U' => $"str{ItemSize / 4}",
        'V' => $"void{ItemSize}",
        'M' => "datetime64",
        'm' => "timedelta64",
        _ => "unknown",
    };

    /// <summary>"'&lt;f8' (float64)" — how messages show the dtype.</summary>
    public override string ToString() => $"'{Descr}' ({Name})";

    /// <summary>Parses a descr; errors name <paramref name="source"/>.</summary>
    public static NpyDtype Parse(string descr, string source)
    {
        if (string.IsNullOrEmpty(descr)) throw new InvalidDataException($"{source}: the .npy header has an empty dtype ('descr').");
        int p = 0;
        char order = descr[0] is '<' or '>' or '|' or '=' ? descr[p++] : '=';
        if (p >= descr.Length) throw Bad(descr, source);
        char kind = descr[p++];
        if (kind == '?') return new NpyDtype(descr, 'b', 1, false); // numpy's one-letter bool code
        if (kind == 'O')
            throw new InvalidDataException($"{source}: dtype '{descr}' is an array of Python objects (pickled); only numeric and bool arrays can be read.");
        if ("biufcSUVMm".IndexOf(kind) < 0) throw Bad(descr, source);
        int digitsStart = p;
        while (p < descr.Length && char.IsDigit(descr[p])) p++;
        if (p == digitsStart || !int.TryParse(descr.Substring(digitsStart, p - digitsStart), NumberStyles.None, CultureInfo.InvariantCulture, out int size) || size <= 0)
            throw Bad(descr, source);
        // datetime64/timedelta64 carry a unit in brackets ('<M8[ns]'); nothing else may follow.
        if (p < descr.Length && !(kind is 'M' or 'm' && descr[p] == '[' && descr[descr.Length - 1] == ']')) throw Bad(descr, source);
        int itemSize = kind == 'U' ? checked(size * 4) : size; // 'U' counts UCS-4 characters
        bool big = order switch { '>' => true, '<' => false, _ => !BitConverter.IsLittleEndian };
        return new NpyDtype(descr, kind, itemSize, big);
    }

    private static InvalidDataException Bad(string descr, string source) =>
        new($"{source}: '{descr}' is not a numpy dtype this reader knows (expected a byte order '<', '>', '|' or '=', a kind letter and a size, e.g. '<f8').");
}
