using DynLang.Runtime;

namespace DynLang.Ilgpu.Tests.Runtime;

/// <summary>IlgpuPoissonSource against the CPU PoissonSource: the same draws, hence the same spikes, step by step.</summary>
[Collection(CpuAcceleratorCollection.Name)]
public sealed class PoissonSourceTests(CpuAcceleratorFixture fixture)
{
    [Theory]
    [InlineData(0UL, 0UL)]
    [InlineData(42UL, 3UL)]
    public void Spikes_equal_the_CPU_sources_every_step(ulong seed, ulong stream)
    {
        const int n = 97;
        var cpu = new PoissonSource("in", n, 1500, seed, stream);
        using var device = new IlgpuPoissonSource(fixture.Accelerator, "in", n, 1500, seed, stream);
        // Per-element rates, some zero, up to rate·dt = 0.96.
        for (int i = 0; i < n; i++) cpu.Rates[i] = device.Rates[i] = i % 10 == 0 ? 0 : 100.0 * i;
        var probe = new SpikeProbe(cpu, device);
        var network = new Network(dt: 1e-4).Add(new LockstepTwin(cpu), device, probe);
        network.Run(300 * 1e-4);
        Assert.True(probe.Spikes > 1000, $"only {probe.Spikes} spikes");
        Assert.Equal(300, probe.StepsWithSpikes);
    }

    [Fact]
    public void Rates_changed_between_runs_are_used_in_the_next_run()
    {
        var cpu = new PoissonSource("in", 40, 0, 1);
        using var device = new IlgpuPoissonSource(fixture.Accelerator, "in", 40, 0, 1);
        var probe = new SpikeProbe(cpu, device);
        var network = new Network(dt: 1e-3).Add(new LockstepTwin(cpu), device, probe);
        network.Run(0.05);
        Assert.Equal(0, probe.Spikes);
        cpu.Rates.Fill(300);
        device.Rates.Fill(300);
        network.Run(0.05);
        Assert.True(probe.Spikes > 100, $"only {probe.Spikes} spikes");
    }

    [Fact]
    public void UploadRates_takes_effect_from_the_next_step()
    {
        using var device = new IlgpuPoissonSource(fixture.Accelerator, "in", 8, 0, 1);
        device.Prepare(1e-3);
        device.Run(NetworkPhase.Thresholds, new NetworkClock(0, 0, 1e-3));
        Assert.Equal(0, device.SpikesThisStep.Length);
        device.Rates.Fill(1000); // probability 1
        device.UploadRates();
        device.Run(NetworkPhase.Thresholds, new NetworkClock(1, 1e-3, 1e-3));
        Assert.Equal(Enumerable.Range(0, 8), device.SpikesThisStep.ToArray());
    }

    [Fact]
    public void Bad_arguments_give_the_CPU_classes_messages()
    {
        var acc = fixture.Accelerator;
        AssertSameError(() => new PoissonSource("p", -1, 1, 0), () => new IlgpuPoissonSource(acc, "p", -1, 1, 0));
        AssertSameError(() => new PoissonSource("p", 3, double.NaN, 0), () => new IlgpuPoissonSource(acc, "p", 3, double.NaN, 0));
        AssertSameError(() => new PoissonSource("p", 3, 1, 0, 1UL << 32), () => new IlgpuPoissonSource(acc, "p", 3, 1, 0, 1UL << 32));
        var cpu = new PoissonSource("p", 3, 2000, 0);
        using var device = new IlgpuPoissonSource(acc, "p", 3, 2000, 0);
        AssertSameError(() => cpu.Prepare(1e-3), () => device.Prepare(1e-3)); // rate·dt = 2 > 1
        AssertSameError(() => cpu.Prepare(0), () => device.Prepare(0));
        cpu.Prepare(1e-4);
        device.Prepare(1e-4);
        AssertSameError(() => cpu.Run(NetworkPhase.Thresholds, new NetworkClock(0, 0, 1e-3)),
            () => device.Run(NetworkPhase.Thresholds, new NetworkClock(0, 0, 1e-3)));
    }

    [Fact]
    public void An_empty_source_runs()
    {
        using var device = new IlgpuPoissonSource(fixture.Accelerator, "none", 0, 10, 0);
        var network = new Network(dt: 1e-3).Add(device);
        network.Run(0.01);
        Assert.Equal(0, device.SpikesThisStep.Length);
    }

    [Fact]
    public void The_backend_makes_device_sources_on_its_accelerator()
    {
        var backend = new IlgpuBackend(fixture.Accelerator);
        var source = backend.PoissonSource("p", 5, 10, 1);
        try
        {
            var device = Assert.IsType<IlgpuPoissonSource>(source);
            Assert.Equal(backend, device.Backend);
            Assert.Same(fixture.Accelerator, device.Accelerator);
            Assert.Equal(5, device.DeviceSpikes.Capacity);
        }
        finally
        {
            (source as IDisposable)?.Dispose();
        }
    }

    [Fact]
    public void A_disposed_source_throws()
    {
        var device = new IlgpuPoissonSource(fixture.Accelerator, "p", 5, 10, 1);
        device.Dispose();
        device.Dispose(); // twice is fine
        Assert.Throws<ObjectDisposedException>(() => device.Prepare(1e-3));
        Assert.Throws<ObjectDisposedException>(() => device.Run(NetworkPhase.Thresholds, new NetworkClock(0, 0, 1e-3)));
        Assert.Throws<ObjectDisposedException>(() => device.DeviceSpikes);
        Assert.Throws<ObjectDisposedException>(() => device.SpikesThisStep.Length);
        // Dispose delivered the recorded spikes; draining afterwards does nothing (monitors are read after their source is gone).
        device.DrainSpikes();
    }

    internal static void AssertSameError(Action cpu, Action device)
    {
        var expected = Record.Exception(cpu);
        Assert.NotNull(expected);
        var actual = Record.Exception(device);
        Assert.NotNull(actual);
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal(expected.Message, actual.Message);
    }
}
