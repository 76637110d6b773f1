using DynLang.Runtime;

namespace DynLang.Models.Tests.Networks;

/// <summary>
/// Clock-driven synapse states (Models/Networks/ClockDriven.dyn): ds/dt = −s/τ integrated every
/// step in the Groups phase with the model's solver, <c>on pre { s += 1 }</c> in the Synapses
/// phase. With events in steps k, the sample of step m (taken before step m's update) is
/// Σ_{k &lt; m} R^{m−1−k}, R the solver's one-step factor for h = dt/τ: e^{−h} (exact),
/// 1 − h + h²/2 − h³/6 + h⁴/24 (rk4), 1 − h (euler).
/// </summary>
public sealed class ClockDrivenTests
{
    private const double Dt = 1e-4;
    private const double Tau = 10e-3;
    private static readonly long[] EventSteps = { 3, 10, 11, 40, 41, 42, 120 };
    private const int RunSteps = 200;

    // Tolerance, relative: each sample is a sum of at most 7 terms R^n with n ≤ 200, each computed
    // by the kernel as n successive roundings (≤ 200 ulps ≈ 4.4e-14 relative) against the power
    // below (a few ulps): 1e-13 relative covers it. The solvers differ from one another far more:
    // rk4 from exact by h⁵/120 ≈ 8e-13 per step, euler by h²/2 = 5e-5 per step.
    private const double Relative = 1e-13;

    private static StateMonitor<double> Run<TSynapses>(Func<SpikeGeneratorSource, ClockSinkPopulation, TSynapses> create, Func<TSynapses, SpanGetter<double>> state, int sources = 1)
        where TSynapses : INetworkObject
    {
        var source = new SpikeGeneratorSource("pre", sources, EventSteps.Select(_ => 0).ToArray(), Steps.Times(Dt, EventSteps));
        var sink = new ClockSinkPopulation(sources);
        var synapses = create(source, sink);
        var monitor = new StateMonitor<double>("s", state(synapses));
        new Network(Dt).Add(source, sink, synapses, monitor).Run(RunSteps * Dt);
        return monitor;
    }

    private static double Expected(double factor, long m) =>
        EventSteps.Where(k => k < m).Sum(k => Math.Pow(factor, m - 1 - k));

    private static void AssertTrace(StateMonitor<double> monitor, double factor, int column = 0)
    {
        for (int m = 0; m < monitor.SampleCount; m++)
        {
            double expected = Expected(factor, m);
            double actual = monitor.Sample(m)[column];
            Assert.True(Math.Abs(expected - actual) <= Relative * expected,
                $"sample {m}: s = {actual:R}, expected {expected:R} (relative error {Math.Abs(expected - actual) / Math.Max(expected, 1e-300):E2})");
        }
    }

    [Fact]
    public void Exact_solver_decays_as_the_exponential_between_events()
    {
        var trace = Run((source, sink) => new ClockTraceExactSynapses(source, sink, Connectivity.OneToOne(1)), s => () => s.s);
        AssertTrace(trace, Math.Exp(-Dt / Tau));
        // Spot check, written out: after step 11 (events 3, 10, 11) s = e^{−8h} + e^{−h} + 1
        // (to rounding: ≤ 10 ulps of 2.9 = 4.4e-15 from eight products and two sums).
        double h = Dt / Tau;
        Assert.Equal(Math.Exp(-8 * h) + Math.Exp(-h) + 1, trace.Sample(12)[0], 4e-15);
    }

    [Fact]
    public void Rk4_steps_with_its_fourth_order_factor()
    {
        var trace = Run((source, sink) => new ClockTraceRk4Synapses(source, sink, Connectivity.OneToOne(1)), s => () => s.s);
        double h = Dt / Tau;
        AssertTrace(trace, 1 - h + h * h / 2 - h * h * h / 6 + h * h * h * h / 24);
        // Fourth order: within a few h⁵/120 per step of the exact decay, and not equal to it.
        double exact = Expected(Math.Exp(-h), RunSteps - 1);
        double error = Math.Abs(trace.Sample(RunSteps - 1)[0] - exact);
        Assert.True(error <= RunSteps * Math.Pow(h, 5) / 120 * exact * 2, $"rk4 − exact = {error:E2}");
    }

    [Fact]
    public void Euler_steps_with_one_minus_h()
    {
        var trace = Run((source, sink) => new ClockTraceEulerSynapses(source, sink, Connectivity.OneToOne(1)), s => () => s.s);
        double h = Dt / Tau;
        AssertTrace(trace, 1 - h);
        // First order: visibly below the exponential (Σ over the events of (e^{−nh} − (1−h)^n) > 0).
        Assert.True(Expected(Math.Exp(-h), RunSteps - 1) - trace.Sample(RunSteps - 1)[0] > 1e-4);
    }

    [Fact]
    public void Synapses_that_no_spike_reaches_stay_at_their_initial_value()
    {
        // Two synapses, only source 0 spikes: s of synapse 1 is integrated from 0 and stays 0.
        var trace = Run((source, sink) => new ClockTraceExactSynapses(source, sink, Connectivity.OneToOne(2)), s => () => s.s, sources: 2);
        Assert.All(trace.ValuesOf(1), x => Assert.Equal(0.0, x));
        AssertTrace(trace, Math.Exp(-Dt / Tau));
    }

    [Fact]
    public void Exact_solver_handles_a_slow_time_constant()
    {
        // Homeostatic traces decay over minutes: τ = 1000 s at dt = 0.1 ms (h = 1e-7). The exact
        // decay e^{−h} is perfectly conditioned; the run must work and follow it.
        var source = new SpikeGeneratorSource("pre", 1, new[] { 0 }, Steps.Times(Dt, 0));
        var sink = new ClockSinkPopulation(1);
        var synapses = new ClockTraceExactSynapses(source, sink, Connectivity.OneToOne(1), new ClockTraceExactParameters { tau = 1000 });
        new Network(Dt).Add(source, sink, synapses).Run(100 * Dt);
        // s = e^{−99h} after 100 steps (the event of step 0 came after that step's decay).
        Assert.Equal(Math.Exp(-99 * Dt / 1000), synapses.s[0], 1e-13);
    }
}
