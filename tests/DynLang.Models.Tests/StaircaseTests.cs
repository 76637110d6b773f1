namespace DynLang.Models.Tests;

/// <summary>
/// Staircase.dyn: an rk4 equation reading a state that only events change (dv/dt = g − v; on
/// v > 0.5 reset v and raise g by one). Between spikes v = g·(1 − e^{−m·dt}) after m updates, to
/// rk4 accuracy (~dt⁴ ≈ 1e-8 here, far below the margins asserted below), so the m-th update
/// crosses 0.5 first at m = ⌊ln(g/(g − 0.5))/dt⌋ + 1. The first spike (from v = 0, g = 1) is at step
/// m − 1; each later one m steps after the previous, with the g reached by then.
/// </summary>
public sealed class StaircaseTests
{
    [Fact]
    public void Event_raised_state_drives_the_rk4_equation_between_spikes()
    {
        const double dt = 0.01;
        var neuron = new StaircasePopulation(1);
        var spikes = new List<long>();
        for (long step = 0; spikes.Count < 12; step++)
        {
            Assert.True(step < 100_000);
            neuron.Step(dt);
            if (neuron.Spiked(0)) spikes.Add(step);
        }

        long expected = -1;
        for (int k = 0; k < spikes.Count; k++)
        {
            double g = k + 1;
            double stepsToThreshold = Math.Log(g / (g - 0.5)) / dt;
            Assert.True(Math.Abs(stepsToThreshold - Math.Round(stepsToThreshold)) > 1e-4, $"g = {g}: crossing too close to a step");
            expected += (long)Math.Floor(stepsToThreshold) + 1;
            Assert.True(expected == spikes[k], $"spike {k} (g = {g}): step {spikes[k]}, expected {expected}");
        }
        Assert.Equal(spikes.Count + 1, neuron.g[0]);
    }
}
