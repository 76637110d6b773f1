using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;

namespace DynLang.Distributed;

/// <summary>The CSV files the monitors write (<c>DynLang.Runtime.CsvWriter</c>): a header line, then rows, every line ended by '\n'.</summary>
internal static class CsvFiles
{
    /// <summary>The header and the number of data rows; refuses a file whose last line has no line end (cut short).</summary>
    public static (string Header, long Rows) CheckWhole(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        if (stream.Length == 0) throw new RankFilesException($"{path} is empty: it has not even its header line.");
        var block = new byte[1 << 16];
        long lines = 0;
        int n;
        byte last = 0;
        var header = new MemoryStream();
        bool inHeader = true;
        while ((n = stream.Read(block, 0, block.Length)) > 0)
        {
            ReadOnlySpan<byte> span = block.AsSpan(0, n);
            if (inHeader)
            {
                int end = span.IndexOf((byte)'\n');
                header.Write(end < 0 ? span : span[..end]);
                if (end >= 0) inHeader = false;
            }
            lines += span.Count((byte)'\n');
            last = span[^1];
        }
        if (last != (byte)'\n')
            throw new RankFilesException($"{path}: its last line has no line end: it was cut short (the run did not finish writing it).");
        return (Encoding.UTF8.GetString(header.ToArray()), lines - 1);
    }

    public static StreamReader OpenReader(string path) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16), new UTF8Encoding(false), false);

    /// <summary>Splits a header line, undoing CsvWriter's quoting of fields that hold a comma, quote or line break.</summary>
    public static string[] SplitQuoted(string line)
    {
        var fields = new System.Collections.Generic.List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int k = 0; k < line.Length; k++)
        {
            char c = line[k];
            if (quoted)
            {
                if (c == '"' && k + 1 < line.Length && line[k + 1] == '"') { field.Append('"'); k++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields.ToArray();
    }

    /// <summary>A field as CsvWriter writes it (quoted when it holds a comma, quote or line break).</summary>
    public static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";

    public static double ParseDouble(ReadOnlySpan<char> text, string path, long line) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v
            : throw new RankFilesException(string.Create(CultureInfo.InvariantCulture, $"{path}, line {line}: '{text.ToString()}' is not a number."));

    public static int ParseInt(ReadOnlySpan<char> text, string path, long line) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v
            : throw new RankFilesException(string.Create(CultureInfo.InvariantCulture, $"{path}, line {line}: '{text.ToString()}' is not an index."));
}

/// <summary>The header of an .npy file the monitors write (little-endian int32 or float64, C order, 1-D or 2-D), and streaming reads of its data.</summary>
internal sealed class NpyFile
{
    private static readonly Regex Descr = new(@"'descr'\s*:\s*'([^']*)'", RegexOptions.CultureInvariant);
    private static readonly Regex Fortran = new(@"'fortran_order'\s*:\s*(True|False)", RegexOptions.CultureInvariant);
    private static readonly Regex Shape = new(@"'shape'\s*:\s*\(([^)]*)\)", RegexOptions.CultureInvariant);

    private NpyFile(string path, string descr, long rows, int columns, int dataOffset, long length)
    {
        Path = path;
        DescrText = descr;
        Rows = rows;
        Columns = columns;
        DataOffset = dataOffset;
        Length = length;
    }

    public string Path { get; }
    public string DescrText { get; }
    public long Rows { get; }

    /// <summary>0 for a 1-D array.</summary>
    public int Columns { get; }
    public int DataOffset { get; }
    public long Length { get; }
    public int ItemSize => DescrText[^1] - '0';
    public long DataBytes => Rows * Math.Max(1, Columns) * ItemSize;

    public static NpyFile Open(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var head = new byte[12];
        if (stream.Read(head, 0, 12) < 10 || head[0] != 0x93 || Encoding.ASCII.GetString(head, 1, 5) != "NUMPY")
            throw new RankFilesException($"{path} is not an .npy file.");
        int major = head[6];
        int headerLength, start;
        if (major == 1) { headerLength = BinaryPrimitives.ReadUInt16LittleEndian(head.AsSpan(8)); start = 10; }
        else if (major is 2 or 3) { headerLength = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(head.AsSpan(8))); start = 12; }
        else throw new RankFilesException($"{path}: .npy format version {major} is not supported.");
        var text = new byte[headerLength];
        stream.Position = start;
        stream.ReadExactly(text);
        string dict = Encoding.UTF8.GetString(text);
        Match d = Descr.Match(dict), f = Fortran.Match(dict), s = Shape.Match(dict);
        if (!d.Success || !f.Success || !s.Success) throw new RankFilesException($"{path}: unreadable .npy header {dict.Trim()}.");
        string descr = d.Groups[1].Value;
        if (descr is not ("<i4" or "<f8")) throw new RankFilesException($"{path}: dtype '{descr}'; the monitors write little-endian int32 ('<i4') or float64 ('<f8').");
        if (f.Groups[1].Value == "True") throw new RankFilesException($"{path}: Fortran order; the monitors write C order.");
        string[] dims = s.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (dims.Length is < 1 or > 2) throw new RankFilesException($"{path}: shape ({s.Groups[1].Value}); the monitors write 1-D or 2-D arrays.");
        long rows = long.Parse(dims[0], CultureInfo.InvariantCulture);
        int columns = dims.Length == 2 ? int.Parse(dims[1], CultureInfo.InvariantCulture) : 0;
        return new NpyFile(path, descr, rows, columns, start + headerLength, stream.Length);
    }

    /// <summary>Refuses bytes after the data the header describes (a run stopped between appending data and rewriting the header) and a file shorter than its shape.</summary>
    public NpyFile CheckWhole()
    {
        long expected = DataOffset + DataBytes;
        if (Length < expected)
            throw new RankFilesException(string.Create(CultureInfo.InvariantCulture, $"{Path} has {Length} bytes, its header describes {expected}: it was cut short."));
        if (Length > expected)
            throw new RankFilesException(string.Create(CultureInfo.InvariantCulture, $"{Path} has {Length - expected} bytes after the data its header describes: the run stopped while appending."));
        return this;
    }

    public NpyFile Expect(string descr, int columns)
    {
        if (DescrText != descr || Columns != columns)
            throw new RankFilesException($"{Path}: dtype '{DescrText}' with {(Columns == 0 ? "1-D" : Columns + " columns")}; expected '{descr}', {(columns == 0 ? "1-D" : columns + " columns")}.");
        return this;
    }

    /// <summary>Reads the data in blocks of elements.</summary>
    public sealed class Reader<T> : IDisposable where T : unmanaged
    {
        private readonly FileStream _stream;
        private readonly T[] _block;
        private long _left;
        private int _at, _count;

        public Reader(NpyFile file, int blockElements = 1 << 14)
        {
            _stream = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
            _stream.Position = file.DataOffset;
            _left = file.Rows * Math.Max(1, file.Columns);
            _block = new T[blockElements];
        }

        public bool TryRead(out T value)
        {
            if (_at == _count)
            {
                if (_left == 0) { value = default; return false; }
                _count = (int)Math.Min(_block.Length, _left);
                _stream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_block.AsSpan(0, _count)));
                _left -= _count;
                _at = 0;
            }
            value = _block[_at++];
            return true;
        }

        public T[] ReadAll()
        {
            var all = new T[checked((int)_left)];
            _stream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(all.AsSpan()));
            _left = 0;
            return all;
        }

        public void Dispose() => _stream.Dispose();
    }
}
