using Xunit.Abstractions;

namespace DynLang.Models.Tests;

/// <summary>
/// The exact solver against closed-form solutions: a 1-state relaxation (Decay.dyn), a triangular
/// 2-state system (Membrane.dyn: symbolic propagator, and its matrix-exponential fallback when
/// tau_e = tau_m at run time), the same system written confluent (AlphaMembrane.dyn: the symbolic
/// dt·e^{λ·dt} form) and a cyclic system (Oscillator.dyn: matrix exponential only).
/// <para>
/// Tolerance: each step is x' = P·x + Q·b with P and Q accurate to a few ulp (Math.Exp is within
/// 1 ulp; 1 − e^{−dt/τ} and divided differences lose a few bits to cancellation; the Padé matrix
/// exponential is accurate to a few ulp), plus two roundings in the update. So a step adds an
/// error of at most ε·scale, ε = 8·2⁻⁵² ≈ 1.8e-15, scale = the largest magnitude of the solution.
/// These systems never amplify an error (|eigenvalues of P| ≤ 1), so after n steps the error is at
/// most n·ε·scale — about 1e-12 relative after 1000 steps. A propagator that was only accurate to
/// some order in dt would miss by ~dt² ≈ 1e-2…1e-4 here.
/// </para>
/// </summary>
public sealed class ExactSolverTests(ITestOutputHelper output)
{
    private const double Epsilon = 8.0 / (1L << 52);
    private static readonly int[] Checkpoints = { 1, 2, 10, 100, 1000 };

    /// <summary>Steps a system to each checkpoint and compares every state with its closed form.</summary>
    private void Compare(string what, double dt, double scale, Action<double> step, Func<double[]> states, Func<double, double[]> exact)
    {
        int done = 0;
        double worstRatio = 0;
        foreach (int n in Checkpoints)
        {
            for (; done < n; done++) step(dt);
            double[] actual = states(), expected = exact(n * dt);
            for (int k = 0; k < actual.Length; k++)
            {
                double error = Math.Abs(actual[k] - expected[k]);
                double tolerance = n * Epsilon * scale;
                Assert.True(error <= tolerance,
                    $"{what}: state {k} after {n} steps (t = {n * dt}): {actual[k]:R}, closed form {expected[k]:R}, |error| {error:E3} > {tolerance:E3}");
                worstRatio = Math.Max(worstRatio, error / tolerance);
            }
        }
        output.WriteLine($"{what}: largest error / tolerance = {worstRatio:F3}");
    }

    [Fact]
    public void One_state_relaxation_matches_its_closed_form()
    {
        var system = new DecaySystem(1);
        var p = system.Parameters;
        double x0 = system.x[0];
        Compare("Decay", 0.1, Math.Max(Math.Abs(x0), Math.Abs(p.a)), system.Step, () => new[] { system.x[0] },
            t => new[] { p.a + (x0 - p.a) * Math.Exp(-t / p.tau) });
    }

    [Fact]
    public void Rectified_input_lif_matches_its_closed_form()
    {
        // Issue 9: ifelse of an input under solver exact used to end in DL0900. Element 0 is
        // driven (I = 1.5 nA), element 1 gets a negative input that the rectifier removes.
        var population = new RectifiedLifPopulation(2);
        var p = population.Parameters;
        population.I[0] = 1.5e-9;
        population.I[1] = -2e-9;
        double v0 = population.v[0];
        double Target(double input) => p.v_rest + p.R * Math.Max(input, 0);
        double[] targets = { Target(population.I[0]), Target(population.I[1]) };
        Compare("RectifiedLif", 1e-4, Math.Abs(p.v_rest), population.Step, () => new[] { population.v[0], population.v[1] },
            t => targets.Select(target => target + (v0 - target) * Math.Exp(-t / p.tau_m)).ToArray());
        Assert.Equal(0, population.SpikeCount);
    }

    [Fact]
    public void Triangular_two_state_system_matches_its_closed_form()
    {
        var system = new MembraneSystem(1);
        var p = system.Parameters;
        double v0 = system.v[0], ge0 = system.ge[0];
        Compare("Membrane", 0.1, Math.Max(v0, ge0), system.Step, () => new[] { system.v[0], system.ge[0] },
            t => new[]
            {
                v0 * Math.Exp(-t / p.tau_m) + ge0 * p.tau_e / (p.tau_e - p.tau_m) * (Math.Exp(-t / p.tau_e) - Math.Exp(-t / p.tau_m)),
                ge0 * Math.Exp(-t / p.tau_e),
            });
    }

    [Fact]
    public void Equal_time_constants_set_at_run_time_use_the_fallback_and_give_the_alpha_function()
    {
        // tau_e = tau_m makes the symbolic divided difference 0/0: the generated code must detect
        // the vanishing eigenvalue difference and take the matrix exponential instead.
        var system = new MembraneSystem(1);
        system.Parameters = system.Parameters with { tau_e = system.Parameters.tau_m };
        var p = system.Parameters;
        double v0 = system.v[0], ge0 = system.ge[0];
        Compare("Membrane, tau_e = tau_m", 0.1, Math.Max(v0, ge0), system.Step, () => new[] { system.v[0], system.ge[0] },
            t => new[] { (v0 + ge0 * t / p.tau_m) * Math.Exp(-t / p.tau_m), ge0 * Math.Exp(-t / p.tau_m) });
    }

    [Fact]
    public void Confluent_system_written_with_one_time_constant_gives_the_alpha_function()
    {
        var system = new AlphaMembraneSystem(1);
        var p = system.Parameters;
        double v0 = system.v[0], ge0 = system.ge[0];
        Compare("AlphaMembrane", 0.1, Math.Max(v0, ge0), system.Step, () => new[] { system.v[0], system.ge[0] },
            t => new[] { (v0 + ge0 * t / p.tau) * Math.Exp(-t / p.tau), ge0 * Math.Exp(-t / p.tau) });
    }

    [Fact]
    public void Cyclic_system_uses_the_matrix_exponential_and_rotates_exactly()
    {
        var system = new OscillatorSystem(1);
        double w = system.Parameters.w;
        Compare("Oscillator", 0.01, Math.Max(1, w), system.Step, () => new[] { system.x[0], system.y[0] },
            t => new[] { Math.Cos(w * t), -w * Math.Sin(w * t) });
    }
}
