using System;
using System.Globalization;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Emit.Cpu;

/// <summary>The C# spelling of one precision: type, mask type, math class, literals.</summary>
internal sealed class NumericType
{
    public static readonly NumericType Double = new("double", "long", "Math", Precision.Double);
    public static readonly NumericType Single = new("float", "int", "MathF", Precision.Float);

    private NumericType(string name, string maskElement, string math, Precision precision)
    {
        Name = name;
        MaskElement = maskElement;
        Math = math;
        Precision = precision;
    }

    public static NumericType For(Precision precision) => precision == Precision.Float ? Single : Double;

    /// <summary>"double" or "float".</summary>
    public string Name { get; }

    /// <summary>Integer type of the same width ("long" / "int"): SIMD masks and last-spike steps.</summary>
    public string MaskElement { get; }

    /// <summary>"Math" or "MathF".</summary>
    public string Math { get; }

    public Precision Precision { get; }

    /// <summary>"Vector&lt;double&gt;".</summary>
    public string Vector => $"Vector<{Name}>";

    /// <summary>"Vector&lt;long&gt;".</summary>
    public string MaskVector => $"Vector<{MaskElement}>";

    /// <summary>A literal of this type that round-trips exactly; negative values in parentheses.</summary>
    public string Literal(double value)
    {
        if (double.IsNaN(value)) return $"{Name}.NaN";
        if (double.IsPositiveInfinity(value)) return $"{Name}.PositiveInfinity";
        if (double.IsNegativeInfinity(value)) return $"{Name}.NegativeInfinity";
        string text;
        if (Precision == Precision.Float)
        {
            text = ((float)value).ToString("R", CultureInfo.InvariantCulture);
            text = EnsureDecimalPoint(text) + "f";
        }
        else
        {
            text = EnsureDecimalPoint(value.ToString("R", CultureInfo.InvariantCulture));
        }
        return value < 0 || (value == 0 && value.IsNegative()) ? "(" + text + ")" : text;
    }

    /// <summary>A double literal for host-side code (always double).</summary>
    public static string HostLiteral(double value) => Double.Literal(value);

    private static string EnsureDecimalPoint(string text) =>
        text.IndexOfAny(new[] { '.', 'E', 'e' }) >= 0 ? text : text + ".0";
}

/// <summary>Polyfill: double.IsNegative is missing on netstandard2.0.</summary>
internal static class DoubleExtensions
{
    public static bool IsNegative(this double value) => BitConverter.DoubleToInt64Bits(value) < 0;
}
