using DynLang.Runtime;

namespace DynLang.Ilgpu.Tests.Networks;

/// <summary>
/// Song, Miller &amp; Abbott (2000) as in Brian2's examples/synapses/STDP.py
/// (Models/Networks/StdpSong2000.dyn: 1000 Poisson inputs at 15 Hz, one neuron, additive STDP with
/// event-driven traces) on both backends for 2 s: the device Poisson source draws the CPU's spikes,
/// 'on pre' and 'on post' run as kernels, the traces in closed form.
/// </summary>
/// <remarks>
/// What may differ, and why the comparison holds: 'on pre' adds each input's weight to the neuron's
/// ge. On the CPU the inputs of a step add in ascending order; on the device atomically, in any
/// order. With two or more input spikes in a step (about 1.5 a step on average here) the sum of
/// different weights can differ in its last bit (relative 2⁻⁵² per addition). That moves v by
/// ~1e-17 V, far below anything that changes a threshold crossing over 2 s (v would have to land
/// within 1e-17 V of the threshold): the output spikes are required to be the same steps. The
/// weights change only at spikes, by clip(w + trace) with the traces computed from the spike times
/// alone, so with the same spikes they are the same bits; the test requires that too (a tolerance
/// would hide a wrong trace).
/// </remarks>
[Collection(CpuAcceleratorCollection.Name)]
public sealed class StdpNetworkTests(CpuAcceleratorFixture fixture)
{
    private const int Inputs = 1000;
    private const double Dt = 1e-4, Rate = 15.0, Duration = 2.0;
    private const ulong Seed = 2000;

    private static (SpikeMonitor Output, SpikeMonitor Input, double[] Weights, double[] Apre) Run(Backend backend)
    {
        var input = backend.PoissonSource("input", Inputs, Rate, Seed);
        var neuron = SongNeuronPopulation.Create(backend, 1);
        var synapses = SongStdpSynapses.Create(input, neuron, Connectivity.Dense(Inputs, 1));
        double gmax = synapses.Parameters.gmax;
        var w = new double[Inputs];
        for (int s = 0; s < Inputs; s++) w[s] = CounterRng.Uniform(Seed, stream: 1, element: s, step: 0) * gmax;
        synapses.WriteW(w);
        var output = new SpikeMonitor(neuron, "output");
        var inputs = new SpikeMonitor(input, "input");
        new Network(Dt).Add((INetworkObject)input, neuron, synapses, output, inputs).Run(Duration);
        var result = (output, inputs, synapses.ReadW().ToArray(), synapses.ReadApre().ToArray());
        synapses.Dispose();
        neuron.Dispose();
        (input as IDisposable)?.Dispose();
        return result;
    }

    [Fact]
    public void Stdp_gives_the_CPU_backends_spikes_and_weights()
    {
        var cpu = Run(Backend.Cpu);
        var device = Run(new IlgpuBackend(fixture.Accelerator));
        NetworkRuns.SameSpikes(cpu.Input, device.Input);
        Assert.True(cpu.Output.Count > 20, $"only {cpu.Output.Count} output spikes: 'on post' would hardly be exercised");
        NetworkRuns.SameSpikes(cpu.Output, device.Output);
        int moved = cpu.Weights.Zip(w0()).Count(p => p.First != p.Second);
        Assert.True(moved > 900, $"only {moved} weights changed: the plasticity would hardly be compared");
        Bits.Equal(cpu.Weights, device.Weights, "w");
        Bits.Equal(cpu.Apre, device.Apre, "apre");

        static IEnumerable<double> w0()
        {
            for (int s = 0; s < Inputs; s++) yield return CounterRng.Uniform(Seed, stream: 1, element: s, step: 0) * 0.01;
        }
    }
}
