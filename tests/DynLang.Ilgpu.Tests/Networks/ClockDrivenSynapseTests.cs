using DynLang.Runtime;

namespace DynLang.Ilgpu.Tests.Networks;

/// <summary>
/// Clock-driven synapse states on the device (Models/Networks/ClockSynapses.dyn): the same network
/// code on the CPU backend and on ILGPU's CPU accelerator. The clock kernel runs the CPU class's
/// statements in the CPU class's order, with the same host uniforms, propagator and noise keys, so
/// the states are the same bits; the cells' spikes are the same.
/// </summary>
[Collection(CpuAcceleratorCollection.Name)]
public sealed class ClockDrivenSynapseTests(CpuAcceleratorFixture fixture)
{
    private const int N = 30;
    private const double Dt = 1e-4;
    private const double Duration = 0.06; // 600 steps: every cell spikes several times

    /// <summary>Cells with initial v spread over [0, 1), so they spike at different steps.</summary>
    private static IClockCellPopulation Cells(Backend backend)
    {
        var cells = ClockCellPopulation.Create(backend, N);
        var v = new double[N];
        for (int i = 0; i < N; i++) v[i] = CounterRng.Uniform(5, 0, i, 0);
        cells.WriteV(v);
        return cells;
    }

    private static Connectivity Connections() => Connectivity.Random(N, N, p: 0.2, seed: 13, name: "clock");

    /// <summary>
    /// Runs the cells with one synapse group made by <paramref name="create"/>, and returns the
    /// spikes, the cells' v and what <paramref name="read"/> reads from the synapses after the run.
    /// </summary>
    private static (SpikeMonitor Spikes, double[] V, T[] States) Run<TSynapses, T>(Backend backend, Func<IClockCellPopulation, TSynapses> create, Func<TSynapses, T[]> read)
        where TSynapses : INetworkObject, IDisposable
    {
        var cells = Cells(backend);
        var synapses = create(cells);
        var spikes = new SpikeMonitor(cells, "spikes");
        new Network(Dt).Add(cells, synapses, spikes).Run(Duration);
        var states = read(synapses);
        var v = cells.ReadV().ToArray();
        synapses.Dispose();
        cells.Dispose();
        return (spikes, v, states);
    }

    private (SpikeMonitor Spikes, double[] V, T[] States)[] OnBoth<TSynapses, T>(Func<IClockCellPopulation, TSynapses> create, Func<TSynapses, T[]> read)
        where TSynapses : INetworkObject, IDisposable =>
        new[] { Run(Backend.Cpu, create, read), Run(new IlgpuBackend(fixture.Accelerator), create, read) };

    /// <summary>
    /// The CPU run did something (spikes, non-zero states), the ILGPU run has the same spikes, and
    /// <paramref name="bitsEqual"/> finds the same bits in the states.
    /// </summary>
    private static void SameAsCpu<T>((SpikeMonitor Spikes, double[] V, T[] States)[] runs, Action<T[], T[]> bitsEqual) where T : IEquatable<T>
    {
        Assert.True(runs[0].Spikes.Count > 50, $"only {runs[0].Spikes.Count} spikes");
        Assert.Contains(runs[0].States, x => !x.Equals(default!));
        NetworkRuns.SameSpikes(runs[0].Spikes, runs[1].Spikes);
        bitsEqual(runs[0].States, runs[1].States);
    }

    [Fact]
    public void Rk2_coupling_read_from_both_sides_and_summed_back_gives_the_CPU_bits()
    {
        var runs = OnBoth(cells => ClockCouplingSynapses.Create(cells, cells, Connections()), s => s.ReadC().ToArray());
        SameAsCpu(runs, (cpu, device) => Bits.Equal(cpu, device, "c"));
        // c is summed into I: the cells see the same input, so the same v.
        Bits.Equal(runs[0].V, runs[1].V, "v");
    }

    [Fact]
    public void Rk4_with_a_nonlinear_right_hand_side_gives_the_CPU_bits()
    {
        var runs = OnBoth(cells => ClockCouplingRk4Synapses.Create(cells, cells, Connections()), s => s.ReadC().ToArray());
        SameAsCpu(runs, (cpu, device) => Bits.Equal(cpu, device, "c"));
    }

    [Fact]
    public void The_exact_solver_with_its_propagator_from_the_host_gives_the_CPU_bits()
    {
        var runs = OnBoth(cells => ClockExactSynapses.Create(cells, cells, Connections()),
            s => s.ReadA().ToArray().Concat(s.ReadB().ToArray()).ToArray());
        SameAsCpu(runs, (cpu, device) => Bits.Equal(cpu, device, "a then b"));
    }

    [Fact]
    public void White_noise_draws_the_CPU_numbers_per_synapse_and_step()
    {
        var runs = OnBoth(cells => ClockNoisySynapses.Create(cells, cells, Connections()), s => s.ReadN().ToArray());
        // Noise: the states differ from synapse to synapse even between the same pair of cells' values.
        Assert.True(runs[0].States.Distinct().Count() > runs[0].States.Length / 2);
        Bits.Equal(runs[0].States, runs[1].States, "n");
    }

    [Fact]
    public void The_seed_is_the_CPU_class_s()
    {
        static IClockNoisySynapses Seeded(IClockCellPopulation cells)
        {
            var synapses = ClockNoisySynapses.Create(cells, cells, Connections());
            switch (synapses)
            {
                case ClockNoisySynapses cpu: cpu.Seed = 42; break;
                case ClockNoisySynapsesIlgpu device: device.Seed = 42; break;
            }
            return synapses;
        }
        var seeded = OnBoth(Seeded, s => s.ReadN().ToArray());
        var unseeded = OnBoth(cells => ClockNoisySynapses.Create(cells, cells, Connections()), s => s.ReadN().ToArray());
        Bits.Equal(seeded[0].States, seeded[1].States, "n (seed 42)");
        Assert.NotEqual(unseeded[1].States, seeded[1].States);
    }

    [Fact]
    public void A_float_synapse_model_between_double_neurons_gives_the_CPU_bits()
    {
        var runs = OnBoth(cells => ClockFloatSynapses.Create(cells, cells, Connections()), s => s.ReadF().ToArray());
        SameAsCpu(runs, (cpu, device) => Bits.Equal(cpu, device, "f"));
    }
}
