using DynLang.Runtime;

namespace DynLang.Models.Tests;

/// <summary>
/// Issue 10, item 1: a run stops at the first non-finite state, naming the model, the state, the
/// element and the step, instead of filling the state with NaN. AdEx with rk4 at 1 ms (beyond its
/// 0.177 ms bound) overflows exp((v − VT)/ΔT) on the upswing of the first spike.
/// </summary>
public sealed class FiniteGuardTests
{
    [Fact]
    public void AdEx_rk4_at_1_ms_stops_at_the_first_non_finite_state()
    {
        var neurons = new AdExPopulation(4) { CheckFinite = true };
        neurons.I.Fill(1e-9);                 // 1 nA: element 2 alone is driven, the others rest
        neurons.I[0] = 0; neurons.I[1] = 0; neurons.I[3] = 0;
        var e = Assert.Throws<NonFiniteStateException>(() =>
        {
            for (int step = 0; step < 1000; step++) neurons.Step();
        });
        Assert.Equal("AdExPopulation", e.Model);
        Assert.Equal(2, e.Element);
        Assert.True(e.Variable is "v" or "w", e.Message);
        Assert.Equal(neurons.StepIndex, e.Step);
        Assert.Contains("state " + e.Variable + " of element 2 is", e.Message);
        Assert.Contains("after step " + e.Step, e.Message);
        // The resting neurons were fine: the run stopped at the first bad value, not at the end.
        Assert.True(double.IsFinite(neurons.v[0]) && double.IsFinite(neurons.v[1]));
    }

    [Fact]
    public void The_guard_can_be_switched_off()
    {
        var neurons = new AdExPopulation(1) { CheckFinite = false };
        neurons.I.Fill(1e-9);
        for (int step = 0; step < 1000; step++) neurons.Step();
        Assert.False(double.IsFinite(neurons.v[0]) && double.IsFinite(neurons.w[0]),
            "without the guard the state is expected to be non-finite by now (the test of the guard relies on it)");
    }

    [Fact]
    public void A_network_checks_by_default_and_names_the_step()
    {
        var neurons = new AdExPopulation(3) { CheckFinite = false };   // as in a Release build
        neurons.I.Fill(1e-9);
        var network = new Network(1e-3).Add(neurons);
        var e = Assert.Throws<NonFiniteStateException>(() => network.Run(1.0));
        Assert.Equal(0, e.Element);
        Assert.Equal(neurons.StepIndex, e.Step);
    }

    [Fact]
    public void A_network_without_the_check_runs_on()
    {
        var neurons = new AdExPopulation(1) { CheckFinite = false };
        neurons.I.Fill(1e-9);
        var network = new Network(1e-3) { CheckFinite = false }.Add(neurons);
        network.Run(1.0);
        Assert.Equal(1000, neurons.StepIndex);
    }

    [Theory]
    [InlineData(1003, 517)]   // in the SIMD body of one chunk
    [InlineData(1003, 1002)]  // in the scalar tail
    [InlineData(100_003, 70_001)] // a population split over the worker pool
    public void The_check_fused_into_the_kernel_finds_the_element_in_any_path(int count, int bad)
    {
        // The kernel tests each stored value (x - x == 0 only for finite x) and the states are
        // read again only to name the element: the element must be exact in every path.
        var neurons = new LifDeterminismPopulation(count) { CheckFinite = true };
        neurons.I.Fill(0.5e-9);
        neurons.Step(1e-4);
        neurons.I[bad] = double.NaN;
        var e = Assert.Throws<NonFiniteStateException>(() => neurons.Step(1e-4));
        Assert.Equal("v", e.Variable);
        Assert.Equal(bad, e.Element);
        Assert.True(double.IsNaN(e.Value));
    }
}
