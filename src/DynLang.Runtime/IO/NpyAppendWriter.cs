using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DynLang.Runtime;

/// <summary>
/// A .npy file that grows by rows while a simulation runs: 1-D (<c>columns = 0</c>) or 2-D with
/// a fixed number of columns. The header is written with room for any row count and rewritten
/// in place by <see cref="Flush"/>, so after every flush the file is a complete, valid .npy that
/// numpy and <see cref="Npy.Read"/> load with every row appended so far.
/// </summary>
/// <typeparam name="T">Element type: double, float, int, long or bool.</typeparam>
/// <remarks>
/// <see cref="Flush"/> hands the data to the operating system (it survives the process being
/// killed), it does not force it to the disk. Appended rows reach the file in the order
/// "data, then header", so a crash in between leaves a file whose header describes the previous
/// flush and whose extra bytes numpy and this library's reader ignore. Each <see cref="Append"/>
/// is one write to the operating system. When a write fails (a full disk), the rows of that
/// call are not counted and the exception propagates; the next <see cref="Append"/> or
/// <see cref="Flush"/> first cuts the file back to the rows written completely, so appending
/// the same rows again neither duplicates nor shifts any.
/// </remarks>
public sealed class NpyAppendWriter<T> : IDisposable where T : unmanaged
{
    private readonly Stream _stream;
    private readonly string _descr;
    private readonly int _headerSize;
    private long _committedRows;
    private bool _repair;
    private bool _disposed;

    /// <summary>Creates (or overwrites) <paramref name="path"/> as an empty array.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="columns">0 for a 1-D array; otherwise the length of each row of a 2-D array (rows × columns).</param>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not one of double, float, int, long, bool.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="columns"/> is negative.</exception>
    public NpyAppendWriter(string path, int columns = 0)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (columns < 0) throw new ArgumentOutOfRangeException(nameof(columns), columns, $"{path}: columns must be 0 (1-D) or positive.");
        char kind = typeof(T) == typeof(double) || typeof(T) == typeof(float) ? 'f'
            : typeof(T) == typeof(int) || typeof(T) == typeof(long) ? 'i'
            : typeof(T) == typeof(bool) ? 'b'
            : throw new NotSupportedException($"{path}: NpyAppendWriter writes double, float, int, long or bool, not {typeof(T).Name}.");
        _descr = NpyDtype.NativeDescr(kind, Unsafe.SizeOf<T>());
        Path = path;
        Columns = columns;
        // Reserve the header of the longest shape there can be, so every rewrite fits in place.
        _headerSize = NpyHeader.Format(_descr, false, ShapeOf(long.MaxValue)).Length;
        _stream = MonitorFileStreams.Create(path);
        try
        {
            _stream.Write(Header(0));
            _stream.Flush();
        }
        catch
        {
            _stream.Dispose();
            throw;
        }
    }

    /// <summary>The file being written.</summary>
    public string Path { get; }

    /// <summary>Row length of a 2-D array, 0 for 1-D.</summary>
    public int Columns { get; }

    /// <summary>Rows appended so far (1-D: elements).</summary>
    public long Rows { get; private set; }

    /// <summary>Rows the file's header describes (those of the last <see cref="Flush"/>).</summary>
    public long FlushedRows => _committedRows;

    /// <summary>Appends rows (1-D: elements); <paramref name="values"/> holds whole rows, row-major.</summary>
    /// <exception cref="ArgumentException">The length is not a multiple of <see cref="Columns"/>.</exception>
    /// <exception cref="ObjectDisposedException">After <see cref="Dispose"/>.</exception>
    public void Append(ReadOnlySpan<T> values)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int width = Math.Max(1, Columns);
        if (values.Length % width != 0)
            throw new ArgumentException($"{Path}: {values.Length} values are not whole rows of {Columns}.", nameof(values));
        Repair();
        try
        {
            _stream.Write(MemoryMarshal.AsBytes(values));
        }
        catch
        {
            _repair = true;
            throw;
        }
        Rows += values.Length / width;
    }

    /// <summary>Makes the file describe every appended row: data first, then the header, each handed to the OS.</summary>
    /// <exception cref="ObjectDisposedException">After <see cref="Dispose"/>.</exception>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Repair();
        try
        {
            _stream.Flush();
            if (Rows == _committedRows) return;
            long end = _stream.Position;
            _stream.Position = 0;
            _stream.Write(Header(Rows));
            _stream.Flush();
            _stream.Position = end;
        }
        catch
        {
            _repair = true;
            throw;
        }
        _committedRows = Rows;
    }

    /// <summary>After a failed write: the file back to the header and the rows written completely, positioned after them.</summary>
    private void Repair()
    {
        if (!_repair) return;
        long end = _headerSize + Rows * Math.Max(1, Columns) * (long)Unsafe.SizeOf<T>();
        _stream.SetLength(end);
        _stream.Position = end;
        _repair = false;
    }

    /// <summary>Flushes and closes the file. Further calls do nothing.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        try
        {
            Flush();
        }
        finally
        {
            _disposed = true;
            _stream.Dispose();
        }
    }

    private long[] ShapeOf(long rows) => Columns == 0 ? new[] { rows } : new[] { rows, Columns };

    private byte[] Header(long rows)
    {
        byte[] header = NpyHeader.Format(_descr, false, ShapeOf(rows), _headerSize);
        Debug.Assert(header.Length == _headerSize, "the reserved header must fit every row count");
        return header;
    }
}
