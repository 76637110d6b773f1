using System;
using System.Globalization;

namespace DynLang.Runtime;

// Delay validation: the one place where a delay in time units becomes a whole number of steps.
public sealed partial class SpikeQueue
{
    /// <summary>
    /// A delay as a whole number of time steps, validated: the one place where both
    /// constructors (and generated code) turn a delay into steps.
    /// </summary>
    /// <remarks>
    /// Accepted when |delay/dt − k| ≤ 1e-6 · max(1, k) for the nearest integer k. Why this
    /// tolerance: a delay meant as k·dt rarely divides exactly in binary (1.5e-3/1e-4 =
    /// 15.000000000000002, a few ulps off); a delay stored in single precision (a float32
    /// <c>.npy</c>, a float model) is off by up to 6e-8 of itself, i.e. 6e-8·k steps. 1e-6 of a
    /// step, or of the delay when that is longer, covers both with a margin of 16, while a delay
    /// really lying between two steps (a typo, a random delay not drawn on the grid) is far
    /// outside it and refused, where Brian2 would round it.
    /// </remarks>
    /// <param name="delay">The delay (same time unit as <paramref name="dt"/>).</param>
    /// <param name="dt">The time step.</param>
    /// <param name="what">What the delay belongs to, for the message ("SpikeQueue 'exc', synapse 12").</param>
    /// <returns>k, the delay in steps.</returns>
    /// <exception cref="ArgumentOutOfRangeException">dt is not positive and finite; the delay is negative, not finite, not a whole number of steps, or more than <see cref="MaxSupportedDelaySteps"/> steps.</exception>
    public static int DelaySteps(double delay, double dt, string what)
    {
        CheckDt(dt, what);
        DelayProblem problem = Classify(delay, dt, out int steps);
        if (problem != DelayProblem.None)
            throw DelayError(problem, delay, dt, what);
        return steps;
    }

    /// <summary>
    /// Per-synapse delays as whole numbers of steps, validated (the rule of <see cref="DelaySteps"/>);
    /// shared by this queue and <see cref="SlicedDelivery"/>.
    /// </summary>
    /// <param name="delays">Delay of every synapse, by synapse id.</param>
    /// <param name="dt">The time step.</param>
    /// <param name="what">What the delays belong to; a failure names "{what}, synapse {s}".</param>
    /// <param name="min">The shortest delay in steps (int.MaxValue when there are no synapses).</param>
    /// <param name="max">The longest delay in steps (0 when there are no synapses).</param>
    /// <exception cref="ArgumentOutOfRangeException">As <see cref="DelaySteps"/>, naming the synapse.</exception>
    public static int[] DelayStepsOf(ReadOnlySpan<double> delays, double dt, string what, out int min, out int max)
    {
        CheckDt(dt, what);
        var steps = new int[delays.Length];
        min = int.MaxValue;
        max = 0;
        for (int s = 0; s < steps.Length; s++)
        {
            // The message text is built only on failure: no string per synapse.
            DelayProblem problem = Classify(delays[s], dt, out int d);
            if (problem != DelayProblem.None)
                throw DelayError(problem, delays[s], dt, string.Create(CultureInfo.InvariantCulture, $"{what}, synapse {s}"));
            steps[s] = d;
            min = Math.Min(min, d);
            max = Math.Max(max, d);
        }
        return steps;
    }

    private enum DelayProblem { None, NotFinite, Negative, TooLong, NotWholeSteps }

    /// <summary>Checks one delay against a valid <paramref name="dt"/>; <paramref name="steps"/> is meaningful when it returns None.</summary>
    private static DelayProblem Classify(double delay, double dt, out int steps)
    {
        steps = 0;
        if (!double.IsFinite(delay))
            return DelayProblem.NotFinite;
        if (delay < 0)
            return DelayProblem.Negative;
        double ratio = delay / dt;
        double k = Math.Round(ratio);
        if (k > MaxSupportedDelaySteps)
            return DelayProblem.TooLong;
        // Tolerance: see DelaySteps' remarks (binary rounding and float32 storage of k·dt).
        if (Math.Abs(ratio - k) > 1e-6 * Math.Max(1.0, k))
            return DelayProblem.NotWholeSteps;
        steps = (int)k;
        return DelayProblem.None;
    }

    private static ArgumentOutOfRangeException DelayError(DelayProblem problem, double delay, double dt, string what)
    {
        double ratio = delay / dt;
        string message = problem switch
        {
            DelayProblem.NotFinite => string.Create(CultureInfo.InvariantCulture,
                $"{what}: delay {delay} is not a finite number (dt = {dt})."),
            DelayProblem.Negative => string.Create(CultureInfo.InvariantCulture,
                $"{what}: delay {delay} is negative (dt = {dt}); delays must be ≥ 0."),
            DelayProblem.TooLong => string.Create(CultureInfo.InvariantCulture,
                $"{what}: delay {delay} is {ratio} steps of dt = {dt}, more than the {MaxSupportedDelaySteps} steps a spike queue can hold."),
            _ => string.Create(CultureInfo.InvariantCulture,
                $"{what}: delay {delay} is not a whole number of time steps: it is {ratio} × dt (dt = {dt}). Give a multiple of dt; Brian2 would round it to {Math.Floor(ratio + 0.5)} steps, DynLang refuses to change a delay silently."),
        };
        return new ArgumentOutOfRangeException(nameof(delay), delay, message);
    }

    private static void CheckDt(double dt, string what)
    {
        if (!(dt > 0) || !double.IsFinite(dt))
            throw new ArgumentOutOfRangeException(nameof(dt), dt, string.Create(CultureInfo.InvariantCulture,
                $"{what}: time step dt = {dt} must be positive and finite."));
    }
}
