using System.Globalization;
using DynLang.Runtime;

namespace DynLang.Runtime.Tests.IO;

public sealed class CsvWriterTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Doubles_are_written_so_that_parsing_gives_back_the_same_bits()
    {
        double[] values = { 0.1, 1.0 / 3, 1e-300, double.Epsilon, -0.0, 123456789.125, 0.0001 * 3, double.MaxValue };
        var text = new StringWriter();
        using (var csv = new CsvWriter(text, ownsWriter: false))
        {
            csv.WriteRow(values);
        }
        string[] fields = text.ToString().TrimEnd('\n').Split(',');
        Assert.Equal(values.Length, fields.Length);
        for (int k = 0; k < values.Length; k++)
        {
            double back = double.Parse(fields[k], CultureInfo.InvariantCulture);
            Assert.Equal(BitConverter.DoubleToInt64Bits(values[k]), BitConverter.DoubleToInt64Bits(back));
        }
        Assert.Equal("0.1", fields[0]); // shortest form, not 0.10000000000000001
    }

    [Fact]
    public void Floats_use_their_own_shortest_form()
    {
        var text = new StringWriter();
        using (var csv = new CsvWriter(text, ownsWriter: false))
        {
            csv.Write(0.1f);
            csv.Write(-2.5e-8f);
            csv.EndRow();
        }
        Assert.Equal("0.1,-2.5E-08\n", text.ToString());
    }

    [Fact]
    public void The_machines_culture_does_not_change_the_decimal_point()
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var text = new StringWriter(CultureInfo.CurrentCulture);
            using (var csv = new CsvWriter(text, ownsWriter: false, "t", "v"))
            {
                csv.Write(1.5);
                csv.Write(-1234567L);
                csv.EndRow();
            }
            Assert.Equal("t,v\n1.5,-1234567\n", text.ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Text_fields_are_quoted_only_when_needed()
    {
        var text = new StringWriter();
        using (var csv = new CsvWriter(text, ownsWriter: false))
        {
            csv.Write("plain");
            csv.Write("a,b");
            csv.Write("say \"hi\"");
            csv.Write("two\nlines");
            csv.EndRow();
        }
        Assert.Equal("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\n", text.ToString());
    }

    [Fact]
    public void A_file_gets_its_header_line_and_rows()
    {
        string path = _dir.File("x.csv");
        using (var csv = new CsvWriter(path, "index", "time_s"))
        {
            csv.Write(3);
            csv.Write(0.0002);
            csv.EndRow();
        }
        Assert.Equal("index,time_s\n3,0.0002\n", File.ReadAllText(path));
    }

    [Fact]
    public void Writing_after_dispose_throws()
    {
        var csv = new CsvWriter(new StringWriter(), ownsWriter: true);
        csv.Dispose();
        Assert.Throws<ObjectDisposedException>(() => csv.Write(1.0));
        Assert.Throws<ObjectDisposedException>(() => csv.EndRow());
    }
}
