using DynLang.Runtime;
using Xunit.Abstractions;

namespace DynLang.Models.Tests;

/// <summary>
/// White noise in indexed models (rules and systems over index sets): one noise per element of
/// <c>xi[i,j]</c>, drawn as CounterRng.Normal(Seed, stream, i*size(j) + j, step), with the same
/// euler_maruyama and heun formulas as models of independent elements. The seeds are fixed and not
/// tuned; a statistical tolerance is K standard errors (two-sided p ≈ 6e-5 per assertion for K = 4).
/// </summary>
public sealed class IndexedNoiseTests(ITestOutputHelper output)
{
    /// <summary>256 × 256 = 65,536 elements: above the indexed emitter's ParallelWork (32,768), so every loop nest runs on the worker pool.</summary>
    private const int Rows = 256, Columns = 256;

    /// <summary>Standard errors allowed by a statistical assertion.</summary>
    private const double K = 4;

    private static (double Mean, double Variance) Moments(IReadOnlyList<double> values)
    {
        double mean = 0;
        foreach (double v in values) mean += v;
        mean /= values.Count;
        double sum = 0;
        foreach (double v in values) sum += (v - mean) * (v - mean);
        return (mean, sum / (values.Count - 1));
    }

    /// <summary>Initial weights of both signs (as under Dale's law): |W0| = 1.5 on even columns, W0 = −0.5 on odd ones.</summary>
    private static double InitialWeight(int i, int j) => j % 2 == 0 ? 1.5 : -0.5;

    private static MatrixGbmHeunRule RunMatrix(int rows, int columns, ulong seed, double dt, int steps)
    {
        var rule = new MatrixGbmHeunRule(rows, columns) { Seed = seed };
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++) rule.WAt(i, j) = InitialWeight(i, j);
        for (int n = 0; n < steps; n++) rule.Step(dt);
        return rule;
    }

    /// <summary>
    /// Mean and variance of ln|factor| for one heun step of dW = mu·W dt + s·W∘dB: Brian2's heun
    /// multiplies W by 1 + mu·dt + s·ΔB + ½·s²·ΔB² (support W·(1 + s·ΔB), g_support = s·W·(1 + s·ΔB)),
    /// which is always positive (negative discriminant in ΔB), so the sign of W is kept and ln|W(T)/W0|
    /// is a sum of n independent steps: n times the moments of ln factor, computed by the trapezoid
    /// rule over the standard normal density on [−12, 12] (exponentially accurate: ~1e-12).
    /// </summary>
    private static (double Mean, double Variance) HeunLogMoments(double mu, double s, double dt, int steps)
    {
        const int points = 2401;
        const double half = 12, h = 2 * half / (points - 1);
        double m1 = 0, m2 = 0;
        for (int a = 0; a < points; a++)
        {
            double z = -half + a * h;
            double weight = h * Math.Exp(-0.5 * z * z) / Math.Sqrt(2 * Math.PI);
            double l = Math.Log(1 + mu * dt + s * Math.Sqrt(dt) * z + 0.5 * s * s * dt * z * z);
            m1 += weight * l;
            m2 += weight * l * l;
        }
        return (steps * m1, steps * (m2 - m1 * m1));
    }

    /// <summary>
    /// The required test: E[ln|W(T)|] = ln|W0| + mu·T for the Stratonovich reading of
    /// dW[i,j]/dt = mu·W[i,j] + s·W[i,j]·xi[i,j] (solver heun); Itô would give (mu − s²/2)·T.
    /// <para>
    /// Justification of the tolerance. Each element's ln|W(T)/W0| is an independent sample with
    /// variance σ² ≈ s²·T = 0.64 (measured: the sample variance), so the sample mean over
    /// N = 65,536 elements has standard error SE = σ/sqrt(N) ≈ 0.8/256 = 0.0031. heun's expectation
    /// differs from the Stratonovich mu·T by its O(dt) weak error, computed exactly for the scheme
    /// (<see cref="HeunLogMoments"/>): |bias| ≈ 0.003 at dt = 0.01. So (1) the sample mean must equal
    /// the scheme's exact mean within K = 4 SE; (2) it must equal the Stratonovich prediction within
    /// 5 SE + |bias| (≈ 0.019); (3) the Itô value, s²T/2 = 0.32 below (≈ 100 SE), must be excluded.
    /// The sample variance (relative SE sqrt(2/N) = 0.55%) must match the scheme's within K of them.
    /// </para>
    /// </summary>
    [Fact]
    public void Matrix_rule_with_multiplicative_noise_and_heun_has_the_stratonovich_mean_log_weight()
    {
        const double dt = 0.01;
        const int steps = 100;
        double T = dt * steps;
        var rule = RunMatrix(Rows, Columns, 20240610, dt, steps);
        var p = rule.Parameters;
        var logs = new List<double>(Rows * Columns);
        int signChanges = 0;
        for (int i = 0; i < Rows; i++)
            for (int j = 0; j < Columns; j++)
            {
                double w = rule.WAt(i, j), w0 = InitialWeight(i, j);
                if (Math.Sign(w) != Math.Sign(w0)) signChanges++;
                logs.Add(Math.Log(Math.Abs(w)) - Math.Log(Math.Abs(w0)));
            }
        var (mean, variance) = Moments(logs);
        double standardError = Math.Sqrt(variance / logs.Count);
        var scheme = HeunLogMoments(p.mu, p.s, dt, steps);
        double stratonovich = p.mu * T, ito = (p.mu - p.s * p.s / 2) * T, bias = scheme.Mean - stratonovich;
        output.WriteLine($"mean ln|W(T)/W0| {mean:F5} ± {standardError:F5} (N = {logs.Count}); heun's exact {scheme.Mean:F5}; " +
                         $"Stratonovich {stratonovich:F5} (bias {bias:E2}); Itô {ito:F5}; variance {variance:F5}, heun's {scheme.Variance:F5}, s²T {p.s * p.s * T:F5}");
        Assert.Equal(0, signChanges);
        Assert.InRange(mean, scheme.Mean - K * standardError, scheme.Mean + K * standardError);
        Assert.InRange(mean, stratonovich - 5 * standardError - Math.Abs(bias), stratonovich + 5 * standardError + Math.Abs(bias));
        Assert.True(Math.Abs(mean - ito) > 50 * standardError, $"the Itô value {ito} is not distinguishable");
        double relative = K * Math.Sqrt(2.0 / logs.Count);
        Assert.InRange(variance, scheme.Variance * (1 - relative), scheme.Variance * (1 + relative));
        // Independent noise per element: neighbours in a row (and in a column) are uncorrelated
        // (sample correlation standard error 1/sqrt(N)).
        double Correlation(Func<int, int, (int, int)> neighbour)
        {
            double sum = 0;
            int count = 0;
            for (int i = 0; i < Rows - 1; i++)
                for (int j = 0; j < Columns - 1; j++)
                {
                    var (a, b) = neighbour(i, j);
                    sum += (logs[i * Columns + j] - mean) * (logs[a * Columns + b] - mean);
                    count++;
                }
            return sum / count / variance;
        }
        double row = Correlation((i, j) => (i, j + 1)), column = Correlation((i, j) => (i + 1, j));
        output.WriteLine($"neighbour correlations: row {row:F4}, column {column:F4}");
        Assert.InRange(row, -K / Math.Sqrt(Rows * Columns), K / Math.Sqrt(Rows * Columns));
        Assert.InRange(column, -K / Math.Sqrt(Rows * Columns), K / Math.Sqrt(Rows * Columns));
    }

    /// <summary>
    /// The draws are keyed by the flat index of the element, not by how a loop nest is split: the
    /// 256 × 256 rule (every nest on the worker pool, split by rows) and a 3 × 256 rule (768
    /// elements, one thread) give the same bits in the rows they share, and both equal a scalar
    /// loop on one thread that makes the same CounterRng calls and repeats the generated heun
    /// arithmetic in its order.
    /// </summary>
    [Fact]
    public void Matrix_noise_is_the_same_at_any_thread_count_and_any_matrix_height()
    {
        const ulong seed = 777;
        const double dt = 0.01;
        const int steps = 30, smallRows = 3;
        var big = RunMatrix(Rows, Columns, seed, dt, steps);
        var small = RunMatrix(smallRows, Columns, seed, dt, steps);
        var p = big.Parameters;
        double sqrtDt = Math.Sqrt(dt);
        var values = new HashSet<double>();
        for (int i = 0; i < smallRows; i++)
            for (int j = 0; j < Columns; j++)
            {
                double w = InitialWeight(i, j);
                for (int n = 0; n < steps; n++)
                {
                    double dW = sqrtDt * CounterRng.Normal(seed, 0, (long)i * Columns + j, n);
                    double f = p.mu * w + p.s * w * 0.0;
                    double g = p.s * w;
                    double support = w + g * dW;
                    double gSupport = p.s * support;
                    w = w + dt * f + 0.5 * dW * (g + gSupport);
                }
                values.Add(w);
                Assert.True(BitConverter.DoubleToInt64Bits(big.WAt(i, j)) == BitConverter.DoubleToInt64Bits(small.WAt(i, j)),
                    $"W[{i},{j}]: {big.WAt(i, j):R} in the 256-row rule, {small.WAt(i, j):R} in the 3-row rule");
                Assert.True(BitConverter.DoubleToInt64Bits(big.WAt(i, j)) == BitConverter.DoubleToInt64Bits(w),
                    $"W[{i},{j}]: {big.WAt(i, j):R} in the rule, {w:R} in the scalar reference");
            }
        Assert.True(values.Count > smallRows * Columns / 2, "the elements do not vary: the comparison would be empty");

        // Same seed, same run; another seed, other numbers; Reset keeps the seed and repeats the run.
        var again = RunMatrix(smallRows, Columns, seed, dt, steps);
        Assert.Equal(small.W.ToArray(), again.W.ToArray());
        var other = RunMatrix(smallRows, Columns, seed + 1, dt, steps);
        Assert.Equal(0, small.W.ToArray().Zip(other.W.ToArray()).Count(pair => pair.First == pair.Second));
        small.Reset();
        Assert.Equal(seed, small.Seed);
        for (int i = 0; i < smallRows; i++)
            for (int j = 0; j < Columns; j++) small.WAt(i, j) = InitialWeight(i, j);
        for (int n = 0; n < steps; n++) small.Step(dt);
        Assert.Equal(again.W.ToArray(), small.W.ToArray());
    }

    /// <summary>
    /// Additive noise on a vector, Euler–Maruyama (chosen without a solver line): with a constant
    /// force the scheme is exact, w(T) = −g·T + sqrt(2·temperature)·B(T), so over N = 65,536
    /// elements the sample mean of w + g·T has standard error sqrt(2·temperature·T/N) and the
    /// sample variance relative standard error sqrt(2/N) = 0.55%.
    /// </summary>
    [Fact]
    public void Indexed_langevin_with_additive_noise_has_the_exact_variance()
    {
        const int count = Rows * Columns;
        const double dt = 0.01;
        const int steps = 100;
        double T = dt * steps;
        var system = new LangevinEmSystem(count) { Seed = 31 };
        for (int k = 0; k < count; k++) system.g[k] = 0.001 * (k % 7);
        for (int n = 0; n < steps; n++) system.Step(dt);
        var centred = new List<double>(count);
        for (int k = 0; k < count; k++) centred.Add(system.w[k] + system.g[k] * T);
        var (mean, variance) = Moments(centred);
        double expected = 2 * system.Parameters.temperature * T;
        output.WriteLine($"Langevin: mean of w + g·T {mean:E3}, variance {variance:E4}, exact {expected:E4}");
        Assert.InRange(mean, -K * Math.Sqrt(expected / count), K * Math.Sqrt(expected / count));
        double relative = K * Math.Sqrt(2.0 / count);
        Assert.InRange(variance, expected * (1 - relative), expected * (1 + relative));
    }
}
