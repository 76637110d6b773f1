using DynLang.Core.Units;

namespace DynLang.Core.Tests.Units;

public class UnitFormatterTests
{
    private static Dimension S => Dimension.Time;

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        void Add(Dimension d, string text) => data.Add(text, Serialize(d));

        Add(Dimension.Dimensionless, "1");
        Add(Dimension.Voltage, "V");
        Add(Dimension.Current, "A");
        Add(Dimension.Resistance, "ohm");
        Add(Dimension.Conductance, "S");
        Add(Dimension.Capacitance, "F");
        Add(Dimension.Charge, "C");
        Add(Dimension.Energy, "J");
        Add(Dimension.Mass, "kg");
        Add(Dimension.Frequency, "1/s");                      // not Hz: see UnitFormatter remarks
        Add(S.Pow(-2), "1/s^2");
        Add(Dimension.Voltage / S, "V/s");
        Add(Dimension.Current / S, "A/s");
        Add(Dimension.Conductance / S, "S/s");
        Add(Dimension.Voltage * S, "V*s");
        Add(Dimension.Voltage.Pow(2), "V^2");
        Add(Dimension.Voltage.Pow(2) / S, "V^2/s");           // diffusion coefficient of a voltage
        Add(Dimension.Voltage.Inverse(), "1/V");
        Add(Dimension.Voltage / S.Sqrt(), "V/s^(1/2)");       // noise amplitude
        Add(Dimension.Energy / S.Pow(2), "W/s");              // smallest power of s wins over J/s^2
        Add(Dimension.Area / S, "m^2/s");
        Add(Dimension.Concentration, "mol/m^3");
        Add(Dimension.Frequency.Sqrt(), "1/s^(1/2)");
        Add(Dimension.Time.Pow(new Fraction(3, 2)), "s^(3/2)");
        Add(Dimension.Force / Dimension.Length, "kg/s^2");
        Add(new Dimension(length: 2, mass: 1, time: -3, current: -1, temperature: -1), "kg*m^2/(s^3*A*K)");
        Add(Dimension.Voltage * Dimension.Temperature, "kg*m^2*K/(s^3*A)");   // only s combines with named units
        Add(new Dimension(temperature: 1, amount: -1, luminousIntensity: 1), "K*cd/mol");
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Format_ProducesExpectedText(string expected, string serialized)
    {
        Assert.Equal(expected, UnitFormatter.Format(Deserialize(serialized)));
    }

    [Fact]
    public void Format_IsDeterministic()
    {
        Dimension d = new(length: -1, mass: 2, time: new Fraction(-5, 2), current: 1, amount: 3);
        string first = UnitFormatter.Format(d);
        Assert.Equal("kg^2*A*mol^3/(m*s^(5/2))", first);
        Assert.Equal(first, UnitFormatter.Format(new Dimension(amount: 3) * new Dimension(length: -1, mass: 2, time: new Fraction(-5, 2), current: 1)));
    }

    [Fact]
    public void Format_RoundTripsEveryUnprefixedUnitThatPrintsAsOneName()
    {
        int roundTrips = 0;
        foreach (UnitDefinition unit in UnitCatalog.UnprefixedUnits)
        {
            string text = UnitFormatter.Format(unit.Dimension);
            if (text.IndexOfAny(['*', '/', '^']) >= 0)
            {
                continue; // Hz -> 1/s, L -> m^3, M -> mol/m^3: not a single name.
            }

            Assert.True(UnitCatalog.TryResolve(text, out UnitDefinition printed), $"{unit.Name} printed as unknown '{text}'");
            Assert.Equal(unit.Dimension, printed.Dimension);
            Assert.Equal(1.0, printed.Scale); // printed names are coherent SI units
            roundTrips++;
        }

        Assert.True(roundTrips >= 30, $"only {roundTrips} round trips");
    }

    // TheoryData must be serializable for test discovery, so dimensions travel as exponent text.
    private static string Serialize(Dimension d) => string.Join(" ",
        Enum.GetValues<BaseDimension>().Select(b => d[b].Numerator + "/" + d[b].Denominator));

    private static Dimension Deserialize(string text)
    {
        Fraction[] e = text.Split(' ').Select(p => p.Split('/')).Select(p => new Fraction(int.Parse(p[0]), int.Parse(p[1]))).ToArray();
        return new Dimension(e[0], e[1], e[2], e[3], e[4], e[5], e[6]);
    }
}
