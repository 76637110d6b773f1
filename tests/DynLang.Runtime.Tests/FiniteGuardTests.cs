using DynLang.Runtime;

namespace DynLang.Runtime.Tests;

/// <summary>The finite-state scan: the first NaN or infinity is found at any position, in both the
/// sequential (small) and worker-pool (large) paths, in double and float.</summary>
public sealed class FiniteGuardTests
{
    [Theory]
    [InlineData(10, 3)]
    [InlineData(1_000, 999)]         // in the scalar tail after the 4-vector blocks
    [InlineData(100_000, 0)]
    [InlineData(100_000, 50_001)]    // worker pool, not at a chunk boundary
    [InlineData(100_000, 99_999)]
    public void The_first_bad_value_is_found_wherever_it_is(int length, int bad)
    {
        foreach (double value in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            var doubles = Enumerable.Range(0, length).Select(i => Math.Sin(i) * 1e300).ToArray();
            doubles[bad] = value;
            if (bad + 7 < length) doubles[bad + 7] = double.NaN;      // a later one must not win
            var e = Assert.Throws<NonFiniteStateException>(() => FiniteGuard.Check(doubles, "M", "v", 5, 0.5));
            Assert.Equal(bad, e.Element);
            Assert.Equal(5, e.Step);

            var floats = Enumerable.Range(0, length).Select(i => (float)Math.Sin(i) * 1e38f).ToArray();
            floats[bad] = (float)value;
            var f = Assert.Throws<NonFiniteStateException>(() => FiniteGuard.Check(floats, "M", "v", 5, 0.5));
            Assert.Equal(bad, f.Element);
        }
    }

    [Fact]
    public void Finite_values_pass_including_the_largest_and_subnormal()
    {
        var values = new double[100_000];
        for (int i = 0; i < values.Length; i++) values[i] = (i % 3) switch { 0 => double.MaxValue, 1 => -double.Epsilon, _ => 0 };
        FiniteGuard.Check(values, "M", "v", 1, 0.1);
        Assert.Equal(-1, FiniteGuard.FirstNonFinite<double>(values));
    }
}
