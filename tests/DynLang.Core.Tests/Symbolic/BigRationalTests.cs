using System.Globalization;
using System.Numerics;
using DynLang.Core.Symbolic;

namespace DynLang.Core.Tests.Symbolic;

public class BigRationalTests
{
    [Fact]
    public void Constructor_NormalizesSignAndLowestTerms()
    {
        var r = new BigRational(6, -8);
        Assert.Equal(new BigInteger(-3), r.Numerator);
        Assert.Equal(new BigInteger(4), r.Denominator);
        Assert.Equal("-3/4", r.ToString());
    }

    [Fact]
    public void Default_IsZeroOverOne()
    {
        BigRational r = default;
        Assert.True(r.IsZero);
        Assert.Equal(BigInteger.One, r.Denominator);
        Assert.Equal(BigRational.Zero, r);
        Assert.Equal("0", r.ToString());
    }

    [Fact]
    public void ZeroDenominator_Throws()
    {
        Assert.Throws<DivideByZeroException>(() => new BigRational(1, 0));
        Assert.Throws<DivideByZeroException>(() => BigRational.One / BigRational.Zero);
    }

    [Fact]
    public void Arithmetic_IsExact()
    {
        var half = new BigRational(1, 2);
        var third = new BigRational(1, 3);
        Assert.Equal(new BigRational(5, 6), half + third);
        Assert.Equal(new BigRational(1, 6), half - third);
        Assert.Equal(new BigRational(3, 2), new BigRational(2, 3) * new BigRational(9, 4));
        Assert.Equal(new BigRational(2), half / new BigRational(1, 4));
        Assert.Equal(new BigRational(-1, 2), -half);
    }

    [Fact]
    public void Comparison_EqualityAndHash()
    {
        Assert.True(new BigRational(1, 3) < new BigRational(1, 2));
        Assert.True(new BigRational(-1, 2) < new BigRational(1, 3));
        Assert.True(new BigRational(7, 2) >= new BigRational(7, 2));
        Assert.Equal(0, new BigRational(2, 4).CompareTo(new BigRational(1, 2)));
        Assert.Equal(new BigRational(2, 4), new BigRational(1, 2));
        Assert.Equal(new BigRational(2, 4).GetHashCode(), new BigRational(1, 2).GetHashCode());
        Assert.NotEqual(new BigRational(1, 2), new BigRational(-1, 2));
    }

    [Fact]
    public void Pow_HandlesNegativeAndZeroExponents()
    {
        Assert.Equal(new BigRational(8, 27), new BigRational(2, 3).Pow(3));
        Assert.Equal(new BigRational(9, 4), new BigRational(2, 3).Pow(-2));
        Assert.Equal(BigRational.One, new BigRational(5, 7).Pow(0));
        Assert.Equal(new BigRational(-1, 8), new BigRational(-1, 2).Pow(3));
        Assert.Throws<DivideByZeroException>(() => BigRational.Zero.Pow(-1));
    }

    [Fact]
    public void Predicates_AndFloor()
    {
        Assert.True(BigRational.FromInt(1).IsOne);
        Assert.True(BigRational.FromInt(-4).IsInteger);
        Assert.False(new BigRational(1, 2).IsInteger);
        Assert.True(new BigRational(-1, 2).IsNegative);
        Assert.Equal(new BigInteger(-1), new BigRational(-1, 2).Floor());
        Assert.Equal(new BigInteger(3), new BigRational(7, 2).Floor());
        Assert.Equal(new BigInteger(-4), BigRational.FromInt(-4).Floor());
    }

    [Theory]
    [InlineData("0.04", 1, 25)]
    [InlineData("1e-3", 1, 1000)]
    [InlineData("2.5E+4", 25000, 1)]
    [InlineData(".5", 1, 2)]
    [InlineData("5.", 5, 1)]
    [InlineData("-7", -7, 1)]
    [InlineData("-0.125", -1, 8)]
    [InlineData("+12.50e-1", 5, 4)]
    [InlineData("3/4", 3, 4)]
    [InlineData("-6/8", -3, 4)]
    [InlineData("0.000", 0, 1)]
    public void Parse_DecimalLiteralsExactly(string text, long numerator, long denominator)
    {
        Assert.Equal(new BigRational(numerator, denominator), BigRational.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1e")]
    [InlineData("1.2.3")]
    [InlineData("--1")]
    [InlineData(".")]
    [InlineData("1/0")]
    [InlineData("1e999999999")]
    public void Parse_RejectsMalformedText(string text)
    {
        Assert.Throws<FormatException>(() => BigRational.Parse(text));
        Assert.False(BigRational.TryParse(text, out _));
    }

    [Fact]
    public void ToString_RoundTripsThroughParse()
    {
        foreach (var r in new[] { new BigRational(3, 4), new BigRational(-2), BigRational.Zero, new BigRational(-22, 7) })
        {
            Assert.Equal(r, BigRational.Parse(r.ToString()));
        }

        Assert.Equal("3/4", new BigRational(3, 4).ToString());
        Assert.Equal("-2", new BigRational(-2).ToString());
    }

    [Fact]
    public void FromDouble_IsExactDyadic()
    {
        Assert.Equal(new BigRational(1, 2), BigRational.FromDouble(0.5));
        Assert.Equal(new BigRational(-3), BigRational.FromDouble(-3.0));
        Assert.Equal(BigRational.Parse("3602879701896397/36028797018963968"), BigRational.FromDouble(0.1));
        Assert.Equal(new BigRational(BigInteger.One, BigInteger.One << 1074), BigRational.FromDouble(double.Epsilon));
        Assert.Throws<ArgumentException>(() => BigRational.FromDouble(double.NaN));
        Assert.Throws<ArgumentException>(() => BigRational.FromDouble(double.PositiveInfinity));
    }

    [Theory]
    [InlineData("0.1")]
    [InlineData("0.3")]
    [InlineData("2.675")]
    [InlineData("1e-300")]
    [InlineData("2.2250738585072011e-308")]
    [InlineData("2.2250738585072014e-308")]
    [InlineData("4.9e-324")]
    [InlineData("1e-320")]
    [InlineData("2.4703282292062327e-324")]
    [InlineData("2.4703282292062328e-324")]
    [InlineData("1.7976931348623157e308")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("3.14159265358979323846264338327950288")]
    [InlineData("-0.000123456789e-5")]
    [InlineData("9007199254740993")]
    public void ToDouble_MatchesDoubleParse(string text)
    {
        double expected = double.Parse(text, CultureInfo.InvariantCulture);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(BigRational.Parse(text).ToDouble()));
    }

    [Fact]
    public void ToDouble_OverflowAndUnderflow()
    {
        Assert.Equal(double.PositiveInfinity, BigRational.Parse("1e400").ToDouble());
        Assert.Equal(double.NegativeInfinity, BigRational.Parse("-1e400").ToDouble());
        Assert.Equal(0.0, BigRational.Parse("1e-400").ToDouble());
        Assert.Equal(0.1, BigRational.Parse("0.1").ToDouble());
    }

    [Fact]
    public void ToDouble_RoundsHalfToEven()
    {
        var two53 = BigInteger.One << 53;
        Assert.Equal(9007199254740992.0, new BigRational(two53 + 1).ToDouble()); // tie → even (down)
        Assert.Equal(9007199254740996.0, new BigRational(two53 + 3).ToDouble()); // tie → even (up)
        Assert.Equal(1.0 / 3.0, new BigRational(1, 3).ToDouble());
    }

    [Fact]
    public void FromDouble_ToDouble_RoundTripsRandomBitPatterns()
    {
        var random = new Random(12345);
        var bytes = new byte[8];
        int tested = 0;
        while (tested < 5000)
        {
            random.NextBytes(bytes);
            double v = BitConverter.ToDouble(bytes, 0);
            if (double.IsNaN(v) || double.IsInfinity(v))
            {
                continue;
            }

            Assert.Equal(v, BigRational.FromDouble(v).ToDouble());
            tested++;
        }
    }

    [Fact]
    public void FromDouble_ToDouble_RoundTripsSubnormals()
    {
        var random = new Random(99);
        for (int n = 0; n < 2000; n++)
        {
            long mantissa = random.NextInt64(1, 1L << 52);
            double v = BitConverter.Int64BitsToDouble(mantissa); // exponent field 0: subnormal
            Assert.Equal(v, BigRational.FromDouble(v).ToDouble());
            Assert.Equal(-v, BigRational.FromDouble(-v).ToDouble());
        }
    }

    [Fact]
    public void Parse_ToDouble_MatchesDoubleParseForRandomDecimals()
    {
        var random = new Random(2024);
        for (int n = 0; n < 3000; n++)
        {
            int digits = random.Next(1, 25);
            var mantissa = string.Concat(Enumerable.Range(0, digits).Select(_ => (char)('0' + random.Next(10))));
            int point = random.Next(0, digits + 1);
            var text = mantissa.Substring(0, point) + "." + mantissa.Substring(point) + "e" + random.Next(-330, 310);
            if (text.StartsWith('.'))
            {
                text = "0" + text;
            }

            double expected = double.Parse(text, CultureInfo.InvariantCulture);
            Assert.True(
                BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(BigRational.Parse(text).ToDouble()),
                $"{text}: expected {expected:R}, got {BigRational.Parse(text).ToDouble():R}");
        }
    }
}
