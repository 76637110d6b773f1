using System;

namespace DynLang.Runtime;

/// <summary>
/// The matrix exponential e^A of a dense row-major n x n matrix, by scaling and squaring with
/// Padé approximants (N. J. Higham, "The scaling and squaring method for the matrix exponential
/// revisited", SIAM J. Matrix Anal. Appl. 26(4), 2005, Algorithm 2.3).
/// </summary>
/// <remarks>
/// <para>
/// Generated exact solvers for linear systems x' = A x + b call this with the augmented matrix
/// [[A, b], [0, 0]] * dt whenever dt or a parameter changed; the result is the propagator
/// [[e^{A dt}, A^{-1}(e^{A dt} - I) b], [0, 1]] with no division by A.
/// </para>
/// <para>
/// Preprocessing: A is first balanced by an exact power-of-two diagonal similarity
/// B = D⁻¹ A D (see <c>Balancing</c>), which undoes the bad scaling that SI units give the
/// matrices of generated solvers; e^A = D e^B D⁻¹. Well-scaled matrices are left as they are.
/// </para>
/// <para>
/// Algorithm (on B): with the 1-norm ‖A‖₁, use the [m/m] Padé approximant r_m(A) = (V - U)^{-1}(V + U)
/// for the smallest m in {3, 5, 7, 9} with ‖A‖₁ ≤ θ_m; otherwise scale A by 2^-s so that
/// ‖A/2^s‖₁ ≤ θ₁₃, use m = 13 and square the result s times. The θ_m bound the backward error
/// of r_m by the unit roundoff 2^-53 (Higham's Table 2.3), so the computed result is e^{A + E}
/// with ‖E‖ ≲ u‖A‖ up to rounding in the evaluation. The linear solve uses LU with partial
/// pivoting. Non-finite input (a NaN or infinite entry, or a 1-norm that overflows) yields a
/// matrix of NaN.
/// </para>
/// </remarks>
public static class MatrixExponential
{
    // θ_m for m = 3, 5, 7, 9, 13 (Higham 2005, Table 2.3, double precision).
    internal const double Theta3 = 1.495585217958292e-2;
    internal const double Theta5 = 2.539398330063230e-1;
    internal const double Theta7 = 9.504178996162932e-1;
    internal const double Theta9 = 2.097847961257068e0;
    internal const double Theta13 = 5.371920351148152e0;

    // Padé coefficients b_0..b_m of the [m/m] approximant to e^x (Higham 2005, eq. 2.2 scaled to integers).
    private static readonly double[] Pade3 = [120, 60, 12, 1];
    private static readonly double[] Pade5 = [30240, 15120, 3360, 420, 30, 1];
    private static readonly double[] Pade7 = [17297280, 8648640, 1995840, 277200, 25200, 1512, 56, 1];
    private static readonly double[] Pade9 =
        [17643225600, 8821612800, 2075673600, 302702400, 30270240, 2162160, 110880, 3960, 90, 1];
    private static readonly double[] Pade13 =
    [
        64764752532480000, 32382376266240000, 7771770303897600, 1187353796428800, 129060195264000,
        10559470521600, 670442572800, 33522128640, 1323241920, 40840800, 960960, 16380, 182, 1,
    ];

    /// <summary>Computes <paramref name="result"/> = e^<paramref name="a"/>.</summary>
    /// <param name="a">Row-major n x n input (at least n*n entries). May be the same memory as <paramref name="result"/>.</param>
    /// <param name="n">Matrix dimension.</param>
    /// <param name="result">Row-major n x n output (at least n*n entries).</param>
    /// <param name="workspace">Scratch for matrices of size at least <paramref name="n"/>; reusing it makes the call allocation-free.</param>
    /// <exception cref="ArgumentNullException"><paramref name="workspace"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative.</exception>
    /// <exception cref="ArgumentException">A span is shorter than n*n or the workspace is smaller than n.</exception>
    public static void Compute(ReadOnlySpan<double> a, int n, Span<double> result, MatrixExponentialWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (workspace.Size < n)
        {
            throw new ArgumentException($"The workspace serves {workspace.Size}x{workspace.Size} matrices, not {n}x{n}.", nameof(workspace));
        }

        int length = n * n;
        if (a.Length < length)
        {
            throw new ArgumentException($"Expected at least {length} entries.", nameof(a));
        }

        if (result.Length < length)
        {
            throw new ArgumentException($"Expected at least {length} entries.", nameof(result));
        }

        if (n == 0)
        {
            return;
        }

        double norm = DenseMatrix.OneNorm(a, n);
        if (!double.IsFinite(norm))
        {
            result.Slice(0, length).Fill(double.NaN);
            return;
        }

        // Copy first: result may alias a. Balance (an exact change of units, see Balancing),
        // then scale by 2^-s; both are powers of two, exact unless an entry underflows.
        Span<double> scaled = workspace.Scaled.AsSpan(0, length);
        a.Slice(0, length).CopyTo(scaled);
        Span<int> balance = workspace.BalanceExponents.AsSpan(0, n);
        Balancing.Balance(scaled, n, balance);
        int degree = SelectDegree(DenseMatrix.OneNorm(scaled, n), out int squarings);
        if (squarings > 0)
        {
            for (int i = 0; i < length; i++)
            {
                scaled[i] = Math.ScaleB(scaled[i], -squarings);
            }
        }

        Span<double> u = workspace.U.AsSpan(0, length);
        Span<double> v = workspace.V.AsSpan(0, length);
        if (degree == 13)
        {
            EvaluatePade13(scaled, u, v, workspace, n);
        }
        else
        {
            EvaluatePadeLow(degree, scaled, u, v, workspace, n);
        }

        // r_m = (V - U)^{-1} (V + U): Q = V - U in Temp, P = V + U in result, solved in place.
        Span<double> q = workspace.Temp.AsSpan(0, length);
        Span<double> x = result.Slice(0, length);
        for (int i = 0; i < length; i++)
        {
            q[i] = v[i] - u[i];
            x[i] = v[i] + u[i];
        }

        DenseMatrix.SolveInPlace(q, x, workspace.Pivots.AsSpan(0, n), n);

        // Undo the scaling: e^B = (e^{B/2^s})^{2^s}; then the balancing: e^A = D e^B D⁻¹.
        for (int k = 0; k < squarings; k++)
        {
            DenseMatrix.Multiply(x, x, q, n);
            q.CopyTo(x);
        }

        Balancing.Unbalance(x, n, balance);
    }

    /// <summary>
    /// Higham's Algorithm 2.3 degree choice: the smallest m in {3, 5, 7, 9} with
    /// <paramref name="norm1"/> ≤ θ_m and no squaring, else m = 13 with the smallest s ≥ 0
    /// such that <paramref name="norm1"/>/2^s ≤ θ₁₃.
    /// </summary>
    internal static int SelectDegree(double norm1, out int squarings)
    {
        squarings = 0;
        if (norm1 <= Theta3)
        {
            return 3;
        }

        if (norm1 <= Theta5)
        {
            return 5;
        }

        if (norm1 <= Theta7)
        {
            return 7;
        }

        if (norm1 <= Theta9)
        {
            return 9;
        }

        if (norm1 > Theta13)
        {
            squarings = Math.Max(0, (int)Math.Ceiling(Math.Log2(norm1 / Theta13)));
            // Log2 may round just below an integer; make the bound hold exactly.
            while (Math.ScaleB(norm1, -squarings) > Theta13)
            {
                squarings++;
            }
        }

        return 13;
    }

    // Degrees 3..9: U = A (b_1 I + b_3 A^2 + ...), V = b_0 I + b_2 A^2 + ...
    private static void EvaluatePadeLow(int degree, ReadOnlySpan<double> a, Span<double> u, Span<double> v, MatrixExponentialWorkspace w, int n)
    {
        int length = n * n;
        double[] b = degree switch { 3 => Pade3, 5 => Pade5, 7 => Pade7, _ => Pade9 };
        Span<double> a2 = w.A2.AsSpan(0, length);
        Span<double> odd = w.Temp.AsSpan(0, length);
        DenseMatrix.Multiply(a, a, a2, n);

        // Even powers A^2, A^4, ... up to A^(degree - 1).
        int evenPowers = (degree - 1) / 2;
        Span<double> a4 = w.A4.AsSpan(0, length);
        Span<double> a6 = w.A6.AsSpan(0, length);
        Span<double> a8 = w.A8.AsSpan(0, length);
        if (evenPowers >= 2)
        {
            DenseMatrix.Multiply(a2, a2, a4, n);
        }

        if (evenPowers >= 3)
        {
            DenseMatrix.Multiply(a4, a2, a6, n);
        }

        if (evenPowers >= 4)
        {
            DenseMatrix.Multiply(a6, a2, a8, n);
        }

        odd.Clear();
        v.Clear();
        DenseMatrix.AddDiagonal(odd, b[1], n);
        DenseMatrix.AddDiagonal(v, b[0], n);
        for (int p = 1; p <= evenPowers; p++)
        {
            ReadOnlySpan<double> power = p switch { 1 => a2, 2 => a4, 3 => a6, _ => a8 };
            DenseMatrix.AddScaled(odd, b[2 * p + 1], power, n);
            DenseMatrix.AddScaled(v, b[2 * p], power, n);
        }

        DenseMatrix.Multiply(a, odd, u, n);
    }

    // Degree 13 with Higham's 6-multiplication scheme:
    // U = A [A^6 (b13 A^6 + b11 A^4 + b9 A^2) + b7 A^6 + b5 A^4 + b3 A^2 + b1 I]
    // V =    A^6 (b12 A^6 + b10 A^4 + b8 A^2) + b6 A^6 + b4 A^4 + b2 A^2 + b0 I
    private static void EvaluatePade13(ReadOnlySpan<double> a, Span<double> u, Span<double> v, MatrixExponentialWorkspace w, int n)
    {
        int length = n * n;
        double[] b = Pade13;
        Span<double> a2 = w.A2.AsSpan(0, length);
        Span<double> a4 = w.A4.AsSpan(0, length);
        Span<double> a6 = w.A6.AsSpan(0, length);
        Span<double> inner = w.Temp.AsSpan(0, length);
        Span<double> outer = w.A8.AsSpan(0, length); // A^8 is not needed at degree 13
        DenseMatrix.Multiply(a, a, a2, n);
        DenseMatrix.Multiply(a2, a2, a4, n);
        DenseMatrix.Multiply(a4, a2, a6, n);

        DenseMatrix.SetScaled(inner, b[13], a6, n);
        DenseMatrix.AddScaled(inner, b[11], a4, n);
        DenseMatrix.AddScaled(inner, b[9], a2, n);
        DenseMatrix.Multiply(a6, inner, outer, n);
        DenseMatrix.AddScaled(outer, b[7], a6, n);
        DenseMatrix.AddScaled(outer, b[5], a4, n);
        DenseMatrix.AddScaled(outer, b[3], a2, n);
        DenseMatrix.AddDiagonal(outer, b[1], n);
        DenseMatrix.Multiply(a, outer, u, n);

        DenseMatrix.SetScaled(inner, b[12], a6, n);
        DenseMatrix.AddScaled(inner, b[10], a4, n);
        DenseMatrix.AddScaled(inner, b[8], a2, n);
        DenseMatrix.Multiply(a6, inner, v, n);
        DenseMatrix.AddScaled(v, b[6], a6, n);
        DenseMatrix.AddScaled(v, b[4], a4, n);
        DenseMatrix.AddScaled(v, b[2], a2, n);
        DenseMatrix.AddDiagonal(v, b[0], n);
    }
}
