using System;
using System.Runtime.CompilerServices;

namespace DynLang.Runtime;

/// <summary>
/// Scalar helpers whose semantics generated kernels rely on. <see cref="Min(double, double)"/>
/// is <c>a &lt; b ? a : b</c> exactly as <see cref="VectorMath"/> computes it lane by lane, so the
/// SIMD body and the scalar tail of a kernel agree even for NaN and signed zeros (which
/// <c>Math.Min</c> treats differently).
/// </summary>
public static class ScalarMath
{
    /// <summary>a &lt; b ? a : b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Min(double a, double b) => a < b ? a : b;

    /// <summary>a &gt; b ? a : b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Max(double a, double b) => a > b ? a : b;

    /// <summary>
    /// exprel(x) = (e^x - 1)/x, 1 at x = 0 (Brian2's exprel). .NET has no expm1, so this is Kahan's
    /// (u - 1)/ln(u) with u = e^x: the rounding errors of u - 1 and ln(u) cancel, leaving a few ulp
    /// near 0 where (e^x - 1)/x would lose every digit.
    /// </summary>
    public static double Exprel(double x)
    {
        double u = Math.Exp(x);
        if (u == 1.0) return double.IsNaN(x) ? x : 1.0;   // |x| below ~1e-16 (or NaN)
        double um1 = u - 1.0;
        if (um1 == -1.0) return -1.0 / x;                  // e^x underflowed: (0 - 1)/x
        return double.IsPositiveInfinity(u) ? u : um1 / Math.Log(u);
    }

    /// <summary>exprel in single precision (the same formula with MathF).</summary>
    public static float Exprel(float x)
    {
        float u = MathF.Exp(x);
        if (u == 1f) return float.IsNaN(x) ? x : 1f;
        float um1 = u - 1f;
        if (um1 == -1f) return -1f / x;
        return float.IsPositiveInfinity(u) ? u : um1 / MathF.Log(u);
    }

    /// <summary>a &lt; b ? a : b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Min(float a, float b) => a < b ? a : b;

    /// <summary>a &gt; b ? a : b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Max(float a, float b) => a > b ? a : b;
}
