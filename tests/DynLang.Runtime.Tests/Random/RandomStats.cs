namespace DynLang.Runtime.Tests;

/// <summary>Sample statistics for the random-number tests.</summary>
internal static class RandomStats
{
    public static double Mean(ReadOnlySpan<double> x)
    {
        double s = 0;
        foreach (double v in x) s += v;
        return s / x.Length;
    }

    /// <summary>k-th central moment about the sample mean.</summary>
    public static double CentralMoment(ReadOnlySpan<double> x, int k)
    {
        double m = Mean(x), s = 0;
        foreach (double v in x) s += Math.Pow(v - m, k);
        return s / x.Length;
    }

    /// <summary>Pearson correlation of two equally long samples.</summary>
    public static double Correlation(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double mx = Mean(x), my = Mean(y), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>Pearson chi-square of the counts against equal expected counts.</summary>
    public static double ChiSquareEqual(ReadOnlySpan<long> counts)
    {
        long n = 0;
        foreach (long c in counts) n += c;
        double expected = (double)n / counts.Length, chi = 0;
        foreach (long c in counts) chi += (c - expected) * (c - expected) / expected;
        return chi;
    }

    /// <summary>Chi-square of values in [0, 1) against 'bins' equal bins.</summary>
    public static double ChiSquareUniform(ReadOnlySpan<double> u, int bins)
    {
        var counts = new long[bins];
        foreach (double v in u) counts[(int)(v * bins)]++;
        return ChiSquareEqual(counts);
    }

    /// <summary>Chi-square of pairs (x[i], y[i]) in [0, 1)² against a bins×bins grid.</summary>
    public static double ChiSquarePairs(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int bins)
    {
        var counts = new long[bins * bins];
        for (int i = 0; i < x.Length; i++) counts[(int)(x[i] * bins) * bins + (int)(y[i] * bins)]++;
        return ChiSquareEqual(counts);
    }

    /// <summary>
    /// Upper 5-sigma bound of a chi-square with 'dof' degrees of freedom (mean dof, variance
    /// 2·dof; for dof ≈ 100 the normal approximation is adequate at this distance, and the
    /// real upper tail is heavier only by a few percent of the bound).
    /// </summary>
    public static double ChiSquareUpper5Sigma(int dof) => dof + 5 * Math.Sqrt(2.0 * dof);

    /// <summary>Lower 5-sigma bound (too good a fit would also betray a non-random generator).</summary>
    public static double ChiSquareLower5Sigma(int dof) => Math.Max(0, dof - 5 * Math.Sqrt(2.0 * dof));

    /// <summary>Standard normal CDF, Φ(x) = erfc(−x/√2)/2.</summary>
    public static double NormalCdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2));

    /// <summary>
    /// Complementary error function with fractional error below 1.2e-7 everywhere (Chebyshev
    /// fit of Press et al., Numerical Recipes, 2nd ed., §6.2, erfcc) — far below the 2.5e-3 KS
    /// bound it is used against.
    /// </summary>
    public static double Erfc(double x)
    {
        double z = Math.Abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
            + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
            + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    /// <summary>Kolmogorov–Smirnov statistic D of a sample against a continuous CDF.</summary>
    public static double KolmogorovSmirnov(double[] sample, Func<double, double> cdf)
    {
        var x = (double[])sample.Clone();
        Array.Sort(x);
        double n = x.Length, d = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double f = cdf(x[i]);
            d = Math.Max(d, Math.Max(f - i / n, (i + 1) / n - f));
        }
        return d;
    }
}
