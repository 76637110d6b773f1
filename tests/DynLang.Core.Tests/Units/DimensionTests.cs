using DynLang.Core.Units;

namespace DynLang.Core.Tests.Units;

public class DimensionTests
{
    private static readonly Dimension[] Samples =
    [
        Dimension.Dimensionless, Dimension.Length, Dimension.Time, Dimension.Voltage,
        Dimension.Conductance, Dimension.Concentration, new Dimension(time: new Fraction(-1, 2)),
        new Dimension(length: 2, mass: -1, current: 3, temperature: 1, amount: -2, luminousIntensity: 1),
    ];

    [Fact]
    public void Default_IsDimensionless()
    {
        Assert.True(default(Dimension).IsDimensionless);
        Assert.Equal(Dimension.Dimensionless, new Dimension());
        Assert.False(Dimension.Time.IsDimensionless);
    }

    [Fact]
    public void BaseStatics_HaveOneUnitExponent()
    {
        Assert.Equal((Fraction)1, Dimension.Length[BaseDimension.Length]);
        Assert.Equal((Fraction)1, Dimension.Mass[BaseDimension.Mass]);
        Assert.Equal((Fraction)1, Dimension.Time[BaseDimension.Time]);
        Assert.Equal((Fraction)1, Dimension.Current[BaseDimension.Current]);
        Assert.Equal((Fraction)1, Dimension.Temperature[BaseDimension.Temperature]);
        Assert.Equal((Fraction)1, Dimension.Amount[BaseDimension.Amount]);
        Assert.Equal((Fraction)1, Dimension.LuminousIntensity[BaseDimension.LuminousIntensity]);
        Assert.Equal(Fraction.Zero, Dimension.Length[BaseDimension.Time]);
    }

    [Fact]
    public void Voltage_IsKgM2PerS3A()
    {
        var expected = new Dimension(length: 2, mass: 1, time: -3, current: -1);
        Assert.Equal(expected, Dimension.Voltage);
    }

    [Fact]
    public void Multiplication_IsCommutativeAndAssociative_WithIdentity()
    {
        foreach (Dimension a in Samples)
        {
            Assert.Equal(a, a * Dimension.Dimensionless);
            foreach (Dimension b in Samples)
            {
                Assert.Equal(a * b, b * a);
                foreach (Dimension c in Samples)
                {
                    Assert.Equal((a * b) * c, a * (b * c));
                }
            }
        }
    }

    [Fact]
    public void Division_InvertsMultiplication()
    {
        foreach (Dimension a in Samples)
        {
            Assert.True((a / a).IsDimensionless);
            Assert.Equal(a.Inverse(), Dimension.Dimensionless / a);
            foreach (Dimension b in Samples)
            {
                Assert.Equal(a, a * b / b);
            }
        }
    }

    [Fact]
    public void Pow_ObeysExponentLaws()
    {
        foreach (Dimension a in Samples)
        {
            Assert.Equal(a * a * a, a.Pow(3));
            Assert.Equal(a, a.Sqrt().Pow(2));
            Assert.Equal(a, a.Pow(2).Sqrt());
            Assert.Equal(a.Pow(new Fraction(5, 6)), a.Pow(Fraction.Half) * a.Pow(new Fraction(1, 3)));
            Assert.True(a.Pow(0).IsDimensionless);
        }
    }

    [Fact]
    public void Sqrt_GivesHalfIntegerExponents()
    {
        // White noise xi has dimension s^-1/2; its square is a rate.
        Dimension xi = Dimension.Frequency.Sqrt();
        Assert.Equal(new Fraction(-1, 2), xi[BaseDimension.Time]);
        Assert.False(xi.HasIntegerExponents);
        Assert.Equal(Dimension.Frequency, xi * xi);
        Assert.Equal(Dimension.Length, Dimension.Area.Sqrt());
    }

    [Fact]
    public void EqualityAndHash_AreConsistent()
    {
        Dimension a = Dimension.Voltage / Dimension.Current;
        Dimension b = Dimension.Resistance;
        Assert.True(a == b);
        Assert.False(a != b);
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(Dimension.Voltage, Dimension.Current);
        Assert.False(Dimension.Voltage.Equals("V"));
    }

    [Fact]
    public void ToString_IsTheFormattedUnit()
    {
        Assert.Equal("V", Dimension.Voltage.ToString());
        Assert.Equal(UnitFormatter.Format(Dimension.Concentration), Dimension.Concentration.ToString());
    }
}
