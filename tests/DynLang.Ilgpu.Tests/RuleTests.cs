namespace DynLang.Ilgpu.Tests;

/// <summary>
/// Indexed rules on the CPU accelerator against the CPU backend: one kernel per loop nest, the sum
/// accumulated sequentially in index order as on the CPU, so weights are equal bit for bit.
/// </summary>
[Collection(CpuAcceleratorCollection.Name)]
public sealed class RuleTests(CpuAcceleratorFixture fixture)
{
    [Fact]
    public void Oja_rule_matches_bit_for_bit_over_changing_inputs()
    {
        const int outputs = 3, inputs = 7;
        var random = new Random(5);
        var cpu = new OjaRule(outputs, inputs);
        using var device = new OjaRuleIlgpu(fixture.Accelerator, outputs, inputs);
        for (int k = 0; k < cpu.W.Length; k++) cpu.W[k] = random.NextDouble() - 0.5;
        device.UploadW(cpu.W);
        var x = new double[inputs];
        for (int step = 0; step < 300; step++)
        {
            for (int j = 0; j < inputs; j++) x[j] = random.NextDouble() * 2 - 1;
            x.CopyTo(cpu.x);
            device.UploadX(x);
            cpu.Step(1.0);
            device.Step(1.0);
        }
        Bits.Equal(cpu.W, device.DownloadW(), "W");
        Assert.Equal(outputs, device.SizeI);
        Assert.Equal(inputs, device.SizeJ);
    }

    [Fact]
    public void Oja_rule_in_single_precision_matches_bit_for_bit()
    {
        const int outputs = 2, inputs = 9;
        var random = new Random(9);
        var cpu = new OjaFloatRule(outputs, inputs);
        using var device = new OjaFloatRuleIlgpu(fixture.Accelerator, outputs, inputs);
        for (int k = 0; k < cpu.W.Length; k++) cpu.W[k] = (float)(random.NextDouble() - 0.5);
        device.UploadW(cpu.W);
        var x = new float[inputs];
        for (int step = 0; step < 300; step++)
        {
            for (int j = 0; j < inputs; j++) x[j] = (float)(random.NextDouble() * 2 - 1);
            x.CopyTo(cpu.x);
            device.UploadX(x);
            cpu.Step(1.0);
            device.Step(1.0);
        }
        Bits.Equal(cpu.W, device.DownloadW(), "W");
    }

    [Fact]
    public void Indexed_system_with_rk4_stages_and_a_parameter_matrix_matches_bit_for_bit()
    {
        // Four stage nests and a definition nest per step, scratch arrays on the device, A uploaded once.
        const int n = 6;
        var random = new Random(11);
        var cpu = new LinearNetRk4System(n);
        using var device = new LinearNetRk4SystemIlgpu(fixture.Accelerator, n);
        for (int k = 0; k < cpu.A.Length; k++) cpu.A[k] = random.NextDouble() - 0.5 - (k % (n + 1) == 0 ? 1 : 0);
        for (int k = 0; k < n; k++) cpu.x[k] = random.NextDouble();
        device.UploadA(cpu.A);
        device.UploadX(cpu.x);
        for (int step = 0; step < 200; step++)
        {
            cpu.Step(0.01);
            device.Step(0.01);
        }
        Bits.Equal(cpu.x, device.DownloadX(), "x");
    }
}
