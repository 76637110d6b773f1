using DynLang.Runtime;

namespace DynLang.Runtime.Tests.IO;

/// <summary>The growing .npy file behind the monitors: valid from creation and after every flush.</summary>
public sealed class NpyAppendWriterTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_new_file_is_a_valid_empty_array()
    {
        string path = _dir.File("e.npy");
        using var w = new NpyAppendWriter<double>(path);
        Assert.Empty(Npy.ReadDoubles(path, 0));
        using var m = new NpyAppendWriter<double>(_dir.File("m.npy"), columns: 3);
        Assert.Equal(new[] { 0, 3 }, Npy.Read(_dir.File("m.npy")).Shape);
    }

    [Fact]
    public void Each_flush_makes_the_file_describe_every_row_so_far()
    {
        string path = _dir.File("i.npy");
        using var w = new NpyAppendWriter<int>(path);
        w.Append(new[] { 1, 2, 3 });
        w.Flush();
        Assert.Equal(new[] { 1, 2, 3 }, Npy.ReadInt32(path, 3));

        w.Append(new[] { 4, 5 });
        // Not flushed yet: the header still describes 3 elements (extra bytes, if any reached the file, are ignored).
        Assert.Equal(new[] { 1, 2, 3 }, Npy.ReadInt32(path, 3));
        Assert.Equal(5, w.Rows);
        Assert.Equal(3, w.FlushedRows);

        w.Flush();
        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, Npy.ReadInt32(path, 5));
    }

    [Fact]
    public void The_header_keeps_its_size_so_the_data_never_moves()
    {
        string path = _dir.File("t.npy");
        using var w = new NpyAppendWriter<double>(path, columns: 2);
        w.Flush();
        long emptyLength = new FileInfo(path).Length;
        var rows = new double[2 * 100_000];
        for (int k = 0; k < rows.Length; k++) rows[k] = k;
        w.Append(rows);
        w.Flush();
        Assert.Equal(emptyLength + rows.Length * sizeof(double), new FileInfo(path).Length);
        Assert.Equal(0, emptyLength % 64);
        double[,] m = Npy.ReadDoubleMatrix(path, 100_000, 2);
        Assert.Equal(199_999.0, m[99_999, 1]);
    }

    [Fact]
    public void Partial_rows_and_unsupported_types_are_refused()
    {
        using var w = new NpyAppendWriter<double>(_dir.File("p.npy"), columns: 3);
        var e = Assert.Throws<ArgumentException>(() => w.Append(new double[4]));
        Assert.Contains("4 values are not whole rows of 3", e.Message);
        Assert.Throws<NotSupportedException>(() => new NpyAppendWriter<decimal>(_dir.File("d.npy")));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NpyAppendWriter<double>(_dir.File("n.npy"), columns: -1));
    }

    [Fact]
    public void Dispose_flushes_and_further_appends_throw()
    {
        string path = _dir.File("d.npy");
        var w = new NpyAppendWriter<long>(path);
        w.Append(new long[] { 7, 8 });
        w.Dispose();
        w.Dispose();
        Assert.Equal(new long[] { 7, 8 }, Npy.ReadInt64(path, 2));
        Assert.Throws<ObjectDisposedException>(() => w.Append(new long[] { 9 }));
    }
}
