namespace DynLang.Models.Tests;

/// <summary>
/// Models/LifIsi.dyn (exact solver) under constant currents against the closed-form inter-spike
/// interval T = t_ref + tau·ln((R·I + v_rest − v_reset)/(R·I + v_rest − v_th)).
/// <para>
/// The step semantics (Brian2's) give the simulated interval exactly. A spike at step s resets v
/// to v_reset; steps s+1 … s+R−1 are refractory (v frozen), R = int((t_ref + 1e-3·dt)/dt); from
/// step s+R on, the exact solver gives after m updates v_m = V∞ + (v_reset − V∞)·e^{−m·dt/tau}
/// (V∞ = v_rest + R·I), which first exceeds v_th at m = ⌊T_c/dt⌋ + 1, T_c = tau·ln((V∞ − v_reset)/(V∞ − v_th)).
/// The next spike is at step s + R − 1 + m, so the interval is N = R + ⌊T_c/dt⌋ steps and
/// T_sim − T = (R·dt − t_ref) + (⌊T_c/dt⌋·dt − T_c), the first term in (−dt, 1e-3·dt] (zero when
/// t_ref is a multiple of dt), the second in (−dt, 0]: in general −2·dt &lt; T_sim − T ≤ 1e-3·dt,
/// and −dt &lt; T_sim − T ≤ 0 when t_ref is a whole number of steps.
/// </para>
/// </summary>
public sealed class LifIsiTests
{
    private static readonly double[] CurrentsNanoampere = { 1.6, 2.0, 3.0, 5.0 };

    [Theory]
    [InlineData(1e-4)] // t_ref = 20 steps exactly
    [InlineData(3e-5)] // t_ref = 66.67 steps: R = 66
    public void Simulated_interval_matches_the_closed_form_within_the_step_quantisation(double dt)
    {
        var p = new LifIsiParameters();
        var population = new LifIsiPopulation(CurrentsNanoampere.Length);
        for (int k = 0; k < CurrentsNanoampere.Length; k++) population.I[k] = CurrentsNanoampere[k] * 1e-9;

        var spikeSteps = CurrentsNanoampere.Select(_ => new List<long>()).ToArray();
        for (long step = 0; spikeSteps.Any(s => s.Count < 6); step++)
        {
            Assert.True(step < 1_000_000, "fewer than 6 spikes in 1e6 steps");
            population.Step(dt);
            for (int k = 0; k < CurrentsNanoampere.Length; k++)
                if (population.Spiked(k)) spikeSteps[k].Add(step);
        }

        long refractorySteps = (long)((p.t_ref + 1e-3 * dt) / dt);
        bool wholeSteps = Math.Abs(p.t_ref / dt - Math.Round(p.t_ref / dt)) < 1e-9;
        for (int k = 0; k < CurrentsNanoampere.Length; k++)
        {
            double vInf = p.v_rest + p.R * CurrentsNanoampere[k] * 1e-9;
            double tc = p.tau_m * Math.Log((vInf - p.v_reset) / (vInf - p.v_th));
            double closedForm = p.t_ref + tc;
            // The step count below is exact unless T_c/dt is within rounding of a whole number
            // (then v_m and v_th tie); the currents are chosen so it is not.
            double stepsToThreshold = tc / dt;
            Assert.True(Math.Abs(stepsToThreshold - Math.Round(stepsToThreshold)) > 1e-6, $"T_c/dt = {stepsToThreshold} is too close to a whole number");
            long expectedSteps = refractorySteps + (long)Math.Floor(stepsToThreshold);

            // Every interval after the first spike (which starts from v_rest, not v_reset).
            for (int n = 1; n < spikeSteps[k].Count; n++)
            {
                long interval = spikeSteps[k][n] - spikeSteps[k][n - 1];
                Assert.Equal(expectedSteps, interval);
                double error = interval * dt - closedForm;
                double low = wholeSteps ? -dt : -2 * dt, high = wholeSteps ? 1e-12 : 1e-3 * dt;
                Assert.True(error > low && error <= high,
                    $"I = {CurrentsNanoampere[k]} nA, dt = {dt}: T_sim − T = {error:E4} s outside ({low:E3}, {high:E3}]");
            }
        }
    }
}
