namespace DynLang.Models.Tests;

/// <summary>
/// Behaviours of the generated API that are not numerics: parameter defaults, argument checks,
/// Reset, and the four views of the last step's spikes.
/// </summary>
public sealed class GeneratedApiTests
{
    [Fact]
    public void Derived_parameter_default_follows_its_base_until_set()
    {
        var defaults = new StdpTracesParameters();
        Assert.Equal(-defaults.Apre * defaults.taupre / defaults.taupost * 1.05, defaults.Apost);
        Assert.Equal(-0.0105, defaults.Apost, 1e-15);

        var changed = defaults with { Apre = 0.02, taupost = 0.04 };
        Assert.Equal(-0.02 * 0.02 / 0.04 * 1.05, changed.Apost);

        var set = defaults with { Apost = -0.5 };
        var setThenChanged = set with { Apre = 0.03 };
        Assert.Equal(-0.5, setThenChanged.Apost);
        Assert.Equal(0.03, setThenChanged.Apre);
    }

    [Fact]
    public void Parameter_without_default_is_NaN_and_Step_names_it()
    {
        var system = new NoDefaultSystem(2);
        Assert.True(double.IsNaN(system.Parameters.k));
        var error = Assert.Throws<InvalidOperationException>(() => system.Step(0.1));
        Assert.Contains("'k'", error.Message);
        Assert.Equal(0, system.StepIndex);
        Assert.Equal(1.0, system.x[0]);

        system.Parameters = system.Parameters with { k = 2 };
        system.Step(0.1);
        Assert.Equal(1.0 + 0.1 * (-2 * 1.0), system.x[0]); // one Euler step of dx/dt = -k·x
        Assert.Equal(1, system.StepIndex);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Step_rejects_a_time_step_that_is_not_positive_and_finite(double dt)
    {
        var population = new LifIsiPopulation(3);
        Assert.Throws<ArgumentOutOfRangeException>(() => population.Step(dt));
        var system = new MembraneSystem(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => system.Step(dt));
        var rule = new OjaRule(1, 8);
        Assert.Throws<ArgumentOutOfRangeException>(() => rule.Step(dt));
        Assert.Equal(0, population.StepIndex);
        Assert.Equal(0, rule.StepIndex);
        Assert.Equal(0.0, population.Time);
    }

    [Fact]
    public void Reset_restores_initial_values_from_the_current_parameters_and_keeps_inputs()
    {
        var population = new LifIsiPopulation(5);
        Assert.All(population.v.ToArray(), v => Assert.Equal(-0.065, v)); // state v = v_rest
        for (int i = 0; i < 5; i++) population.I[i] = 3e-9;
        population.Parameters = population.Parameters with { v_rest = -0.060 };
        bool spiked = false;
        for (int n = 0; n < 300; n++)
        {
            population.Step(1e-4);
            spiked |= population.SpikeCount > 0;
        }
        Assert.True(spiked);
        Assert.Equal(300, population.StepIndex);

        population.Reset();
        Assert.All(population.v.ToArray(), v => Assert.Equal(-0.060, v));
        Assert.All(population.I.ToArray(), i => Assert.Equal(3e-9, i));
        Assert.Equal(0, population.StepIndex);
        Assert.Equal(0.0, population.Time);
        Assert.Equal(0, population.SpikeCount);
        Assert.DoesNotContain(true, population.Spikes.ToArray());
        // Refractoriness is cleared too: after Reset the run repeats exactly.
        var again = new LifIsiPopulation(5, population.Parameters);
        for (int i = 0; i < 5; i++) again.I[i] = 3e-9;
        for (int n = 0; n < 300; n++)
        {
            population.Step(1e-4);
            again.Step(1e-4);
            Assert.Equal(again.v.ToArray(), population.v.ToArray());
        }
    }

    [Fact]
    public void Reset_of_a_rule_zeroes_its_states_and_keeps_its_inputs()
    {
        var rule = new OjaRule(1, 8);
        for (int j = 0; j < 8; j++)
        {
            rule.W[j] = 0.1 * (j + 1);
            rule.x[j] = 1.0;
        }
        rule.Step(1.0);
        Assert.Equal(1.0, rule.Time);
        rule.Reset();
        Assert.All(rule.W.ToArray(), w => Assert.Equal(0.0, w)); // W has no initial value: zero
        Assert.All(rule.x.ToArray(), x => Assert.Equal(1.0, x));
        Assert.Equal(0.0, rule.Time);
        Assert.Equal(0, rule.StepIndex);
    }

    [Fact]
    public void SpikeCount_Spikes_Spiked_and_CopySpikeIndices_agree_every_step()
    {
        // 37 elements: SIMD body and scalar tail; drives from sub-threshold to strong.
        const int count = 37;
        var population = new RefractoryPopulation(count);
        for (int i = 0; i < count; i++) population.drive[i] = 0.5 + 0.25 * i;
        var indices = new int[count];

        Assert.Equal(0, population.SpikeCount);
        Assert.Equal(0, population.CopySpikeIndices(indices));
        Assert.DoesNotContain(true, population.Spikes.ToArray());

        int total = 0;
        for (int n = 0; n < 200; n++)
        {
            population.Step(0.1);
            bool[] flags = population.Spikes.ToArray();
            int copied = population.CopySpikeIndices(indices);
            var fromSpiked = Enumerable.Range(0, count).Where(population.Spiked).ToArray();
            var fromFlags = Enumerable.Range(0, count).Where(i => flags[i]).ToArray();
            Assert.Equal(fromSpiked, fromFlags);
            Assert.Equal(fromSpiked, indices.AsSpan(0, copied).ToArray()); // ascending
            Assert.Equal(fromSpiked.Length, population.SpikeCount);
            total += copied;
        }
        Assert.True(total > 100, $"only {total} spikes");
    }
}
