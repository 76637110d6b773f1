using System.Runtime.CompilerServices;

namespace DynLang.Runtime;

/// <summary>
/// Philox4x32-10, the counter-based generator of Salmon, Moraes, Dror and Shaw, "Parallel random
/// numbers: as easy as 1, 2, 3" (SC11, 2011): a keyed bijection of a 128-bit counter, so any
/// draw is a pure function of (counter, key) and needs no state shared between threads or
/// devices. Round function, multipliers and Weyl key increments follow Random123's
/// <c>include/Random123/philox.h</c> (github.com/DEShawResearch/random123); the output is checked
/// against Random123's <c>tests/kat_vectors</c>.
/// </summary>
public static class Philox4x32
{
    /// <summary>
    /// Number of rounds. Ten is Random123's default and the variant its known-answer vectors
    /// (and cuRAND, oneMKL, NumPy) use; the paper found seven the minimum passing BigCrush.
    /// </summary>
    public const int Rounds = 10;

    /// <summary>Multiplier applied to counter word 0 in each round (PHILOX_M4x32_0).</summary>
    public const uint Multiplier0 = 0xD2511F53;

    /// <summary>Multiplier applied to counter word 2 in each round (PHILOX_M4x32_1).</summary>
    public const uint Multiplier1 = 0xCD9E8D57;

    /// <summary>Added to key word 0 between rounds: the golden ratio's fraction (PHILOX_W32_0).</summary>
    public const uint Weyl0 = 0x9E3779B9;

    /// <summary>Added to key word 1 between rounds: sqrt(3) − 1 (PHILOX_W32_1).</summary>
    public const uint Weyl1 = 0xBB67AE85;

    /// <summary>
    /// Evaluates Philox4x32-10 at one counter under one key. Pure and allocation-free: the same
    /// arguments give the same words on every thread, every run and every platform (integer
    /// arithmetic only).
    /// </summary>
    /// <param name="counter0">Counter word 0.</param>
    /// <param name="counter1">Counter word 1.</param>
    /// <param name="counter2">Counter word 2.</param>
    /// <param name="counter3">Counter word 3.</param>
    /// <param name="key0">Key word 0.</param>
    /// <param name="key1">Key word 1.</param>
    /// <returns>The 128 output bits as four words.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Philox4x32Block Generate(
        uint counter0, uint counter1, uint counter2, uint counter3, uint key0, uint key1)
    {
        uint c0 = counter0, c1 = counter1, c2 = counter2, c3 = counter3;
        Round(ref c0, ref c1, ref c2, ref c3, key0, key1);
        for (int r = 1; r < Rounds; r++)
        {
            // Random123 bumps the key before every round but the first.
            key0 += Weyl0;
            key1 += Weyl1;
            Round(ref c0, ref c1, ref c2, ref c3, key0, key1);
        }
        return new Philox4x32Block(c0, c1, c2, c3);
    }

    /// <summary>
    /// One S-box/P-box round: two 32×32→64-bit products; the high halves are XORed with the
    /// other counter words and the key, the low halves pass through (the word permutation is
    /// Random123's).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(ref uint c0, ref uint c1, ref uint c2, ref uint c3, uint k0, uint k1)
    {
        ulong p0 = (ulong)Multiplier0 * c0;
        ulong p1 = (ulong)Multiplier1 * c2;
        uint n0 = (uint)(p1 >> 32) ^ c1 ^ k0;
        uint n1 = (uint)p1;
        uint n2 = (uint)(p0 >> 32) ^ c3 ^ k1;
        uint n3 = (uint)p0;
        c0 = n0;
        c1 = n1;
        c2 = n2;
        c3 = n3;
    }
}
