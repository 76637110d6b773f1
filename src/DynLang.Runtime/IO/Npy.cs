using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DynLang.Runtime;

/// <summary>
/// NumPy .npy files (format 1.0, 2.0 and 3.0): reading reference data (initial states,
/// connectivity index arrays) with checks of dtype and shape, and writing arrays Python users
/// can <c>numpy.load</c>. Errors say which file, what it holds and what was expected.
/// </summary>
/// <remarks>
/// Like numpy, the reader ignores bytes after the data the header's shape describes (so a
/// monitor file caught between appending data and rewriting its header still reads, with the
/// records of the last completed flush); a file shorter than its shape needs is an error.
/// </remarks>
public static class Npy
{
    /// <summary>Reads a whole .npy file. The file may be open for writing elsewhere (a running monitor).</summary>
    /// <exception cref="InvalidDataException">Not a .npy file, an unsupported header or dtype, or truncated data.</exception>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    public static NpyArray Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            long length = stream.Length;
            if (length > Array.MaxLength)
                throw new InvalidDataException($"{path}: {length} bytes; files over {Array.MaxLength} bytes are not supported.");
            bytes = new byte[length];
            stream.ReadExactly(bytes);
        }
        return Parse(bytes, Path.GetFileNameWithoutExtension(path), path);
    }

    /// <summary>A float64 array (float32 widened) of any shape, flat in C order, of <paramref name="expectedLength"/> elements when given.</summary>
    /// <exception cref="InvalidDataException">Another dtype or element count; the message names the file, what it holds and what was expected.</exception>
    public static double[] ReadDoubles(string path, int? expectedLength = null) => Read(path).ToDoubles(expectedLength);

    /// <summary>A float32 array of any shape, flat in C order (float64 is refused, not rounded).</summary>
    /// <exception cref="InvalidDataException">Another dtype or element count.</exception>
    public static float[] ReadSingles(string path, int? expectedLength = null) => Read(path).ToSingles(expectedLength);

    /// <summary>An integer array of any shape, flat in C order, as int32; other integer types are converted when every value fits (else the first that does not is named with its position).</summary>
    /// <exception cref="InvalidDataException">Not integers, another element count, or a value outside the int32 range.</exception>
    public static int[] ReadInt32(string path, int? expectedLength = null) => Read(path).ToInt32(expectedLength);

    /// <summary>An integer array of any shape, flat in C order, as int64.</summary>
    /// <exception cref="InvalidDataException">Not integers, another element count, or a uint64 value above the int64 range.</exception>
    public static long[] ReadInt64(string path, int? expectedLength = null) => Read(path).ToInt64(expectedLength);

    /// <summary>A bool array of any shape, flat in C order.</summary>
    /// <exception cref="InvalidDataException">Another dtype or element count.</exception>
    public static bool[] ReadBooleans(string path, int? expectedLength = null) => Read(path).ToBooleans(expectedLength);

    /// <summary>A 2-D float64 (or widened float32) array as [row, column], checked against <paramref name="rows"/> and <paramref name="columns"/> when given.</summary>
    /// <exception cref="InvalidDataException">Another dtype, not 2-D, or the wrong number of rows or columns.</exception>
    public static double[,] ReadDoubleMatrix(string path, int? rows = null, int? columns = null) => Read(path).ToDoubleMatrix(rows, columns);

    /// <summary>Writes float64 values; <paramref name="shape"/> defaults to 1-D and must hold exactly the data's length.</summary>
    /// <exception cref="ArgumentException">The shape does not match the data.</exception>
    public static void Write(string path, ReadOnlySpan<double> data, params int[] shape) => WriteSpan(path, 'f', data, shape);

    /// <summary>Writes float32 values (see <see cref="Write(string, ReadOnlySpan{double}, int[])"/>).</summary>
    public static void Write(string path, ReadOnlySpan<float> data, params int[] shape) => WriteSpan(path, 'f', data, shape);

    /// <summary>Writes int32 values (see <see cref="Write(string, ReadOnlySpan{double}, int[])"/>).</summary>
    public static void Write(string path, ReadOnlySpan<int> data, params int[] shape) => WriteSpan(path, 'i', data, shape);

    /// <summary>Writes int64 values (see <see cref="Write(string, ReadOnlySpan{double}, int[])"/>).</summary>
    public static void Write(string path, ReadOnlySpan<long> data, params int[] shape) => WriteSpan(path, 'i', data, shape);

    /// <summary>Writes a [row, column] matrix as a 2-D float64 array.</summary>
    public static void Write(string path, double[,] matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        WriteSpan(path, 'f', NpyArray.MatrixSpan(matrix), new[] { matrix.GetLength(0), matrix.GetLength(1) });
    }

    /// <summary>Writes <paramref name="array"/> as it is (dtype, shape, memory order).</summary>
    public static void Write(string path, NpyArray array)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(array);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        array.WriteTo(stream);
    }

    /// <summary>Parses a complete .npy image; <paramref name="source"/> names it in errors.</summary>
    internal static NpyArray Parse(byte[] bytes, string name, string source)
    {
        var header = NpyHeader.Parse(bytes, source);
        long needed = header.ElementCount * header.Dtype.ItemSize;
        long available = bytes.Length - header.DataOffset;
        if (available < needed)
            throw new InvalidDataException(
                $"{source}: truncated: shape {NpyHeader.FormatShape(header.Shape)} of {header.Dtype} needs {needed} bytes of data after the {header.DataOffset}-byte header, the file has {available}.");
        return new NpyArray(name, source, header, new ReadOnlyMemory<byte>(bytes, header.DataOffset, (int)needed));
    }

    private static void WriteSpan<T>(string path, char kind, ReadOnlySpan<T> data, int[]? shape) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(path);
        int[] resolved = NpyArray.ResolveShape(path, data.Length, shape);
        byte[] header = NpyHeader.Format(NpyDtype.NativeDescr(kind, Unsafe.SizeOf<T>()), false, resolved.Select(d => (long)d).ToArray());
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        stream.Write(header);
        stream.Write(MemoryMarshal.AsBytes(data));
    }
}
