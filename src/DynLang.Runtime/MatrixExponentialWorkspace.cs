using System;

namespace DynLang.Runtime;

/// <summary>
/// Scratch memory for <see cref="MatrixExponential.Compute"/>. Allocate one per matrix size and
/// reuse it: with a workspace, computing an exponential allocates nothing.
/// </summary>
/// <remarks>Not thread-safe: concurrent computations need one workspace each.</remarks>
public sealed class MatrixExponentialWorkspace
{
    /// <summary>Allocates scratch for matrices of up to <paramref name="size"/> x <paramref name="size"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is negative or too large.</exception>
    public MatrixExponentialWorkspace(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, 46340); // size * size must fit in int
        Size = size;
        int length = size * size;
        Scaled = new double[length];
        A2 = new double[length];
        A4 = new double[length];
        A6 = new double[length];
        A8 = new double[length];
        U = new double[length];
        V = new double[length];
        Temp = new double[length];
        Pivots = new int[size];
        BalanceExponents = new int[size];
    }

    /// <summary>Largest matrix dimension this workspace serves.</summary>
    public int Size { get; }

    // Eight n x n buffers cover the largest case: degree 9 keeps A, A^2, A^4, A^6, A^8, U, V and
    // one temporary alive at once; degree 13 reuses A8 as its extra temporary.
    internal double[] Scaled { get; }

    internal double[] A2 { get; }

    internal double[] A4 { get; }

    internal double[] A6 { get; }

    internal double[] A8 { get; }

    internal double[] U { get; }

    internal double[] V { get; }

    internal double[] Temp { get; }

    internal int[] Pivots { get; }

    internal int[] BalanceExponents { get; }
}
