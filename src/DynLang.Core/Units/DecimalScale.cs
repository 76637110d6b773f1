using System;

namespace DynLang.Core.Units;

/// <summary>
/// Exact powers of ten as <see cref="double"/> literals, for unit scales.
/// </summary>
/// <remarks>
/// Brian2 compatibility requires <c>ms</c> to be exactly the double literal <c>1e-3</c>.
/// <c>Math.Pow(10, -3)</c> is not guaranteed to return that (it is correctly rounded on some
/// runtimes and not on others), and products such as <c>1e-3 * 1e-3</c> are not <c>1e-6</c>
/// either. Unit scales are therefore kept as integer decimal exponents until the very end and
/// turned into a double only through this table of compiler-rounded literals.
/// </remarks>
internal static class DecimalScale
{
    /// <summary>Smallest supported exponent (yocto-litre needs -27).</summary>
    public const int MinExponent = -30;

    /// <summary>Largest supported exponent.</summary>
    public const int MaxExponent = 30;

    private static readonly double[] Powers =
    [
        1e-30,
        1e-29,
        1e-28,
        1e-27,
        1e-26,
        1e-25,
        1e-24,
        1e-23,
        1e-22,
        1e-21,
        1e-20,
        1e-19,
        1e-18,
        1e-17,
        1e-16,
        1e-15,
        1e-14,
        1e-13,
        1e-12,
        1e-11,
        1e-10,
        1e-9,
        1e-8,
        1e-7,
        1e-6,
        1e-5,
        1e-4,
        1e-3,
        1e-2,
        1e-1,
        1e0,
        1e1,
        1e2,
        1e3,
        1e4,
        1e5,
        1e6,
        1e7,
        1e8,
        1e9,
        1e10,
        1e11,
        1e12,
        1e13,
        1e14,
        1e15,
        1e16,
        1e17,
        1e18,
        1e19,
        1e20,
        1e21,
        1e22,
        1e23,
        1e24,
        1e25,
        1e26,
        1e27,
        1e28,
        1e29,
        1e30,
    ];

    /// <summary>Returns the double literal <c>1eK</c> for <paramref name="exponent"/> K.</summary>
    public static double Pow10(int exponent)
    {
        if (exponent < MinExponent || exponent > MaxExponent)
        {
            throw new ArgumentOutOfRangeException(nameof(exponent), exponent, "Decimal exponent out of the supported range.");
        }

        return Powers[exponent - MinExponent];
    }
}
