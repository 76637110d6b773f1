using DynLang.Runtime;

namespace DynLang.Runtime.Tests;

/// <summary>Reference arithmetic and error measures for the matrix exponential tests.</summary>
internal static class MatrixTestHelpers
{
    /// <summary>Unit roundoff of double, 2^-53.</summary>
    public const double U = 1.1102230246251565e-16;

    public static double[] Expm(double[] a, int n)
    {
        var result = new double[n * n];
        MatrixExponential.Compute(a, n, result, new MatrixExponentialWorkspace(n));
        return result;
    }

    public static double[] Identity(int n)
    {
        var m = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            m[i * n + i] = 1;
        }

        return m;
    }

    public static double[] Diagonal(params double[] d)
    {
        int n = d.Length;
        var m = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            m[i * n + i] = d[i];
        }

        return m;
    }

    public static double[] Multiply(double[] a, double[] b, int n)
    {
        var c = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < n; k++)
            {
                for (int j = 0; j < n; j++)
                {
                    c[i * n + j] += a[i * n + k] * b[k * n + j];
                }
            }
        }

        return c;
    }

    public static double[] Scale(double[] a, double factor) => a.Select(x => x * factor).ToArray();

    public static double MaxAbs(double[] a) => a.Max(Math.Abs);

    public static double OneNorm(double[] a, int n) =>
        Enumerable.Range(0, n).Max(j => Enumerable.Range(0, n).Sum(i => Math.Abs(a[i * n + j])));

    /// <summary>
    /// Normwise relative error max|X - R| / max|R|, in units of <see cref="U"/>. Higham's error
    /// analysis is normwise: entries much smaller than the largest get no relative guarantee.
    /// </summary>
    public static double NormwiseErrorInU(double[] computed, double[] reference)
    {
        double worst = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(computed[i] - reference[i]));
        }

        return worst / MaxAbs(reference) / U;
    }

    /// <summary>e^x - 1 without cancellation: Taylor series for small |x|, else Math.Exp.</summary>
    public static double ExpM1(double x)
    {
        if (Math.Abs(x) >= 0.5)
        {
            return Math.Exp(x) - 1; // e^x - 1 is at least 0.39 in magnitude: no cancellation
        }

        double term = x;
        double sum = 0;
        for (int k = 2; Math.Abs(term) > 1e-40; k++)
        {
            sum += term;
            term *= x / k;
        }

        return sum;
    }

    /// <summary>(e^x - e^y) / (x - y), the first divided difference of exp.</summary>
    public static double DividedDifference(double x, double y) => Math.Exp(y) * ExpM1(x - y) / (x - y);
}
