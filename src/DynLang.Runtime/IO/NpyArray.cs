using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DynLang.Runtime;

/// <summary>
/// One array of a .npy file or .npz archive: its dtype, shape and raw data exactly as stored,
/// with typed readers that check dtype and shape and say what they found when the file is not
/// what the caller expects. Readers return values in C (row-major) order whatever the file's
/// byte order or memory order (big-endian and Fortran-ordered arrays are converted).
/// </summary>
public sealed class NpyArray
{
    private readonly int[] _shape;

    /// <summary>An array from raw bytes, e.g. to write one of a dtype this library has no typed overload for.</summary>
    /// <param name="name">Name of the array (its key in an .npz archive).</param>
    /// <param name="dtype">numpy descr, e.g. "&lt;f8" (little-endian float64) or "|b1" (bool).</param>
    /// <param name="shape">Dimensions; an empty array means a 0-d (scalar) array.</param>
    /// <param name="data">Element bytes in the dtype's byte order, C order unless <paramref name="fortranOrder"/>.</param>
    /// <param name="fortranOrder">True when <paramref name="data"/> is in column-major order.</param>
    /// <exception cref="ArgumentException">The dtype is malformed, a dimension is negative, or the data length does not match the shape.</exception>
    public NpyArray(string name, string dtype, int[] shape, byte[] data, bool fortranOrder = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(dtype);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        try
        {
            DtypeInfo = NpyDtype.Parse(dtype, name);
        }
        catch (InvalidDataException e)
        {
            throw new ArgumentException(e.Message, nameof(dtype), e);
        }
        long count = CheckShape(name, shape);
        if (count * DtypeInfo.ItemSize != data.Length)
            throw new ArgumentException(
                $"{name}: shape {NpyHeader.FormatShape(shape)} of {DtypeInfo} needs {count * DtypeInfo.ItemSize} bytes, the data has {data.Length}.", nameof(data));
        Name = name;
        Source = name;
        _shape = (int[])shape.Clone();
        Length = count;
        FortranOrder = fortranOrder;
        Data = data;
    }

    internal NpyArray(string name, string source, NpyHeader header, ReadOnlyMemory<byte> data)
    {
        Name = name;
        Source = source;
        DtypeInfo = header.Dtype;
        _shape = header.Shape;
        Length = header.ElementCount;
        FortranOrder = header.FortranOrder;
        Data = data;
    }

    /// <summary>The array's name: its key in an .npz archive, or the file name without ".npy".</summary>
    public string Name { get; }

    /// <summary>Where it came from, as error messages name it: the file path, or "archive.npz[name]".</summary>
    public string Source { get; }

    /// <summary>numpy descr as stored, e.g. "&lt;f8", "&gt;i4", "|b1".</summary>
    public string Dtype => DtypeInfo.Descr;

    /// <summary>The dimensions (a copy); empty for a 0-d array.</summary>
    public int[] Shape => (int[])_shape.Clone();

    /// <summary>Number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>Number of elements (the product of the shape).</summary>
    public long Length { get; }

    /// <summary>True when the stored data is in column-major order (typed readers convert it).</summary>
    public bool FortranOrder { get; }

    /// <summary>The element bytes as stored (file byte order, file memory order).</summary>
    public ReadOnlyMemory<byte> Data { get; }

    internal NpyDtype DtypeInfo { get; }

    internal int[] ShapeView => _shape;

    /// <summary>
    /// The values of a float64 array of any shape, flat in C order (float32 is widened exactly).
    /// Any other dtype, or an element count other than <paramref name="expectedLength"/> when given, throws.
    /// </summary>
    /// <exception cref="InvalidDataException">Wrong dtype or shape; the message names the source, what it holds and what was expected.</exception>
    public double[] ToDoubles(int? expectedLength = null)
    {
        RequireLength(expectedLength);
        return NpyDecode.Floats(this, "float64 ('<f8'; float32 is widened)");
    }

    /// <summary>The values of a float32 array of any shape, flat in C order. float64 is refused rather than rounded (read it with <see cref="ToDoubles"/>).</summary>
    /// <exception cref="InvalidDataException">Wrong dtype or shape.</exception>
    public float[] ToSingles(int? expectedLength = null)
    {
        RequireLength(expectedLength);
        return NpyDecode.Singles(this);
    }

    /// <summary>
    /// The values of an integer array of any shape (flat, C order) as int32: int32 is read as is; other integer widths and
    /// unsigned types are converted when every value fits, else the first value that does not is
    /// named with its position.
    /// </summary>
    /// <exception cref="InvalidDataException">Wrong dtype or shape, or a value outside the int32 range.</exception>
    public int[] ToInt32(int? expectedLength = null)
    {
        RequireLength(expectedLength);
        return NpyDecode.Int32(this);
    }

    /// <summary>The values of an integer array of any shape (flat, C order) as int64 (uint64 values above <see cref="long.MaxValue"/> throw).</summary>
    /// <exception cref="InvalidDataException">Wrong dtype or shape, or a value outside the int64 range.</exception>
    public long[] ToInt64(int? expectedLength = null)
    {
        RequireLength(expectedLength);
        return NpyDecode.Int64(this);
    }

    /// <summary>The values of a bool array of any shape (flat, C order) (numpy '|b1'; any non-zero byte is true, as in numpy).</summary>
    /// <exception cref="InvalidDataException">Wrong dtype or shape.</exception>
    public bool[] ToBooleans(int? expectedLength = null)
    {
        RequireLength(expectedLength);
        return NpyDecode.Booleans(this);
    }

    /// <summary>The values of a 2-D float64 (or widened float32) array as [row, column].</summary>
    /// <param name="rows">Required number of rows, or null for any.</param>
    /// <param name="columns">Required number of columns, or null for any.</param>
    /// <exception cref="InvalidDataException">Wrong dtype, not 2-D, or the wrong number of rows or columns.</exception>
    public double[,] ToDoubleMatrix(int? rows = null, int? columns = null)
    {
        string expected = $"({(rows?.ToString() ?? "any")}, {(columns?.ToString() ?? "any")})";
        if (Rank != 2 || (rows is int r && _shape[0] != r) || (columns is int c && _shape[1] != c))
            throw new InvalidDataException($"{Source}: shape {NpyHeader.FormatShape(_shape)}, expected a 2-D array of shape {expected}.");
        double[] flat = NpyDecode.Floats(this, "float64 ('<f8'; float32 is widened)");
        var matrix = new double[_shape[0], _shape[1]];
        if (flat.Length > 0) flat.AsSpan().CopyTo(MemoryMarshal.CreateSpan(ref matrix[0, 0], flat.Length));
        return matrix;
    }

    /// <summary>A 1-D or n-D float64 array of <paramref name="values"/> (a copy).</summary>
    /// <param name="name">Name (key in an .npz archive).</param>
    /// <param name="values">Values in C order.</param>
    /// <param name="shape">Dimensions; none means 1-D of the values' length.</param>
    public static NpyArray Create(string name, ReadOnlySpan<double> values, params int[] shape) => FromSpan(name, 'f', values, shape);

    /// <summary>A float32 array (see <see cref="Create(string, ReadOnlySpan{double}, int[])"/>).</summary>
    public static NpyArray Create(string name, ReadOnlySpan<float> values, params int[] shape) => FromSpan(name, 'f', values, shape);

    /// <summary>An int32 array (see <see cref="Create(string, ReadOnlySpan{double}, int[])"/>).</summary>
    public static NpyArray Create(string name, ReadOnlySpan<int> values, params int[] shape) => FromSpan(name, 'i', values, shape);

    /// <summary>An int64 array (see <see cref="Create(string, ReadOnlySpan{double}, int[])"/>).</summary>
    public static NpyArray Create(string name, ReadOnlySpan<long> values, params int[] shape) => FromSpan(name, 'i', values, shape);

    /// <summary>A bool array (see <see cref="Create(string, ReadOnlySpan{double}, int[])"/>).</summary>
    public static NpyArray Create(string name, ReadOnlySpan<bool> values, params int[] shape) => FromSpan(name, 'b', values, shape);

    /// <summary>A 2-D float64 array of <paramref name="matrix"/> [row, column] (a copy).</summary>
    public static NpyArray Create(string name, double[,] matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return FromSpan<double>(name, 'f', MatrixSpan(matrix), new[] { matrix.GetLength(0), matrix.GetLength(1) });
    }

    /// <summary>Writes this array as a complete .npy file (version 1.0 header) to <paramref name="stream"/>.</summary>
    internal void WriteTo(Stream stream)
    {
        stream.Write(NpyHeader.Format(Dtype, FortranOrder, _shape.Select(d => (long)d).ToArray()));
        stream.Write(Data.Span);
    }

    internal static ReadOnlySpan<double> MatrixSpan(double[,] matrix) =>
        matrix.Length == 0 ? ReadOnlySpan<double>.Empty : MemoryMarshal.CreateReadOnlySpan(ref matrix[0, 0], matrix.Length);

    /// <summary>Checks a shape given by a caller; returns the element count.</summary>
    internal static long CheckShape(string what, int[] shape)
    {
        long count = 1;
        foreach (int d in shape)
        {
            if (d < 0) throw new ArgumentException($"{what}: shape {NpyHeader.FormatShape(shape)} has a negative dimension.", nameof(shape));
            count *= d;
        }
        return count;
    }

    /// <summary>Resolves a writer's shape argument: none means 1-D; otherwise its product must be the data length.</summary>
    internal static int[] ResolveShape(string what, int length, int[]? shape)
    {
        if (shape is null || shape.Length == 0) return new[] { length };
        long count = CheckShape(what, shape);
        if (count != length)
            throw new ArgumentException($"{what}: shape {NpyHeader.FormatShape(shape)} holds {count} elements, the data has {length}.", nameof(shape));
        return (int[])shape.Clone();
    }

    private static NpyArray FromSpan<T>(string name, char kind, ReadOnlySpan<T> values, int[]? shape) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(name);
        int[] resolved = ResolveShape(name, values.Length, shape);
        byte[] data = MemoryMarshal.AsBytes(values).ToArray();
        return new NpyArray(name, NpyDtype.NativeDescr(kind, Unsafe.SizeOf<T>()), resolved, data);
    }

    /// <summary>
    /// The flat readers take an array of any shape in C (row-major) order — a 2-D field snapshot
    /// (ny, nx) reads as the field's flat state — so only the element count is checked.
    /// </summary>
    private void RequireLength(int? expectedLength)
    {
        if (expectedLength is not int n || Length == n) return;
        string found = Rank == 1 ? $"shape {NpyHeader.FormatShape(_shape)}" : $"shape {NpyHeader.FormatShape(_shape)} holds {Length} values";
        string expected = Rank == 1 ? $"({n},)" : $"({n},) or any shape of {n} values";
        throw new InvalidDataException($"{Source}: {found}, expected {expected}.");
    }
}
