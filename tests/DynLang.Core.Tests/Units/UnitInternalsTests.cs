using System.Globalization;
using DynLang.Core.Units;

namespace DynLang.Core.Tests.Units;

/// <summary>The small helpers behind the catalog: decimal scales and edit distance.</summary>
public class UnitInternalsTests
{
    [Fact]
    public void DecimalScale_IsTheCorrectlyRoundedLiteralForEveryExponent()
    {
        for (int k = DecimalScale.MinExponent; k <= DecimalScale.MaxExponent; k++)
        {
            Assert.Equal(double.Parse($"1e{k}", CultureInfo.InvariantCulture), DecimalScale.Pow10(k));
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => DecimalScale.Pow10(DecimalScale.MaxExponent + 1));
    }

    [Theory]
    [InlineData("second", "second", 0)]
    [InlineData("", "abc", 3)]
    [InlineData("secnod", "second", 1)]   // adjacent transposition is one edit
    [InlineData("sec", "second", 3)]
    [InlineData("mV", "MV", 1)]
    [InlineData("kitten", "sitting", 3)]
    public void EditDistance_CountsOptimalStringAlignmentEdits(string a, string b, int expected)
    {
        Assert.Equal(expected, EditDistance.Compute(a, b));
        Assert.Equal(expected, EditDistance.Compute(b, a));
    }

    [Fact]
    public void Dimension_IndexerRejectsUnknownBase()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Dimension.Time[(BaseDimension)7]);
    }

    [Fact]
    public void CoherentUnits_HaveScaleExactlyOne()
    {
        string[] nonCoherent = ["g", "gram", "L", "l", "litre", "liter", "M", "molar"];
        foreach (UnitDefinition unit in UnitCatalog.UnprefixedUnits)
        {
            Assert.Equal(!nonCoherent.Contains(unit.Name), unit.Scale == 1.0);
        }

        Assert.Equal(UnitCatalog.Resolve("kg"), UnitCatalog.Resolve("kgram") with { Name = "kg" });
        Assert.Equal(UnitCatalog.Resolve("kg"), UnitCatalog.Resolve("kilogram") with { Name = "kg" });
    }

    [Fact]
    public void Formatter_NeverPrintsHzOrNonAscii()
    {
        Dimension[] dimensions =
        [
            Dimension.Frequency, Dimension.Frequency.Pow(2), Dimension.Voltage * Dimension.Frequency,
            Dimension.Frequency.Sqrt(), Dimension.Conductance * Dimension.Frequency, Dimension.Concentration / Dimension.Time,
        ];
        foreach (Dimension d in dimensions)
        {
            string text = UnitFormatter.Format(d);
            Assert.DoesNotContain("Hz", text);
            Assert.All(text, ch => Assert.InRange(ch, ' ', '~'));
        }
    }
}
