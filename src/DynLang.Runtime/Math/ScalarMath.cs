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

    /// <summary>a &lt; b ? a : b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Min(float a, float b) => a < b ? a : b;

    /// <summary>a &gt; b ? a : b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Max(float a, float b) => a > b ? a : b;
}
