using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace DynLang.Runtime;

/// <summary>
/// Lane-wise math on <see cref="Vector{T}"/> for generated SIMD kernels. Transcendental functions
/// call the very same <see cref="Math"/>/<see cref="MathF"/> function on each lane that the scalar
/// code calls, so a kernel's result does not depend on which elements went through the SIMD body
/// and which through the scalar tail (determinism over speed: .NET's own vectorised Exp/Log may
/// round differently). Min/Max are <c>a &lt; b ? a : b</c>, like <see cref="ScalarMath"/>.
/// </summary>
public static class VectorMath
{
    /// <summary>Math.Exp on each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Exp(Vector<double> x)
    {
        Span<double> lanes = stackalloc double[Vector<double>.Count];
        x.CopyTo(lanes);
        for (int k = 0; k < lanes.Length; k++) lanes[k] = Math.Exp(lanes[k]);
        return new Vector<double>(lanes);
    }

    /// <summary>Math.Log on each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Log(Vector<double> x)
    {
        Span<double> lanes = stackalloc double[Vector<double>.Count];
        x.CopyTo(lanes);
        for (int k = 0; k < lanes.Length; k++) lanes[k] = Math.Log(lanes[k]);
        return new Vector<double>(lanes);
    }

    /// <summary>Math.Log10 on each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Log10(Vector<double> x)
    {
        Span<double> lanes = stackalloc double[Vector<double>.Count];
        x.CopyTo(lanes);
        for (int k = 0; k < lanes.Length; k++) lanes[k] = Math.Log10(lanes[k]);
        return new Vector<double>(lanes);
    }

    /// <summary>Math.Sin on each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Sin(Vector<double> x)
    {
        Span<double> lanes = stackalloc double[Vector<double>.Count];
        x.CopyTo(lanes);
        for (int k = 0; k < lanes.Length; k++) lanes[k] = Math.Sin(lanes[k]);
        return new Vector<double>(lanes);
    }

    /// <summary>Math.Cos on each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Cos(Vector<double> x)
    {
        Span<double> lanes = stackalloc double[Vector<double>.Count];
        x.CopyTo(lanes);
        for (int k = 0; k < lanes.Length; k++) lanes[k] = Math.Cos(lanes[k]);
        return new Vector<double>(lanes);
    }

    /// <summary>Math.Tan on each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Tan(Vector<double> x)
    {
        Span<double> lanes = stackalloc double[Vector<double>.Count];
        x.CopyTo(lanes);
        for (int k = 0; k < lanes.Length; k++) lanes[k] = Math.Tan(lanes[k]);
        return new Vector<double>(lanes);
    }

    /// <summary>Math.Sinh on each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Sinh(Vector<double> x)
    {
        Span<double> lanes = stackalloc double[Vector<double>.Count];
        x.CopyTo(lanes);
        for (int k = 0; k < lanes.Length; k++) lanes[k] = Math.Sinh(lanes[k]);
        return new Vector<double>(lanes);
    }

    /// <summary>Math.Cosh on each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Cosh(Vector<double> x)
    {
        Span<double> lanes = stackalloc double[Vector<double>.Count];
        x.CopyTo(lanes);
        for (int k = 0; k < lanes.Length; k++) lanes[k] = Math.Cosh(lanes[k]);
        return new Vector<double>(lanes);
    }

    /// <summary>Math.Tanh on each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Tanh(Vector<double> x)
    {
        Span<double> lanes = stackalloc double[Vector<double>.Count];
        x.CopyTo(lanes);
        for (int k = 0; k < lanes.Length; k++) lanes[k] = Math.Tanh(lanes[k]);
        return new Vector<double>(lanes);
    }

    /// <summary>ScalarMath.Exprel on each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Exprel(Vector<double> x)
    {
        Span<double> lanes = stackalloc double[Vector<double>.Count];
        x.CopyTo(lanes);
        for (int k = 0; k < lanes.Length; k++) lanes[k] = ScalarMath.Exprel(lanes[k]);
        return new Vector<double>(lanes);
    }

    /// <summary>Math.Atan on each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Atan(Vector<double> x)
    {
        Span<double> lanes = stackalloc double[Vector<double>.Count];
        x.CopyTo(lanes);
        for (int k = 0; k < lanes.Length; k++) lanes[k] = Math.Atan(lanes[k]);
        return new Vector<double>(lanes);
    }

    /// <summary>Math.Pow on each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Pow(Vector<double> x, Vector<double> y)
    {
        Span<double> a = stackalloc double[Vector<double>.Count];
        Span<double> b = stackalloc double[Vector<double>.Count];
        x.CopyTo(a);
        y.CopyTo(b);
        for (int k = 0; k < a.Length; k++) a[k] = Math.Pow(a[k], b[k]);
        return new Vector<double>(a);
    }

    /// <summary>C#'s remainder (sign of the dividend) on each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Remainder(Vector<double> x, Vector<double> y)
    {
        Span<double> a = stackalloc double[Vector<double>.Count];
        Span<double> b = stackalloc double[Vector<double>.Count];
        x.CopyTo(a);
        y.CopyTo(b);
        for (int k = 0; k < a.Length; k++) a[k] = a[k] % b[k];
        return new Vector<double>(a);
    }

    /// <summary>a &lt; b ? a : b on each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Min(Vector<double> a, Vector<double> b) => Vector.ConditionalSelect(Vector.LessThan(a, b), a, b);

    /// <summary>a &gt; b ? a : b on each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Max(Vector<double> a, Vector<double> b) => Vector.ConditionalSelect(Vector.GreaterThan(a, b), a, b);

    /// <summary>MathF.Exp on each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Exp(Vector<float> x)
    {
        Span<float> lanes = stackalloc float[Vector<float>.Count];
        x.CopyTo(lanes);
        for (int k = 0; k < lanes.Length; k++) lanes[k] = MathF.Exp(lanes[k]);
        return new Vector<float>(lanes);
    }

    /// <summary>MathF.Log on each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Log(Vector<float> x)
    {
        Span<float> lanes = stackalloc float[Vector<float>.Count];
        x.CopyTo(lanes);
        for (int k = 0; k < lanes.Length; k++) lanes[k] = MathF.Log(lanes[k]);
        return new Vector<float>(lanes);
    }

    /// <summary>MathF.Log10 on each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Log10(Vector<float> x)
    {
        Span<float> lanes = stackalloc float[Vector<float>.Count];
        x.CopyTo(lanes);
        for (int k = 0; k < lanes.Length; k++) lanes[k] = MathF.Log10(lanes[k]);
        return new Vector<float>(lanes);
    }

    /// <summary>MathF.Sin on each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Sin(Vector<float> x)
    {
        Span<float> lanes = stackalloc float[Vector<float>.Count];
        x.CopyTo(lanes);
        for (int k = 0; k < lanes.Length; k++) lanes[k] = MathF.Sin(lanes[k]);
        return new Vector<float>(lanes);
    }

    /// <summary>MathF.Cos on each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Cos(Vector<float> x)
    {
        Span<float> lanes = stackalloc float[Vector<float>.Count];
        x.CopyTo(lanes);
        for (int k = 0; k < lanes.Length; k++) lanes[k] = MathF.Cos(lanes[k]);
        return new Vector<float>(lanes);
    }

    /// <summary>MathF.Tan on each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Tan(Vector<float> x)
    {
        Span<float> lanes = stackalloc float[Vector<float>.Count];
        x.CopyTo(lanes);
        for (int k = 0; k < lanes.Length; k++) lanes[k] = MathF.Tan(lanes[k]);
        return new Vector<float>(lanes);
    }

    /// <summary>MathF.Sinh on each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Sinh(Vector<float> x)
    {
        Span<float> lanes = stackalloc float[Vector<float>.Count];
        x.CopyTo(lanes);
        for (int k = 0; k < lanes.Length; k++) lanes[k] = MathF.Sinh(lanes[k]);
        return new Vector<float>(lanes);
    }

    /// <summary>MathF.Cosh on each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Cosh(Vector<float> x)
    {
        Span<float> lanes = stackalloc float[Vector<float>.Count];
        x.CopyTo(lanes);
        for (int k = 0; k < lanes.Length; k++) lanes[k] = MathF.Cosh(lanes[k]);
        return new Vector<float>(lanes);
    }

    /// <summary>MathF.Tanh on each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Tanh(Vector<float> x)
    {
        Span<float> lanes = stackalloc float[Vector<float>.Count];
        x.CopyTo(lanes);
        for (int k = 0; k < lanes.Length; k++) lanes[k] = MathF.Tanh(lanes[k]);
        return new Vector<float>(lanes);
    }

    /// <summary>ScalarMath.Exprel on each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Exprel(Vector<float> x)
    {
        Span<float> lanes = stackalloc float[Vector<float>.Count];
        x.CopyTo(lanes);
        for (int k = 0; k < lanes.Length; k++) lanes[k] = ScalarMath.Exprel(lanes[k]);
        return new Vector<float>(lanes);
    }

    /// <summary>MathF.Atan on each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Atan(Vector<float> x)
    {
        Span<float> lanes = stackalloc float[Vector<float>.Count];
        x.CopyTo(lanes);
        for (int k = 0; k < lanes.Length; k++) lanes[k] = MathF.Atan(lanes[k]);
        return new Vector<float>(lanes);
    }

    /// <summary>MathF.Pow on each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Pow(Vector<float> x, Vector<float> y)
    {
        Span<float> a = stackalloc float[Vector<float>.Count];
        Span<float> b = stackalloc float[Vector<float>.Count];
        x.CopyTo(a);
        y.CopyTo(b);
        for (int k = 0; k < a.Length; k++) a[k] = MathF.Pow(a[k], b[k]);
        return new Vector<float>(a);
    }

    /// <summary>C#'s remainder (sign of the dividend) on each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Remainder(Vector<float> x, Vector<float> y)
    {
        Span<float> a = stackalloc float[Vector<float>.Count];
        Span<float> b = stackalloc float[Vector<float>.Count];
        x.CopyTo(a);
        y.CopyTo(b);
        for (int k = 0; k < a.Length; k++) a[k] = a[k] % b[k];
        return new Vector<float>(a);
    }

    /// <summary>a &lt; b ? a : b on each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Min(Vector<float> a, Vector<float> b) => Vector.ConditionalSelect(Vector.LessThan(a, b), a, b);

    /// <summary>a &gt; b ? a : b on each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Max(Vector<float> a, Vector<float> b) => Vector.ConditionalSelect(Vector.GreaterThan(a, b), a, b);

}
