using System;
using System.Buffers.Binary;
using System.IO;
using System.Runtime.InteropServices;

namespace DynLang.Runtime;

/// <summary>
/// Decodes the element bytes of an <see cref="NpyArray"/> into typed arrays in C order:
/// byte-swaps big-endian data, widens where no value can change (float32 → float64, narrower
/// integers → wider), range-checks where one can (int64 → int32), and transposes
/// Fortran-ordered arrays. Refusals name the source, the dtype found and what was expected.
/// </summary>
internal static class NpyDecode
{
    public static double[] Floats(NpyArray a, string expected)
    {
        NpyDtype t = a.DtypeInfo;
        ReadOnlySpan<byte> data = a.Data.Span;
        double[] values = new double[a.Length];
        if (t.Kind == 'f' && t.ItemSize == 8)
        {
            if (!t.NeedsSwap) data.CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
            else for (int k = 0; k < values.Length; k++) values[k] = BinaryPrimitives.ReadDoubleBigEndian(data.Slice(8 * k));
        }
        else if (t.Kind == 'f' && t.ItemSize == 4)
        {
            for (int k = 0; k < values.Length; k++)
                values[k] = t.NeedsSwap ? BinaryPrimitives.ReadSingleBigEndian(data.Slice(4 * k)) : BinaryPrimitives.ReadSingleLittleEndian(data.Slice(4 * k));
        }
        else
        {
            throw WrongType(a, expected);
        }
        return ToCOrder(a, values);
    }

    public static float[] Singles(NpyArray a)
    {
        NpyDtype t = a.DtypeInfo;
        if (t.Kind != 'f' || t.ItemSize != 4) throw WrongType(a, "float32 ('<f4'; float64 is not narrowed, read it as doubles)");
        ReadOnlySpan<byte> data = a.Data.Span;
        float[] values = new float[a.Length];
        if (!t.NeedsSwap) data.CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
        else for (int k = 0; k < values.Length; k++) values[k] = BinaryPrimitives.ReadSingleBigEndian(data.Slice(4 * k));
        return ToCOrder(a, values);
    }

    public static bool[] Booleans(NpyArray a)
    {
        if (a.DtypeInfo.Kind != 'b') throw WrongType(a, "bool ('|b1')");
        ReadOnlySpan<byte> data = a.Data.Span;
        bool[] values = new bool[a.Length];
        for (int k = 0; k < values.Length; k++) values[k] = data[k] != 0;
        return ToCOrder(a, values);
    }

    public static int[] Int32(NpyArray a)
    {
        NpyDtype t = a.DtypeInfo;
        const string expected = "int32 ('<i4'; other integer types are converted when every value fits)";
        if (t.Kind == 'i' && t.ItemSize == 4)
        {
            // The common case (connectivity index arrays): no intermediate copy.
            int[] direct = new int[a.Length];
            ReadOnlySpan<byte> data = a.Data.Span;
            if (!t.NeedsSwap) data.CopyTo(MemoryMarshal.AsBytes(direct.AsSpan()));
            else for (int k = 0; k < direct.Length; k++) direct[k] = BinaryPrimitives.ReadInt32BigEndian(data.Slice(4 * k));
            return ToCOrder(a, direct);
        }
        long[] wide = Int64Core(a, expected, "int32");
        int[] values = new int[wide.Length];
        for (int k = 0; k < wide.Length; k++)
        {
            long v = wide[k];
            if (v < int.MinValue || v > int.MaxValue) throw OutOfRange(a, k, v.ToString(), "int32", int.MinValue, int.MaxValue);
            values[k] = (int)v;
        }
        return values;
    }

    public static long[] Int64(NpyArray a) =>
        Int64Core(a, "int64 ('<i8'; other integer types are converted when every value fits)", "int64");

    /// <summary>Any integer dtype decoded to int64 in C order; uint64 values above long.MaxValue throw.</summary>
    private static long[] Int64Core(NpyArray a, string expected, string target)
    {
        NpyDtype t = a.DtypeInfo;
        if (t.Kind is not ('i' or 'u') || t.ItemSize is not (1 or 2 or 4 or 8)) throw WrongType(a, expected);
        ReadOnlySpan<byte> data = a.Data.Span;
        int size = t.ItemSize;
        bool big = t.BigEndian && size > 1;
        long[] values = new long[a.Length];
        for (int k = 0; k < values.Length; k++)
        {
            ReadOnlySpan<byte> e = data.Slice(size * k, size);
            if (t.Kind == 'i')
            {
                values[k] = SignedElement(e, size, big);
            }
            else
            {
                ulong u = UnsignedElement(e, size, big);
                if (u > long.MaxValue)
                {
                    // Report the position in C order, as the caller will index the result.
                    int c = a.FortranOrder && a.Rank > 1 ? FortranToCIndex(k, a.ShapeView) : k;
                    throw OutOfRange(a, c, u.ToString(), target, target == "int32" ? int.MinValue : long.MinValue, target == "int32" ? int.MaxValue : long.MaxValue);
                }
                values[k] = (long)u;
            }
        }
        return ToCOrder(a, values);
    }

    /// <summary>Values stored column-major, rearranged to row-major (no-op for C order or rank ≤ 1).</summary>
    private static T[] ToCOrder<T>(NpyArray a, T[] values)
    {
        if (!a.FortranOrder || a.Rank <= 1) return values;
        int[] shape = a.ShapeView;
        int n = shape.Length;
        var cStride = new long[n];
        long s = 1;
        for (int d = n - 1; d >= 0; d--)
        {
            cStride[d] = s;
            s *= shape[d];
        }
        // Walk the stored (first-index-fastest) order with a multi-index counter, tracking the C offset.
        var index = new int[n];
        long c = 0;
        var result = new T[values.Length];
        for (int f = 0; f < values.Length; f++)
        {
            result[c] = values[f];
            for (int d = 0; d < n; d++)
            {
                c += cStride[d];
                if (++index[d] < shape[d]) break;
                c -= cStride[d] * shape[d];
                index[d] = 0;
            }
        }
        return result;
    }

    /// <summary>The C-order flat index of the element at Fortran-order flat index <paramref name="f"/>.</summary>
    private static int FortranToCIndex(int f, int[] shape)
    {
        // Unravel f with the first index fastest, re-ravel with the last index fastest.
        long c = 0;
        long rest = f;
        long stride = 1;
        var digits = new long[shape.Length];
        for (int d = 0; d < shape.Length; d++)
        {
            digits[d] = rest % shape[d];
            rest /= shape[d];
        }
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            c += digits[d] * stride;
            stride *= shape[d];
        }
        return (int)c;
    }

    private static InvalidDataException WrongType(NpyArray a, string expected) =>
        new($"{a.Source}: dtype {a.DtypeInfo}, expected {expected}.");

    private static InvalidDataException OutOfRange(NpyArray a, int cIndex, string value, string target, long min, long max) =>
        new($"{a.Source}: element {Position(cIndex, a.ShapeView)} is {value}, outside the {target} range [{min}, {max}] (dtype {a.DtypeInfo}).");

    /// <summary>"[12]" for 1-D arrays, "[3, 4]" for n-D (C-order multi-index).</summary>
    private static string Position(int cIndex, int[] shape)
    {
        if (shape.Length <= 1) return $"[{cIndex}]";
        var idx = new long[shape.Length];
        long rest = cIndex;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            idx[d] = rest % shape[d];
            rest /= shape[d];
        }
        return "[" + string.Join(", ", idx) + "]";
    }

    /// <summary>One signed integer element of <paramref name="size"/> bytes (1, 2, 4 or 8), big- or little-endian.</summary>
    internal static long SignedElement(ReadOnlySpan<byte> e, int size, bool big) => size switch
    {
        1 => (sbyte)e[0],
        2 => big ? BinaryPrimitives.ReadInt16BigEndian(e) : BinaryPrimitives.ReadInt16LittleEndian(e),
        4 => big ? BinaryPrimitives.ReadInt32BigEndian(e) : BinaryPrimitives.ReadInt32LittleEndian(e),
        _ => big ? BinaryPrimitives.ReadInt64BigEndian(e) : BinaryPrimitives.ReadInt64LittleEndian(e),
    };

    /// <summary>One unsigned integer element of <paramref name="size"/> bytes (1, 2, 4 or 8), big- or little-endian.</summary>
    internal static ulong UnsignedElement(ReadOnlySpan<byte> e, int size, bool big) => size switch
    {
        1 => e[0],
        2 => big ? BinaryPrimitives.ReadUInt16BigEndian(e) : BinaryPrimitives.ReadUInt16LittleEndian(e),
        4 => big ? BinaryPrimitives.ReadUInt32BigEndian(e) : BinaryPrimitives.ReadUInt32LittleEndian(e),
        _ => big ? BinaryPrimitives.ReadUInt64BigEndian(e) : BinaryPrimitives.ReadUInt64LittleEndian(e),
    };
}
