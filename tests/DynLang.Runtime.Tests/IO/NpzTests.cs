using System.IO.Compression;
using DynLang.Runtime;

namespace DynLang.Runtime.Tests.IO;

public sealed class NpzTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Arrays_round_trip_by_name_in_order(bool compress)
    {
        string path = _dir.File("a.npz");
        var arrays = new Dictionary<string, NpyArray>
        {
            ["step"] = NpyArray.Create("ignored", new long[] { 0, 0, 5, 9 }),
            ["i"] = NpyArray.Create("i", new[] { 3, 1, 4, 1 }),
            ["w"] = NpyArray.Create("w", new double[,] { { 0.5, 1.5 }, { 2.5, 3.5 } }),
        };
        Npz.Write(path, arrays, compress);

        var read = Npz.Read(path);
        Assert.Equal(new[] { "step", "i", "w" }, read.Keys);
        Assert.Equal(new long[] { 0, 0, 5, 9 }, read["step"].ToInt64(4));
        Assert.Equal(new[] { 3, 1, 4, 1 }, read["i"].ToInt32(4));
        Assert.Equal(new double[,] { { 0.5, 1.5 }, { 2.5, 3.5 } }, read["w"].ToDoubleMatrix(2, 2));
        Assert.Equal("step", read["step"].Name);

        using var zip = ZipFile.OpenRead(path);
        Assert.Equal(new[] { "step.npy", "i.npy", "w.npy" }, zip.Entries.Select(e => e.FullName));
        // Stored members are as long packed as unpacked; deflated ones of these repetitive arrays are shorter.
        Assert.Equal(!compress, zip.Entries.All(e => e.CompressedLength == e.Length));
    }

    [Fact]
    public void Params_overload_uses_each_arrays_name_and_refuses_duplicates()
    {
        string path = _dir.File("p.npz");
        Npz.Write(path, NpyArray.Create("x", new[] { 1.0 }), NpyArray.Create("y", new[] { 2 }));
        Assert.Equal(new[] { "x", "y" }, Npz.Read(path).Keys);
        var e = Assert.Throws<ArgumentException>(() => Npz.Write(path, NpyArray.Create("x", new[] { 1.0 }), NpyArray.Create("x", new[] { 2 })));
        Assert.Contains("two arrays are named 'x'", e.Message);
    }

    [Fact]
    public void A_missing_name_lists_the_names_the_archive_has()
    {
        string path = _dir.File("k.npz");
        Npz.Write(path, NpyArray.Create("i", new[] { 1 }), NpyArray.Create("step", new[] { 2 }));
        var npz = Npz.Read(path);
        var e = Assert.Throws<KeyNotFoundException>(() => npz["t"]);
        Assert.Contains(path, e.Message);
        Assert.Contains("no array named 't'; the archive has 'i', 'step'", e.Message);
        Assert.False(npz.TryGetValue("t", out _));
    }

    [Fact]
    public void A_file_that_is_not_a_zip_archive_is_named()
    {
        string path = _dir.File("not.npz");
        File.WriteAllText(path, "plain text, not an archive");
        var e = Assert.Throws<InvalidDataException>(() => Npz.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("not a valid .npz (zip) archive", e.Message);
    }

    [Fact]
    public void A_bad_member_is_named_with_its_archive()
    {
        string path = _dir.File("bad.npz");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using var s = zip.CreateEntry("v.npy").Open();
            s.Write(TempFolder.NpyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }", new byte[8]));
        }
        var e = Assert.Throws<InvalidDataException>(() => Npz.Read(path));
        Assert.Contains(path + "[v]", e.Message);
        Assert.Contains("needs 32 bytes", e.Message);
    }

    [Fact]
    public void Members_that_are_not_npy_files_are_skipped()
    {
        string path = _dir.File("mixed.npz");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using (var s = zip.CreateEntry("readme.txt").Open()) s.Write("hello"u8);
            using (var s = zip.CreateEntry("a.npy").Open()) NpyArray.Create("a", new[] { 7 }).WriteTo(s);
        }
        Assert.Equal(new[] { "a" }, Npz.Read(path).Keys);
    }
}
