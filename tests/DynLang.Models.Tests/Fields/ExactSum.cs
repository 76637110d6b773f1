namespace DynLang.Models.Tests.Fields;

/// <summary>
/// The sum of doubles in double-double arithmetic (Knuth's TwoSum), rounded once at the end: like
/// Python's math.fsum for the few-ulp drifts measured here (error ≈ 2⁻¹⁰⁶ relative per addition).
/// </summary>
internal static class ExactSum
{
    public static double Of(ReadOnlySpan<double> values)
    {
        double high = 0, low = 0;
        foreach (double x in values)
        {
            double s = high + x;
            double bp = s - high;
            double error = (high - (s - bp)) + (x - bp);
            high = s;
            low += error;
        }
        return high + low;
    }

    /// <summary>The spacing of doubles at |x| (one unit in the last place).</summary>
    public static double Ulp(double x) => Math.BitIncrement(Math.Abs(x)) - Math.Abs(x);
}
