using DynLang.Runtime;

namespace DynLang.Ilgpu.Tests.Networks;

/// <summary>
/// Network.CheckFinite on the device: the kernel notes the first step that stored a NaN or
/// infinity, the host reads the note every 256 steps and when the run ends, and throws the CPU
/// class's NonFiniteStateException with the same state, element and step as the CPU backend.
/// </summary>
[Collection(CpuAcceleratorCollection.Name)]
public sealed class FiniteCheckTests(CpuAcceleratorFixture fixture)
{
    private static NonFiniteStateException Run(Backend backend, double duration)
    {
        // El = NaN: the exact solver's forcing is NaN, so v is NaN from the first step on, every element.
        using var neurons = CubaPopulation.Create(backend, 10);
        neurons.Parameters = neurons.Parameters with { El = double.NaN };
        var network = new Network(1e-4).Add(neurons);
        var error = Assert.Throws<NonFiniteStateException>(() => network.Run(duration));
        Assert.True(network.StepIndex <= 512, $"the run went on for {network.StepIndex} steps after the state became NaN");
        return error;
    }

    [Theory]
    [InlineData(0.01)]  // 100 steps: found when the run ends
    [InlineData(0.1)]   // 1000 steps: found at the check after step 255, the run stops there
    public void A_NaN_state_stops_the_run_with_the_CPU_backends_state_element_and_step(double duration)
    {
        var cpu = Run(Backend.Cpu, duration);
        var device = Run(new IlgpuBackend(fixture.Accelerator), duration);
        Assert.Equal(cpu.Variable, device.Variable);
        Assert.Equal(cpu.Element, device.Element);
        Assert.Equal(cpu.Step, device.Step);
        Assert.Equal("CubaPopulationIlgpu", device.Model);
        Assert.True(double.IsNaN(device.Value));
    }

    [Fact]
    public void With_CheckFinite_off_the_device_runs_on()
    {
        using var neurons = CubaPopulation.Create(new IlgpuBackend(fixture.Accelerator), 10);
        neurons.Parameters = neurons.Parameters with { El = double.NaN };
        new Network(1e-4) { CheckFinite = false }.Add(neurons).Run(0.03);
        Assert.True(double.IsNaN(neurons.ReadV()[0]));
    }
}
