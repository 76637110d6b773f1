using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace DynLang.Runtime;

/// <summary>
/// The .npy header (format versions 1.0, 2.0 and 3.0): magic "\x93NUMPY", version, a 2-byte
/// (v1) or 4-byte (v2, v3) little-endian header length, then a Python dict literal with
/// 'descr', 'fortran_order' and 'shape', padded with spaces and ending in '\n' so that the data
/// starts at a multiple of 64 bytes (numpy's alignment).
/// </summary>
internal sealed class NpyHeader
{
    private static readonly byte[] Magic = { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y' };

    /// <summary>Alignment numpy gives the data (numpy.lib.format.ARRAY_ALIGN).</summary>
    public const int Alignment = 64;

    private NpyHeader(NpyDtype dtype, bool fortranOrder, int[] shape, int dataOffset, long elementCount)
    {
        Dtype = dtype;
        FortranOrder = fortranOrder;
        Shape = shape;
        DataOffset = dataOffset;
        ElementCount = elementCount;
    }

    public NpyDtype Dtype { get; }
    public bool FortranOrder { get; }
    public int[] Shape { get; }
    public int DataOffset { get; }
    public long ElementCount { get; }

    /// <summary>"(4000,)" / "(3, 4)" / "()" — numpy's way of printing a shape, for messages and headers.</summary>
    public static string FormatShape(IReadOnlyList<long> shape) =>
        shape.Count == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape) + ")";

    /// <inheritdoc cref="FormatShape(IReadOnlyList{long})"/>
    public static string FormatShape(IReadOnlyList<int> shape) => FormatShape(shape.Select(d => (long)d).ToArray());

    /// <summary>Reads the header at the start of <paramref name="bytes"/>; errors name <paramref name="source"/>.</summary>
    public static NpyHeader Parse(ReadOnlySpan<byte> bytes, string source)
    {
        if (bytes.Length < Magic.Length || !bytes.Slice(0, Magic.Length).SequenceEqual(Magic))
            throw new InvalidDataException($"{source}: not a .npy file (it does not start with the magic string \\x93NUMPY; {bytes.Length} bytes).");
        if (bytes.Length < 8)
            throw new InvalidDataException($"{source}: truncated .npy file: {bytes.Length} bytes, the preamble alone needs at least 10.");
        int major = bytes[6], minor = bytes[7];
        int lengthSize = major switch
        {
            1 => 2,
            2 or 3 => 4,
            _ => throw new InvalidDataException($"{source}: .npy format version {major}.{minor} is not supported (1.0, 2.0 and 3.0 are)."),
        };
        int preamble = 8 + lengthSize;
        if (bytes.Length < preamble)
            throw new InvalidDataException($"{source}: truncated .npy file: {bytes.Length} bytes, the version {major}.0 preamble needs {preamble}.");
        long headerLength = lengthSize == 2
            ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(8))
            : BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(8));
        if (bytes.Length - preamble < headerLength)
            throw new InvalidDataException($"{source}: truncated .npy file: the header is {headerLength} bytes long, the file has {bytes.Length - preamble} after the {preamble}-byte preamble.");

        var headerBytes = bytes.Slice(preamble, (int)headerLength);
        // numpy writes versions 1 and 2 in latin-1 and version 3 in UTF-8 (for unicode field names).
        string text = major == 3 ? Encoding.UTF8.GetString(headerBytes) : Encoding.Latin1.GetString(headerBytes);
        if (PythonLiteral.Parse(text, source) is not Dictionary<string, object?> dict)
            throw new InvalidDataException($"{source}: the .npy header is not a dict: {text.TrimEnd()}");

        object? descr = Get(dict, "descr", text, source);
        if (descr is not string descrText)
            throw new InvalidDataException($"{source}: dtype {Describe(descr)} is a structured (record) dtype; only simple numeric and bool arrays can be read.");
        NpyDtype dtype = NpyDtype.Parse(descrText, source);

        if (Get(dict, "fortran_order", text, source) is not bool fortran)
            throw new InvalidDataException($"{source}: 'fortran_order' in the .npy header must be True or False: {text.TrimEnd()}");

        if (Get(dict, "shape", text, source) is not object?[] dims || dims.Any(d => d is not long))
            throw new InvalidDataException($"{source}: 'shape' in the .npy header must be a tuple of integers: {text.TrimEnd()}");
        long[] longShape = dims.Select(d => (long)d!).ToArray();
        var shape = new int[longShape.Length];
        long count = 1;
        for (int k = 0; k < longShape.Length; k++)
        {
            long d = longShape[k];
            if (d < 0 || d > int.MaxValue)
                throw new InvalidDataException($"{source}: shape {FormatShape(longShape)} has a dimension outside 0..{int.MaxValue}.");
            shape[k] = (int)d;
            count = d == 0 || count <= long.MaxValue / d ? count * d : long.MaxValue;
        }
        if (count > Array.MaxLength / dtype.ItemSize)
            throw new InvalidDataException($"{source}: shape {FormatShape(longShape)} of {dtype} is larger than the 2 GiB an array can hold here.");
        return new NpyHeader(dtype, fortran, shape, checked(preamble + (int)headerLength), count);
    }

    /// <summary>
    /// The header bytes for an array, version 1.0 when the dict fits in 65,535 bytes (always, for
    /// what this library writes), padded so the data starts at a multiple of 64 bytes, or at
    /// <paramref name="minimumTotal"/> (rounded up to 64) when that is larger: appending writers
    /// reserve room so a longer shape can be written in place later.
    /// </summary>
    public static byte[] Format(string descr, bool fortranOrder, IReadOnlyList<long> shape, int minimumTotal = 0)
    {
        string dict = $"{{'descr': '{descr}', 'fortran_order': {(fortranOrder ? "True" : "False")}, 'shape': {FormatShape(shape)}, }}";
        // +1 for the terminating '\n' numpy requires; version 2.0 only when 1.0's 16-bit length cannot hold it.
        int preamble = 10;
        int total = Align(Math.Max(preamble + dict.Length + 1, minimumTotal));
        bool v2 = total - preamble > ushort.MaxValue;
        if (v2)
        {
            preamble = 12;
            total = Align(Math.Max(preamble + dict.Length + 1, minimumTotal));
        }
        var bytes = new byte[total];
        Magic.CopyTo(bytes, 0);
        bytes[6] = (byte)(v2 ? 2 : 1);
        bytes[7] = 0;
        if (v2) BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)(total - preamble));
        else BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)(total - preamble));
        int p = preamble + Encoding.Latin1.GetBytes(dict, 0, dict.Length, bytes, preamble);
        bytes.AsSpan(p, total - 1 - p).Fill((byte)' ');
        bytes[total - 1] = (byte)'\n';
        return bytes;
    }

    private static int Align(int n) => (n + Alignment - 1) / Alignment * Alignment;

    private static object? Get(Dictionary<string, object?> dict, string key, string text, string source) =>
        dict.TryGetValue(key, out object? value)
            ? value
            : throw new InvalidDataException($"{source}: the .npy header has no '{key}': {text.TrimEnd()}");

    private static string Describe(object? value) => value switch
    {
        null => "None",
        List<object?> list => $"a list of {list.Count} fields",
        _ => value.ToString() ?? "?",
    };
}
