namespace DynLang.Ilgpu;

/// <summary>
/// <c>CounterRng.Uniform</c> of DynLang.Runtime written out for kernels (which cannot call into the
/// runtime assembly): Philox4x32-10 keyed by (seed low, seed high) at the counter (element, stream,
/// step low, step high), then the 53 high bits of words X0:X1 as m·2⁻⁵³ (2⁻⁵⁴ for m = 0). Integer
/// arithmetic and one exact conversion, so the same bits as the CPU on every device
/// (<c>DevicePhiloxTests</c> compares them).
/// </summary>
internal static class DevicePhilox
{
    /// <summary>The uniform in (0, 1) of (seed, stream, element, step); the caller guarantees the ranges CounterRng checks.</summary>
    public static double Uniform(ulong seed, uint stream, int element, long step)
    {
        ulong s = unchecked((ulong)step);
        uint c0 = (uint)element, c1 = stream, c2 = (uint)s, c3 = (uint)(s >> 32);
        uint k0 = (uint)seed, k1 = (uint)(seed >> 32);
        for (int r = 0; r < 10; r++)
        {
            // Random123 bumps the key before every round but the first.
            if (r > 0) { k0 += 0x9E3779B9u; k1 += 0xBB67AE85u; }
            ulong p0 = (ulong)0xD2511F53u * c0;
            ulong p1 = (ulong)0xCD9E8D57u * c2;
            uint n0 = (uint)(p1 >> 32) ^ c1 ^ k0;
            uint n1 = (uint)p1;
            uint n2 = (uint)(p0 >> 32) ^ c3 ^ k1;
            uint n3 = (uint)p0;
            c0 = n0; c1 = n1; c2 = n2; c3 = n3;
        }
        ulong m = ((ulong)c0 << 21) | (c1 >> 11);
        const double twoToMinus53 = 1.0 / (1L << 53);
        return m != 0 ? m * twoToMinus53 : 0.5 * twoToMinus53;
    }
}
