using System.Collections.Generic;
using System.Text;

namespace DynLang.Core.Units;

/// <summary>
/// Prints a <see cref="Dimension"/> as a readable coherent SI unit (scale 1) for diagnostics:
/// <c>1</c>, <c>V</c>, <c>ohm</c>, <c>V/s</c>, <c>m^2/s</c>, <c>kg*m^2/(s^3*A)</c>,
/// <c>1/s^(1/2)</c>.
/// </summary>
/// <remarks>
/// <para>The first rule that applies wins:</para>
/// <list type="number">
/// <item>dimensionless prints <c>1</c>;</item>
/// <item>a dimension equal to a named derived unit prints its symbol: <c>N Pa J W C V F ohm S</c>;</item>
/// <item>a dimension with at most two base factors prints in base form: <c>m</c>, <c>kg</c>,
/// <c>A/s</c>, <c>m^2/s</c>, <c>mol/m^3</c>, <c>1/s</c>;</item>
/// <item>a named derived unit to the power 1, -1, 2 or -2 times a (possibly fractional) power
/// of seconds prints in that form: <c>V/s</c>, <c>S/s</c>, <c>V^2/s</c>, <c>V/s^(1/2)</c>,
/// <c>1/V</c>; the first power in that order wins, then the smallest power of seconds, then
/// the order of rule 2;</item>
/// <item>everything else prints in base form, numerator factors in the order kg, m, s, A, K,
/// mol, cd, then the denominator, parenthesised when it has several factors.</item>
/// </list>
/// <para>
/// 1/s prints as <c>1/s</c>, not <c>Hz</c>: in equations s^-1 is mostly a rate constant 1/tau,
/// and <c>1/s</c> composes visibly with the neighbouring forms (<c>1/s^2</c>, <c>V/s</c>).
/// Hz still resolves as an input name. Exponents print as <c>^2</c> or, when fractional, as
/// <c>^(1/2)</c>. Names that print alone (<c>V</c>, <c>kg</c>) resolve back to the same
/// dimension through <see cref="UnitCatalog.TryResolve"/>.
/// </para>
/// </remarks>
public static class UnitFormatter
{
    // Coherent derived units (scale exactly 1) in preference order. Hz is absent on purpose (see
    // remarks); gram, litre and molar are absent because their scale is not 1.
    private static readonly (string Symbol, Dimension Dimension)[] DerivedUnits =
    [
        ("N", Dimension.Force),
        ("Pa", Dimension.Pressure),
        ("J", Dimension.Energy),
        ("W", Dimension.Power),
        ("C", Dimension.Charge),
        ("V", Dimension.Voltage),
        ("F", Dimension.Capacitance),
        ("ohm", Dimension.Resistance),
        ("S", Dimension.Conductance),
    ];

    // Powers tried in rule 4, simplest first.
    private static readonly int[] DerivedPowers = [1, -1, 2, -2];

    // Print order of base factors: the conventional kg*m^2/(s^3*A), not the enum order.
    private static readonly (BaseDimension Base, string Symbol)[] BaseOrder =
    [
        (BaseDimension.Mass, "kg"),
        (BaseDimension.Length, "m"),
        (BaseDimension.Time, "s"),
        (BaseDimension.Current, "A"),
        (BaseDimension.Temperature, "K"),
        (BaseDimension.Amount, "mol"),
        (BaseDimension.LuminousIntensity, "cd"),
    ];

    /// <summary>Formats <paramref name="dimension"/> as described in the type remarks.</summary>
    public static string Format(Dimension dimension)
    {
        if (dimension.IsDimensionless)
        {
            return "1";
        }

        foreach ((string symbol, Dimension named) in DerivedUnits)
        {
            if (named == dimension)
            {
                return symbol;
            }
        }

        if (CountBaseFactors(dimension) <= 2)
        {
            return FormatBase(dimension);
        }

        return TryFormatDerived(dimension) ?? FormatBase(dimension);
    }

    private static int CountBaseFactors(Dimension dimension)
    {
        int count = 0;
        foreach ((BaseDimension baseDimension, _) in BaseOrder)
        {
            if (!dimension[baseDimension].IsZero)
            {
                count++;
            }
        }

        return count;
    }

    // Rule 4: dimension == named^power * s^k. Returns null when no named unit fits.
    private static string? TryFormatDerived(Dimension dimension)
    {
        foreach (int power in DerivedPowers)
        {
            string? best = null;
            Fraction bestTime = default;
            foreach ((string symbol, Dimension named) in DerivedUnits)
            {
                Dimension rest = dimension / named.Pow(power);
                Fraction time = rest[BaseDimension.Time];
                if (rest != Dimension.Time.Pow(time))
                {
                    continue;
                }

                if (best is null || time.Abs() < bestTime.Abs())
                {
                    best = symbol;
                    bestTime = time;
                }
            }

            if (best is not null)
            {
                return Combine(Factor(best, power), bestTime);
            }
        }

        return null;
    }

    // Joins a named factor (with its signed power) and a signed power of seconds into one string.
    private static string Combine((string Text, bool InDenominator) named, Fraction time)
    {
        var numerator = new List<string>();
        var denominator = new List<string>();
        (named.InDenominator ? denominator : numerator).Add(named.Text);
        if (!time.IsZero)
        {
            (time.Sign < 0 ? denominator : numerator).Add(Power("s", time.Abs()));
        }

        return Join(numerator, denominator);
    }

    private static (string Text, bool InDenominator) Factor(string symbol, int power) =>
        (Power(symbol, power < 0 ? -power : power), power < 0);

    /// <summary>Base form: numerator factors then denominator factors, in <see cref="BaseOrder"/>.</summary>
    private static string FormatBase(Dimension dimension)
    {
        var numerator = new List<string>();
        var denominator = new List<string>();
        foreach ((BaseDimension baseDimension, string symbol) in BaseOrder)
        {
            Fraction exponent = dimension[baseDimension];
            if (exponent.Sign > 0)
            {
                numerator.Add(Power(symbol, exponent));
            }
            else if (exponent.Sign < 0)
            {
                denominator.Add(Power(symbol, -exponent));
            }
        }

        return Join(numerator, denominator);
    }

    private static string Join(List<string> numerator, List<string> denominator)
    {
        var text = new StringBuilder();
        text.Append(numerator.Count == 0 ? "1" : string.Join("*", numerator));
        if (denominator.Count == 1)
        {
            text.Append('/').Append(denominator[0]);
        }
        else if (denominator.Count > 1)
        {
            text.Append("/(").Append(string.Join("*", denominator)).Append(')');
        }

        return text.ToString();
    }

    // A positive exponent: s, s^2, s^(1/2), s^(3/2).
    private static string Power(string symbol, Fraction exponent)
    {
        if (exponent == Fraction.One)
        {
            return symbol;
        }

        return exponent.IsInteger ? $"{symbol}^{exponent}" : $"{symbol}^({exponent})";
    }
}
