using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace DynLang.Runtime;

/// <summary>
/// Writes comma-separated values a person, a spreadsheet or pandas can open: invariant culture
/// (a '.' decimal point whatever the machine's locale), doubles and floats in their shortest
/// round-trip form ("R": parsing the text gives back the same bits), '\n' line ends, fields
/// quoted only when they contain a comma, quote or line break. Numbers are formatted without
/// allocating, so a writer can be fed from a simulation loop.
/// </summary>
/// <remarks>
/// <para>
/// <b>Whole rows.</b> Rows are collected in memory and handed to the file only whole, in chunks
/// of whole rows (one write each, when about 32 K characters are waiting, and on
/// <see cref="Flush"/>): a row is never split across two writes, and a flush never leaves half a
/// row in the file. A process killed in the middle of one write can still leave the last line
/// cut short (the operating system may stop a write part-way); such a line has no final
/// <c>'\n'</c>, and the rule for readers is to drop it: <see cref="RecoverIncompleteLastRow"/>
/// does that to a file.
/// </para>
/// <para>
/// <b>Failed writes</b> (a full disk): the rows not written stay in memory and the exception
/// propagates; the next <see cref="Flush"/> first cuts the file back to the end of the last row
/// that was written completely, then writes the rows again, so a retry neither loses nor
/// duplicates a row nor leaves a fragment in the middle of the file.
/// </para>
/// </remarks>
public sealed class CsvWriter : IDisposable
{
    private const int ChunkChars = 1 << 15;
    private static readonly UTF8Encoding Utf8 = new(false);

    private readonly Stream? _file;
    private readonly TextWriter? _writer;
    private readonly bool _ownsWriter;
    private readonly char[] _buffer = new char[64];
    private char[] _text = new char[ChunkChars + 256];
    private int _length;
    private int _wholeRows;
    private byte[] _bytes = Array.Empty<byte>();
    private long _committedBytes;
    private bool _repair;
    private bool _rowStarted;
    private bool _disposed;

    /// <summary>
    /// Creates (or overwrites) <paramref name="path"/> and writes the header line when
    /// <paramref name="header"/> is not empty (the header reaches the file at once).
    /// </summary>
    public CsvWriter(string path, params string[] header)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(header);
        _file = MonitorFileStreams.Create(path);
        _ownsWriter = true;
        try
        {
            WriteHeader(header);
            Flush();
        }
        catch
        {
            _file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes to <paramref name="writer"/>; disposes it on <see cref="Dispose"/> when
    /// <paramref name="ownsWriter"/>. Whole rows reach <paramref name="writer"/> in chunks and on
    /// <see cref="Flush"/>; the repair after a failed write needs a file and is not done here.
    /// </summary>
    public CsvWriter(TextWriter writer, bool ownsWriter, params string[] header)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(header);
        _writer = writer;
        _ownsWriter = ownsWriter;
        WriteHeader(header);
    }

    /// <summary>Data rows ended so far (the header line not counted), written or still waiting in memory.</summary>
    public long Rows { get; private set; }

    /// <summary>
    /// The recovery rule for a CSV file written by a process that was killed: cuts
    /// <paramref name="path"/> after its last <c>'\n'</c>, so that a last line without a line
    /// end (a row cut short by the kill) is dropped and every line left is whole. Returns the
    /// number of bytes removed (0 when the file already ends with a line end, or is empty).
    /// </summary>
    /// <exception cref="IOException">The file cannot be opened for writing.</exception>
    public static long RecoverIncompleteLastRow(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        long length = stream.Length;
        var block = new byte[4096];
        long end = length;
        while (end > 0)
        {
            int n = (int)Math.Min(block.Length, end);
            stream.Position = end - n;
            stream.ReadExactly(block, 0, n);
            int newline = Array.LastIndexOf(block, (byte)'\n', n - 1, n);
            if (newline >= 0)
            {
                long keep = end - n + newline + 1;
                if (keep < length) stream.SetLength(keep);
                return length - keep;
            }
            end -= n;
        }
        if (length > 0) stream.SetLength(0);
        return length;
    }

    /// <summary>Shortest round-trip text of <paramref name="value"/> in the invariant culture ("NaN", "Infinity", "-Infinity" for the special values).</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Shortest round-trip text of a float (e.g. "0.1", not float64's "0.10000000149011612").</summary>
    public static string Format(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Appends a field to the current row.</summary>
    public void Write(double value)
    {
        value.TryFormat(_buffer, out int n, "R", CultureInfo.InvariantCulture);
        WriteField(_buffer.AsSpan(0, n));
    }

    /// <summary>Appends a field to the current row.</summary>
    public void Write(float value)
    {
        value.TryFormat(_buffer, out int n, "R", CultureInfo.InvariantCulture);
        WriteField(_buffer.AsSpan(0, n));
    }

    /// <summary>Appends a field to the current row.</summary>
    public void Write(long value)
    {
        value.TryFormat(_buffer, out int n, default, CultureInfo.InvariantCulture);
        WriteField(_buffer.AsSpan(0, n));
    }

    /// <summary>Appends a field to the current row.</summary>
    public void Write(int value) => Write((long)value);

    /// <summary>Appends a text field, quoted (with inner quotes doubled) when it holds a comma, quote or line break.</summary>
    public void Write(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            WriteField(value);
            return;
        }
        WriteField("\"" + value.Replace("\"", "\"\"") + "\"");
    }

    /// <summary>Ends the current row; whole rows go to the file in chunks of about 32 K characters.</summary>
    /// <exception cref="IOException">Writing a chunk failed; the row is kept and written again by the next <see cref="Flush"/>.</exception>
    public void EndRow()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Append("\n");
        _rowStarted = false;
        _wholeRows = _length;
        Rows++;
        if (_wholeRows >= ChunkChars && !_repair) WriteWholeRows();
    }

    /// <summary>Writes a whole row of numbers.</summary>
    public void WriteRow(ReadOnlySpan<double> values)
    {
        foreach (double v in values) Write(v);
        EndRow();
    }

    /// <summary>Hands every whole row to the file (or the underlying writer); a row not yet ended stays in memory.</summary>
    /// <exception cref="IOException">The write failed (the rows stay in memory for the next Flush).</exception>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        WriteWholeRows();
        _writer?.Flush();
    }

    /// <summary>Ends a row left unfinished, flushes, and closes the file when this writer owns it. Further calls do nothing.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        try
        {
            if (_rowStarted) EndRow();
            Flush();
        }
        finally
        {
            _disposed = true;
            if (_ownsWriter)
            {
                _file?.Dispose();
                _writer?.Dispose();
            }
        }
    }

    private void WriteHeader(string[] header)
    {
        if (header.Length == 0) return;
        foreach (string h in header) Write(h);
        EndRow();
        Rows = 0;
    }

    private void WriteField(ReadOnlySpan<char> text)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_rowStarted) Append(",");
        Append(text);
        _rowStarted = true;
    }

    private void Append(ReadOnlySpan<char> text)
    {
        if (_length + text.Length > _text.Length)
            Array.Resize(ref _text, Math.Max(_text.Length * 2, _length + text.Length));
        text.CopyTo(_text.AsSpan(_length));
        _length += text.Length;
    }

    /// <summary>One write of every whole row waiting; on success they leave the buffer (a started row moves to its front).</summary>
    private void WriteWholeRows()
    {
        if (_wholeRows == 0 && !_repair) return;
        ReadOnlySpan<char> rows = _text.AsSpan(0, _wholeRows);
        if (_file is not null)
        {
            int max = Utf8.GetMaxByteCount(rows.Length);
            if (_bytes.Length < max) _bytes = new byte[Math.Max(max, 2 * _bytes.Length)];
            int n = Utf8.GetBytes(rows, _bytes);
            if (_repair)
            {
                // A write failed part-way: cut the file back to the last whole row written.
                _file.SetLength(_committedBytes);
                _file.Position = _committedBytes;
                _repair = false;
            }
            try
            {
                _file.Write(_bytes, 0, n);
                _file.Flush();
            }
            catch
            {
                _repair = true;
                throw;
            }
            _committedBytes += n;
        }
        else
        {
            _writer!.Write(rows);
        }
        int rest = _length - _wholeRows;
        if (rest > 0) Array.Copy(_text, _wholeRows, _text, 0, rest);
        _length = rest;
        _wholeRows = 0;
    }
}
