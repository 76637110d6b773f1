using DynLang.Models.Tests.Infrastructure;
using DynLang.Runtime;

namespace DynLang.Ilgpu.Tests.Networks;

/// <summary>
/// COBAHH (Models/Networks/Cobahh.dyn: 4000 Hodgkin–Huxley neurons, exponential Euler, conductance
/// synapses; Brian2's initial state and connectivity, tests/reference/cobahh) written once and run on
/// the CPU backend and on ILGPU's CPU accelerator, 0.2 s of biological time.
/// </summary>
/// <remarks>
/// The same spikes step for step, and the same bits in every state: the neuron kernel is the CPU
/// class's scalar body (exp, exprel with the CPU runtime's formulas), and each synapse group adds one
/// constant (we to ge, wi to gi), whose sum does not depend on the order of the atomic additions.
/// 0.2 s (2000 steps, ~1,700 spikes) keeps the test short on the simulated accelerator; every kind of
/// step the 1 s run has (quiet, bursts, refractory) is in it.
/// </remarks>
[Collection(CpuAcceleratorCollection.Name)]
public sealed class CobahhNetworkTests(CpuAcceleratorFixture fixture)
{
    private const int N = 4000;
    private const double Dt = 1e-4, Duration = 0.2;

    private static (SpikeMonitor Spikes, ICobahhPopulation Neurons) Run(Backend backend)
    {
        var neurons = CobahhPopulation.Create(backend, N);
        var values = new double[N];
        foreach (var (name, write) in new (string, Action<double[]>)[] { ("v", x => neurons.WriteV(x)), ("ge", x => neurons.WriteGe(x)), ("gi", x => neurons.WriteGi(x)) })
        {
            ReferenceNetwork.LoadState("cobahh", name, values);
            write(values);
        }
        var excitatory = CobahhExcitatorySynapses.Create(neurons, neurons, ReferenceNetwork.LoadSynapses("cobahh", "Ce", N));
        var inhibitory = CobahhInhibitorySynapses.Create(neurons, neurons, ReferenceNetwork.LoadSynapses("cobahh", "Ci", N));
        var spikes = new SpikeMonitor(neurons, "spikes");
        new Network(Dt).Add(neurons, excitatory, inhibitory, spikes).Run(Duration);
        return (spikes, neurons);
    }

    [Fact]
    public void Cobahh_gives_the_CPU_backends_spikes_step_for_step_and_the_same_state_bits()
    {
        var cpu = Run(Backend.Cpu);
        var device = Run(new IlgpuBackend(fixture.Accelerator));
        Assert.True(cpu.Spikes.Count > 500, $"only {cpu.Spikes.Count} spikes: the comparison would not cover the network's activity");
        NetworkRuns.SameSpikes(cpu.Spikes, device.Spikes);
        Bits.Equal(cpu.Neurons.ReadV().ToArray(), device.Neurons.ReadV().ToArray(), "v");
        Bits.Equal(cpu.Neurons.ReadGe().ToArray(), device.Neurons.ReadGe().ToArray(), "ge");
        Bits.Equal(cpu.Neurons.ReadH().ToArray(), device.Neurons.ReadH().ToArray(), "h");
        device.Neurons.Dispose();
    }
}
