namespace DynLang.Ilgpu.Tests;

/// <summary>Ensembles of systems (no indices) on the CPU accelerator against the CPU backend: bit for bit (see NeuronTests).</summary>
[Collection(CpuAcceleratorCollection.Name)]
public sealed class SystemTests(CpuAcceleratorFixture fixture)
{
    [Fact]
    public void Lotka_Volterra_ensemble_matches_bit_for_bit()
    {
        const int n = 19;
        var cpu = new LotkaVolterraSystem(n);
        using var device = new LotkaVolterraSystemIlgpu(fixture.Accelerator, n);
        for (int i = 0; i < n; i++)
        {
            cpu.x[i] = 5 + i;
            cpu.y[i] = 10 - 0.3 * i;
        }
        device.UploadX(cpu.x);
        device.UploadY(cpu.y);
        for (int step = 0; step < 500; step++)
        {
            cpu.Step(0.01);
            device.Step(0.01);
        }
        Bits.Equal(cpu.x, device.DownloadX(), "x");
        Bits.Equal(cpu.y, device.DownloadY(), "y");
        Assert.NotEqual(5.0, cpu.x[0]); // the states moved
    }

    [Fact]
    public void Exprel_min_and_max_on_the_device_match_the_runtime_helpers_bit_for_bit()
    {
        const int n = 33;
        var cpu = new RatesSystem(n);
        using var device = new RatesSystemIlgpu(fixture.Accelerator, n);
        // a - x crosses 0 for several elements (exprel's removable singularity), and the initial x lie
        // below lo, between the clamps and above hi, so min(max(x, lo), hi) takes all three branches.
        for (int i = 0; i < n; i++)
        {
            cpu.a[i] = -8 + 0.5 * i;
            cpu.x[i] = -6 + 0.4 * i;
        }
        var initial = cpu.x.ToArray();
        device.UploadA(cpu.a);
        device.UploadX(cpu.x);
        for (int step = 0; step < 300; step++)
        {
            cpu.Step(0.05);
            device.Step(0.05);
        }
        Bits.Equal(cpu.x, device.DownloadX(), "x");
        for (int i = 0; i < n; i++) Assert.NotEqual(initial[i], cpu.x[i]); // every element moved
    }

    [Fact]
    public void Two_noises_on_an_ensemble_match_bit_for_bit()
    {
        // xi in two equations is one draw (stream 0), xi_2 another (stream 1): the device keys them alike.
        const int n = 12;
        var cpu = new SharedNoiseSystem(n) { Seed = 77 };
        using var device = new SharedNoiseSystemIlgpu(fixture.Accelerator, n) { Seed = 77 };
        for (int step = 0; step < 200; step++)
        {
            cpu.Step(0.01);
            device.Step(0.01);
        }
        Bits.Equal(cpu.x, device.DownloadX(), "x");
        Bits.Equal(cpu.y, device.DownloadY(), "y");
        Bits.Equal(cpu.z, device.DownloadZ(), "z");
        Assert.NotEqual(cpu.x[0], cpu.z[0]); // two different noises
    }

    [Fact]
    public void A_parameter_without_a_value_stops_Step_as_on_the_CPU()
    {
        using var device = new NoDefaultSystemIlgpu(fixture.Accelerator, 3);
        var e = Assert.Throws<InvalidOperationException>(() => device.Step(0.1));
        Assert.Contains("'k'", e.Message);
        device.Parameters = device.Parameters with { k = 2 };
        device.Step(0.1);
        Assert.Equal(1 - 0.1 * 2, device.DownloadX()[0], 15); // one euler step of dx/dt = -k x from 1
    }
}
