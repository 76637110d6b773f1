using System;
using System.Runtime.CompilerServices;

namespace DynLang.Runtime;

/// <summary>
/// Stateless random numbers keyed by (seed, stream, element, step): each draw is one
/// <see cref="Philox4x32"/> evaluation, so a network gives the same numbers at any thread count,
/// in any evaluation order and (for the integer and uniform parts) on any backend.
/// <para>
/// Mapping (fixed; other backends must reproduce it): key = (seed low 32 bits, seed high 32 bits);
/// counter = (element, stream, step low 32 bits, step high 32 bits). Each of the four key
/// fields occupies its own counter or key words, so distinct (seed, stream, element, step) with
/// element in [0, 2³²), stream in [0, 2³²) and any 64-bit step and seed give distinct Philox
/// inputs, hence independent-looking outputs. Element or stream outside that range throw
/// rather than silently colliding with another key.
/// </para>
/// <para>
/// Convention: <c>element</c> is the index within a group, <c>step</c> the network step, and
/// <c>stream</c> tells apart uses that would otherwise share (seed, element, step) — each noise
/// variable of a model, each Poisson source — so one seed can drive a whole network. Different
/// functions of one key are NOT independent: <see cref="Normal"/> consumes the block whose first
/// words <see cref="Uniform"/> returns, so a use needing both a uniform and a normal for one
/// element and step takes two streams.
/// </para>
/// </summary>
public static class CounterRng
{
    /// <summary>Exclusive upper bound of the element index (it fills one 32-bit counter word).</summary>
    public const long ElementLimit = 1L << 32;

    /// <summary>Exclusive upper bound of the stream number (it fills one 32-bit counter word).</summary>
    public const ulong StreamLimit = 1UL << 32;

    /// <summary>The largest float below 1, 1 − 2⁻²⁴: where <see cref="UniformSingle"/> caps values that round up to 1.</summary>
    public const float LargestSingleBelowOne = 0.99999994f;

    private const double TwoToMinus53 = 1.0 / (1L << 53);
    private const double TwoPi = 2.0 * Math.PI;

    /// <summary>
    /// Uniform on the open interval (0, 1) with 53 random bits: the top 53 bits m of words X0:X1
    /// of the block give m·2⁻⁵³, except m = 0, which gives 2⁻⁵⁴ (so that a logarithm is always
    /// finite). Hence P(U &lt; p) = p exactly for every p on the 2⁻⁵³ grid.
    /// </summary>
    /// <param name="seed">Network seed (the Philox key).</param>
    /// <param name="stream">Independent use, in [0, 2³²).</param>
    /// <param name="element">Element index, in [0, 2³²).</param>
    /// <param name="step">Network step (any value).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Uniform(ulong seed, ulong stream, long element, long step)
    {
        Philox4x32Block b = Block(seed, stream, element, step);
        return ToUniform(b.X0, b.X1);
    }

    /// <summary>
    /// Standard normal by Box–Muller from one block: u₁ = <see cref="ToUniform"/>(X0, X1),
    /// u₂ = <see cref="ToUniform"/>(X2, X3), z = sqrt(−2 ln u₁)·cos(2π u₂). The sine partner is
    /// discarded so that every key yields exactly one value and the function stays stateless.
    /// |z| ≤ sqrt(2·54·ln 2) ≈ 8.65 because u₁ ≥ 2⁻⁵⁴. Uses only <see cref="Math.Sqrt"/>,
    /// <see cref="Math.Log(double)"/> and <see cref="Math.Cos"/> of doubles: bit-identical wherever those
    /// are (Sqrt is exact by IEEE 754; Log and Cos come from the platform's math library).
    /// </summary>
    /// <param name="seed">Network seed (the Philox key).</param>
    /// <param name="stream">Independent use, in [0, 2³²).</param>
    /// <param name="element">Element index, in [0, 2³²).</param>
    /// <param name="step">Network step (any value).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Normal(ulong seed, ulong stream, long element, long step)
    {
        Philox4x32Block b = Block(seed, stream, element, step);
        double u1 = ToUniform(b.X0, b.X1);
        double u2 = ToUniform(b.X2, b.X3);
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(TwoPi * u2);
    }

    /// <summary>
    /// <see cref="Uniform"/> rounded once to float, so float and double models see the same
    /// numbers; values that round up to 1 become <see cref="LargestSingleBelowOne"/> to keep
    /// the interval open (probability 2⁻²⁵).
    /// </summary>
    /// <param name="seed">Network seed (the Philox key).</param>
    /// <param name="stream">Independent use, in [0, 2³²).</param>
    /// <param name="element">Element index, in [0, 2³²).</param>
    /// <param name="step">Network step (any value).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float UniformSingle(ulong seed, ulong stream, long element, long step)
        => ToOpenSingle(Uniform(seed, stream, element, step));

    /// <summary><see cref="Normal"/> computed in double and rounded once to float.</summary>
    /// <param name="seed">Network seed (the Philox key).</param>
    /// <param name="stream">Independent use, in [0, 2³²).</param>
    /// <param name="element">Element index, in [0, 2³²).</param>
    /// <param name="step">Network step (any value).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float NormalSingle(ulong seed, ulong stream, long element, long step)
        => (float)Normal(seed, stream, element, step);

    /// <summary>
    /// The raw Philox block behind every draw for this key (see the class remarks for the
    /// mapping), for code that needs more than one number per key.
    /// </summary>
    /// <param name="seed">Network seed (the Philox key).</param>
    /// <param name="stream">Independent use, in [0, 2³²).</param>
    /// <param name="element">Element index, in [0, 2³²).</param>
    /// <param name="step">Network step (any value).</param>
    /// <exception cref="ArgumentOutOfRangeException">Element or stream outside its 32-bit range.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Philox4x32Block Block(ulong seed, ulong stream, long element, long step)
    {
        // One unsigned compare also rejects negative elements.
        if ((ulong)element >= (ulong)ElementLimit) ThrowElement(element);
        if (stream >= StreamLimit) ThrowStream(stream);
        ulong s = unchecked((ulong)step);
        return Philox4x32.Generate(
            (uint)element, (uint)stream, (uint)s, (uint)(s >> 32), (uint)seed, (uint)(seed >> 32));
    }

    /// <summary>
    /// Converts two random words to a double in (0, 1): m = the 53 high bits of high:low,
    /// result m·2⁻⁵³, or 2⁻⁵⁴ when m = 0. Every result is exact (no rounding).
    /// </summary>
    /// <param name="high">Word giving the 32 most significant bits.</param>
    /// <param name="low">Word whose top 21 bits give the rest.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ToUniform(uint high, uint low)
    {
        ulong m = ((ulong)high << 21) | (low >> 11);
        return m != 0 ? m * TwoToMinus53 : 0.5 * TwoToMinus53;
    }

    /// <summary>Rounds a uniform in (0, 1) to float, capping a round-up to 1 at the largest float below 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float ToOpenSingle(double u)
    {
        float f = (float)u;
        return f < 1f ? f : LargestSingleBelowOne;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowElement(long element) => throw new ArgumentOutOfRangeException(
        nameof(element), element,
        $"CounterRng: element = {element} is outside [0, {ElementLimit}); the element index fills one 32-bit counter word.");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowStream(ulong stream) => throw new ArgumentOutOfRangeException(
        nameof(stream), stream,
        $"CounterRng: stream = {stream} is outside [0, {StreamLimit}); the stream number fills one 32-bit counter word.");
}
