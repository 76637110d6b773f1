using System;
using System.Globalization;

namespace DynLang.Core.Checks;

/// <summary>Times for messages: "20 ms", "0.1 ms", "2.5 s" in models with units; plain numbers otherwise.</summary>
internal static class TimeFormat
{
    public static string Format(double seconds, bool withUnits)
    {
        if (!withUnits) return seconds.ToString("G4", CultureInfo.InvariantCulture);
        double magnitude = Math.Abs(seconds);
        (double scale, string unit) = magnitude >= 1 || magnitude == 0 ? (1.0, "s")
            : magnitude >= 1e-4 ? (1e-3, "ms")
            : magnitude >= 1e-6 ? (1e-6, "us")
            : (1e-9, "ns");
        return (seconds / scale).ToString("G4", CultureInfo.InvariantCulture) + " " + unit;
    }
}
