using DynLang.Runtime;

namespace DynLang.Ilgpu.Tests.Runtime;

/// <summary>IlgpuSpikeGeneratorSource against the CPU SpikeGeneratorSource: the same binning, spikes and errors.</summary>
[Collection(CpuAcceleratorCollection.Name)]
public sealed class SpikeGeneratorSourceTests(CpuAcceleratorFixture fixture)
{
    private static (int[] Indices, double[] Times) Pattern(int count, int spikes, double span, int seed)
    {
        var random = new Random(seed);
        var seen = new HashSet<(int, long)>();
        var indices = new List<int>();
        var times = new List<double>();
        while (indices.Count < spikes)
        {
            int i = random.Next(count);
            double t = Math.Round(random.NextDouble() * span, 4); // on the 0.1 ms grid: exact multiples of dt too
            if (!seen.Add((i, (long)Math.Floor((t + 1e-7) / 1e-4)))) continue; // one spike per element and step
            indices.Add(i);
            times.Add(t);
        }
        return (indices.ToArray(), times.ToArray());
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.01)]
    public void Spikes_equal_the_CPU_sources_every_step(double period)
    {
        const int n = 30;
        var (indices, times) = Pattern(n, 400, period > 0 ? 0.0099 : 0.02, seed: 5);
        var cpu = new SpikeGeneratorSource("gen", n, indices, times, period);
        using var device = new IlgpuSpikeGeneratorSource(fixture.Accelerator, "gen", n, indices, times, period);
        var deviceCopy = new DeviceListReader(device); // what the device list itself holds
        var probe = new SpikeProbe(cpu, device);
        var probeDevice = new SpikeProbe(cpu, deviceCopy);
        var network = new Network(dt: 1e-4).Add(new LockstepTwin(cpu), device, probe, probeDevice);
        network.Run(0.025); // 250 steps: with the period, the pattern plays two and a half times
        if (period == 0) Assert.Equal(400, probe.Spikes);
        Assert.Equal(probe.Spikes, probeDevice.Spikes);
        if (period > 0) Assert.True(probe.Spikes > 800, $"the period did not repeat the pattern: {probe.Spikes} spikes");
    }

    [Fact]
    public void A_later_run_continues_and_a_new_dt_rebins()
    {
        int[] indices = { 0, 1, 2, 0 };
        double[] times = { 0.0, 0.001, 0.002, 0.0035 };
        var cpu = new SpikeGeneratorSource("gen", 3, indices, times);
        using var device = new IlgpuSpikeGeneratorSource(fixture.Accelerator, "gen", 3, indices, times);
        var probe = new SpikeProbe(cpu, new DeviceListReader(device));
        var network = new Network(dt: 1e-4).Add(new LockstepTwin(cpu), device, probe);
        network.Run(0.002);
        network.Run(0.002);
        Assert.Equal(4, probe.Spikes);
        var cpu2 = new SpikeGeneratorSource("gen", 3, indices, times);
        var probe2 = new SpikeProbe(cpu2, new DeviceListReader(device));
        new Network(dt: 5e-4).Add(new LockstepTwin(cpu2), device, probe2).Run(0.004);
        Assert.Equal(4, probe2.Spikes);
    }

    [Fact]
    public void Bad_arguments_give_the_CPU_classes_messages()
    {
        var acc = fixture.Accelerator;
        AssertSameError(new[] { 3 }, new[] { 0.0 }, 0);          // index out of range
        AssertSameError(new[] { 0 }, new[] { -1.0 }, 0);         // negative time
        AssertSameError(new[] { 0, 1 }, new[] { 0.0 }, 0);       // unequal lengths
        AssertSameError(new[] { 0 }, new[] { 0.0 }, -1);         // negative period
        PoissonSourceTests.AssertSameError(
            () => new SpikeGeneratorSource("g", 3, new[] { 1, 1 }, new[] { 0.001, 0.00102 }).Prepare(1e-4),
            () => new IlgpuSpikeGeneratorSource(acc, "g", 3, new[] { 1, 1 }, new[] { 0.001, 0.00102 }).Prepare(1e-4)); // twice in one step
        PoissonSourceTests.AssertSameError(
            () => new SpikeGeneratorSource("g", 3, new[] { 1 }, new[] { 0.0 }, 0.00025).Prepare(1e-4),
            () => new IlgpuSpikeGeneratorSource(acc, "g", 3, new[] { 1 }, new[] { 0.0 }, 0.00025).Prepare(1e-4)); // period not a multiple of dt
        PoissonSourceTests.AssertSameError(
            () => new SpikeGeneratorSource("g", 3, new[] { 1 }, new[] { 0.002 }, 0.001).Prepare(1e-4),
            () => new IlgpuSpikeGeneratorSource(acc, "g", 3, new[] { 1 }, new[] { 0.002 }, 0.001).Prepare(1e-4)); // spike after the period

        void AssertSameError(int[] indices, double[] times, double period) =>
            PoissonSourceTests.AssertSameError(
                () => new SpikeGeneratorSource("g", 3, indices, times, period),
                () => new IlgpuSpikeGeneratorSource(acc, "g", 3, indices, times, period));
    }

    [Fact]
    public void A_disposed_source_throws()
    {
        var device = new IlgpuSpikeGeneratorSource(fixture.Accelerator, "g", 3, new[] { 1 }, new[] { 0.0 });
        device.Prepare(1e-4);
        device.Dispose();
        device.Dispose();
        Assert.Throws<ObjectDisposedException>(() => device.Run(NetworkPhase.Thresholds, new NetworkClock(0, 0, 1e-4)));
        Assert.Throws<ObjectDisposedException>(() => device.SpikesThisStep.Length);
        Assert.Throws<ObjectDisposedException>(() => device.AttachSpikeSink(new CollectingSink()));
    }
}

/// <summary>The spikes a device source's list holds, read from the device (not the host's copy).</summary>
internal sealed class DeviceListReader(IDeviceSpikeSource source) : ISpikeSource
{
    private readonly int[] _buffer = new int[Math.Max(1, source.Count)];

    public int Count => source.Count;

    public ReadOnlySpan<int> SpikesThisStep => _buffer.AsSpan(0, source.DeviceSpikes.ReadAscending(_buffer));
}
