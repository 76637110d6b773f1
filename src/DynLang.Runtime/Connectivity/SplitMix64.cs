namespace DynLang.Runtime;

/// <summary>
/// SplitMix64 (Steele, Lea &amp; Flood 2014; Vigna's reference splitmix64.c), evaluated in
/// counter form: the state after <c>n</c> calls is <c>seed + n·γ</c>, so the n-th output
/// (n ≥ 1) is <c>Mix(seed + n·γ)</c> and any output can be computed directly. That lets
/// <see cref="Connectivity.Random"/> decide each pair from its own position, independently of
/// which other pairs a condition excludes.
/// </summary>
internal static class SplitMix64
{
    /// <summary>The golden-ratio increment γ = 2^64/φ of SplitMix64.</summary>
    public const ulong Gamma = 0x9E3779B97F4A7C15UL;

    /// <summary>SplitMix64's output function (a bijective 64-bit finalizer).</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The <paramref name="n"/>-th output (n ≥ 1) of SplitMix64 seeded with <paramref name="seed"/>.</summary>
    public static ulong Output(ulong seed, ulong n) => Mix(unchecked(seed + n * Gamma));

    /// <summary>
    /// The <paramref name="n"/>-th output as a double uniform in [0, 1): its top 53 bits times
    /// 2^-53, so every value is exact and 1 is never reached.
    /// </summary>
    public static double Unit(ulong seed, ulong n) => (Output(seed, n) >> 11) * (1.0 / (1UL << 53));
}
