namespace DynLang.Models.Tests;

/// <summary>
/// Refractory semantics of Models/Refractory.dyn (x relaxes to a constant drive D with tau = 1,
/// threshold x > 1, reset 0, refractory t_ref; exact solver, so x after m free updates from 0 is
/// exactly D·(1 − e^{−m·dt}) up to rounding).
/// <para>
/// A spike at step s freezes x during steps s+1 … s+R−1, R = int((t_ref + 1e-3·dt)/dt). The
/// updates resume at step s+R and the m-th of them crosses threshold first for
/// m = K = ⌊ln(D/(D − 1))/dt⌋ + 1, so the next spike is at step s + R − 1 + K: the period is
/// K + R − 1 steps. The first spike (starting at x = 0, not refractory) is at step K − 1. A neuron
/// driven so hard that one update crosses (K = 1) fires exactly every R steps.
/// </para>
/// </summary>
public sealed class RefractoryTests
{
    [Theory]
    [InlineData(50.0, 0.1)] // K = 1, R = 5: every 5 steps
    [InlineData(4.0, 0.1)]  // ln(4/3)/0.1 = 2.88: K = 3, period 7
    [InlineData(1.5, 0.1)]  // ln 3/0.1 = 10.99: K = 11, period 15
    [InlineData(50.0, 0.3)] // t_ref/dt = 1.67: R = 1, no step is refractory: fires every step
    [InlineData(4.0, 0.07)] // t_ref/dt = 7.14: R = 7; K = 5, period 11
    public void Neuron_fires_every_K_plus_R_minus_1_steps(double drive, double dt)
    {
        var population = new RefractoryPopulation(1);
        population.drive[0] = drive;
        double tRef = population.Parameters.t_ref, tau = population.Parameters.tau;
        long r = (long)((tRef + 1e-3 * dt) / dt);
        double stepsToThreshold = tau * Math.Log(drive / (drive - 1)) / dt;
        Assert.True(Math.Abs(stepsToThreshold - Math.Round(stepsToThreshold)) > 1e-6, "threshold crossing too close to a step boundary");
        long k = (long)Math.Floor(stepsToThreshold) + 1;

        var spikes = new List<long>();
        long? lastSpike = null;
        for (long step = 0; step < 40 * (k + r); step++)
        {
            double before = population.x[0];
            population.Step(dt);
            if (population.Spiked(0))
            {
                spikes.Add(step);
                lastSpike = step;
                Assert.Equal(0.0, population.x[0]); // reset
            }
            else if (lastSpike is { } last && step - last < r)
            {
                Assert.Equal(before, population.x[0]); // refractory: frozen (no equation is flagged, so all are)
            }
        }
        Assert.Equal(k - 1, spikes[0]);
        for (int n = 1; n < spikes.Count; n++) Assert.Equal(k + r - 1, spikes[n] - spikes[n - 1]);
        Assert.True(spikes.Count >= 20);
    }

    [Fact]
    public void Only_equations_flagged_unless_refractory_are_frozen()
    {
        // Flagged.dyn: v flagged (unless refractory), ge not flagged.
        var neuron = new FlaggedPopulation(1);
        AssertVFrozenGeIntegrating(neuron.Step, () => neuron.v[0], () => neuron.ge[0], () => neuron.Spiked(0),
            neuron.Parameters.tau_e, neuron.Parameters.t_ref);
    }

    [Fact]
    public void Equations_flagged_clock_driven_integrate_through_refractoriness()
    {
        // FlaggedClockDriven.dyn: the same model said the other way round — v unflagged (frozen by
        // DynLang's default), ge flagged (clock_driven). Same behaviour expected.
        var neuron = new FlaggedClockDrivenPopulation(1);
        AssertVFrozenGeIntegrating(neuron.Step, () => neuron.v[0], () => neuron.ge[0], () => neuron.Spiked(0),
            neuron.Parameters.tau_e, neuron.Parameters.t_ref);
    }

    private static void AssertVFrozenGeIntegrating(Action<double> step, Func<double> v, Func<double> ge, Func<bool> spiked,
        double tauE, double tRef)
    {
        // v is frozen for R − 1 steps after each spike, ge keeps decaying as ge(0)·e^{−n·dt/tau_e}
        // throughout (exact solver: to n·8·2⁻⁵² relative, as in ExactSolverTests).
        const double dt = 0.01;
        long r = (long)((tRef + 1e-3 * dt) / dt);
        double ge0 = ge();
        long? lastSpike = null;
        int spikes = 0, frozenSteps = 0;
        for (long n = 0; n < 300; n++)
        {
            double vBefore = v();
            step(dt);
            double expectedGe = ge0 * Math.Exp(-(n + 1) * dt / tauE);
            Assert.Equal(expectedGe, ge(), expectedGe * (n + 1) * 8.0 / (1L << 52));
            if (spiked())
            {
                spikes++;
                lastSpike = n;
            }
            else if (lastSpike is { } last && n - last < r)
            {
                Assert.Equal(vBefore, v());
                frozenSteps++;
            }
            else
            {
                Assert.NotEqual(vBefore, v());
            }
        }
        Assert.True(spikes >= 2, $"{spikes} spikes");
        Assert.Equal(spikes * (r - 1), frozenSteps);
    }
}
