namespace DynLang.Models.Tests.Infrastructure;

/// <summary>Distances between doubles counted in representable values (units in the last place).</summary>
internal static class Ulp
{
    /// <summary>How many doubles lie between a and b (0 when bit-identical or ±0).</summary>
    public static long Distance(double a, double b)
    {
        if (double.IsNaN(a) || double.IsNaN(b)) return long.MaxValue;
        long x = Ordered(a), y = Ordered(b);
        return x > y ? x - y : y - x;
    }

    /// <summary>Maps doubles onto integers monotonically, so consecutive doubles differ by one.</summary>
    private static long Ordered(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        return bits < 0 ? long.MinValue - bits : bits;
    }
}
