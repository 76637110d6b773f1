using System;

namespace DynLang.Core.Compilation;

/// <summary>
/// The size limits of the compiler's costly stages, in one place (docs/language.md, "Size
/// limits", lists them for users). Each limit bounds work that would otherwise grow without
/// bound on a small but pathological input — exponential inlining, a loop per unit of exponent,
/// a propagator with 2n² entries — and is far above what real models need, so that valid models
/// compile exactly as before. What happens past a limit is stated next to each one: a located
/// diagnostic, or a cheaper form of the same code.
/// </summary>
internal static class CompileBudget
{
    /// <summary>
    /// Largest expression, in nodes, that inlining the user functions of one call may build
    /// (counted as a tree: an argument used twice counts twice). Past it: DL0902 on the call.
    /// </summary>
    /// <remarks>
    /// A user function that uses its argument twice, or calls another one twice, doubles the
    /// expression at each level: <c>f_i(a) = f_{i-1}(f_{i-1}(a))</c> reaches 2^32 nodes at f5.
    /// Real functions inline to tens or hundreds of nodes; 100,000 nodes is about a megabyte of
    /// generated C# per use and is bound in well under a second.
    /// </remarks>
    public const int MaxInlinedNodes = 100_000;

    /// <summary>
    /// Largest magnitude of the whole-number power of a unit (<c>1 m^3</c>, <c>state c : mol/m^3</c>).
    /// Past it: DL0204 on the power.
    /// </summary>
    /// <remarks>
    /// Physical units need powers up to about 4. The scale of <c>km^3</c> is computed as in
    /// Brian2, by repeated multiplication (bit-identical values), so the limit also bounds that
    /// loop; before it, <c>1 m^2147483647</c> ran two billion multiplications.
    /// </remarks>
    public const int MaxUnitPower = 100;

    /// <summary>The DL0204 message for a unit power past <see cref="MaxUnitPower"/>, or null when it is within.</summary>
    /// <param name="power">The power as written (int.MaxValue stands for anything larger).</param>
    /// <param name="inQuantity">True for the power in a quantity (<c>1 m^3</c>), which can be written as a number instead.</param>
    public static string? UnitPowerTooLarge(long power, bool inQuantity)
    {
        if (power is >= -MaxUnitPower and <= MaxUnitPower) return null;
        string found = Math.Abs(power) >= int.MaxValue
            ? (power < 0 ? "-" : "") + "2147483647 or more"
            : power.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"the power of a unit is at most {MaxUnitPower} in magnitude, found {found}" +
               (inQuantity ? "; write a large factor as a number, such as 1e30" : "");
    }

    /// <summary>
    /// Most states the exact solver propagates together. The propagator has 2n² entries, each a
    /// field and an assignment in the generated code, and the analysis differentiates every
    /// equation by every state. Past it: the default choice is rk4 (DL0302 says why), and
    /// <c>solver exact</c> is DL0300 on the solver's name.
    /// </summary>
    /// <remarks>
    /// Linear neuron models have one to six states (membrane, synaptic currents, alpha
    /// synapses). At 16 states the exact solver's code is about 200 KB of C#; at 300 it was
    /// 67 MB and took 11 s to build.
    /// </remarks>
    public const int MaxExactStates = 16;

    /// <summary>
    /// Largest expression, in nodes, that the TorchSharp emitter builds when it inlines a state
    /// update's locals to split it into <c>c·x + r</c> (the fused <c>lerp_</c> form). Past it the
    /// update is emitted in its plain, unfused form — the same values, a few more tensor passes.
    /// </summary>
    /// <remarks>
    /// rk4 refers to each stage's locals several times, so the inlined update grows with the
    /// fourth power of the right-hand side; a leaky integrate-and-fire neuron's rk4 update is about 300 nodes.
    /// </remarks>
    public const int MaxAffineSplitNodes = 5_000;

    /// <summary>
    /// Longest name for which a "did you mean" suggestion is searched (undefined names, unknown
    /// functions and units). A longer name gets no suggestion.
    /// </summary>
    /// <remarks>
    /// Suggestions are at most two edits away, so a name is compared only with candidates of
    /// nearly its length, within a band (<see cref="Units.EditDistance.Within"/>); the cap keeps
    /// even that from reading a huge generated name once per candidate.
    /// </remarks>
    public const int MaxSuggestionNameLength = 64;
}
