using DynLang.Runtime;

namespace DynLang.Ilgpu.Tests.Networks;

/// <summary>
/// The device paths of the synapse classes on small networks (Models/Networks/DeviceProbes.dyn),
/// each run once per backend from the same code: summed variables in both directions, 'on pre' and
/// 'on post' with event-driven traces, delays (one for all, per synapse), a spike-time input on the
/// device, resets after the synapses — and what the device refuses.
/// </summary>
[Collection(CpuAcceleratorCollection.Name)]
public sealed class DeviceProbeTests(CpuAcceleratorFixture fixture)
{
    private const int N = 40;
    private const double Dt = 1e-4;

    private sealed record Outcome(SpikeMonitor Spikes, double[] X, double[] Y, double[] I, double[] Iout, double[]? W, double[]? K);

    /// <summary>
    /// Cells driven by a spike-time input, coupled by gap sums (w per synapse) and, with
    /// <paramref name="kicks"/>, by ProbeKick synapses with the given delays.
    /// </summary>
    private static Outcome Run(Backend backend, bool kicks, Func<int, double>? perSynapseDelay = null, double delay = 0)
    {
        var cells = ProbeCellPopulation.Create(backend, N);
        // Input: one cell kicked per step, each cell every 40 steps (4 ms: x builds up over its 10 ms
        // time constant to above 1, so every cell fires), repeated every 50 ms.
        var indices = new List<int>();
        var times = new List<double>();
        for (int step = 0; step < 500; step++)
        {
            int i = (step * 7) % N;
            indices.Add(i);
            times.Add(step * Dt);
        }
        var input = backend.SpikeGenerator("input", N, indices.ToArray(), times.ToArray(), period: 0.05);
        var drive = ProbeInputSynapses.Create(input, cells, Connectivity.OneToOne(N));
        drive.Parameters = drive.Parameters with { w = 0.6 };
        var gapConnections = Connectivity.Random(N, N, p: 0.15, seed: 7, name: "gap");
        var gap = ProbeGapSynapses.Create(cells, cells, gapConnections);
        var weights = new double[gap.Count];
        for (int s = 0; s < weights.Length; s++) weights[s] = 0.05 + 0.1 * CounterRng.Uniform(3, 0, s, 0);
        gap.WriteW(weights);
        var network = new Network(Dt).Add((INetworkObject)input, cells, drive, gap);
        IProbeKickSynapses? kick = null;
        if (kicks)
        {
            kick = ProbeKickSynapses.Create(cells, cells, Connectivity.Random(N, N, p: 0.2, seed: 11, name: "kick"));
            kick.PreDelay = delay;
            if (perSynapseDelay is not null)
            {
                var delays = new double[kick.Count];
                for (int s = 0; s < delays.Length; s++) delays[s] = perSynapseDelay(s);
                kick.SetPreDelays(delays);
            }
            network.Add(kick);
        }
        var spikes = new SpikeMonitor(cells, "spikes");
        network.Add(spikes).Run(0.2);
        var outcome = new Outcome(spikes, cells.ReadX().ToArray(), cells.ReadY().ToArray(), cells.ReadI().ToArray(), cells.ReadIout().ToArray(),
            kick?.ReadW().ToArray(), kick?.ReadK().ToArray());
        kick?.Dispose();
        gap.Dispose();
        drive.Dispose();
        cells.Dispose();
        (input as IDisposable)?.Dispose();
        return outcome;
    }

    [Fact]
    public void Summed_variables_and_a_device_spike_generator_give_the_CPU_bits()
    {
        var cpu = Run(Backend.Cpu, kicks: false);
        var device = Run(new IlgpuBackend(fixture.Accelerator), kicks: false);
        Assert.True(cpu.Spikes.Count > 50, $"only {cpu.Spikes.Count} spikes");
        NetworkRuns.SameSpikes(cpu.Spikes, device.Spikes);
        // Sums in ascending synapse id on both backends, each input kick one addition: the same bits.
        Bits.Equal(cpu.I, device.I, "I");
        Bits.Equal(cpu.Iout, device.Iout, "Iout");
        Bits.Equal(cpu.X, device.X, "x");
    }

    public static TheoryData<string> DelayCases => new() { "none", "homogeneous", "per synapse" };

    [Theory]
    [MemberData(nameof(DelayCases))]
    public void Pathways_with_traces_and_delays_give_the_CPU_spikes(string delays)
    {
        Outcome Go(Backend backend) => delays switch
        {
            "none" => Run(backend, kicks: true),
            "homogeneous" => Run(backend, kicks: true, delay: 3 * Dt),
            _ => Run(backend, kicks: true, perSynapseDelay: s => (s % 5) * Dt),
        };
        var cpu = Go(Backend.Cpu);
        var device = Go(new IlgpuBackend(fixture.Accelerator));
        Assert.True(cpu.Spikes.Count > 100, $"only {cpu.Spikes.Count} spikes");
        NetworkRuns.SameSpikes(cpu.Spikes, device.Spikes);
        // Per-synapse states change only at their own events: with the same spikes, the same bits.
        Bits.Equal(cpu.W!, device.W!, "w");
        Bits.Equal(cpu.K!, device.K!, "k");
        // x and y receive several synapses' additions per step (post.x += w, pre.y -= 0.25·k), atomic on
        // the device: the same sums in another order. Each differs from the CPU's by rounding only, a
        // few ulps (2⁻⁵² ≈ 2.2e-16 relative) per addition, carried on by the decay (measured: 3.4e-15
        // relative on |y| ≈ 4000). 1e-12 relative bounds that with a margin of 300, while a wrong or
        // missing addition (0.25·k ≥ 1e-3 of a value below 1e4, i.e. ≥ 1e-7 relative) fails.
        for (int i = 0; i < N; i++)
        {
            Assert.True(Math.Abs(cpu.X[i] - device.X[i]) <= 1e-12 * Math.Max(1, Math.Abs(cpu.X[i])), $"x[{i}]: CPU {cpu.X[i]:R}, ILGPU {device.X[i]:R}");
            Assert.True(Math.Abs(cpu.Y[i] - device.Y[i]) <= 1e-12 * Math.Max(1, Math.Abs(cpu.Y[i])), $"y[{i}]: CPU {cpu.Y[i]:R}, ILGPU {device.Y[i]:R}");
        }
        Assert.Contains(cpu.Y, y => y < -1e-3); // 'on post' wrote the pre side: the comparison covers it
    }

    [Fact]
    public void A_synapse_model_that_sets_a_neuron_variable_has_no_device_class_and_the_factory_says_why()
    {
        using var cells = ProbeCellPopulation.Create(new IlgpuBackend(fixture.Accelerator), 4);
        var error = Assert.Throws<NotSupportedException>(() => ProbeOrderedSynapses.Create(cells, cells, Connectivity.OneToOne(4)));
        Assert.Contains("post.y", error.Message);
        Assert.Contains("'+='", error.Message);
        Assert.Contains("line", error.Message);
        // The CPU class is there as always.
        Assert.IsType<ProbeOrderedSynapses>(ProbeOrderedSynapses.Create(ProbeCellPopulation.Create(Backend.Cpu, 4), ProbeCellPopulation.Create(Backend.Cpu, 4), Connectivity.OneToOne(4)));
    }

    [Theory]
    [InlineData(-1e-4, "negative")]
    [InlineData(1.5e-4, "whole number")]
    public void Delays_off_the_grid_or_negative_are_refused_as_on_the_CPU(double delay, string expected)
    {
        string Message(Backend backend)
        {
            var cells = ProbeCellPopulation.Create(backend, 4);
            var kick = ProbeKickSynapses.Create(cells, cells, Connectivity.OneToOne(4));
            kick.PreDelay = delay;
            var error = Assert.ThrowsAny<ArgumentException>(() => new Network(Dt).Add(cells, kick).Run(Dt));
            kick.Dispose();
            cells.Dispose();
            return error.Message;
        }
        string cpu = Message(Backend.Cpu), device = Message(new IlgpuBackend(fixture.Accelerator));
        Assert.Contains(expected, device);
        Assert.Contains("ProbeKick", device);
        Assert.Equal(cpu.Contains(expected), device.Contains(expected));
    }
}
