namespace DynLang.Core.Units;

/// <summary>
/// The seven SI base dimensions, in the SI order (m, kg, s, A, K, mol, cd). The numeric values
/// index <see cref="Dimension.this[BaseDimension]"/>.
/// </summary>
public enum BaseDimension
{
    /// <summary>Length, SI unit metre (m).</summary>
    Length = 0,

    /// <summary>Mass, SI unit kilogram (kg).</summary>
    Mass = 1,

    /// <summary>Time, SI unit second (s).</summary>
    Time = 2,

    /// <summary>Electric current, SI unit ampere (A).</summary>
    Current = 3,

    /// <summary>Thermodynamic temperature, SI unit kelvin (K).</summary>
    Temperature = 4,

    /// <summary>Amount of substance, SI unit mole (mol).</summary>
    Amount = 5,

    /// <summary>Luminous intensity, SI unit candela (cd).</summary>
    LuminousIntensity = 6,
}
