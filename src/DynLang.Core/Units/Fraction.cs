using System;

namespace DynLang.Core.Units;

/// <summary>
/// A small exact rational number with <see cref="int"/> numerator and denominator, always kept
/// normalized (lowest terms, positive denominator).
/// </summary>
/// <remarks>
/// Unit exponents are not always integers: white noise <c>xi</c> has dimension s^-1/2 and the
/// square root of an area is a length, so exponents must be exact half-integers (and, after a
/// few powers, other small rationals). Floating-point exponents would make dimension equality
/// depend on rounding, hence this type. Arithmetic is checked: an overflow throws
/// <see cref="OverflowException"/> instead of silently producing a wrong exponent.
/// </remarks>
public readonly struct Fraction : IEquatable<Fraction>, IComparable<Fraction>
{
    // Stored as denominator - 1 so that default(Fraction) is 0/1, not the invalid 0/0. This keeps
    // default(Dimension) equal to Dimension.Dimensionless without any special casing.
    private readonly int _denominatorMinusOne;

    /// <summary>Creates the fraction <paramref name="numerator"/>/<paramref name="denominator"/>, normalized.</summary>
    /// <exception cref="DivideByZeroException"><paramref name="denominator"/> is zero.</exception>
    /// <exception cref="OverflowException">The normalized value does not fit in <see cref="int"/>.</exception>
    public Fraction(int numerator, int denominator)
        : this((long)numerator, denominator)
    {
    }

    // Normalizes in 64-bit so that intermediate products of two int fractions never overflow
    // before the gcd has had a chance to shrink them.
    private Fraction(long numerator, long denominator)
    {
        if (denominator == 0)
        {
            throw new DivideByZeroException("A fraction cannot have a zero denominator.");
        }

        if (denominator < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }

        long gcd = Gcd(numerator < 0 ? -numerator : numerator, denominator);
        if (gcd > 1)
        {
            numerator /= gcd;
            denominator /= gcd;
        }

        Numerator = checked((int)numerator);
        _denominatorMinusOne = checked((int)denominator) - 1;
    }

    /// <summary>The numerator, carrying the sign.</summary>
    public int Numerator { get; }

    /// <summary>The denominator, always positive.</summary>
    public int Denominator => _denominatorMinusOne + 1;

    /// <summary>Zero.</summary>
    public static Fraction Zero => default;

    /// <summary>One.</summary>
    public static Fraction One => new(1, 1);

    /// <summary>One half, the exponent of a square root.</summary>
    public static Fraction Half => new(1, 2);

    /// <summary>True when the value is zero.</summary>
    public bool IsZero => Numerator == 0;

    /// <summary>True when the denominator is one.</summary>
    public bool IsInteger => _denominatorMinusOne == 0;

    /// <summary>Sign of the value: -1, 0 or 1.</summary>
    public int Sign => Math.Sign(Numerator);

    /// <summary>The value as a <see cref="double"/> (exact for half-integers).</summary>
    public double ToDouble() => (double)Numerator / Denominator;

    /// <summary>Absolute value.</summary>
    public Fraction Abs() => Numerator < 0 ? -this : this;

    /// <summary>Converts an integer to a fraction.</summary>
    public static implicit operator Fraction(int value) => new(value, 1);

    /// <summary>Negation.</summary>
    public static Fraction operator -(Fraction value) => new(-(long)value.Numerator, value.Denominator);

    /// <summary>Exact sum.</summary>
    public static Fraction operator +(Fraction left, Fraction right) =>
        new((long)left.Numerator * right.Denominator + (long)right.Numerator * left.Denominator,
            (long)left.Denominator * right.Denominator);

    /// <summary>Exact difference.</summary>
    public static Fraction operator -(Fraction left, Fraction right) => left + -right;

    /// <summary>Exact product.</summary>
    public static Fraction operator *(Fraction left, Fraction right) =>
        new((long)left.Numerator * right.Numerator, (long)left.Denominator * right.Denominator);

    /// <summary>Exact quotient.</summary>
    /// <exception cref="DivideByZeroException"><paramref name="right"/> is zero.</exception>
    public static Fraction operator /(Fraction left, Fraction right) =>
        new((long)left.Numerator * right.Denominator, (long)left.Denominator * right.Numerator);

    /// <summary>Value equality.</summary>
    public static bool operator ==(Fraction left, Fraction right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(Fraction left, Fraction right) => !left.Equals(right);

    /// <summary>Less than.</summary>
    public static bool operator <(Fraction left, Fraction right) => left.CompareTo(right) < 0;

    /// <summary>Greater than.</summary>
    public static bool operator >(Fraction left, Fraction right) => left.CompareTo(right) > 0;

    /// <summary>Less than or equal.</summary>
    public static bool operator <=(Fraction left, Fraction right) => left.CompareTo(right) <= 0;

    /// <summary>Greater than or equal.</summary>
    public static bool operator >=(Fraction left, Fraction right) => left.CompareTo(right) >= 0;

    /// <inheritdoc/>
    // Normalization makes the representation unique, so field equality is value equality.
    public bool Equals(Fraction other) =>
        Numerator == other.Numerator && _denominatorMinusOne == other._denominatorMinusOne;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Fraction other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => unchecked(Numerator * 397 ^ _denominatorMinusOne);

    /// <inheritdoc/>
    public int CompareTo(Fraction other) =>
        ((long)Numerator * other.Denominator).CompareTo((long)other.Numerator * Denominator);

    /// <summary>Invariant text: <c>3</c>, <c>-1/2</c>.</summary>
    public override string ToString() =>
        IsInteger
            ? Numerator.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : Numerator.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/" +
              Denominator.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
