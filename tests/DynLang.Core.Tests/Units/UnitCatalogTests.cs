using System.Globalization;
using DynLang.Core.Units;

namespace DynLang.Core.Tests.Units;

public class UnitCatalogTests
{
    private static Dimension Dim(string name) => UnitCatalog.Resolve(name).Dimension;

    private static double Scale(string name) => UnitCatalog.Resolve(name).Scale;

    public static TheoryData<string, string> NamedUnitDimensions => new()
    {
        // name, expected dimension as "L M T I Θ N J" integer exponents
        { "s", "0 0 1 0 0 0 0" }, { "second", "0 0 1 0 0 0 0" },
        { "m", "1 0 0 0 0 0 0" }, { "metre", "1 0 0 0 0 0 0" }, { "meter", "1 0 0 0 0 0 0" },
        { "g", "0 1 0 0 0 0 0" }, { "gram", "0 1 0 0 0 0 0" }, { "kg", "0 1 0 0 0 0 0" },
        { "A", "0 0 0 1 0 0 0" }, { "amp", "0 0 0 1 0 0 0" }, { "ampere", "0 0 0 1 0 0 0" },
        { "K", "0 0 0 0 1 0 0" }, { "kelvin", "0 0 0 0 1 0 0" },
        { "mol", "0 0 0 0 0 1 0" }, { "mole", "0 0 0 0 0 1 0" },
        { "cd", "0 0 0 0 0 0 1" }, { "candela", "0 0 0 0 0 0 1" },
        { "V", "2 1 -3 -1 0 0 0" }, { "volt", "2 1 -3 -1 0 0 0" },
        { "ohm", "2 1 -3 -2 0 0 0" },
        { "S", "-2 -1 3 2 0 0 0" }, { "siemens", "-2 -1 3 2 0 0 0" },
        { "F", "-2 -1 4 2 0 0 0" }, { "farad", "-2 -1 4 2 0 0 0" },
        { "Hz", "0 0 -1 0 0 0 0" }, { "hertz", "0 0 -1 0 0 0 0" },
        { "N", "1 1 -2 0 0 0 0" }, { "newton", "1 1 -2 0 0 0 0" },
        { "J", "2 1 -2 0 0 0 0" }, { "joule", "2 1 -2 0 0 0 0" },
        { "W", "2 1 -3 0 0 0 0" }, { "watt", "2 1 -3 0 0 0 0" },
        { "C", "0 0 1 1 0 0 0" }, { "coulomb", "0 0 1 1 0 0 0" },
        { "Pa", "-1 1 -2 0 0 0 0" }, { "pascal", "-1 1 -2 0 0 0 0" },
        { "L", "3 0 0 0 0 0 0" }, { "l", "3 0 0 0 0 0 0" }, { "litre", "3 0 0 0 0 0 0" }, { "liter", "3 0 0 0 0 0 0" },
        { "M", "-3 0 0 0 0 1 0" }, { "molar", "-3 0 0 0 0 1 0" },
        { "1", "0 0 0 0 0 0 0" }, { "rad", "0 0 0 0 0 0 0" }, { "radian", "0 0 0 0 0 0 0" },
    };

    [Theory]
    [MemberData(nameof(NamedUnitDimensions))]
    public void NamedUnit_HasExpectedBaseExponents(string name, string exponents)
    {
        int[] e = exponents.Split(' ').Select(int.Parse).ToArray();
        var expected = new Dimension(e[0], e[1], e[2], e[3], e[4], e[5], e[6]);
        Assert.True(UnitCatalog.TryResolve(name, out UnitDefinition unit));
        Assert.Equal(name, unit.Name);
        Assert.Equal(expected, unit.Dimension);
    }

    [Fact]
    public void DerivedUnits_SatisfyTheirDefiningRelations()
    {
        Assert.Equal(Dim("V") / Dim("A"), Dim("ohm"));
        Assert.Equal(Dim("ohm").Inverse(), Dim("S"));
        Assert.Equal(Dim("C") / Dim("V"), Dim("F"));
        Assert.Equal(Dim("A") * Dim("s"), Dim("C"));
        Assert.Equal(Dim("s").Inverse(), Dim("Hz"));
        Assert.Equal(Dim("kg") * Dim("m") / Dim("s").Pow(2), Dim("N"));
        Assert.Equal(Dim("N") * Dim("m"), Dim("J"));
        Assert.Equal(Dim("J") / Dim("s"), Dim("W"));
        Assert.Equal(Dim("W") / Dim("A"), Dim("V"));
        Assert.Equal(Dim("N") / Dim("m").Pow(2), Dim("Pa"));
        Assert.Equal(Dim("mol") / Dim("L"), Dim("M"));
        // tau = R*C is a time; g/C is a rate.
        Assert.Equal(Dim("s"), Dim("ohm") * Dim("F"));
        Assert.Equal(Dim("Hz"), Dim("S") / Dim("F"));
    }

    [Fact]
    public void NonCoherentUnits_HaveExactDecimalScales()
    {
        Assert.Equal(1e-3, Scale("g"));
        Assert.Equal(1.0, Scale("kg"));
        Assert.Equal(1e-3, Scale("L"));
        Assert.Equal(1e-3, Scale("litre"));
        // molar = mol/L = 1e3 mol/m^3, so millimolar is exactly SI.
        Assert.Equal(1e3, Scale("M"));
        Assert.Equal(1.0, Scale("mM"));
        Assert.Equal(1e-3, Scale("uM"));
        Assert.Equal(1.0, Scale("1"));
        Assert.Equal(1.0, Scale("radian"));
    }

    [Theory]
    [InlineData("ms", 1e-3)]
    [InlineData("mV", 1e-3)]
    [InlineData("nA", 1e-9)]
    [InlineData("Mohm", 1e6)]
    [InlineData("pF", 1e-12)]
    [InlineData("nS", 1e-9)]
    [InlineData("uS", 1e-6)]
    [InlineData("um", 1e-6)]
    [InlineData("kHz", 1e3)]
    [InlineData("msecond", 1e-3)]
    [InlineData("mvolt", 1e-3)]
    [InlineData("namp", 1e-9)]
    [InlineData("nsiemens", 1e-9)]
    [InlineData("pfarad", 1e-12)]
    [InlineData("kohm", 1e3)]
    [InlineData("umetre", 1e-6)]
    [InlineData("millisecond", 1e-3)]
    [InlineData("kilogram", 1.0)]
    [InlineData("microvolt", 1e-6)]
    [InlineData("dekametre", 1e1)]
    [InlineData("mg", 1e-6)]
    [InlineData("mL", 1e-6)]
    [InlineData("ul", 1e-9)]
    [InlineData("fM", 1e-12)]
    [InlineData("ym", 1e-24)]
    [InlineData("Ym", 1e24)]
    public void PrefixedScale_IsExactlyTheDecimalLiteral(string name, double expected)
    {
        // Bitwise equality, not a tolerance: Brian2 models rely on ms == 1e-3 exactly.
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(Scale(name)));
    }

    [Fact]
    public void EveryPrefixOnEveryUnit_IsTheCorrectlyRoundedPowerOfTen()
    {
        (string Prefix, int Exponent)[] prefixes =
        [
            ("y", -24), ("z", -21), ("a", -18), ("f", -15), ("p", -12), ("n", -9), ("u", -6),
            ("\u00B5", -6), ("\u03BC", -6), ("m", -3), ("c", -2), ("d", -1), ("da", 1), ("h", 2),
            ("k", 3), ("M", 6), ("G", 9), ("T", 12), ("P", 15), ("E", 18), ("Z", 21), ("Y", 24),
        ];
        int checkedCount = 0;
        foreach (UnitDefinition unit in UnitCatalog.UnprefixedUnits.Where(u => u.Name is not ("1" or "rad" or "radian")))
        {
            int unitExponent = (int)Math.Round(Math.Log10(unit.Scale));
            foreach ((string prefix, int exponent) in prefixes)
            {
                Assert.True(UnitCatalog.TryResolve(prefix + unit.Name, out UnitDefinition prefixed), prefix + unit.Name);
                // double.Parse is correctly rounded, exactly like a C# literal.
                double expected = double.Parse($"1e{exponent + unitExponent}", CultureInfo.InvariantCulture);
                Assert.Equal(expected, prefixed.Scale);
                Assert.Equal(unit.Dimension, prefixed.Dimension);
                checkedCount++;
            }
        }

        Assert.True(checkedCount > 800);
    }

    [Fact]
    public void MicroSigns_AreAcceptedAsPrefix()
    {
        Assert.Equal(1e-6, Scale("\u00B5s"));
        Assert.Equal(1e-6, Scale("\u03BCs"));
        Assert.Equal(1e-6, Scale("\u00B5metre"));
        Assert.Equal("\u00B5s", UnitCatalog.Resolve("\u00B5s").Name);
    }

    [Fact]
    public void CaseSensitiveLookalikes_ResolveToDistinctUnits()
    {
        Assert.Equal((1e-3, Dimension.Time), (Scale("ms"), Dim("ms")));
        Assert.Equal((1e6, Dimension.Time), (Scale("Ms"), Dim("Ms")));
        Assert.Equal((1e-3, Dimension.Conductance), (Scale("mS"), Dim("mS")));
        Assert.Equal((1e6, Dimension.Conductance), (Scale("MS"), Dim("MS")));
        Assert.Equal((1.0, Dimension.Length), (Scale("m"), Dim("m")));
        Assert.Equal((1e-3, Dimension.Length), (Scale("mm"), Dim("mm")));
        Assert.Equal((1e6, Dimension.Length), (Scale("Mm"), Dim("Mm")));
        Assert.Equal((1e3, Dimension.Concentration), (Scale("M"), Dim("M")));
        Assert.Equal((1e9, Dimension.Concentration), (Scale("MM"), Dim("MM")));
    }

    [Fact]
    public void AmbiguousLookingNames_FollowTheDocumentedParse()
    {
        Assert.Equal((1.0, Dimension.LuminousIntensity), (Scale("cd"), Dim("cd"))); // not centi-"d"
        Assert.Equal((10.0, Dimension.Length), (Scale("dam"), Dim("dam")));          // deca-metre
        Assert.Equal((0.1, Dimension.Length), (Scale("dm"), Dim("dm")));             // deci-metre
        Assert.Equal((1.0, Dimension.Pressure), (Scale("Pa"), Dim("Pa")));           // not peta-"a"
        Assert.Equal((1e15, Dimension.Length), (Scale("Pm"), Dim("Pm")));            // peta-metre
        Assert.Equal((1e-3, Dimension.Amount), (Scale("mmol"), Dim("mmol")));
        Assert.Equal((1e2, Dimension.Pressure), (Scale("hPa"), Dim("hPa")));
        Assert.Equal(10.0, Scale("dasecond"));
    }

    [Fact]
    public void Catalog_HasNoAmbiguousSpellings()
    {
        Assert.Empty(UnitCatalog.Ambiguities);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("min")]
    [InlineData("h")]
    [InlineData("hour")]
    [InlineData("mrad")]      // radian takes no prefix (as in Brian2)
    [InlineData("k1")]
    [InlineData("mmV")]       // one prefix at most
    [InlineData("milliV")]    // spelled-out prefixes only go with full names
    [InlineData("kilos")]
    [InlineData("Volt")]
    [InlineData("KV")]
    [InlineData("mV ")]
    [InlineData("T")]         // tesla is not in the catalog; T is only the tera prefix
    [InlineData("foo")]
    public void UnknownNames_AreRejected(string? name)
    {
        Assert.False(UnitCatalog.TryResolve(name, out UnitDefinition unit));
        Assert.Equal(default, unit);
    }

    [Fact]
    public void UnsupportedTimeUnits_ExplainThemselves()
    {
        Assert.True(UnitCatalog.TryGetUnsupportedHint("min", out string? hint));
        Assert.Contains("60*second", hint);
        Assert.False(UnitCatalog.TryGetUnsupportedHint("ms", out _));
        var error = Assert.Throws<ArgumentException>(() => UnitCatalog.Resolve("min"));
        Assert.Contains("60*second", error.Message);
    }

    [Fact]
    public void Resolve_UnknownName_ThrowsWithSuggestion()
    {
        var error = Assert.Throws<ArgumentException>(() => UnitCatalog.Resolve("mvlot"));
        Assert.Contains("'mvlot'", error.Message);
        Assert.Contains("Did you mean 'mvolt'?", error.Message);
    }

    [Fact]
    public void UnprefixedUnits_ListEverySpellingOnce()
    {
        string[] names = UnitCatalog.UnprefixedUnits.Select(u => u.Name).ToArray();
        Assert.Equal(names.Length, names.Distinct().Count());
        Assert.Contains("ohm", names);
        Assert.Contains("L", names);
        Assert.Contains("l", names);
        Assert.DoesNotContain("kg", names);
    }
}
