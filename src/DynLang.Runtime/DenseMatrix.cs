using System;

namespace DynLang.Runtime;

/// <summary>
/// The few dense row-major n x n kernels the matrix exponential needs. Plain loops: the
/// matrices of generated exact solvers are small (an augmented system of a handful of state
/// variables), where blocking or SIMD intrinsics would not pay for their complexity.
/// </summary>
internal static class DenseMatrix
{
    /// <summary>Maximum absolute column sum, the matrix 1-norm that drives Higham's degree choice.</summary>
    public static double OneNorm(ReadOnlySpan<double> a, int n)
    {
        double norm = 0;
        for (int j = 0; j < n; j++)
        {
            double sum = 0;
            for (int i = 0; i < n; i++)
            {
                sum += Math.Abs(a[i * n + j]);
            }

            // Written so that a NaN column sum makes the norm NaN instead of being skipped.
            norm = sum > norm || double.IsNaN(sum) ? sum : norm;
        }

        return norm;
    }

    /// <summary><paramref name="c"/> = <paramref name="a"/> * <paramref name="b"/>; <paramref name="c"/> must not overlap the inputs.</summary>
    public static void Multiply(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int n)
    {
        c.Slice(0, n * n).Clear();
        for (int i = 0; i < n; i++)
        {
            Span<double> row = c.Slice(i * n, n);
            for (int k = 0; k < n; k++)
            {
                // i-k-j order streams rows of b. Zero entries are skipped: augmented affine
                // systems have an all-zero last row, and 0 * finite adds nothing anyway.
                double aik = a[i * n + k];
                if (aik == 0)
                {
                    continue;
                }

                ReadOnlySpan<double> bRow = b.Slice(k * n, n);
                for (int j = 0; j < n; j++)
                {
                    row[j] += aik * bRow[j];
                }
            }
        }
    }

    /// <summary><paramref name="target"/> += <paramref name="factor"/> * <paramref name="source"/> over n*n entries.</summary>
    public static void AddScaled(Span<double> target, double factor, ReadOnlySpan<double> source, int n)
    {
        int length = n * n;
        for (int i = 0; i < length; i++)
        {
            target[i] += factor * source[i];
        }
    }

    /// <summary><paramref name="target"/> = <paramref name="factor"/> * <paramref name="source"/> over n*n entries.</summary>
    public static void SetScaled(Span<double> target, double factor, ReadOnlySpan<double> source, int n)
    {
        int length = n * n;
        for (int i = 0; i < length; i++)
        {
            target[i] = factor * source[i];
        }
    }

    /// <summary>Adds <paramref name="value"/> to each diagonal entry.</summary>
    public static void AddDiagonal(Span<double> target, double value, int n)
    {
        for (int i = 0; i < n; i++)
        {
            target[i * n + i] += value;
        }
    }

    /// <summary>
    /// Solves <paramref name="q"/> X = <paramref name="b"/> for n right-hand sides in place:
    /// <paramref name="q"/> is overwritten by its LU factors (partial pivoting) and
    /// <paramref name="b"/> by X. A zero pivot is not an error here; it yields infinities, which
    /// the caller's result then shows (the Padé denominators are provably well conditioned
    /// within the θ bounds, so it does not happen for finite input).
    /// </summary>
    public static void SolveInPlace(Span<double> q, Span<double> b, Span<int> pivots, int n)
    {
        // LU factorization, Doolittle with row pivoting on the largest magnitude.
        for (int k = 0; k < n; k++)
        {
            int pivot = k;
            double largest = Math.Abs(q[k * n + k]);
            for (int i = k + 1; i < n; i++)
            {
                double candidate = Math.Abs(q[i * n + k]);
                if (candidate > largest)
                {
                    largest = candidate;
                    pivot = i;
                }
            }

            pivots[k] = pivot;
            if (pivot != k)
            {
                SwapRows(q, k, pivot, n);
            }

            double diagonal = q[k * n + k];
            for (int i = k + 1; i < n; i++)
            {
                double factor = q[i * n + k] /= diagonal;
                if (factor == 0)
                {
                    continue;
                }

                for (int j = k + 1; j < n; j++)
                {
                    q[i * n + j] -= factor * q[k * n + j];
                }
            }
        }

        // Apply the row interchanges to b in factorization order.
        for (int k = 0; k < n; k++)
        {
            if (pivots[k] != k)
            {
                SwapRows(b, k, pivots[k], n);
            }
        }

        // Forward substitution with the unit lower factor, whole rows at a time.
        for (int i = 1; i < n; i++)
        {
            Span<double> row = b.Slice(i * n, n);
            for (int k = 0; k < i; k++)
            {
                double factor = q[i * n + k];
                if (factor != 0)
                {
                    ReadOnlySpan<double> source = b.Slice(k * n, n);
                    for (int j = 0; j < n; j++)
                    {
                        row[j] -= factor * source[j];
                    }
                }
            }
        }

        // Back substitution with the upper factor.
        for (int i = n - 1; i >= 0; i--)
        {
            Span<double> row = b.Slice(i * n, n);
            for (int k = i + 1; k < n; k++)
            {
                double factor = q[i * n + k];
                if (factor != 0)
                {
                    ReadOnlySpan<double> source = b.Slice(k * n, n);
                    for (int j = 0; j < n; j++)
                    {
                        row[j] -= factor * source[j];
                    }
                }
            }

            // Divide rather than multiply by a reciprocal: one rounding instead of two.
            double diagonal = q[i * n + i];
            for (int j = 0; j < n; j++)
            {
                row[j] /= diagonal;
            }
        }
    }

    private static void SwapRows(Span<double> m, int r1, int r2, int n)
    {
        Span<double> a = m.Slice(r1 * n, n);
        Span<double> b = m.Slice(r2 * n, n);
        for (int j = 0; j < n; j++)
        {
            (a[j], b[j]) = (b[j], a[j]);
        }
    }
}
