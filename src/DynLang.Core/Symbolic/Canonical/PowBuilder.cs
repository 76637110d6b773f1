using System;
using System.Linq;
using System.Numerics;

namespace DynLang.Core.Symbolic
{
    /// <summary>
    /// Canonical powers: x^0 → 1, x^1 → x, 1^x → 1, exact numeric folding, (x^a)^n → x^(a·n) and
    /// (x·y)^n → x^n·y^n for integer n only.
    /// </summary>
    /// <remarks>
    /// Soundness over the reals: (x^2)^(1/2) is |x|, not x, so a power of a power is merged only for an
    /// integer outer exponent. Numeric powers with a rational exponent fold only when exact (4^(1/2) → 2);
    /// otherwise the base is split into integer numerator and denominator and the exponent into integer and
    /// fractional part, so 2^(3/2) = 2·2^(1/2) and (1/2)^(1/2) = 2^(1/2)/2 have a single form.
    /// </remarks>
    internal static class PowBuilder
    {
        // Results with more bits than this stay unevaluated: 2^(10^9) is a typo, not worth the memory.
        private const long MaxFoldBits = 1 << 16;

        public static Expr Build(Expr b, Expr e)
        {
            global::DynLang.Core.Diagnostics.StackGuard.Ensure();
            if (b == null)
            {
                throw new ArgumentNullException(nameof(b));
            }

            if (e == null)
            {
                throw new ArgumentNullException(nameof(e));
            }

            if (e is Num ne)
            {
                if (ne.Value.IsZero)
                {
                    return Expr.One;
                }

                if (ne.Value.IsOne)
                {
                    return b;
                }
            }

            if (b is Num nb)
            {
                if (nb.Value.IsOne)
                {
                    return Expr.One;
                }

                if (nb.Value.IsZero)
                {
                    if (e is Num zeroExponent)
                    {
                        if (zeroExponent.Value.IsNegative)
                        {
                            throw new DivideByZeroException("Zero raised to a negative power (division by zero).");
                        }

                        return Expr.Zero;
                    }

                    return new Pow(b, e);
                }

                return e is Num numericExponent ? NumericPower(nb.Value, numericExponent.Value) : new Pow(b, e);
            }

            if (e is Num n && n.Value.IsInteger)
            {
                switch (b)
                {
                    case Pow inner:
                        return Build(inner.Base, MulBuilder.Build(new[] { inner.Exponent, e }));
                    case Mul m:
                        var factors = m.FactorArray.Select(f => Build(f, e)).ToList();
                        factors.Add(NumericPower(m.Coefficient, n.Value));
                        return MulBuilder.Build(factors);
                    case Delta when n.Value.Sign > 0:
                        return b; // δ is 0 or 1
                }
            }

            return new Pow(b, e);
        }

        private static Expr NumericPower(BigRational b, BigRational e)
        {
            if (e.IsInteger)
            {
                var bits = BigInteger.Abs(e.Numerator) * Math.Max(BigRational.BitLength(b.Numerator), BigRational.BitLength(b.Denominator));
                if (bits > MaxFoldBits)
                {
                    return new Pow(Expr.Number(b), Expr.Number(e));
                }

                return Expr.Number(b.Pow((int)e.Numerator));
            }

            if (b.IsNegative)
            {
                // (-8)^(1/3) has no single real meaning to fold to; keep it.
                return new Pow(Expr.Number(b), Expr.Number(e));
            }

            if (!b.IsInteger)
            {
                return MulBuilder.Build(new[] { NumericPower(b.Numerator, e), NumericPower(b.Denominator, -e) });
            }

            var q = e.Denominator;
            if (q <= 64)
            {
                var root = IntegerRoot(b.Numerator, (int)q);
                if (BigInteger.Pow(root, (int)q) == b.Numerator)
                {
                    return NumericPower(root, e.Numerator);
                }
            }

            var whole = e.Floor();
            if (!whole.IsZero)
            {
                var fraction = e - whole;
                return MulBuilder.Build(new[] { NumericPower(b, whole), new Pow(Expr.Number(b), Expr.Number(fraction)) });
            }

            return new Pow(Expr.Number(b), Expr.Number(e));
        }

        /// <summary>⌊n^(1/k)⌋ for n ≥ 0 by Newton's method.</summary>
        internal static BigInteger IntegerRoot(BigInteger n, int k)
        {
            if (n.Sign <= 0 || n.IsOne || k == 1)
            {
                return n;
            }

            int bits = BigRational.BitLength(n);
            var x = BigInteger.One << ((bits + k - 1) / k); // ≥ the root
            while (true)
            {
                var y = ((k - 1) * x + n / BigInteger.Pow(x, k - 1)) / k;
                if (y >= x)
                {
                    return x;
                }

                x = y;
            }
        }
    }
}
