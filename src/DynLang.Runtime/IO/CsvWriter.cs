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
public sealed class CsvWriter : IDisposable
{
    private readonly TextWriter _writer;
    private readonly bool _ownsWriter;
    private readonly char[] _buffer = new char[64];
    private bool _rowStarted;
    private bool _disposed;

    /// <summary>Creates (or overwrites) <paramref name="path"/> and writes the header line when <paramref name="header"/> is not empty.</summary>
    public CsvWriter(string path, params string[] header)
        : this(new StreamWriter(new FileStream(path ?? throw new ArgumentNullException(nameof(path)), FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16), new UTF8Encoding(false)), ownsWriter: true, header)
    {
    }

    /// <summary>Writes to <paramref name="writer"/>; disposes it on <see cref="Dispose"/> when <paramref name="ownsWriter"/>.</summary>
    public CsvWriter(TextWriter writer, bool ownsWriter, params string[] header)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(header);
        _writer = writer;
        _ownsWriter = ownsWriter;
        if (header.Length > 0)
        {
            foreach (string h in header) Write(h);
            EndRow();
        }
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

    /// <summary>Ends the current row.</summary>
    public void EndRow()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _writer.Write('\n');
        _rowStarted = false;
    }

    /// <summary>Writes a whole row of numbers.</summary>
    public void WriteRow(ReadOnlySpan<double> values)
    {
        foreach (double v in values) Write(v);
        EndRow();
    }

    /// <summary>Hands buffered text to the file (or the underlying writer).</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _writer.Flush();
    }

    /// <summary>Flushes, and closes the file when this writer owns it. Further calls do nothing.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        try
        {
            _writer.Flush();
        }
        finally
        {
            _disposed = true;
            if (_ownsWriter) _writer.Dispose();
        }
    }

    private void WriteField(ReadOnlySpan<char> text)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_rowStarted) _writer.Write(',');
        _writer.Write(text);
        _rowStarted = true;
    }
}
