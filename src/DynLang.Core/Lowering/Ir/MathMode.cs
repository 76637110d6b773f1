using DynLang.Core.Binding;

namespace DynLang.Core.Lowering.Ir;

/// <summary>Which implementations of exp, log, pow, … a model's CPU kernels call (<c>math fast</c> / <c>math platform</c>).</summary>
public enum MathMode
{
    /// <summary>
    /// The default: the platform's scalar <c>Math</c>/<c>MathF</c> functions (lane by lane in SIMD
    /// code), and <c>Math.Pow</c> for integer powers, as Brian2/NumPy compute them — results are
    /// bit-compatible with them on the same machine.
    /// </summary>
    Platform,

    /// <summary>
    /// <c>DynLang.Runtime.FastMath</c> for exp, log, exprel, pow, sqrt, tanh, sin and cos (whole
    /// vectors in the SIMD body, the matching scalar overloads elsewhere), and small integer
    /// powers as multiplications (<see cref="IntegerPowers"/>). Opt-in: faster, not bit-compatible
    /// with the platform functions.
    /// </summary>
    Fast,
}

/// <summary>Names of the math modes as written in .dyn files and in the MSBuild property <c>DynLangMath</c>.</summary>
public static class MathModes
{
    /// <summary>"platform" or "fast".</summary>
    public static string Name(this MathMode mode) => mode == MathMode.Fast ? "fast" : "platform";

    /// <summary>Looks a mode up by its name (exact spelling, lower case).</summary>
    public static bool TryParse(string? name, out MathMode mode)
    {
        switch (name)
        {
            case "platform":
                mode = MathMode.Platform;
                return true;
            case "fast":
                mode = MathMode.Fast;
                return true;
            default:
                mode = MathMode.Platform;
                return false;
        }
    }

    /// <summary>The mode whose name is close to <paramref name="name"/> (a typo, or another letter case), or null.</summary>
    public static string? Closest(string name) =>
        TryParse(name.ToLowerInvariant(), out var mode) ? mode.Name() : NameSuggester.Closest(name, new[] { "fast", "platform" }, 2);

    /// <summary>"; did you mean 'fast'?" for a name close to a mode's, else "".</summary>
    public static string Suggestion(string name) => Closest(name) is { } close ? $"; did you mean '{close}'?" : "";

    /// <summary>The mode a model gets: its <c>math</c> member (already checked by the binder), else the project default.</summary>
    public static MathMode Resolve(Ast.MathDecl? declared, MathMode projectDefault) =>
        declared is not null && TryParse(declared.Name.Name, out var mode) ? mode : projectDefault;
}
