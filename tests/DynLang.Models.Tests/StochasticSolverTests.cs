using DynLang.Runtime;
using Xunit.Abstractions;

namespace DynLang.Models.Tests;

/// <summary>
/// White noise with euler_maruyama and heun. The draws are keyed by (Seed, stream, element, step),
/// so every run of these tests sees the same numbers: a statistical tolerance below is the width
/// the assertion would need for a typical seed (k standard errors of the sample size), and the
/// fixed seeds are not tuned — any seed passes with probability ≥ 1 − 6e-5 (k = 4).
/// </summary>
public sealed class StochasticSolverTests(ITestOutputHelper output)
{
    /// <summary>Above 2 × ChunkSize = 32768, so Step splits the population over the worker pool.</summary>
    private const int Count = 65_536;

    /// <summary>Standard errors allowed by a statistical assertion (two-sided p ≈ 6e-5 for a normal estimate).</summary>
    private const double K = 4;

    private static (double Mean, double Variance) Moments(ReadOnlySpan<double> values)
    {
        double mean = 0;
        foreach (double v in values) mean += v;
        mean /= values.Length;
        double sum = 0;
        foreach (double v in values) sum += (v - mean) * (v - mean);
        return (mean, sum / (values.Length - 1));
    }

    // ---- Ornstein–Uhlenbeck: stationary variance of Euler–Maruyama ----------------------------

    /// <summary>
    /// x_{n+1} = (1 − dt/τ)·x_n + σ·sqrt(2/τ)·sqrt(dt)·N has the stationary variance
    /// 2σ²dt/τ / (1 − (1 − dt/τ)²) = σ²/(1 − dt/(2τ)): with dt/τ = 0.2 that is 1.111·σ², 11% above
    /// the exact process's σ². After 100 steps the start x = 0 is forgotten to (0.8)^200 ≈ 4e-20.
    /// The elements are independent, so the sample variance of N = 65,536 values has relative
    /// standard error sqrt(2/N) = 0.55%; K = 4 of them (2.2%) separate the two variances by 5×.
    /// </summary>
    private void AssertStationaryVariance(string what, double tau, double sigma, double dt, Func<double, double[]> run)
    {
        double[] x = run(dt);
        var (mean, variance) = Moments(x);
        double expected = sigma * sigma / (1 - dt / (2 * tau));
        double relativeError = Math.Sqrt(2.0 / x.Length);
        output.WriteLine($"{what}: mean {mean:E3}, variance {variance:E4}, Euler–Maruyama {expected:E4}, exact process {sigma * sigma:E4}");
        Assert.InRange(variance, expected * (1 - K * relativeError), expected * (1 + K * relativeError));
        Assert.True(Math.Abs(variance - sigma * sigma) > 2 * K * relativeError * expected,
            "the variance cannot tell Euler–Maruyama's discretisation from the exact process: the test has lost its power");
        Assert.InRange(mean, -K * Math.Sqrt(expected / x.Length), K * Math.Sqrt(expected / x.Length));
    }

    [Fact]
    public void Ornstein_Uhlenbeck_euler_maruyama_has_the_discrete_stationary_variance()
    {
        var p = new OuEmParameters();
        AssertStationaryVariance("OU double", p.tau, p.sigma, 0.2 * p.tau, dt =>
        {
            var system = new OuEmSystem(Count) { Seed = 20240601 };
            for (int n = 0; n < 100; n++) system.Step(dt);
            return system.x.ToArray();
        });
    }

    [Fact]
    public void Ornstein_Uhlenbeck_in_float_draws_single_precision_normals()
    {
        // Float rounding (~1e-7 relative per step) is far below the 2.2% statistical band.
        var p = new OuEmFloatParameters();
        AssertStationaryVariance("OU float", p.tau, p.sigma, 0.2 * p.tau, dt =>
        {
            var system = new OuEmFloatSystem(Count) { Seed = 20240601 };
            for (int n = 0; n < 100; n++) system.Step(dt);
            return system.x.ToArray().Select(v => (double)v).ToArray();
        });
    }

    // ---- determinism ------------------------------------------------------------------------------

    /// <summary>
    /// The multi-threaded population against a scalar loop on one thread that makes the same
    /// CounterRng calls and repeats the kernel's arithmetic in its order (OuEm's generated step:
    /// f = −x/τ + a·0; dW = sqrt(dt)·N(seed, stream 0, element, step); x' = x + dt·f + a·dW):
    /// identical bits for every element.
    /// </summary>
    [Fact]
    public void Noise_is_the_same_at_any_thread_count_as_a_scalar_reference()
    {
        const ulong seed = 12345;
        const int steps = 40;
        var system = new OuEmSystem(Count) { Seed = seed };
        var p = system.Parameters;
        double dt = 0.1e-3, sqrtDt = Math.Sqrt(dt);
        var reference = new double[Count];
        for (int n = 0; n < steps; n++)
        {
            system.Step(dt);
            for (int i = 0; i < Count; i++)
            {
                double x = reference[i];
                double f = -x / p.tau + p.amplitude * 0.0;
                double dW = sqrtDt * CounterRng.Normal(seed, 0, i, n);
                reference[i] = x + dt * f + p.amplitude * dW;
            }
        }
        for (int i = 0; i < Count; i++)
        {
            if (BitConverter.DoubleToInt64Bits(system.x[i]) != BitConverter.DoubleToInt64Bits(reference[i]))
                Assert.Fail($"element {i}: {system.x[i]:R} in the population, {reference[i]:R} in the scalar reference");
        }
        Assert.True(reference.Distinct().Count() > Count / 2, "the reference does not vary: the comparison would be empty");
    }

    private static double[] RunOu(ulong seed, int count, int steps, Action<OuEmSystem>? between = null)
    {
        var system = new OuEmSystem(count) { Seed = seed };
        for (int n = 0; n < steps; n++) system.Step(0.1e-3);
        between?.Invoke(system);
        return system.x.ToArray();
    }

    [Fact]
    public void Same_seed_gives_the_same_run_and_different_seeds_differ()
    {
        double[] first = RunOu(7, 1000, 20), second = RunOu(7, 1000, 20), other = RunOu(8, 1000, 20);
        Assert.Equal(first, second);
        // A continuous distribution: two independent draws coincide with probability 0.
        int same = first.Zip(other).Count(pair => pair.First == pair.Second);
        Assert.Equal(0, same);

        // Reset keeps the seed and restarts the step index, so the run repeats.
        var system = new OuEmSystem(1000) { Seed = 7 };
        for (int n = 0; n < 20; n++) system.Step(0.1e-3);
        system.Reset();
        Assert.Equal(7UL, system.Seed);
        Assert.All(system.x.ToArray(), v => Assert.Equal(0.0, v));
        for (int n = 0; n < 20; n++) system.Step(0.1e-3);
        Assert.Equal(first, system.x.ToArray());

        // The default seed is 0, and the noise does not depend on the population size
        // (element i draws the same numbers in a population of 10 as in one of 1000).
        Assert.Equal(0UL, new OuEmSystem(1).Seed);
        double[] small = RunOu(7, 10, 20);
        Assert.Equal(first.Take(10), small);
    }

    // ---- shared and independent noises --------------------------------------------------------------

    [Fact]
    public void A_noise_symbol_is_one_noise_in_every_equation_and_others_are_independent()
    {
        var system = new SharedNoiseSystem(Count) { Seed = 99 };
        const double dt = 0.01;
        for (int n = 0; n < 100; n++) system.Step(dt);
        double[] x = system.x.ToArray(), y = system.y.ToArray(), z = system.z.ToArray();
        Assert.Equal(x, y);
        var (meanX, varX) = Moments(x);
        var (meanZ, varZ) = Moments(z);
        // Each is a Wiener process at T = 1: variance T (Euler–Maruyama is exact for dx = dW);
        // relative standard error sqrt(2/N) = 0.55%.
        Assert.InRange(varX, 1 - K * Math.Sqrt(2.0 / Count), 1 + K * Math.Sqrt(2.0 / Count));
        Assert.InRange(varZ, 1 - K * Math.Sqrt(2.0 / Count), 1 + K * Math.Sqrt(2.0 / Count));
        // Independent noises: the sample correlation has standard error 1/sqrt(N) = 0.0039.
        double covariance = x.Zip(z, (a, b) => (a - meanX) * (b - meanZ)).Sum() / (Count - 1);
        double correlation = covariance / Math.Sqrt(varX * varZ);
        output.WriteLine($"var x {varX:F4}, var z {varZ:F4}, correlation {correlation:F4}");
        Assert.InRange(correlation, -K / Math.Sqrt(Count), K / Math.Sqrt(Count));
    }

    // ---- geometric Brownian motion: Stratonovich with heun ------------------------------------------

    /// <summary>
    /// Mean and variance of ln x_n for heun on dx = mu·x dt + Σ_k s_k·x∘dW_k, exactly for the
    /// discrete scheme: one step multiplies x by 1 + mu·dt + Σ_k (s_k·dW_k + ½·s_k²·dW_k²)
    /// (Brian2's heun: the support x·(1 + s_k·dW_k) makes g_support = s_k·x·(1 + s_k·dW_k)). The
    /// factor is always positive (its discriminant in dW_k is negative) and the steps are
    /// independent, so both moments are n times those of ln factor, computed by the trapezoid
    /// rule over the standard normal densities on [−12, 12] (exponentially accurate for smooth
    /// integrands: ~1e-12 here).
    /// </summary>
    private static (double Mean, double Variance) HeunLogMoments(double mu, double[] s, double dt, int steps)
    {
        const int points = 1201;
        const double half = 12, h = 2 * half / (points - 1);
        double Density(double z) => Math.Exp(-0.5 * z * z) / Math.Sqrt(2 * Math.PI);
        double Term(double z, int k) => s[k] * Math.Sqrt(dt) * z + 0.5 * s[k] * s[k] * dt * z * z;
        double m1 = 0, m2 = 0;
        void Add(double weight, double factor)
        {
            double l = Math.Log(factor);
            m1 += weight * l;
            m2 += weight * l * l;
        }
        for (int a = 0; a < points; a++)
        {
            double z1 = -half + a * h;
            if (s.Length == 1)
            {
                Add(h * Density(z1), 1 + mu * dt + Term(z1, 0));
                continue;
            }
            for (int b = 0; b < points; b++)
            {
                double z2 = -half + b * h;
                Add(h * h * Density(z1) * Density(z2), 1 + mu * dt + Term(z1, 0) + Term(z2, 1));
            }
        }
        return (steps * m1, steps * (m2 - m1 * m1));
    }

    /// <summary>
    /// ln x(T) has variance ≈ Σ s_k²·T; its sample mean over N elements has standard error
    /// sqrt(var/N) ≈ 0.0031 (one noise), and its sample variance relative standard error
    /// sqrt(2/N) = 0.55% (ln x(T) is a sum of 100 independent steps, close to normal). Both must
    /// match the scheme's exact moments within K standard errors. Heun's expectation is within
    /// 0.01 of the Stratonovich value mu·T (its O(dt) weak error at dt = 0.01), and the Itô value
    /// (mu − Σ s_k²/2)·T is over 50 standard errors away: the test tells the two readings apart.
    /// </summary>
    private void AssertStratonovich(string what, double mu, double[] s, Func<double, int, double[]> run)
    {
        const double dt = 0.01;
        const int steps = 100;
        double T = dt * steps;
        double[] logs = run(dt, steps).Select(v => Math.Log(v)).ToArray();
        var (mean, variance) = Moments(logs);
        double standardError = Math.Sqrt(variance / logs.Length);
        var scheme = HeunLogMoments(mu, s, dt, steps);
        double stratonovich = mu * T, ito = (mu - s.Sum(v => v * v) / 2) * T;
        output.WriteLine($"{what}: mean ln x(T) {mean:F5} ± {standardError:F5}; heun's {scheme.Mean:F5}; Stratonovich {stratonovich:F5}; " +
                         $"Itô {ito:F5}; variance {variance:F4}, heun's {scheme.Variance:F4}, exact process {s.Sum(v => v * v) * T:F4}");
        Assert.InRange(mean, scheme.Mean - K * standardError, scheme.Mean + K * standardError);
        Assert.InRange(scheme.Mean, stratonovich - 0.01, stratonovich + 0.01);
        Assert.True(Math.Abs(mean - ito) > 50 * standardError, $"{what}: the Itô value {ito} is not distinguishable");
        double relative = K * Math.Sqrt(2.0 / logs.Length);
        Assert.InRange(variance, scheme.Variance * (1 - relative), scheme.Variance * (1 + relative));
    }

    [Fact]
    public void Geometric_brownian_motion_with_heun_is_stratonovich()
    {
        var p = new GbmHeunParameters();
        AssertStratonovich("GBM heun", p.mu, new[] { p.s }, (dt, steps) =>
        {
            var system = new GbmHeunSystem(Count) { Seed = 4242 };
            for (int n = 0; n < steps; n++) system.Step(dt);
            return system.x.ToArray();
        });
    }

    [Fact]
    public void Geometric_brownian_motion_with_two_noises_and_heun_is_stratonovich()
    {
        var p = new GbmHeunTwoNoisesParameters();
        AssertStratonovich("GBM heun, two noises", p.mu, new[] { p.s1, p.s2 }, (dt, steps) =>
        {
            var system = new GbmHeunTwoNoisesSystem(Count) { Seed = 4243 };
            for (int n = 0; n < steps; n++) system.Step(dt);
            return system.x.ToArray();
        });
    }
    // ---- events with noise -----------------------------------------------------------------------------

    /// <summary>
    /// NoisyLif.dyn relaxes to v0 = −55 mV, 5 mV below threshold: without noise it never fires; with
    /// σ = 3 mV the free membrane has standard deviation 3 mV, so −50 mV is 1.7 σ away and each
    /// neuron crosses it many times in a second (spikes far above 0). Both assertions fail if the
    /// noise were missing or ignored by the event check.
    /// </summary>
    [Fact]
    public void Noise_drives_a_subthreshold_neuron_to_fire_and_events_still_work()
    {
        int Spikes(double sigma)
        {
            var population = new NoisyLifPopulation(100) { Seed = 5 };
            population.Parameters = population.Parameters with { sigma = sigma };
            int total = 0;
            for (int n = 0; n < 10_000; n++)
            {
                population.Step(0.1e-3);
                total += population.SpikeCount;
                for (int i = 0; i < population.Count; i++)
                    Assert.True(population.v[i] < population.Parameters.v_th || !population.Spiked(i), "a spiking neuron was not reset");
            }
            return total;
        }
        int quiet = Spikes(0), noisy = Spikes(3e-3);
        output.WriteLine($"spikes in 1 s of 100 neurons: {quiet} without noise, {noisy} with sigma = 3 mV");
        Assert.Equal(0, quiet);
        Assert.True(noisy > 100, $"{noisy} spikes");
    }
}
