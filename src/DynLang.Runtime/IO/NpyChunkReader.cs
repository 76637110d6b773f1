using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;

namespace DynLang.Runtime;

/// <summary>
/// Reads the elements of a .npy file a chunk at a time, in C order, never holding the whole array:
/// for files too large to read at once (the index arrays of a network of millions of neurons, read
/// by every rank of a distributed run) and for reading one slice of a file (a rank's neurons).
/// </summary>
/// <remarks>
/// Only C-ordered arrays (or arrays of at most one dimension, where the order does not matter) are
/// read: the elements are then in file order and a chunk is a contiguous byte range. The whole data
/// the shape describes must be present when the file is opened (a short file fails at once, as in
/// <see cref="Npy.Read"/>, instead of after minutes of reading). Errors name the file.
/// </remarks>
internal sealed class NpyChunkReader : IDisposable
{
    /// <summary>Largest header accepted: numpy writes a few hundred bytes; a bigger one is corruption.</summary>
    private const int MaximumHeaderBytes = 1 << 20;

    private readonly FileStream _stream;
    private readonly NpyHeader _header;
    private readonly byte[] _headerBytes;
    private byte[] _buffer = Array.Empty<byte>();

    private NpyChunkReader(string path, FileStream stream, NpyHeader header, byte[] headerBytes)
    {
        Path = path;
        _stream = stream;
        _header = header;
        _headerBytes = headerBytes;
    }

    /// <summary>The file, as given to <see cref="Open"/> (messages name it).</summary>
    public string Path { get; }

    /// <summary>Number of elements (the product of the shape).</summary>
    public long Length => _header.ElementCount;

    /// <summary>The element type.</summary>
    public NpyDtype Dtype => _header.Dtype;

    /// <summary>The shape as the header gives it.</summary>
    public ReadOnlySpan<int> Shape => _header.Shape;

    /// <summary>The preamble and header, exactly as stored (to hash the whole file along with the data).</summary>
    public ReadOnlySpan<byte> HeaderBytes => _headerBytes;

    /// <summary>The next element <see cref="ReadRaw"/> returns (C-order flat index).</summary>
    public long Position { get; private set; }

    /// <summary>Opens <paramref name="path"/> and reads its header; the file may be open for writing elsewhere.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">Not a .npy file, an unsupported header or dtype, a Fortran-ordered array of more than one dimension, or less data than the shape needs.</exception>
    public static NpyChunkReader Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
        try
        {
            byte[] headerBytes = ReadHeaderBytes(stream, path);
            var header = NpyHeader.Parse(headerBytes, path);
            if (header.FortranOrder && header.Shape.Length > 1)
                throw new InvalidDataException($"{path}: a Fortran-ordered array of shape {NpyHeader.FormatShape(header.Shape)}; only C-ordered (or one-dimensional) arrays can be read in chunks.");
            long needed = header.ElementCount * header.Dtype.ItemSize;
            long available = stream.Length - header.DataOffset;
            if (available < needed)
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"{path}: truncated: shape {NpyHeader.FormatShape(header.Shape)} of {header.Dtype} needs {needed} bytes of data after the {header.DataOffset}-byte header, the file has {available}."));
            stream.Position = header.DataOffset;
            return new NpyChunkReader(path, stream, header, headerBytes);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Moves to element <paramref name="element"/> (0 ≤ element ≤ <see cref="Length"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [0, <see cref="Length"/>].</exception>
    public void Seek(long element)
    {
        if (element < 0 || element > Length)
            throw new ArgumentOutOfRangeException(nameof(element), element, string.Create(CultureInfo.InvariantCulture, $"{Path}: element {element} is outside [0, {Length}]."));
        _stream.Position = _header.DataOffset + element * Dtype.ItemSize;
        Position = element;
    }

    /// <summary>
    /// The bytes of the next elements, at most <paramref name="maximumElements"/> and no more than
    /// remain (empty at the end), in the file's byte order. The span is valid until the next call.
    /// </summary>
    /// <exception cref="InvalidDataException">The file got shorter since it was opened.</exception>
    public ReadOnlySpan<byte> ReadRaw(int maximumElements)
    {
        int count = (int)Math.Min(Math.Max(maximumElements, 0), Length - Position);
        int bytes = checked(count * Dtype.ItemSize);
        if (_buffer.Length < bytes) _buffer = new byte[bytes];
        try
        {
            _stream.ReadExactly(_buffer, 0, bytes);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{Path}: the file ended before element {Position + count} of {Length} (did it change while it was read?)."), e);
        }
        Position += count;
        return new ReadOnlySpan<byte>(_buffer, 0, bytes);
    }

    /// <summary>
    /// Decodes the integer elements in <paramref name="raw"/> (from <see cref="ReadRaw"/>, its first
    /// element at flat index <paramref name="firstElement"/>) into <paramref name="destination"/>:
    /// any signed or unsigned integer dtype, each value range-checked.
    /// </summary>
    /// <exception cref="InvalidDataException">Not an integer dtype, or a value outside the int32 range (the message gives its position).</exception>
    public void DecodeInt32(ReadOnlySpan<byte> raw, Span<int> destination, long firstElement)
    {
        NpyDtype t = Dtype;
        if (t.Kind is not ('i' or 'u') || t.ItemSize is not (1 or 2 or 4 or 8))
            throw new InvalidDataException($"{Path}: dtype {t}, expected an integer array (int32 '<i4'; other integer types are converted when every value fits).");
        int size = t.ItemSize, count = raw.Length / size;
        if (t.Kind == 'i' && size == 4 && !t.NeedsSwap)
        {
            MemoryMarshal.Cast<byte, int>(raw).CopyTo(destination);
            return;
        }
        bool big = t.BigEndian && size > 1;
        for (int k = 0; k < count; k++)
        {
            ReadOnlySpan<byte> e = raw.Slice(size * k, size);
            long value;
            if (t.Kind == 'i')
            {
                value = NpyDecode.SignedElement(e, size, big);
            }
            else
            {
                ulong u = NpyDecode.UnsignedElement(e, size, big);
                if (u > int.MaxValue) ThrowOutOfInt32(firstElement + k, u.ToString(CultureInfo.InvariantCulture));
                value = (long)u;
            }
            if (value < int.MinValue || value > int.MaxValue) ThrowOutOfInt32(firstElement + k, value.ToString(CultureInfo.InvariantCulture));
            destination[k] = (int)value;
        }
    }

    /// <summary>Decodes float64 (or float32, widened exactly) elements in <paramref name="raw"/> into <paramref name="destination"/>.</summary>
    /// <exception cref="InvalidDataException">Not a float64 or float32 array.</exception>
    public void DecodeDoubles(ReadOnlySpan<byte> raw, Span<double> destination)
    {
        NpyDtype t = Dtype;
        if (t.Kind == 'f' && t.ItemSize == 8)
        {
            if (!t.NeedsSwap) MemoryMarshal.Cast<byte, double>(raw).CopyTo(destination);
            else for (int k = 0; k < raw.Length / 8; k++) destination[k] = BinaryPrimitives.ReadDoubleBigEndian(raw.Slice(8 * k));
        }
        else if (t.Kind == 'f' && t.ItemSize == 4)
        {
            for (int k = 0; k < raw.Length / 4; k++)
                destination[k] = t.NeedsSwap ? BinaryPrimitives.ReadSingleBigEndian(raw.Slice(4 * k)) : BinaryPrimitives.ReadSingleLittleEndian(raw.Slice(4 * k));
        }
        else
        {
            throw new InvalidDataException($"{Path}: dtype {t}, expected float64 ('<f8'; float32 is widened).");
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _stream.Dispose();

    private void ThrowOutOfInt32(long position, string value) =>
        throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
            $"{Path}: element [{position}] is {value}, outside the int32 range [{int.MinValue}, {int.MaxValue}] (dtype {Dtype})."));

    /// <summary>The preamble and the header dict, read exactly (the stream is left after them).</summary>
    private static byte[] ReadHeaderBytes(FileStream stream, string path)
    {
        // Magic (6), version (2), header length (2 in version 1, 4 in versions 2 and 3).
        var preamble = new byte[12];
        int got = stream.ReadAtLeast(preamble, preamble.Length, throwOnEndOfStream: false);
        int lengthSize = got >= 8 && preamble[6] == 1 ? 2 : 4;
        int preambleSize = 8 + lengthSize;
        if (got < preambleSize)
            return preamble.AsSpan(0, got).ToArray(); // NpyHeader.Parse says what is missing
        long headerLength = lengthSize == 2
            ? BinaryPrimitives.ReadUInt16LittleEndian(preamble.AsSpan(8))
            : BinaryPrimitives.ReadUInt32LittleEndian(preamble.AsSpan(8));
        if (headerLength > MaximumHeaderBytes)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{path}: the .npy header claims {headerLength} bytes; numpy's are a few hundred (is the file corrupt?)."));
        long total = Math.Min(preambleSize + headerLength, stream.Length);
        var bytes = new byte[total];
        stream.Position = 0;
        stream.ReadExactly(bytes);
        return bytes;
    }
}
