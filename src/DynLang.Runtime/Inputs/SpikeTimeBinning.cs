using System;

namespace DynLang.Runtime;

/// <summary>
/// Turns spike times into time steps exactly as Brian2's <c>SpikeGeneratorGroup.before_run</c>
/// (brian2/input/spikegeneratorgroup.py): bin = int((t + 1e-3·dt)/dt) — the shift keeps spikes
/// at exact multiples of dt out of the preceding step despite rounding — and period bins =
/// round(period/dt), accepted when |bins·dt − period| ≤ period·eps.
/// </summary>
internal static class SpikeTimeBinning
{
    /// <summary>Largest step count accepted (bins are longs; 2⁶² leaves room for step arithmetic).</summary>
    internal const double MaxBins = 4611686018427387904.0; // 2^62

    /// <summary>numpy's finfo(float64).eps, 2⁻⁵² (not <see cref="double.Epsilon"/>, the smallest subnormal).</summary>
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>Brian2's time step of <paramref name="t"/>.</summary>
    internal static double Bin(double t, double dt) => Math.Floor((t + 1e-3 * dt) / dt);

    /// <summary>Number of steps in one period, 0 for no period; validates as Brian2 does.</summary>
    internal static long PeriodBins(string owner, double period, double dt)
    {
        if (period == 0) return 0;
        if (period < dt)
            throw new ArgumentOutOfRangeException(nameof(period), period, FormattableString.Invariant(
                $"{owner}: period = {period} s is smaller than dt = {dt} s."));
        double bins = Math.Round(period / dt, MidpointRounding.ToEven); // numpy's round
        if (!(bins < MaxBins))
            throw new ArgumentOutOfRangeException(nameof(period), period, FormattableString.Invariant(
                $"{owner}: period = {period} s is {bins} steps of dt = {dt} s; at most 2^62 steps are supported."));
        if (Math.Abs(bins * dt - period) > period * MachineEpsilon)
            throw new ArgumentException(FormattableString.Invariant(
                $"{owner}: period = {period} s is not an integer multiple of dt = {dt} s (nearest: {bins} steps = {bins * dt} s)."),
                nameof(period));
        return (long)bins;
    }

    /// <summary>
    /// Steps and element indices of all spikes, sorted by step then index (so each step's
    /// spikes are one contiguous, ascending run). Rejects a time whose step is not below the
    /// period and two spikes of one element in one step.
    /// </summary>
    internal static (long[] Bins, int[] Indices) Sort(
        string owner, int[] indices, double[] times, double dt, long periodBins)
    {
        int n = indices.Length;
        var bins = new long[n];
        for (int k = 0; k < n; k++)
        {
            double b = Bin(times[k], dt);
            if (!(b < MaxBins))
                throw new ArgumentOutOfRangeException("times", times[k], FormattableString.Invariant(
                    $"{owner}: times[{k}] = {times[k]} s is step {b} at dt = {dt} s; at most 2^62 steps are supported."));
            bins[k] = (long)b;
            if (periodBins > 0 && bins[k] >= periodBins)
                throw new ArgumentOutOfRangeException("times", times[k], FormattableString.Invariant(
                    $"{owner}: times[{k}] = {times[k]} s falls in step {bins[k]} at dt = {dt} s, but the period has only {periodBins} steps ({periodBins * dt} s); spike times must lie in steps [0, {periodBins})."));
        }

        var order = new int[n];
        for (int k = 0; k < n; k++) order[k] = k;
        Array.Sort(order, (a, b) =>
        {
            int c = bins[a].CompareTo(bins[b]);
            if (c == 0) c = indices[a].CompareTo(indices[b]);
            return c != 0 ? c : a.CompareTo(b);
        });

        var sortedBins = new long[n];
        var sortedIndices = new int[n];
        for (int k = 0; k < n; k++)
        {
            int p = order[k];
            sortedBins[k] = bins[p];
            sortedIndices[k] = indices[p];
            if (k > 0 && sortedBins[k] == sortedBins[k - 1] && sortedIndices[k] == sortedIndices[k - 1])
            {
                int q = order[k - 1];
                throw new ArgumentException(FormattableString.Invariant(
                    $"{owner}: element {indices[p]} spikes twice in step {bins[p]} at dt = {dt} s (times[{q}] = {times[q]} s and times[{p}] = {times[p]} s); at most one spike per element per step is allowed."),
                    "times");
            }
        }
        return (sortedBins, sortedIndices);
    }

    /// <summary>First position whose bin is ≥ <paramref name="bin"/> (binary search, no allocation).</summary>
    internal static int LowerBound(long[] bins, long bin)
    {
        int lo = 0, hi = bins.Length;
        while (lo < hi)
        {
            int mid = (int)((uint)(lo + hi) >> 1);
            if (bins[mid] < bin) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
