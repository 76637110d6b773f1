using System.Buffers.Binary;
using DynLang.Runtime;

namespace DynLang.Runtime.Tests.IO;

/// <summary>Hand-made bad files: each error names the file, what was found and what was expected.</summary>
public sealed class NpyBadInputTests : IDisposable
{
    private const string F8Header = "{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }";
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Write(string name, byte[] bytes)
    {
        string path = _dir.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Doubles(params double[] values)
    {
        var bytes = new byte[8 * values.Length];
        for (int k = 0; k < values.Length; k++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(8 * k), values[k]);
        return bytes;
    }

    private static byte[] Int64s(params long[] values)
    {
        var bytes = new byte[8 * values.Length];
        for (int k = 0; k < values.Length; k++) BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8 * k), values[k]);
        return bytes;
    }

    private InvalidDataException Fails(string path, Action<string> read)
    {
        var e = Assert.Throws<InvalidDataException>(() => read(path));
        Assert.Contains(path, e.Message);
        return e;
    }

    [Fact]
    public void A_file_without_the_magic_string_is_not_a_npy_file()
    {
        string path = Write("text.npy", "index,time\n1,2\n"u8.ToArray());
        Assert.Contains("not a .npy file", Fails(path, p => Npy.Read(p)).Message);
    }

    [Fact]
    public void A_file_cut_inside_the_preamble_says_how_long_it_is()
    {
        string path = Write("short.npy", new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, 118 });
        var e = Fails(path, p => Npy.Read(p));
        Assert.Contains("9 bytes", e.Message);
        Assert.Contains("needs 10", e.Message);
    }

    [Fact]
    public void An_unknown_format_version_is_named()
    {
        byte[] bytes = TempFolder.NpyBytes(F8Header, Doubles(1, 2, 3, 4));
        bytes[6] = 4;
        Assert.Contains("version 4.0 is not supported", Fails(Write("v4.npy", bytes), p => Npy.Read(p)).Message);
    }

    [Fact]
    public void A_file_cut_inside_the_header_gives_both_byte_counts()
    {
        byte[] bytes = TempFolder.NpyBytes(F8Header, Array.Empty<byte>());
        var e = Fails(Write("cut-header.npy", bytes[..60]), p => Npy.Read(p));
        Assert.Contains("header is 118 bytes long, the file has 50", e.Message);
    }

    [Fact]
    public void Truncated_data_gives_the_bytes_needed_and_the_bytes_present()
    {
        byte[] bytes = TempFolder.NpyBytes(F8Header, Doubles(1, 2, 3, 4));
        var e = Fails(Write("cut-data.npy", bytes[..^5]), p => Npy.ReadDoubles(p));
        Assert.Contains("truncated", e.Message);
        Assert.Contains("shape (4,)", e.Message);
        Assert.Contains("needs 32 bytes of data after the 128-byte header, the file has 27", e.Message);
    }

    [Fact]
    public void Bytes_after_the_data_are_ignored_as_numpy_ignores_them()
    {
        // A monitor file caught between appending rows and rewriting its header looks like this.
        byte[] bytes = TempFolder.NpyBytes(F8Header, Doubles(1, 2, 3, 4, 5, 6));
        Assert.Equal(new[] { 1.0, 2, 3, 4 }, Npy.ReadDoubles(Write("extra.npy", bytes), 4));
    }

    [Fact]
    public void Integers_requested_as_doubles_name_both_dtypes()
    {
        string path = Write("i8.npy", TempFolder.NpyBytes("{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", Int64s(1, 2)));
        var e = Fails(path, p => Npy.ReadDoubles(p));
        Assert.Contains("dtype '<i8' (int64), expected float64", e.Message);
        Assert.Contains("float32 is widened", e.Message);
    }

    [Fact]
    public void Float64_is_not_silently_narrowed_to_float32()
    {
        string path = Write("f8.npy", TempFolder.NpyBytes(F8Header, Doubles(1, 2, 3, 4)));
        Assert.Contains("dtype '<f8' (float64), expected float32", Fails(path, p => Npy.ReadSingles(p)).Message);
    }

    [Fact]
    public void Int64_values_outside_int32_name_position_and_value()
    {
        string path = Write("big.npy", TempFolder.NpyBytes("{'descr': '<i8', 'fortran_order': False, 'shape': (4,), }", Int64s(0, 1, 3_000_000_000, 2)));
        var e = Fails(path, p => Npy.ReadInt32(p));
        Assert.Contains("element [2] is 3000000000", e.Message);
        Assert.Contains("int32 range [-2147483648, 2147483647]", e.Message);
        Assert.Equal(new long[] { 0, 1, 3_000_000_000, 2 }, Npy.ReadInt64(path));
    }

    [Fact]
    public void Unsigned_values_are_range_checked_too()
    {
        var u4 = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(u4, 5);
        BinaryPrimitives.WriteUInt32LittleEndian(u4.AsSpan(4), uint.MaxValue);
        string path = Write("u4.npy", TempFolder.NpyBytes("{'descr': '<u4', 'fortran_order': False, 'shape': (2,), }", u4));
        Assert.Contains("element [1] is 4294967295", Fails(path, p => Npy.ReadInt32(p)).Message);
        Assert.Equal(new long[] { 5, uint.MaxValue }, Npy.ReadInt64(path));

        var u8 = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(u8, ulong.MaxValue);
        string path8 = Write("u8.npy", TempFolder.NpyBytes("{'descr': '<u8', 'fortran_order': False, 'shape': (1,), }", u8));
        Assert.Contains("element [0] is 18446744073709551615, outside the int64 range", Fails(path8, p => Npy.ReadInt64(p)).Message);
    }

    [Fact]
    public void Wrong_shapes_name_the_shape_found_and_expected()
    {
        string path = Write("m.npy", TempFolder.NpyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }", Doubles(1, 2, 3, 4)));
        Assert.Contains("shape (2, 2) holds 4 values, expected (5,) or any shape of 5 values", Fails(path, p => Npy.ReadDoubles(p, 5)).Message);
        Assert.Contains("shape (2, 2), expected a 2-D array of shape (3, any)", Fails(path, p => Npy.ReadDoubleMatrix(p, rows: 3)).Message);
        Assert.Contains("expected a 2-D array of shape (any, 5)", Fails(path, p => Npy.ReadDoubleMatrix(p, columns: 5)).Message);

        string vector = Write("v.npy", TempFolder.NpyBytes(F8Header, Doubles(1, 2, 3, 4)));
        Assert.Contains("shape (4,), expected (5,)", Fails(vector, p => Npy.ReadDoubles(p, 5)).Message);
        Assert.Contains("shape (4,), expected a 2-D array", Fails(vector, p => Npy.ReadDoubleMatrix(p)).Message);
    }

    [Theory]
    [InlineData("{'descr': '<f8', 'fortran_order': False, }", "has no 'shape'")]
    [InlineData("{'fortran_order': False, 'shape': (4,), }", "has no 'descr'")]
    [InlineData("{'descr': '<f8', 'fortran_order': 0, 'shape': (4,), }", "'fortran_order' in the .npy header must be True or False")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (4.5,), }", "expected ')', found '.'")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': 4, }", "'shape' in the .npy header must be a tuple")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (-4,), }", "has a dimension outside")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (4,)", "expected '}'")]
    [InlineData("('<f8', False, (4,))", "is not a dict")]
    [InlineData("{'descr': '<x8', 'fortran_order': False, 'shape': (4,), }", "'<x8' is not a numpy dtype")]
    [InlineData("{'descr': '|O', 'fortran_order': False, 'shape': (4,), }", "Python objects (pickled)")]
    [InlineData("{'descr': [('x', '<f8')], 'fortran_order': False, 'shape': (4,), }", "structured (record) dtype")]
    [InlineData("{'descr': '<f8', 'fortran_order': Maybe, 'shape': (4,), }", "unknown name 'Maybe'")]
    public void Malformed_headers_say_what_is_wrong(string dict, string expected)
    {
        string path = Write("h.npy", TempFolder.NpyBytes(dict, Doubles(1, 2, 3, 4)));
        var e = Fails(path, p => Npy.Read(p));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_bool_reader_refuses_bytes_of_another_dtype()
    {
        string path = Write("i1.npy", TempFolder.NpyBytes("{'descr': '|i1', 'fortran_order': False, 'shape': (2,), }", new byte[] { 0, 1 }));
        Assert.Contains("dtype '|i1' (int8), expected bool", Fails(path, p => Npy.ReadBooleans(p)).Message);
        Assert.Equal(new[] { 0, 1 }, Npy.ReadInt32(path));
    }

    [Fact]
    public void A_missing_file_throws_FileNotFoundException_with_its_path()
    {
        string path = _dir.File("absent.npy");
        var e = Assert.Throws<FileNotFoundException>(() => Npy.Read(path));
        Assert.Contains(path, e.Message);
    }
}
