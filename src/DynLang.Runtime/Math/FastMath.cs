using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace DynLang.Runtime;

/// <summary>
/// The vectorised functions of the "fast" math mode (model <c>math fast</c>): whole-vector
/// exp, log, exprel, pow, sqrt, tanh, sin and cos. Each scalar overload returns bit for bit what
/// the vector overload returns in a lane, so a kernel's SIMD body and its scalar tail agree and a
/// result never depends on where chunk boundaries fall.
/// </summary>
/// <remarks>PLACEHOLDER: forwards to the platform functions until the vector implementations land.</remarks>
public static class FastMath
{
    /// <summary>Exp (placeholder).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Exp(double x) => Math.Exp(x);

    /// <summary>Exp on each lane (placeholder).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Exp(Vector<double> x) => VectorMath.Exp(x);

    /// <summary>Log (placeholder).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Log(double x) => Math.Log(x);

    /// <summary>Log on each lane (placeholder).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Log(Vector<double> x) => VectorMath.Log(x);

    /// <summary>Exprel (placeholder).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Exprel(double x) => ScalarMath.Exprel(x);

    /// <summary>Exprel on each lane (placeholder).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Exprel(Vector<double> x) => VectorMath.Exprel(x);

    /// <summary>Sqrt (placeholder).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sqrt(double x) => Math.Sqrt(x);

    /// <summary>Sqrt on each lane (placeholder).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Sqrt(Vector<double> x) => Vector.SquareRoot(x);

    /// <summary>Tanh (placeholder).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Tanh(double x) => Math.Tanh(x);

    /// <summary>Tanh on each lane (placeholder).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Tanh(Vector<double> x) => VectorMath.Tanh(x);

    /// <summary>Sin (placeholder).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sin(double x) => Math.Sin(x);

    /// <summary>Sin on each lane (placeholder).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Sin(Vector<double> x) => VectorMath.Sin(x);

    /// <summary>Cos (placeholder).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Cos(double x) => Math.Cos(x);

    /// <summary>Cos on each lane (placeholder).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Cos(Vector<double> x) => VectorMath.Cos(x);

    /// <summary>Pow (placeholder).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Pow(double x, double y) => Math.Pow(x, y);

    /// <summary>Pow on each lane (placeholder).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Pow(Vector<double> x, Vector<double> y) => VectorMath.Pow(x, y);

    /// <summary>Exp (placeholder).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Exp(float x) => MathF.Exp(x);

    /// <summary>Exp on each lane (placeholder).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Exp(Vector<float> x) => VectorMath.Exp(x);

    /// <summary>Log (placeholder).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Log(float x) => MathF.Log(x);

    /// <summary>Log on each lane (placeholder).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Log(Vector<float> x) => VectorMath.Log(x);

    /// <summary>Exprel (placeholder).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Exprel(float x) => ScalarMath.Exprel(x);

    /// <summary>Exprel on each lane (placeholder).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Exprel(Vector<float> x) => VectorMath.Exprel(x);

    /// <summary>Sqrt (placeholder).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sqrt(float x) => MathF.Sqrt(x);

    /// <summary>Sqrt on each lane (placeholder).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Sqrt(Vector<float> x) => Vector.SquareRoot(x);

    /// <summary>Tanh (placeholder).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Tanh(float x) => MathF.Tanh(x);

    /// <summary>Tanh on each lane (placeholder).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Tanh(Vector<float> x) => VectorMath.Tanh(x);

    /// <summary>Sin (placeholder).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sin(float x) => MathF.Sin(x);

    /// <summary>Sin on each lane (placeholder).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Sin(Vector<float> x) => VectorMath.Sin(x);

    /// <summary>Cos (placeholder).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Cos(float x) => MathF.Cos(x);

    /// <summary>Cos on each lane (placeholder).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Cos(Vector<float> x) => VectorMath.Cos(x);

    /// <summary>Pow (placeholder).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Pow(float x, float y) => MathF.Pow(x, y);

    /// <summary>Pow on each lane (placeholder).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Pow(Vector<float> x, Vector<float> y) => VectorMath.Pow(x, y);

}
