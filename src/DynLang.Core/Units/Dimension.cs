using System;

namespace DynLang.Core.Units;

/// <summary>
/// A physical dimension: the exponents of the seven SI base dimensions (m, kg, s, A, K, mol, cd).
/// Exponents are exact <see cref="Fraction"/>s so that square roots (noise terms, s^-1/2) stay
/// exact. <c>default(Dimension)</c> is <see cref="Dimensionless"/>.
/// </summary>
/// <remarks>
/// A dimension carries no scale: millivolt and volt share <see cref="Voltage"/>. Scales live in
/// <see cref="UnitDefinition"/>. The seven exponents are separate fields rather than an array so
/// the struct stays allocation-free and trivially immutable.
/// </remarks>
public readonly struct Dimension : IEquatable<Dimension>
{
    /// <summary>Number of SI base dimensions.</summary>
    public const int BaseCount = 7;

    private readonly Fraction _length;
    private readonly Fraction _mass;
    private readonly Fraction _time;
    private readonly Fraction _current;
    private readonly Fraction _temperature;
    private readonly Fraction _amount;
    private readonly Fraction _luminous;

    /// <summary>Creates a dimension from its base exponents (omitted ones are zero).</summary>
    public Dimension(
        Fraction length = default,
        Fraction mass = default,
        Fraction time = default,
        Fraction current = default,
        Fraction temperature = default,
        Fraction amount = default,
        Fraction luminousIntensity = default)
    {
        _length = length;
        _mass = mass;
        _time = time;
        _current = current;
        _temperature = temperature;
        _amount = amount;
        _luminous = luminousIntensity;
    }

    /// <summary>No dimension (pure number, also angles).</summary>
    public static Dimension Dimensionless => default;

    /// <summary>Length (m).</summary>
    public static Dimension Length => new(length: 1);

    /// <summary>Mass (kg).</summary>
    public static Dimension Mass => new(mass: 1);

    /// <summary>Time (s).</summary>
    public static Dimension Time => new(time: 1);

    /// <summary>Electric current (A).</summary>
    public static Dimension Current => new(current: 1);

    /// <summary>Temperature (K).</summary>
    public static Dimension Temperature => new(temperature: 1);

    /// <summary>Amount of substance (mol).</summary>
    public static Dimension Amount => new(amount: 1);

    /// <summary>Luminous intensity (cd).</summary>
    public static Dimension LuminousIntensity => new(luminousIntensity: 1);

    /// <summary>Frequency, 1/s (Hz).</summary>
    public static Dimension Frequency => new(time: -1);

    /// <summary>Area, m^2.</summary>
    public static Dimension Area => new(length: 2);

    /// <summary>Volume, m^3.</summary>
    public static Dimension Volume => new(length: 3);

    /// <summary>Force, kg*m/s^2 (N).</summary>
    public static Dimension Force => new(length: 1, mass: 1, time: -2);

    /// <summary>Pressure, N/m^2 (Pa).</summary>
    public static Dimension Pressure => Force / Area;

    /// <summary>Energy, N*m (J).</summary>
    public static Dimension Energy => Force * Length;

    /// <summary>Power, J/s (W).</summary>
    public static Dimension Power => Energy / Time;

    /// <summary>Electric charge, A*s (C).</summary>
    public static Dimension Charge => Current * Time;

    /// <summary>Voltage, W/A (V).</summary>
    public static Dimension Voltage => Power / Current;

    /// <summary>Resistance, V/A (ohm).</summary>
    public static Dimension Resistance => Voltage / Current;

    /// <summary>Conductance, A/V (S).</summary>
    public static Dimension Conductance => Current / Voltage;

    /// <summary>Capacitance, C/V (F).</summary>
    public static Dimension Capacitance => Charge / Voltage;

    /// <summary>Concentration, mol/m^3 (the dimension of molar, M).</summary>
    public static Dimension Concentration => Amount / Volume;

    /// <summary>Exponent of one base dimension.</summary>
    public Fraction this[BaseDimension baseDimension] => baseDimension switch
    {
        BaseDimension.Length => _length,
        BaseDimension.Mass => _mass,
        BaseDimension.Time => _time,
        BaseDimension.Current => _current,
        BaseDimension.Temperature => _temperature,
        BaseDimension.Amount => _amount,
        BaseDimension.LuminousIntensity => _luminous,
        _ => throw new ArgumentOutOfRangeException(nameof(baseDimension)),
    };

    /// <summary>True when every exponent is zero.</summary>
    public bool IsDimensionless =>
        _length.IsZero && _mass.IsZero && _time.IsZero && _current.IsZero &&
        _temperature.IsZero && _amount.IsZero && _luminous.IsZero;

    /// <summary>True when every exponent is an integer (no square roots left).</summary>
    public bool HasIntegerExponents =>
        _length.IsInteger && _mass.IsInteger && _time.IsInteger && _current.IsInteger &&
        _temperature.IsInteger && _amount.IsInteger && _luminous.IsInteger;

    /// <summary>Product of dimensions: exponents add.</summary>
    public static Dimension operator *(Dimension left, Dimension right) => new(
        left._length + right._length,
        left._mass + right._mass,
        left._time + right._time,
        left._current + right._current,
        left._temperature + right._temperature,
        left._amount + right._amount,
        left._luminous + right._luminous);

    /// <summary>Quotient of dimensions: exponents subtract.</summary>
    public static Dimension operator /(Dimension left, Dimension right) => new(
        left._length - right._length,
        left._mass - right._mass,
        left._time - right._time,
        left._current - right._current,
        left._temperature - right._temperature,
        left._amount - right._amount,
        left._luminous - right._luminous);

    /// <summary>Value equality.</summary>
    public static bool operator ==(Dimension left, Dimension right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(Dimension left, Dimension right) => !left.Equals(right);

    /// <summary>Raises the dimension to a rational power: every exponent is multiplied.</summary>
    public Dimension Pow(Fraction exponent) => new(
        _length * exponent,
        _mass * exponent,
        _time * exponent,
        _current * exponent,
        _temperature * exponent,
        _amount * exponent,
        _luminous * exponent);

    /// <summary>Square root, i.e. <c>Pow(1/2)</c>; exponents may become half-integers.</summary>
    public Dimension Sqrt() => Pow(Fraction.Half);

    /// <summary>Reciprocal, i.e. <c>Pow(-1)</c>.</summary>
    public Dimension Inverse() => Pow(-1);

    /// <inheritdoc/>
    public bool Equals(Dimension other) =>
        _length == other._length && _mass == other._mass && _time == other._time &&
        _current == other._current && _temperature == other._temperature &&
        _amount == other._amount && _luminous == other._luminous;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Dimension other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        unchecked
        {
            int hash = _length.GetHashCode();
            hash = hash * 31 + _mass.GetHashCode();
            hash = hash * 31 + _time.GetHashCode();
            hash = hash * 31 + _current.GetHashCode();
            hash = hash * 31 + _temperature.GetHashCode();
            hash = hash * 31 + _amount.GetHashCode();
            return hash * 31 + _luminous.GetHashCode();
        }
    }

    /// <summary>The readable SI form produced by <see cref="UnitFormatter.Format(Dimension)"/>, e.g. <c>V/s</c>.</summary>
    public override string ToString() => UnitFormatter.Format(this);
}
