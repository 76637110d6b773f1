namespace DynLang.Ilgpu.Tests;

/// <summary>
/// Neuron populations with events on ILGPU's CPU accelerator against the CPU backend. The kernel
/// is the CPU class's scalar loop body over the same IR, and the CPU accelerator runs it as .NET
/// code (no fused multiply-add, the same Math functions), and the CPU class's SIMD lanes equal its
/// scalar loop; so states must be equal bit for bit and spikes must fall on the same steps.
/// </summary>
[Collection(CpuAcceleratorCollection.Name)]
public sealed class NeuronTests(CpuAcceleratorFixture fixture)
{
    [Fact]
    public void Lif_exact_matches_the_CPU_class_bit_for_bit_with_the_same_spikes()
    {
        const int n = 67; // not a multiple of a SIMD width or warp: exercises the CPU class's tail too
        var cpu = new LIFPopulation(n);
        using var device = new LIFPopulationIlgpu(fixture.Accelerator, n);
        for (int i = 0; i < n; i++) cpu.I[i] = 3e-9 * i / (n - 1); // 0 … 3 nA: R·I from 0 to 30 mV, threshold at 15 mV
        device.UploadI(cpu.I);
        const double dt = 1e-4;
        int spikes = 0;
        for (int step = 0; step < 400; step++)
        {
            if (step == 200)
            {
                // New parameters: the host recomputes the propagator (uniforms) on both sides.
                cpu.Parameters = cpu.Parameters with { tau_m = 5e-3 };
                device.Parameters = cpu.Parameters;
            }
            cpu.Step(dt);
            device.Step(dt);
            Assert.Equal(cpu.SpikesThisStep.ToArray(), device.SpikesThisStep.ToArray());
            Assert.Equal(cpu.SpikeCount, device.SpikeCount);
            spikes += cpu.SpikeCount;
        }
        Bits.Equal(cpu.v, device.DownloadV(), "v");
        Assert.True(spikes > 100, $"only {spikes} spikes: the comparison would not cover events and refractoriness");
        Assert.False(cpu.Spiked(0)); // I = 0 never reaches threshold: both sides must also agree on silence
        Assert.Equal(cpu.Spikes.ToArray(), device.Spikes.ToArray());
        Assert.Equal(cpu.StepIndex, device.StepIndex);
        Assert.Equal(cpu.Time, device.Time);
    }

    [Fact]
    public void Cuba_coupled_exact_propagator_matches_bit_for_bit()
    {
        const int n = 50;
        var random = new Random(3);
        var cpu = new CubaPopulation(n);
        using var device = new CubaPopulationIlgpu(fixture.Accelerator, n);
        for (int i = 0; i < n; i++)
        {
            cpu.v[i] = -60e-3 + 10e-3 * random.NextDouble();
            cpu.ge[i] = 5e-3 * random.NextDouble();
            cpu.gi[i] = -2e-3 * random.NextDouble();
        }
        device.UploadV(cpu.v);
        device.UploadGe(cpu.ge);
        device.UploadGi(cpu.gi);
        int spikes = 0;
        for (int step = 0; step < 500; step++)
        {
            if (step % 50 == 0)
            {
                // Kicks as synapses would give, on both sides through the host.
                for (int i = 0; i < n; i++) cpu.ge[i] += 2e-3;
                device.UploadGe(cpu.ge);
            }
            cpu.Step(1e-4);
            device.Step(1e-4);
            Assert.Equal(cpu.SpikesThisStep.ToArray(), device.SpikesThisStep.ToArray());
            spikes += cpu.SpikeCount;
        }
        Bits.Equal(cpu.v, device.DownloadV(), "v");
        Bits.Equal(cpu.ge, device.DownloadGe(), "ge");
        Bits.Equal(cpu.gi, device.DownloadGi(), "gi");
        Assert.True(spikes > 20, $"only {spikes} spikes");
    }

    [Fact]
    public void Lif_in_single_precision_matches_bit_for_bit()
    {
        const int n = 41;
        var cpu = new LifFloatPopulation(n);
        using var device = new LifFloatPopulationIlgpu(fixture.Accelerator, n);
        for (int i = 0; i < n; i++) cpu.I[i] = (float)(1.2e-9 * i / (n - 1));
        device.UploadI(cpu.I);
        int spikes = 0;
        for (int step = 0; step < 400; step++)
        {
            cpu.Step(1e-4);
            device.Step(1e-4);
            Assert.Equal(cpu.SpikesThisStep.ToArray(), device.SpikesThisStep.ToArray());
            spikes += cpu.SpikeCount;
        }
        Bits.Equal(cpu.v, device.DownloadV(), "v");
        Assert.True(spikes > 20, $"only {spikes} spikes");
    }

    [Fact]
    public void Izhikevich_rk4_matches_bit_for_bit_with_the_same_spikes()
    {
        const int n = 37;
        var cpu = new IzhikevichPopulation(n);
        using var device = new IzhikevichPopulationIlgpu(fixture.Accelerator, n);
        for (int i = 0; i < n; i++) cpu.I[i] = 0.4 * i; // from silent to fast tonic spiking
        device.UploadI(cpu.I);
        int spikes = 0;
        for (int step = 0; step < 1500; step++)
        {
            cpu.Step(1e-4);
            device.Step(1e-4);
            Assert.Equal(cpu.SpikesThisStep.ToArray(), device.SpikesThisStep.ToArray());
            spikes += cpu.SpikeCount;
        }
        Bits.Equal(cpu.v, device.DownloadV(), "v");
        Bits.Equal(cpu.u, device.DownloadU(), "u");
        Assert.True(spikes > 50, $"only {spikes} spikes");
    }

    [Fact]
    public void Noisy_lif_draws_the_same_noise_as_the_CPU_class_for_the_same_seed()
    {
        const int n = 33;
        var cpu = new NoisyLifPopulation(n) { Seed = 20261128 };
        using var device = new NoisyLifPopulationIlgpu(fixture.Accelerator, n) { Seed = 20261128 };
        int spikes = 0;
        for (int step = 0; step < 600; step++)
        {
            cpu.Step(1e-4);
            device.Step(1e-4);
            Assert.Equal(cpu.SpikesThisStep.ToArray(), device.SpikesThisStep.ToArray());
            spikes += cpu.SpikeCount;
        }
        Bits.Equal(cpu.v, device.DownloadV(), "v");
        Assert.True(spikes > 10, $"only {spikes} spikes: noise-driven crossings expected (v0 is 5 mV below threshold, sigma 3 mV)");
    }

    [Fact]
    public void A_different_seed_gives_different_noise()
    {
        // Guards the comparison above: the seed must reach the device kernel.
        using var a = new NoisyLifPopulationIlgpu(fixture.Accelerator, 8) { Seed = 1 };
        using var b = new NoisyLifPopulationIlgpu(fixture.Accelerator, 8) { Seed = 2 };
        a.Step(1e-4);
        b.Step(1e-4);
        Assert.NotEqual(a.DownloadV(), b.DownloadV());
    }

    [Fact]
    public void Reset_restores_the_initial_state_and_clears_spikes()
    {
        const int n = 8;
        using var device = new LIFPopulationIlgpu(fixture.Accelerator, n);
        device.UploadI(Enumerable.Repeat(3e-9, n).ToArray());
        for (int step = 0; step < 100; step++) device.Step(1e-4);
        device.Reset();
        Assert.All(device.DownloadV(), v => Assert.Equal(-65e-3, v));
        Assert.Equal(0, device.SpikeCount);
        Assert.Equal(0, device.StepIndex);
        Assert.Equal(3e-9, device.DownloadI()[0]); // inputs keep their values, as in the CPU class
    }

    [Fact]
    public void An_empty_population_steps_without_launching()
    {
        using var device = new LIFPopulationIlgpu(fixture.Accelerator, 0);
        device.Step(1e-4);
        Assert.Equal(0, device.SpikeCount);
        Assert.Equal(1, device.StepIndex);
    }
}
