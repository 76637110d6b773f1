namespace Heat;

/// <summary>
/// Totals summed in double-double arithmetic (Knuth's TwoSum) and rounded once: a plain running
/// sum of 65,536 cells would itself err by more than the few ulp of drift being measured.
/// </summary>
internal static class MassSum
{
    public static double Of(ReadOnlySpan<double> values)
    {
        double high = 0, low = 0;
        foreach (double x in values)
        {
            double s = high + x;
            double bp = s - high;
            low += (high - (s - bp)) + (x - bp);
            high = s;
        }
        return high + low;
    }

    /// <summary>One unit in the last place at |x|.</summary>
    public static double Ulp(double x) => Math.BitIncrement(Math.Abs(x)) - Math.Abs(x);
}
