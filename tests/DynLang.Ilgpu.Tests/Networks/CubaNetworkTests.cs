using DynLang.Models.Tests.Infrastructure;
using DynLang.Runtime;

namespace DynLang.Ilgpu.Tests.Networks;

/// <summary>
/// CUBA (Models/Cuba.dyn; Brian2's initial state and connectivity, tests/reference/cuba) written
/// once against the backend interfaces and run on the CPU backend and on ILGPU's CPU accelerator:
/// the same 22,058 spikes as Brian2, step for step, on both.
/// </summary>
/// <remarks>
/// Why the device run is exact, not only close: the population kernel is the CPU class's scalar
/// body (NeuronTests: bit for bit), and the synapses add one constant per pathway (we to ge, wi to
/// gi). The device adds them atomically in another order than the CPU, but a sum of equal
/// increments does not depend on the order (each addition sees the same operands), so ge, gi and v
/// are the same bits on both backends; the test checks that too.
/// </remarks>
[Collection(CpuAcceleratorCollection.Name)]
public sealed class CubaNetworkTests(CpuAcceleratorFixture fixture)
{
    private const int N = 4000;
    private const double Dt = 1e-4;

    private sealed record Outcome(SpikeMonitor Spikes, PopulationRateMonitor Rate, double[] V, double[] Ge, double[] Gi,
        StateMonitor<double> VTrace, StateMonitor<double> GeAll);

    /// <summary>The whole network, as a user writes it: only <paramref name="backend"/> differs between the two runs.</summary>
    private static Outcome Run(Backend backend)
    {
        var neurons = CubaPopulation.Create(backend, N);
        var v = new double[N];
        ReferenceNetwork.LoadState("cuba", "v", v);
        neurons.WriteV(v);
        ReferenceNetwork.LoadState("cuba", "ge", v);
        neurons.WriteGe(v);
        ReferenceNetwork.LoadState("cuba", "gi", v);
        neurons.WriteGi(v);
        var excitatory = CubaExcitatorySynapses.Create(neurons, neurons, ReferenceNetwork.LoadSynapses("cuba", "Ce", N));
        var inhibitory = CubaInhibitorySynapses.Create(neurons, neurons, ReferenceNetwork.LoadSynapses("cuba", "Ci", N));
        var spikes = new SpikeMonitor(neurons, "spikes");
        var rate = new PopulationRateMonitor(neurons, "rate");
        // v of four neurons every step, and ge of all 4000 every 5 steps: 2000 samples of 4000 values,
        // more than one device batch (4 M values), so the device monitor downloads mid-run too.
        var vTrace = new StateMonitor<double>("v", neurons.SamplerOfV(), new[] { 0, 1, 2, 3200 });
        var geAll = new StateMonitor<double>("ge", neurons.SamplerOfGe(), everySteps: 5);
        new Network(Dt).Add(neurons, excitatory, inhibitory, spikes, rate, vTrace, geAll).Run(1.0);
        var outcome = new Outcome(spikes, rate, neurons.ReadV().ToArray(), neurons.ReadGe().ToArray(), neurons.ReadGi().ToArray(), vTrace, geAll);
        excitatory.Dispose();
        inhibitory.Dispose();
        neurons.Dispose();
        return outcome;
    }

    [Fact]
    public void The_same_network_code_gives_Brian2s_22058_spikes_on_the_CPU_and_on_ILGPU_step_for_step()
    {
        var cpu = Run(Backend.Cpu);
        var device = Run(new IlgpuBackend(fixture.Accelerator));
        Assert.Equal(22_058, cpu.Spikes.Count);
        Assert.Equal(22_058, device.Spikes.Count);
        NetworkRuns.SameSpikes(cpu.Spikes, device.Spikes);
        // Every step recorded by the rate monitor through the device recorder's batches, empty ones too.
        Assert.Equal(10_000, device.Rate.SampleCount);
        Assert.Equal(cpu.Rate.SpikeCounts.ToArray(), device.Rate.SpikeCounts.ToArray());
        Bits.Equal(cpu.V, device.V, "v");
        Bits.Equal(cpu.Ge, device.Ge, "ge");
        Bits.Equal(cpu.Gi, device.Gi, "gi");
        // State monitors: samples gathered on the device, downloaded in batches, the CPU's values.
        Assert.Equal(10_000, device.VTrace.SampleCount);
        Bits.Equal(cpu.VTrace.Values, device.VTrace.Values.ToArray(), "v samples");
        Assert.Equal(cpu.VTrace.Steps.ToArray(), device.VTrace.Steps.ToArray());
        Assert.Equal(2_000, device.GeAll.SampleCount);
        Bits.Equal(cpu.GeAll.Values, device.GeAll.Values.ToArray(), "ge samples");
    }

    [Fact]
    public void The_factories_pick_the_class_of_the_backend()
    {
        using var device = CubaPopulation.Create(new IlgpuBackend(fixture.Accelerator), 10);
        Assert.IsType<CubaPopulationIlgpu>(device);
        Assert.IsType<CubaPopulation>(CubaPopulation.Create(Backend.Cpu, 10));
        using var synapses = CubaExcitatorySynapses.Create(device, device, Connectivity.OneToOne(10));
        Assert.IsType<CubaExcitatorySynapsesIlgpu>(synapses);
        Assert.Equal(device.Backend, synapses.Backend);
    }

    [Fact]
    public void Objects_of_two_backends_are_refused_with_both_named()
    {
        var cpu = CubaPopulation.Create(Backend.Cpu, 10);
        using var device = CubaPopulation.Create(new IlgpuBackend(fixture.Accelerator), 10);
        var synapses = Assert.Throws<ArgumentException>(() => CubaExcitatorySynapses.Create(cpu, device, Connectivity.OneToOne(10)));
        Assert.Contains("CPU", synapses.Message);
        Assert.Contains("ILGPU", synapses.Message);
        var network = Assert.Throws<ArgumentException>(() => new Network(Dt).Add(cpu, device));
        Assert.Contains("runs on backend CPU", network.Message);
        Assert.Contains("runs on backend ILGPU", network.Message);
        // A CPU Poisson source feeding a device population is refused the same way.
        var poisson = Backend.Cpu.PoissonSource("input", 10, 5.0);
        Assert.Throws<ArgumentException>(() => new Network(Dt).Add(device, (INetworkObject)poisson));
    }
}
