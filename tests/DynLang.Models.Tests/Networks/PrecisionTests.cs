using DynLang.Runtime;

namespace DynLang.Models.Tests.Networks;

/// <summary>
/// float and double across the synapse boundary (Models/Networks/Precision.dyn). A synapse computes
/// in its own precision: a float synapse in float; a double synapse reading a float neuron widens
/// the value on load and rounds to float once on store; a float synapse on a double neuron rounds
/// on load and widens on store. Each case is checked bit for bit against that rule, with values
/// chosen so that the other rules give different bits.
/// </summary>
/// <remarks>
/// The probe: x = 1 and w = 1.5·2⁻²³ − 2⁻⁵⁰. In float, (float)w = 1.5·2⁻²³ and 1 + 1.5·2⁻²³ is a
/// tie that rounds to even: 1 + 2⁻²². In double, 1 + w lies just below the tie, so rounding the
/// double sum to float gives 1 + 2⁻²³. (Units: the numbers are volts; their size does not matter.)
/// </remarks>
public sealed class PrecisionTests
{
    private const double Dt = 1e-4;
    private static readonly double ProbeW = 1.5 * Math.Pow(2, -23) - Math.Pow(2, -50);

    private static SpikeGeneratorSource Source(params long[] steps) =>
        new("pre", 1, steps.Select(_ => 0).ToArray(), Steps.Times(Dt, steps));

    [Fact]
    public void The_probe_separates_float_arithmetic_from_a_rounded_double_sum()
    {
        float floatSum = 1f + (float)ProbeW;
        float roundedDouble = (float)(1.0 + ProbeW);
        Assert.Equal(1f + MathF.Pow(2, -22), floatSum);
        Assert.Equal(1f + MathF.Pow(2, -23), roundedDouble);
    }

    [Fact]
    public void Float_synapse_on_float_neuron_adds_in_float()
    {
        var cell = new FloatCellPopulation(1);
        cell.x[0] = 1f;
        var source = Source(2);
        var synapses = new FloatOnFloatSynapses(source, cell, Connectivity.OneToOne(1), new FloatOnFloatParameters { w = ProbeW });
        new Network(Dt).Add(source, cell, synapses).Run(5 * Dt);
        Assert.Equal(1f + (float)ProbeW, cell.x[0]);
    }

    [Fact]
    public void Float_clock_driven_trace_steps_in_float()
    {
        long[] events = { 2, 5, 6, 11 };
        var cell = new FloatCellPopulation(1);
        var source = Source(events);
        var synapses = new FloatOnFloatSynapses(source, cell, Connectivity.OneToOne(1));
        var trace = new StateMonitor<float>("s", () => synapses.s);
        new Network(Dt).Add(source, cell, synapses, trace).Run(20 * Dt);
        // Float emulation: the propagator e^{−dt/τs} is computed in double and rounded once; each
        // step multiplies in float, each event adds 1f (Groups phase, then Synapses phase).
        float p = (float)Math.Exp(-(Dt / 5e-3));
        float s = 0;
        for (int m = 0; m < 20; m++)
        {
            Assert.True(s == trace.Sample(m)[0], $"sample {m}: s = {trace.Sample(m)[0]:R}, float emulation {s:R}");
            s = p * s;
            if (events.Contains(m)) s += 1f;
        }
        // The same recurrence in double ends elsewhere: the check above sees float arithmetic.
        double sd = 0;
        for (int m = 0; m < 20; m++) { sd = Math.Exp(-(Dt / 5e-3)) * sd; if (events.Contains(m)) sd += 1; }
        Assert.NotEqual(sd, (double)synapses.s[0]);
    }

    [Fact]
    public void Double_synapse_on_float_neuron_widens_on_load_and_rounds_on_store()
    {
        var cell = new FloatCellPopulation(1);
        cell.x[0] = 1f;
        var source = Source(3);
        var synapses = new DoubleOnFloatSynapses(source, cell, Connectivity.OneToOne(1), new DoubleOnFloatParameters { w = ProbeW });
        new Network(Dt).Add(source, cell, synapses).Run(5 * Dt);
        Assert.Equal((float)(1.0 + ProbeW), cell.x[0]);
        Assert.NotEqual(1f + (float)ProbeW, cell.x[0]);
    }

    [Fact]
    public void Float_synapse_on_double_neuron_rounds_on_load_and_widens_on_store()
    {
        var cell = new DoubleCellPopulation(1);
        cell.x[0] = 1.0;
        var source = Source(3);
        var synapses = new FloatOnDoubleSynapses(source, cell, Connectivity.OneToOne(1), new FloatOnDoubleParameters { w = ProbeW });
        new Network(Dt).Add(source, cell, synapses).Run(5 * Dt);
        Assert.Equal((double)(1f + (float)ProbeW), cell.x[0]);
        Assert.NotEqual(1.0 + ProbeW, cell.x[0]);
    }

    [Fact]
    public void Double_summed_variable_into_a_float_input_is_the_sum_to_float_precision()
    {
        var cells = new FloatCellPopulation(3);
        new[] { 1e-3f, 2e-3f, 4e-3f }.CopyTo(cells.x);
        var synapses = new SumIntoFloatSynapses(cells, cells, Connectivity.FromIndices(new[] { 0, 1 }, new[] { 2, 2 }, 3, 3));
        new[] { 0.3, 0.7 }.CopyTo(synapses.g);
        new Network(Dt).Add(cells, synapses).Run(Dt);
        double exact = 0.3 * ((double)1e-3f - 4e-3f) + 0.7 * ((double)2e-3f - 4e-3f);   // ≈ −2.3 mV
        // Tolerance: two terms, each rounded to float, and one float addition: ≤ 3 half-ulps of
        // 2.3e-3 (ulp 2.3e-10): 5e-10 V. A wrong sum (a missing term, a wrong sign) is ≥ 0.9 mV off.
        Assert.Equal(exact, cells.Isum[2], 5e-10);
        Assert.Equal(0f, cells.Isum[0]);
        Assert.Equal(0f, cells.Isum[1]);
    }
}
