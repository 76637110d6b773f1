namespace DynLang.Runtime.Tests;

/// <summary>The documented key mapping, its bounds and its independence from evaluation order.</summary>
public class CounterRngKeyingTests
{
    [Theory]
    [InlineData(0ul, 0ul, 0L, 0L)]
    [InlineData(0xFEDC_BA98_7654_3210ul, 4_294_967_295ul, 4_294_967_295L, long.MaxValue)]
    [InlineData(42ul, 17ul, 123_456L, -1L)]
    [InlineData(ulong.MaxValue, 1ul, 1L, long.MinValue)]
    public void Block_UsesTheDocumentedCounterAndKey(ulong seed, ulong stream, long element, long step)
    {
        ulong s = unchecked((ulong)step);
        Philox4x32Block expected = Philox4x32.Generate(
            (uint)element, (uint)stream, (uint)s, (uint)(s >> 32), (uint)seed, (uint)(seed >> 32));
        Assert.Equal(expected, CounterRng.Block(seed, stream, element, step));
    }

    [Theory]
    [InlineData(-1L, "-1")]
    [InlineData(4_294_967_296L, "4294967296")]
    [InlineData(long.MinValue, "-9223372036854775808")]
    public void Element_OutsideItsWord_Throws(long element, string shown)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => CounterRng.Uniform(1, 0, element, 0));
        Assert.Contains($"element = {shown}", ex.Message);
        Assert.Contains("4294967296", ex.Message); // the bound
    }

    [Fact]
    public void Stream_OutsideItsWord_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => CounterRng.Normal(1, 1ul << 32, 0, 0));
        Assert.Contains("stream = 4294967296", ex.Message);
        Assert.Contains("[0, 4294967296)", ex.Message);
    }

    [Fact]
    public void ParallelAndSerialEvaluation_GiveIdenticalBits()
    {
        const int n = 200_000;
        var parallel = new double[n];
        var parallelNormal = new double[n];
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = 8 }, k =>
        {
            parallel[k] = CounterRng.Uniform(77, 2, k % 500, k / 500);
            parallelNormal[k] = CounterRng.Normal(77, 2, k % 500, k / 500);
        });
        // Serial, in reverse order, Normal before Uniform: no hidden state may depend on order.
        for (int k = n - 1; k >= 0; k--)
        {
            double z = CounterRng.Normal(77, 2, k % 500, k / 500);
            double u = CounterRng.Uniform(77, 2, k % 500, k / 500);
            Assert.Equal(BitConverter.DoubleToInt64Bits(parallel[k]), BitConverter.DoubleToInt64Bits(u));
            Assert.Equal(BitConverter.DoubleToInt64Bits(parallelNormal[k]), BitConverter.DoubleToInt64Bits(z));
        }
    }

    [Fact]
    public void DistinctKeys_GiveDistinctDraws()
    {
        // 53-bit values of 40,000 distinct keys: a collision would be a 1-in-2^24 event
        // (birthday bound n²/2^54), so any repeat means two keys mapped to one counter.
        var seen = new HashSet<double>();
        for (long e = 0; e < 100; e++)
            for (long s = 0; s < 100; s++)
                for (ulong st = 0; st < 2; st++)
                    for (ulong seed = 0; seed < 2; seed++)
                        Assert.True(seen.Add(CounterRng.Uniform(seed, st, e, s)), $"repeat at {seed},{st},{e},{s}");
    }
}
