namespace DynLang.Ilgpu.Tests;

/// <summary>Bit-for-bit comparison of the CPU backend's arrays with the ILGPU backend's.</summary>
internal static class Bits
{
    public static void Equal(ReadOnlySpan<double> cpu, double[] device, string what)
    {
        Assert.Equal(cpu.Length, device.Length);
        for (int i = 0; i < cpu.Length; i++)
        {
            if (BitConverter.DoubleToInt64Bits(cpu[i]) != BitConverter.DoubleToInt64Bits(device[i]))
                Assert.Fail($"{what}[{i}]: CPU {cpu[i]:R}, ILGPU {device[i]:R}");
        }
    }

    public static void Equal(ReadOnlySpan<float> cpu, float[] device, string what)
    {
        Assert.Equal(cpu.Length, device.Length);
        for (int i = 0; i < cpu.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(cpu[i]) != BitConverter.SingleToInt32Bits(device[i]))
                Assert.Fail($"{what}[{i}]: CPU {cpu[i]:R}, ILGPU {device[i]:R}");
        }
    }
}
