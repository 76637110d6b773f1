using DynLang.Runtime;

namespace DynLang.Ilgpu.Tests.Runtime;

/// <summary>The kernels' inline Philox uniform against CounterRng.Uniform, bit for bit.</summary>
public sealed class DevicePhiloxTests
{
    [Theory]
    [InlineData(0UL, 0U)]
    [InlineData(12345UL, 7U)]
    [InlineData(ulong.MaxValue, uint.MaxValue)]
    public void Uniform_is_CounterRng_Uniform(ulong seed, uint stream)
    {
        long[] steps = { 0, 1, 4095, 1L << 32, (1L << 40) + 17, -1 };
        int[] elements = { 0, 1, 2, 1000, int.MaxValue };
        foreach (long step in steps)
            foreach (int element in elements)
                Assert.Equal(
                    BitConverter.DoubleToInt64Bits(CounterRng.Uniform(seed, stream, element, step)),
                    BitConverter.DoubleToInt64Bits(DevicePhilox.Uniform(seed, stream, element, step)));
    }
}
