namespace DynLang.Models.Tests;

/// <summary>
/// t_ref = ∞ (or any period longer than the run): a neuron spikes once and then stays refractory.
/// The step count of such a period used to exceed the distance of a never-spiked stamp, so
/// neurons that had never spiked counted as refractory and nothing ever spiked.
/// </summary>
public sealed class InfiniteRefractoryTests
{
    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(1e300)]
    [InlineData(1e12)] // 1e13 steps: beyond the 32-bit stamps of float models, within the 64-bit ones
    public void A_neuron_with_an_endless_refractory_period_spikes_exactly_once(double tRef)
    {
        var population = new RefractoryPopulation(3, new RefractoryParameters { t_ref = tRef });
        population.drive[0] = 50.0; // crosses in one update (K = 1): spikes at step 0
        population.drive[1] = 4.0;  // K = 3: spikes at step 2
        population.drive[2] = 0.5;  // never reaches threshold
        var spikes = new List<(int, long)>();
        for (long step = 0; step < 2000; step++)
        {
            population.Step(0.1);
            for (int i = 0; i < 3; i++)
                if (population.Spiked(i)) spikes.Add((i, step));
        }
        Assert.Equal(new[] { (0, 0L), (1, 2L) }, spikes);
    }

    [Theory]
    [InlineData(double.PositiveInfinity, 0L)]
    [InlineData(double.PositiveInfinity, (1L << 30) - 25)] // across a rebase of the 32-bit stamps
    [InlineData(1e300, (1L << 31) - 25)]
    public void In_single_precision_too(double tRef, long startStep)
    {
        var population = new RefractoryFloatPopulation(2, new RefractoryFloatParameters { t_ref = tRef });
        population.drive[0] = 50f;
        population.drive[1] = 4f;
        typeof(RefractoryFloatPopulation).GetProperty("StepIndex")!.SetValue(population, startStep);
        var spikes = new List<(int, long)>();
        for (long step = 0; step < 2000; step++)
        {
            population.Step(0.1);
            for (int i = 0; i < 2; i++)
                if (population.Spiked(i)) spikes.Add((i, step));
        }
        Assert.Equal(new[] { (0, 0L), (1, 2L) }, spikes);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-1.0)]
    public void A_period_that_is_not_a_positive_number_makes_no_step_refractory(double tRef)
    {
        var population = new RefractoryPopulation(1, new RefractoryParameters { t_ref = tRef });
        population.drive[0] = 50.0;
        int count = 0;
        for (int step = 0; step < 100; step++)
        {
            population.Step(0.1);
            if (population.Spiked(0)) count++;
        }
        Assert.Equal(100, count); // K = 1, R = 0: every step, as with t_ref = 0
    }
}
