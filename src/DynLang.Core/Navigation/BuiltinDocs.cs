using System.Collections.Generic;

namespace DynLang.Core.Navigation;

/// <summary>
/// Signatures and one-line descriptions of the built-in functions and values, for hovers
/// (the same facts as docs/language.md's table of built-in functions; a test keeps the two in step
/// with <see cref="Binding.BuiltinFunction.Names"/>).
/// </summary>
public static class BuiltinDocs
{
    private static readonly Dictionary<string, (string Signature, string Doc)> Functions = new()
    {
        ["exp"] = ("exp(x)", "e to the power x; x dimensionless, result dimensionless."),
        ["ln"] = ("ln(x)", "Natural logarithm; x dimensionless, result dimensionless."),
        ["log"] = ("log(x)", "Natural logarithm (same as ln); x dimensionless, result dimensionless."),
        ["log10"] = ("log10(x)", "Base-10 logarithm; x dimensionless, result dimensionless."),
        ["sin"] = ("sin(x)", "Sine; x dimensionless, result dimensionless."),
        ["cos"] = ("cos(x)", "Cosine; x dimensionless, result dimensionless."),
        ["tan"] = ("tan(x)", "Tangent; x dimensionless, result dimensionless."),
        ["sinh"] = ("sinh(x)", "Hyperbolic sine; x dimensionless, result dimensionless."),
        ["cosh"] = ("cosh(x)", "Hyperbolic cosine; x dimensionless, result dimensionless."),
        ["tanh"] = ("tanh(x)", "Hyperbolic tangent; x dimensionless, result dimensionless."),
        ["atan"] = ("atan(x)", "Arc tangent; x dimensionless, result dimensionless."),
        ["exprel"] = ("exprel(x)", "(exp(x) - 1)/x, 1 at x = 0, accurate near 0 (Brian2's exprel); dimensionless."),
        ["sigmoid"] = ("sigmoid(x)", "1/(1 + exp(-x)); x dimensionless, result dimensionless."),
        ["sqrt"] = ("sqrt(x)", "Square root; halves the exponents of x's unit."),
        ["abs"] = ("abs(x)", "Absolute value; keeps the unit."),
        ["floor"] = ("floor(x)", "Largest whole number not above x; keeps the unit."),
        ["ceil"] = ("ceil(x)", "Smallest whole number not below x; keeps the unit."),
        ["min"] = ("min(a, b)", "The smaller of a and b (a < b ? a : b); a and b share a unit, kept."),
        ["max"] = ("max(a, b)", "The larger of a and b (a > b ? a : b); a and b share a unit, kept."),
        ["clip"] = ("clip(x, low, high)", "min(max(x, low), high); the arguments share a unit, kept."),
        ["sign"] = ("sign(x)", "1, -1 or 0 by the sign of x; dimensionless."),
        ["heaviside"] = ("heaviside(x)", "1 when x > 0, else 0; dimensionless."),
        ["ifelse"] = ("ifelse(c, a, b)", "a when the condition c holds, else b; a and b share a unit, kept."),
        ["int"] = ("int(c)", "1 when the condition c holds, else 0; dimensionless."),
        ["laplacian"] = ("laplacian(u)", "Laplacian of a field on its grid (fields only); divides the unit by length²."),
        ["grad"] = ("grad(u)", "Gradient of a field on its grid (fields only); divides the unit by length."),
        ["div"] = ("div(u)", "Divergence of a field on its grid (fields only); divides the unit by length."),
        ["upwind"] = ("upwind(c, u[, axis])", "c·∂u/∂x (or along y, z), first-order upwind on the sign of c (fields only)."),
        ["sum"] = ("sum(i, …, summand)", "Sum of the summand over the named index variables; the summand's unit."),
    };

    private static readonly Dictionary<string, string> Values = new()
    {
        ["t"] = "The simulation time (seconds in a model with units).",
        ["dt"] = "The time step (seconds in a model with units).",
        ["pi"] = "π, 3.14159…",
        ["e"] = "Euler's number, 2.71828…",
        ["inf"] = "Positive infinity.",
    };

    /// <summary>The names documented as built-in functions (sum included).</summary>
    public static IEnumerable<string> FunctionNames => Functions.Keys;

    /// <summary>A built-in function's signature and description; false for any other name.</summary>
    public static bool TryGetFunction(string name, out string signature, out string doc)
    {
        bool found = Functions.TryGetValue(name, out var entry);
        (signature, doc) = found ? entry : ("", "");
        return found;
    }

    /// <summary>A built-in value's description (t, dt, pi, e, inf); false for any other name.</summary>
    public static bool TryGetValue(string name, out string doc) => Values.TryGetValue(name, out doc!);
}
