using DynLang.Core.Units;

namespace DynLang.Core.Tests.Units;

public class UnitSuggestionTests
{
    [Theory]
    [InlineData("secnod", "second")]      // transposition counts as one edit
    [InlineData("secon", "second")]
    [InlineData("volts", "volt")]
    [InlineData("siemen", "siemens")]
    [InlineData("Ohm", "ohm")]
    [InlineData("milisecond", "millisecond")]
    [InlineData("mv", "mV")]              // several one-edit candidates; a case slip wins
    [InlineData("\u00B5secnd", "usecond")] // micro sign compared as u, never suggested
    public void Suggest_FindsTheClosestName(string unknown, string expected)
    {
        Assert.Equal(expected, UnitCatalog.Suggest(unknown));
    }

    [Theory]
    [InlineData("xyzzy")]
    [InlineData("q")]        // one letter: any one-letter unit is one edit away, which says nothing
    [InlineData("banana")]
    [InlineData("")]
    [InlineData(null)]
    public void Suggest_ReturnsNullWhenNothingIsClose(string? unknown)
    {
        Assert.Null(UnitCatalog.Suggest(unknown));
    }

    [Fact]
    public void Suggest_KnownName_ReturnsItUnchanged()
    {
        Assert.Equal("mV", UnitCatalog.Suggest("mV"));
    }

    [Fact]
    public void Suggest_IsWithinTwoEditsAndResolvable()
    {
        foreach (string typo in new[] { "nAmp", "kHZ", "farads", "pfard", "molarr", "metr" })
        {
            string? suggestion = UnitCatalog.Suggest(typo);
            Assert.NotNull(suggestion);
            Assert.True(UnitCatalog.TryResolve(suggestion, out _), suggestion);
        }
    }
}
