using DynLang.Runtime;

namespace DynLang.Runtime.Tests.IO;

/// <summary>
/// Files written by numpy itself (NumpyFiles/make_files.py): byte orders, memory orders, header
/// versions, integer widths, archives stored and deflated. Values: k + 0.25 (floats), k - 3
/// (ints), m[r, c] = 10 r + c (matrices).
/// </summary>
public sealed class NumpyWrittenFileTests
{
    private static readonly double[] Quarters = { 0.25, 1.25, 2.25, 3.25, 4.25 };
    private static readonly double[,] Matrix = { { 0, 1, 2, 3 }, { 10, 11, 12, 13 }, { 20, 21, 22, 23 } };

    [Theory]
    [InlineData("f8_big_endian.npy")]
    [InlineData("f8_version2.npy")]
    [InlineData("f8_version3.npy")]
    [InlineData("f4_little.npy")]
    public void Float_files_of_every_byte_order_and_header_version_read_as_doubles(string file)
    {
        Assert.Equal(Quarters, Npy.ReadDoubles(RepoPaths.NumpyFile(file), 5));
    }

    [Fact]
    public void Big_endian_float64_is_reported_as_stored_and_converted()
    {
        NpyArray a = Npy.Read(RepoPaths.NumpyFile("f8_big_endian.npy"));
        Assert.Equal(">f8", a.Dtype);
        Assert.Equal(Quarters, a.ToDoubles());
    }

    [Fact]
    public void Float32_reads_as_singles()
    {
        Assert.Equal(Quarters.Select(x => (float)x), Npy.ReadSingles(RepoPaths.NumpyFile("f4_little.npy"), 5));
    }

    [Theory]
    [InlineData("i8_little.npy")]
    [InlineData("i2_big_endian.npy")]
    public void Integer_widths_and_byte_orders_read_as_int32(string file)
    {
        Assert.Equal(Enumerable.Range(-3, 7), Npy.ReadInt32(RepoPaths.NumpyFile(file), 7));
    }

    [Fact]
    public void Unsigned_bytes_read_as_int32_and_int64()
    {
        Assert.Equal(Enumerable.Range(0, 7), Npy.ReadInt32(RepoPaths.NumpyFile("u1.npy")));
        Assert.Equal(Enumerable.Range(0, 7).Select(x => (long)x), Npy.ReadInt64(RepoPaths.NumpyFile("u1.npy")));
    }

    [Fact]
    public void Bools_read()
    {
        Assert.Equal(new[] { true, false, true, true, false }, Npy.ReadBooleans(RepoPaths.NumpyFile("bool.npy"), 5));
    }

    [Fact]
    public void Fortran_ordered_matrices_read_in_row_major_order()
    {
        Assert.Equal(Matrix, Npy.ReadDoubleMatrix(RepoPaths.NumpyFile("matrix_c_order.npy"), 3, 4));
        NpyArray f = Npy.Read(RepoPaths.NumpyFile("matrix_fortran_order.npy"));
        Assert.True(f.FortranOrder);
        Assert.Equal(Matrix, f.ToDoubleMatrix(3, 4));
    }

    [Fact]
    public void Arrays_of_any_shape_read_flat_in_C_order()
    {
        // A field snapshot saved by numpy as (ny, nx) is the field's flat state: the flat readers take
        // any shape (issue 10, item 10). C-ordered and Fortran-ordered files give the same values.
        double[] flat = Matrix.Cast<double>().ToArray();
        Assert.Equal(flat, Npy.ReadDoubles(RepoPaths.NumpyFile("matrix_c_order.npy"), expectedLength: 12));
        Assert.Equal(flat, Npy.ReadDoubles(RepoPaths.NumpyFile("matrix_fortran_order.npy"), expectedLength: 12));
        Assert.Equal(Enumerable.Range(0, 24), Npy.ReadInt32(RepoPaths.NumpyFile("i4_3d_fortran.npy"), expectedLength: 24));
        var e = Assert.Throws<InvalidDataException>(() => Npy.ReadDoubles(RepoPaths.NumpyFile("matrix_c_order.npy"), expectedLength: 16));
        Assert.Contains("shape (3, 4) holds 12 values, expected (16,) or any shape of 16 values", e.Message);
    }

    [Fact]
    public void Fortran_ordered_3d_arrays_are_reordered_to_C_order()
    {
        // numpy: asfortranarray(arange(24).reshape(2, 3, 4)); in C order the values are 0..23 again.
        NpyArray a = Npy.Read(RepoPaths.NumpyFile("i4_3d_fortran.npy"));
        Assert.Equal(new[] { 2, 3, 4 }, a.Shape);
        Assert.True(a.FortranOrder);
        Assert.Equal(Enumerable.Range(0, 24), NpyDecode.Int32(a));
        Assert.Equal(Enumerable.Range(0, 24).Select(x => (long)x), NpyDecode.Int64(a));
    }

    [Fact]
    public void A_0d_array_has_one_element_and_reads_flat_as_one_value()
    {
        NpyArray a = Npy.Read(RepoPaths.NumpyFile("scalar_f8.npy"));
        Assert.Equal(0, a.Rank);
        Assert.Equal(1, a.Length);
        Assert.Single(a.ToDoubles(expectedLength: 1));
        var e = Assert.Throws<InvalidDataException>(() => a.ToDoubles(expectedLength: 2));
        Assert.Contains("shape () holds 1 values, expected (2,)", e.Message);
    }

    [Fact]
    public void Unsupported_numpy_dtypes_are_named()
    {
        string unicode = RepoPaths.NumpyFile("unicode.npy");
        var e = Assert.Throws<InvalidDataException>(() => Npy.ReadDoubles(unicode));
        Assert.Contains(unicode, e.Message);
        Assert.Contains("'<U2' (str2)", e.Message);

        string structured = RepoPaths.NumpyFile("structured.npy");
        var s = Assert.Throws<InvalidDataException>(() => Npy.Read(structured));
        Assert.Contains(structured, s.Message);
        Assert.Contains("structured (record) dtype", s.Message);
    }

    [Theory]
    [InlineData("stored.npz")]
    [InlineData("deflated.npz")]
    public void Npz_archives_stored_and_deflated_read(string file)
    {
        var npz = Npz.Read(RepoPaths.NumpyFile(file));
        Assert.Equal(new[] { "a", "b" }, npz.Keys);
        Assert.Equal(new[] { 0, 1, 2, 3 }, npz["a"].ToInt32(4));
        Assert.Equal(new[] { 0.25, 1.25, 2.25 }, npz["b"].ToDoubles(3));
        Assert.Equal(RepoPaths.NumpyFile(file) + "[b]", npz["b"].Source);
    }
}
