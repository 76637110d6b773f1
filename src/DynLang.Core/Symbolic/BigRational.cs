using System;
using System.Globalization;
using System.Numerics;

namespace DynLang.Core.Symbolic
{
    /// <summary>
    /// An exact rational number with arbitrary-precision numerator and denominator.
    /// Always normalized: the fraction is in lowest terms and the denominator is positive,
    /// so structural equality of two values is numeric equality.
    /// </summary>
    /// <remarks>
    /// The denominator is stored minus one so that <c>default(BigRational)</c> is a valid zero (0/1)
    /// rather than an invalid 0/0.
    /// </remarks>
    public readonly struct BigRational : IEquatable<BigRational>, IComparable<BigRational>, IComparable
    {
        private readonly BigInteger _numerator;
        private readonly BigInteger _denominatorMinusOne;

        /// <summary>Zero (0/1).</summary>
        public static readonly BigRational Zero = default;

        /// <summary>One (1/1).</summary>
        public static readonly BigRational One = new BigRational(BigInteger.One, BigInteger.One, normalized: true);

        /// <summary>Minus one (-1/1).</summary>
        public static readonly BigRational MinusOne = new BigRational(BigInteger.MinusOne, BigInteger.One, normalized: true);

        /// <summary>One half (1/2).</summary>
        public static readonly BigRational Half = new BigRational(BigInteger.One, new BigInteger(2), normalized: true);

        /// <summary>Creates <paramref name="numerator"/>/<paramref name="denominator"/> in lowest terms.</summary>
        /// <exception cref="DivideByZeroException">The denominator is zero.</exception>
        public BigRational(BigInteger numerator, BigInteger denominator)
        {
            if (denominator.IsZero)
            {
                throw new DivideByZeroException("A rational number cannot have a zero denominator.");
            }

            if (denominator.Sign < 0)
            {
                numerator = -numerator;
                denominator = -denominator;
            }

            var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
            if (!gcd.IsOne && !gcd.IsZero)
            {
                numerator /= gcd;
                denominator /= gcd;
            }

            if (numerator.IsZero)
            {
                denominator = BigInteger.One;
            }

            _numerator = numerator;
            _denominatorMinusOne = denominator - BigInteger.One;
        }

        /// <summary>Creates the integer <paramref name="value"/>.</summary>
        public BigRational(BigInteger value)
        {
            _numerator = value;
            _denominatorMinusOne = BigInteger.Zero;
        }

        private BigRational(BigInteger numerator, BigInteger denominator, bool normalized)
        {
            _ = normalized;
            _numerator = numerator;
            _denominatorMinusOne = denominator - BigInteger.One;
        }

        /// <summary>The numerator; carries the sign.</summary>
        public BigInteger Numerator => _numerator;

        /// <summary>The denominator; always positive.</summary>
        public BigInteger Denominator => _denominatorMinusOne + BigInteger.One;

        /// <summary>True for 0.</summary>
        public bool IsZero => _numerator.IsZero;

        /// <summary>True for 1.</summary>
        public bool IsOne => _numerator.IsOne && _denominatorMinusOne.IsZero;

        /// <summary>True when the denominator is 1.</summary>
        public bool IsInteger => _denominatorMinusOne.IsZero;

        /// <summary>-1, 0 or +1.</summary>
        public int Sign => _numerator.Sign;

        /// <summary>True for values below zero.</summary>
        public bool IsNegative => _numerator.Sign < 0;

        /// <summary>The integer <paramref name="value"/>.</summary>
        public static BigRational FromInt(long value) => new BigRational(new BigInteger(value));

        /// <summary>The exact value of a finite double (every double is a dyadic rational m·2^e).</summary>
        /// <exception cref="ArgumentException">The value is NaN or infinite.</exception>
        public static BigRational FromDouble(double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                throw new ArgumentException("NaN and infinities have no exact rational value.", nameof(value));
            }

            long bits = BitConverter.DoubleToInt64Bits(value);
            bool negative = bits < 0;
            int biasedExponent = (int)((bits >> 52) & 0x7FF);
            long fraction = bits & 0xFFFFFFFFFFFFFL;
            long mantissa;
            int exponent;
            if (biasedExponent == 0)
            {
                // Subnormal (or zero): no implicit leading bit, fixed exponent.
                mantissa = fraction;
                exponent = -1074;
            }
            else
            {
                mantissa = fraction | (1L << 52);
                exponent = biasedExponent - 1075;
            }

            if (mantissa == 0)
            {
                return Zero;
            }

            var m = new BigInteger(negative ? -mantissa : mantissa);
            return exponent >= 0
                ? new BigRational(m << exponent)
                : new BigRational(m, BigInteger.One << -exponent);
        }

        /// <summary>
        /// Parses a decimal literal exactly (<c>0.04</c> is 1/25, <c>1e-3</c>, <c>2.5E+4</c>, <c>.5</c>, <c>-7</c>),
        /// or a fraction <c>p/q</c> as printed by <see cref="ToString"/>.
        /// </summary>
        /// <exception cref="FormatException">The text is not a decimal literal or fraction.</exception>
        public static BigRational Parse(string text)
        {
            if (TryParse(text, out var value))
            {
                return value;
            }

            throw new FormatException($"'{text}' is not a decimal literal or fraction.");
        }

        /// <summary>Non-throwing form of <see cref="Parse"/>.</summary>
        public static bool TryParse(string? text, out BigRational value)
        {
            value = Zero;
            if (text == null)
            {
                return false;
            }

            text = text.Trim();
            int slash = text.IndexOf('/');
            if (slash >= 0)
            {
                if (!TryParseDecimal(text.Substring(0, slash).Trim(), out var p)
                    || !TryParseDecimal(text.Substring(slash + 1).Trim(), out var q)
                    || q.IsZero)
                {
                    return false;
                }

                value = p / q;
                return true;
            }

            return TryParseDecimal(text, out value);
        }

        // Exponents beyond this are rejected: 10^100000 already has ~330,000 bits, and a literal in an
        // equation file that large is a typo, not a value worth an unbounded allocation.
        private const int MaxDecimalExponent = 100_000;

        private static bool TryParseDecimal(string s, out BigRational value)
        {
            value = Zero;
            int pos = 0;
            bool negative = false;
            if (pos < s.Length && (s[pos] == '+' || s[pos] == '-'))
            {
                negative = s[pos] == '-';
                pos++;
            }

            var digits = BigInteger.Zero;
            int digitCount = 0;
            int fractionDigits = 0;
            while (pos < s.Length && s[pos] >= '0' && s[pos] <= '9')
            {
                digits = digits * 10 + (s[pos] - '0');
                digitCount++;
                pos++;
            }

            if (pos < s.Length && s[pos] == '.')
            {
                pos++;
                while (pos < s.Length && s[pos] >= '0' && s[pos] <= '9')
                {
                    digits = digits * 10 + (s[pos] - '0');
                    digitCount++;
                    fractionDigits++;
                    pos++;
                }
            }

            if (digitCount == 0)
            {
                return false;
            }

            long exponent = 0;
            if (pos < s.Length && (s[pos] == 'e' || s[pos] == 'E'))
            {
                pos++;
                bool expNegative = false;
                if (pos < s.Length && (s[pos] == '+' || s[pos] == '-'))
                {
                    expNegative = s[pos] == '-';
                    pos++;
                }

                int expDigits = 0;
                while (pos < s.Length && s[pos] >= '0' && s[pos] <= '9')
                {
                    exponent = exponent * 10 + (s[pos] - '0');
                    if (exponent > MaxDecimalExponent * 10L)
                    {
                        return false;
                    }

                    expDigits++;
                    pos++;
                }

                if (expDigits == 0)
                {
                    return false;
                }

                if (expNegative)
                {
                    exponent = -exponent;
                }
            }

            if (pos != s.Length)
            {
                return false;
            }

            long scale = exponent - fractionDigits;
            if (Math.Abs(scale) > MaxDecimalExponent)
            {
                return false;
            }

            if (negative)
            {
                digits = -digits;
            }

            value = scale >= 0
                ? new BigRational(digits * BigInteger.Pow(10, (int)scale))
                : new BigRational(digits, BigInteger.Pow(10, (int)-scale));
            return true;
        }

        /// <summary>
        /// The nearest double (round half to even), including subnormals, overflow to ±∞ and underflow to ±0.
        /// </summary>
        /// <remarks>
        /// Computes a quotient with 66–67 significant bits plus a sticky bit for the remainder, then rounds
        /// once at the exact bit position of the target format; a single rounding is what makes the
        /// result correct (converting numerator and denominator to double separately rounds twice).
        /// </remarks>
        public double ToDouble()
        {
            if (_numerator.IsZero)
            {
                return 0.0;
            }

            bool negative = _numerator.Sign < 0;
            var a = BigInteger.Abs(_numerator);
            var b = Denominator;
            int shift = 66 - (BitLength(a) - BitLength(b));
            BigInteger remainder;
            var q = shift >= 0
                ? BigInteger.DivRem(a << shift, b, out remainder)
                : BigInteger.DivRem(a, b << -shift, out remainder);
            bool sticky = !remainder.IsZero;

            // value = (q + sticky·ε) · 2^-shift, and q has 66 or 67 bits.
            int qBits = BitLength(q);
            long floorLog2 = qBits - 1L - shift;
            if (floorLog2 > 1023)
            {
                return negative ? double.NegativeInfinity : double.PositiveInfinity;
            }

            long lsbExponent = Math.Max(floorLog2 - 52, -1074);
            long drop = lsbExponent + shift;
            if (drop > qBits)
            {
                // Below half the smallest subnormal: rounds to zero.
                return negative ? -0.0 : 0.0;
            }

            var mantissa = q >> (int)drop;
            var rest = q - (mantissa << (int)drop);
            var half = BigInteger.One << (int)(drop - 1);
            int cmp = rest.CompareTo(half);
            if (cmp > 0 || (cmp == 0 && (sticky || !mantissa.IsEven)))
            {
                mantissa += 1;
            }

            long m = (long)mantissa;
            if (m == 1L << 53)
            {
                m >>= 1;
                lsbExponent++;
            }

            long bits;
            if (m >= 1L << 52)
            {
                long biased = lsbExponent + 1075;
                if (biased >= 2047)
                {
                    return negative ? double.NegativeInfinity : double.PositiveInfinity;
                }

                bits = (biased << 52) | (m & 0xFFFFFFFFFFFFFL);
            }
            else
            {
                bits = m; // subnormal: exponent field 0
            }

            double result = BitConverter.Int64BitsToDouble(bits);
            return negative ? -result : result;
        }

        /// <summary>Number of significant bits of a positive integer (BigInteger.GetBitLength is not in netstandard2.0).</summary>
        internal static int BitLength(BigInteger value)
        {
            if (value.Sign < 0)
            {
                value = -value;
            }

            if (value.IsZero)
            {
                return 0;
            }

            byte[] bytes = value.ToByteArray();
            int last = bytes.Length - 1;
            while (last > 0 && bytes[last] == 0)
            {
                last--;
            }

            int bits = last * 8;
            int top = bytes[last];
            while (top != 0)
            {
                bits++;
                top >>= 1;
            }

            return bits;
        }

        /// <summary>Raises to an integer power; negative powers invert.</summary>
        /// <exception cref="DivideByZeroException">Zero raised to a negative power.</exception>
        public BigRational Pow(int exponent)
        {
            if (exponent == 0)
            {
                return One;
            }

            if (exponent < 0)
            {
                if (IsZero)
                {
                    throw new DivideByZeroException("Zero cannot be raised to a negative power.");
                }

                // Negate via long so int.MinValue does not overflow.
                long positive = -(long)exponent;
                if (positive > int.MaxValue)
                {
                    throw new OverflowException("Exponent too large.");
                }

                return new BigRational(BigInteger.Pow(Denominator, (int)positive), BigInteger.Pow(_numerator, (int)positive));
            }

            return new BigRational(BigInteger.Pow(_numerator, exponent), BigInteger.Pow(Denominator, exponent), normalized: true);
        }

        /// <summary>Absolute value.</summary>
        public BigRational Abs() => _numerator.Sign < 0 ? -this : this;

        /// <summary>Largest integer not above the value.</summary>
        public BigInteger Floor()
        {
            var q = BigInteger.DivRem(_numerator, Denominator, out var r);
            return r.Sign < 0 ? q - 1 : q;
        }

        /// <summary>Sum.</summary>
        public static BigRational operator +(BigRational a, BigRational b)
        {
            if (a.IsInteger && b.IsInteger)
            {
                return new BigRational(a._numerator + b._numerator);
            }

            return new BigRational(a._numerator * b.Denominator + b._numerator * a.Denominator, a.Denominator * b.Denominator);
        }

        /// <summary>Difference.</summary>
        public static BigRational operator -(BigRational a, BigRational b) => a + (-b);

        /// <summary>Negation.</summary>
        public static BigRational operator -(BigRational a) => new BigRational(-a._numerator, a.Denominator, normalized: true);

        /// <summary>Product.</summary>
        public static BigRational operator *(BigRational a, BigRational b)
        {
            if (a.IsInteger && b.IsInteger)
            {
                return new BigRational(a._numerator * b._numerator);
            }

            return new BigRational(a._numerator * b._numerator, a.Denominator * b.Denominator);
        }

        /// <summary>Quotient.</summary>
        /// <exception cref="DivideByZeroException">The divisor is zero.</exception>
        public static BigRational operator /(BigRational a, BigRational b)
        {
            if (b.IsZero)
            {
                throw new DivideByZeroException("Division of a rational number by zero.");
            }

            return new BigRational(a._numerator * b.Denominator, a.Denominator * b._numerator);
        }

        /// <summary>Exact conversion from an integer.</summary>
        public static implicit operator BigRational(int value) => new BigRational(new BigInteger(value));

        /// <summary>Exact conversion from an integer.</summary>
        public static implicit operator BigRational(long value) => new BigRational(new BigInteger(value));

        /// <summary>Exact conversion from an integer.</summary>
        public static implicit operator BigRational(BigInteger value) => new BigRational(value);

        /// <summary>Numeric equality.</summary>
        public static bool operator ==(BigRational a, BigRational b) => a.Equals(b);

        /// <summary>Numeric inequality.</summary>
        public static bool operator !=(BigRational a, BigRational b) => !a.Equals(b);

        /// <summary>Less than.</summary>
        public static bool operator <(BigRational a, BigRational b) => a.CompareTo(b) < 0;

        /// <summary>Greater than.</summary>
        public static bool operator >(BigRational a, BigRational b) => a.CompareTo(b) > 0;

        /// <summary>Less than or equal.</summary>
        public static bool operator <=(BigRational a, BigRational b) => a.CompareTo(b) <= 0;

        /// <summary>Greater than or equal.</summary>
        public static bool operator >=(BigRational a, BigRational b) => a.CompareTo(b) >= 0;

        /// <inheritdoc />
        public bool Equals(BigRational other) =>
            _numerator.Equals(other._numerator) && _denominatorMinusOne.Equals(other._denominatorMinusOne);

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is BigRational other && Equals(other);

        /// <inheritdoc />
        public override int GetHashCode() => unchecked(_numerator.GetHashCode() * 397 ^ _denominatorMinusOne.GetHashCode());

        /// <inheritdoc />
        public int CompareTo(BigRational other)
        {
            if (IsInteger && other.IsInteger)
            {
                return _numerator.CompareTo(other._numerator);
            }

            return (_numerator * other.Denominator).CompareTo(other._numerator * Denominator);
        }

        int IComparable.CompareTo(object? obj) =>
            obj is BigRational other ? CompareTo(other) : throw new ArgumentException("Not a BigRational.", nameof(obj));

        /// <summary>"3/4", "-2", "0": invariant culture, parseable by <see cref="Parse"/>.</summary>
        public override string ToString() =>
            IsInteger
                ? _numerator.ToString(CultureInfo.InvariantCulture)
                : _numerator.ToString(CultureInfo.InvariantCulture) + "/" + Denominator.ToString(CultureInfo.InvariantCulture);
    }
}
