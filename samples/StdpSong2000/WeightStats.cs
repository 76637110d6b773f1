namespace Samples;

/// <summary>Summary of the weights in units of gmax: mean, spread, the share at each bound, a 10-bin histogram.</summary>
internal readonly record struct WeightStats(double Mean, double StandardDeviation, double NearZero, double NearMax, int[] Bins)
{
    /// <summary>
    /// Statistics of w/gmax. "Near" a bound means within 10% of the range of it (w &lt; 0.1·gmax,
    /// w ≥ 0.9·gmax): the first and last bins of the histogram.
    /// </summary>
    public static WeightStats Of(ReadOnlySpan<double> w, double gmax)
    {
        double sum = 0, sumSquares = 0;
        var bins = new int[10];
        foreach (double value in w)
        {
            double x = value / gmax;
            sum += x;
            sumSquares += x * x;
            bins[Math.Clamp((int)(x * 10), 0, 9)]++;          // w = gmax goes in the last bin
        }
        double mean = sum / w.Length;
        double variance = Math.Max(0, sumSquares / w.Length - mean * mean);
        return new WeightStats(mean, Math.Sqrt(variance), (double)bins[0] / w.Length, (double)bins[9] / w.Length, bins);
    }

    /// <summary>Both end bins hold at least 1.4 times as many weights as the fullest bin between them.</summary>
    public bool Bimodal => Bins[0] >= 1.4 * Bins[1..9].Max() && Bins[9] >= 1.4 * Bins[1..9].Max();

    public override string ToString() =>
        $"w/gmax mean {Mean:F3}, std {StandardDeviation:F3}, below 0.1: {NearZero:P1}, above 0.9: {NearMax:P1}";
}
