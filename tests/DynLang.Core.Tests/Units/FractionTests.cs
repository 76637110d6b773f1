using DynLang.Core.Units;

namespace DynLang.Core.Tests.Units;

public class FractionTests
{
    [Fact]
    public void Constructor_NormalizesSignAndLowestTerms()
    {
        var f = new Fraction(2, -4);
        Assert.Equal(-1, f.Numerator);
        Assert.Equal(2, f.Denominator);
        Assert.Equal(new Fraction(-1, 2), f);
        Assert.Equal("-1/2", f.ToString());
    }

    [Fact]
    public void Default_IsZeroOverOne()
    {
        Fraction zero = default;
        Assert.True(zero.IsZero);
        Assert.True(zero.IsInteger);
        Assert.Equal(1, zero.Denominator);
        Assert.Equal(new Fraction(0, 7), zero);
        Assert.Equal("0", zero.ToString());
    }

    [Fact]
    public void Arithmetic_IsExact()
    {
        Fraction half = Fraction.Half;
        Fraction third = new(1, 3);
        Assert.Equal(new Fraction(5, 6), half + third);
        Assert.Equal(new Fraction(1, 6), half - third);
        Assert.Equal(new Fraction(1, 6), half * third);
        Assert.Equal(new Fraction(3, 2), half / third);
        Assert.Equal(Fraction.One, half + half);
        Assert.Equal((Fraction)(-3), -(Fraction)3);
    }

    [Fact]
    public void Comparison_OrdersByValue()
    {
        Assert.True(new Fraction(-1, 2) < Fraction.Zero);
        Assert.True(new Fraction(2, 3) > Fraction.Half);
        Assert.True(new Fraction(2, 4) >= Fraction.Half);
        Assert.Equal(0.5, Fraction.Half.ToDouble());
        Assert.Equal(new Fraction(1, 2), new Fraction(-1, 2).Abs());
    }

    [Fact]
    public void ZeroDenominator_Throws()
    {
        Assert.Throws<DivideByZeroException>(() => new Fraction(1, 0));
        Assert.Throws<DivideByZeroException>(() => Fraction.One / Fraction.Zero);
    }

    [Fact]
    public void Overflow_ThrowsInsteadOfWrapping()
    {
        var big = new Fraction(int.MaxValue, 1);
        Assert.Throws<OverflowException>(() => big + big);
        // The 64-bit intermediate lets the gcd rescue products that would overflow in int.
        Assert.Equal(Fraction.One, new Fraction(int.MaxValue, 2) * new Fraction(2, int.MaxValue));
    }
}
