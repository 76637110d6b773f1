using DynLang.Runtime;

namespace DynLang.Runtime.Tests.IO;

/// <summary>What Npy.Write writes, Npy.Read reads back bit for bit, with numpy's header layout.</summary>
public sealed class NpyRoundTripTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Doubles_round_trip_bit_for_bit_including_special_values()
    {
        double[] values = { 0.1, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, double.MaxValue, 1.0 / 3 };
        string path = _dir.File("d.npy");
        Npy.Write(path, values);
        double[] read = Npy.ReadDoubles(path, values.Length);
        Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), read.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal("<f8", Npy.Read(path).Dtype);
    }

    [Fact]
    public void Floats_ints_longs_and_bools_round_trip()
    {
        float[] f = { 0.1f, -2.5f, float.NaN, float.MaxValue };
        int[] i = { int.MinValue, -1, 0, 7, int.MaxValue };
        long[] l = { long.MinValue, -3, 0, long.MaxValue };
        bool[] b = { true, false, false, true };
        Npy.Write(_dir.File("f.npy"), f);
        Npy.Write(_dir.File("i.npy"), i);
        Npy.Write(_dir.File("l.npy"), l);
        Npy.Write(_dir.File("b.npy"), NpyArray.Create("b", b));

        Assert.Equal(f.Select(BitConverter.SingleToInt32Bits), Npy.ReadSingles(_dir.File("f.npy")).Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(i, Npy.ReadInt32(_dir.File("i.npy"), i.Length));
        Assert.Equal(l, Npy.ReadInt64(_dir.File("l.npy"), l.Length));
        Assert.Equal(b, Npy.ReadBooleans(_dir.File("b.npy"), b.Length));
        Assert.Equal(new[] { "<f4", "<i4", "<i8", "|b1" },
            new[] { "f", "i", "l", "b" }.Select(n => Npy.Read(_dir.File(n + ".npy")).Dtype));
    }

    [Fact]
    public void Float32_is_widened_exactly_by_ReadDoubles()
    {
        float[] f = { 0.1f, 1e-30f, -3.75f };
        Npy.Write(_dir.File("f.npy"), f);
        Assert.Equal(f.Select(x => (double)x), Npy.ReadDoubles(_dir.File("f.npy")));
    }

    [Fact]
    public void Int64_values_that_fit_are_read_as_int32()
    {
        long[] l = { -5, 0, int.MaxValue, int.MinValue };
        Npy.Write(_dir.File("l.npy"), l);
        Assert.Equal(new[] { -5, 0, int.MaxValue, int.MinValue }, Npy.ReadInt32(_dir.File("l.npy")));
    }

    [Fact]
    public void Shape_argument_and_matrix_overload_write_2d_arrays()
    {
        double[] flat = { 0, 1, 2, 10, 11, 12 };
        Npy.Write(_dir.File("s.npy"), flat, 2, 3);
        NpyArray a = Npy.Read(_dir.File("s.npy"));
        Assert.Equal(new[] { 2, 3 }, a.Shape);
        double[,] m = Npy.ReadDoubleMatrix(_dir.File("s.npy"), 2, 3);
        Assert.Equal(12.0, m[1, 2]);
        Assert.Equal(2.0, m[0, 2]);

        var matrix = new double[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } };
        Npy.Write(_dir.File("m.npy"), matrix);
        Assert.Equal(matrix, Npy.ReadDoubleMatrix(_dir.File("m.npy"), rows: 3, columns: 2));
    }

    [Fact]
    public void Empty_arrays_round_trip()
    {
        Npy.Write(_dir.File("e.npy"), ReadOnlySpan<double>.Empty);
        Assert.Empty(Npy.ReadDoubles(_dir.File("e.npy"), 0));
        Assert.Equal(new[] { 0 }, Npy.Read(_dir.File("e.npy")).Shape);

        Npy.Write(_dir.File("m0.npy"), new double[0, 3]);
        Assert.Equal(new double[0, 3], Npy.ReadDoubleMatrix(_dir.File("m0.npy"), 0, 3));
    }

    [Fact]
    public void Header_is_laid_out_as_numpy_lays_it_out()
    {
        // numpy 1.x: version 1.0, dict text, spaces, '\n', data at a multiple of 64.
        Npy.Write(_dir.File("h.npy"), new[] { 1.0, 2.0, 3.0 });
        byte[] bytes = File.ReadAllBytes(_dir.File("h.npy"));
        int headerLength = bytes[8] | (bytes[9] << 8);
        int dataStart = 10 + headerLength;
        Assert.Equal(1, bytes[6]);
        Assert.Equal(0, dataStart % 64);
        Assert.Equal((byte)'\n', bytes[dataStart - 1]);
        Assert.StartsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", System.Text.Encoding.Latin1.GetString(bytes, 10, headerLength));
        Assert.Equal(dataStart + 3 * sizeof(double), bytes.Length);
    }

    [Fact]
    public void A_shape_that_does_not_hold_the_data_is_refused_naming_the_file()
    {
        string path = _dir.File("bad.npy");
        var e = Assert.Throws<ArgumentException>(() => Npy.Write(path, new double[10], 3, 4));
        Assert.Contains(path, e.Message);
        Assert.Contains("(3, 4) holds 12 elements, the data has 10", e.Message);
        Assert.Throws<ArgumentException>(() => Npy.Write(path, new double[4], -2, -2));
    }

    [Fact]
    public void NpyArray_from_raw_bytes_checks_the_length()
    {
        var e = Assert.Throws<ArgumentException>(() => new NpyArray("x", "<f8", new[] { 3 }, new byte[16]));
        Assert.Contains("needs 24 bytes, the data has 16", e.Message);
        Assert.Throws<ArgumentException>(() => new NpyArray("x", "<q8", new[] { 2 }, new byte[16]));
        var ok = new NpyArray("x", ">i2", new[] { 2 }, new byte[] { 0x01, 0x02, 0xFF, 0xFE });
        Assert.Equal(new[] { 0x0102, -2 }, ok.ToInt32());
    }
}
