using System.Reflection;

namespace DynLang.Models.Tests;

/// <summary>
/// Float models keep each element's last-spike step as a 32-bit stamp. Without care it would
/// overflow after 2^31 steps (about 60 hours at 0.1 ms) and every neuron would look refractory
/// forever. The generated class rebases its stamps every 2^30 steps; this test jumps the step
/// counter past both boundaries and checks that the firing period (K + R − 1 steps, see
/// <see cref="RefractoryTests"/>) and the spike queries are unchanged across them.
/// </summary>
public sealed class StampOverflowTests
{
    [Theory]
    [InlineData((1L << 30) - 25)] // crosses the first rebase
    [InlineData((1L << 31) - 25)] // crosses int.MaxValue
    [InlineData((1L << 33) + 7)]  // far beyond: many rebases' worth of steps
    public void PeriodAndQueriesSurviveTheStampBoundaries(long startStep)
    {
        var population = new RefractoryFloatPopulation(3);
        for (int i = 0; i < 3; i++) population.drive[i] = 4.0f; // K = 3, R = 5 at dt = 0.1: period 7
        typeof(RefractoryFloatPopulation).GetProperty("StepIndex")!.SetValue(population, startStep);

        var spikeSteps = new List<long>();
        var indices = new int[3];
        for (int n = 0; n < 100; n++)
        {
            population.Step(0.1);
            if (population.Spiked(0))
            {
                spikeSteps.Add(population.StepIndex - 1);
                Assert.Equal(3, population.SpikeCount);
                Assert.Equal(3, population.CopySpikeIndices(indices));
                Assert.True(population.Spikes[2]);
            }
        }
        Assert.True(spikeSteps.Count >= 13, $"only {spikeSteps.Count} spikes in 100 steps");
        // First spike K − 1 = 2 steps after the start, then every K + R − 1 = 7 steps.
        Assert.Equal(startStep + 2, spikeSteps[0]);
        for (int k = 1; k < spikeSteps.Count; k++) Assert.Equal(7, spikeSteps[k] - spikeSteps[k - 1]);
    }
}
