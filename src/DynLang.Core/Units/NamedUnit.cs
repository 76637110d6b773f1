using System.Collections.Generic;

namespace DynLang.Core.Units;

/// <summary>
/// One unit of the catalog before prefixes: its symbols, its full names, its dimension and its
/// scale to SI as a decimal exponent (gram is 1e-3 kg, litre 1e-3 m^3, molar 1e3 mol/m^3).
/// </summary>
/// <remarks>
/// The scale is kept as an integer exponent so that a prefixed scale is the single literal
/// <c>1e(prefix + unit)</c>: <c>kg</c> is exactly 1 and <c>mM</c> exactly 1, with no rounding from
/// multiplying two inexact doubles.
/// </remarks>
internal sealed class NamedUnit
{
    public NamedUnit(string[] symbols, string[] fullNames, Dimension dimension, int decimalExponent = 0, bool prefixable = true)
    {
        Symbols = symbols;
        FullNames = fullNames;
        Dimension = dimension;
        DecimalExponent = decimalExponent;
        Prefixable = prefixable;
    }

    /// <summary>Short symbols (<c>V</c>; <c>L</c> and <c>l</c> for litre).</summary>
    public IReadOnlyList<string> Symbols { get; }

    /// <summary>Full names (<c>volt</c>; <c>metre</c> and <c>meter</c>).</summary>
    public IReadOnlyList<string> FullNames { get; }

    /// <summary>The physical dimension.</summary>
    public Dimension Dimension { get; }

    /// <summary>Scale to SI is 10^DecimalExponent.</summary>
    public int DecimalExponent { get; }

    /// <summary>False for <c>1</c> and radian, which Brian2 never prefixes.</summary>
    public bool Prefixable { get; }

    /// <summary>
    /// Every unit the catalog knows, in the order used for listings. Tesla, henry and weber are
    /// deliberately absent, and so are non-SI units other than litre (minute, hour, degree
    /// Celsius): the language only needs what neuron and synapse models use, and each extra
    /// symbol is a new way to misread a prefixed name.
    /// </summary>
    public static IReadOnlyList<NamedUnit> All { get; } =
    [
        // Base units. Mass is the odd one: the SI unit kg is itself prefixed, so the catalog
        // holds gram with scale 1e-3 and kg comes out as k + g = 1e(3-3) = 1.
        new(["m"], ["metre", "meter"], Dimension.Length),
        new(["g"], ["gram"], Dimension.Mass, decimalExponent: -3),
        new(["s"], ["second"], Dimension.Time),
        new(["A"], ["amp", "ampere"], Dimension.Current),
        new(["K"], ["kelvin"], Dimension.Temperature),
        new(["mol"], ["mole"], Dimension.Amount),
        new(["cd"], ["candela"], Dimension.LuminousIntensity),

        // Derived units with special names.
        new(["Hz"], ["hertz"], Dimension.Frequency),
        new(["N"], ["newton"], Dimension.Force),
        new(["Pa"], ["pascal"], Dimension.Pressure),
        new(["J"], ["joule"], Dimension.Energy),
        new(["W"], ["watt"], Dimension.Power),
        new(["C"], ["coulomb"], Dimension.Charge),
        new(["V"], ["volt"], Dimension.Voltage),
        new(["F"], ["farad"], Dimension.Capacitance),
        new(["ohm"], ["ohm"], Dimension.Resistance),
        new(["S"], ["siemens"], Dimension.Conductance),

        // Non-coherent units that Brian2 models use for concentrations.
        new(["L", "l"], ["litre", "liter"], Dimension.Volume, decimalExponent: -3),
        new(["M"], ["molar"], Dimension.Concentration, decimalExponent: 3),

        // Dimensionless.
        new(["1"], [], Dimension.Dimensionless, prefixable: false),
        new(["rad"], ["radian"], Dimension.Dimensionless, prefixable: false),
    ];
}
