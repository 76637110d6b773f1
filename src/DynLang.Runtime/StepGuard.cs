using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace DynLang.Runtime;

/// <summary>
/// Detects a second <c>Step</c> on one instance while one is running (two threads stepping one
/// population, or a network and a thread both stepping it), which would otherwise corrupt its
/// state silently. Generated classes hold one in a field and call <see cref="Enter"/> before a
/// step and <see cref="Exit"/> after it (in a <c>finally</c>): one interlocked compare-exchange
/// per step, a few nanoseconds.
/// </summary>
public struct StepGuard
{
    private int _busy;

    /// <summary>Marks the instance as stepping.</summary>
    /// <param name="className">The generated class, for the message.</param>
    /// <exception cref="InvalidOperationException">A step of this instance is already running (on another thread, or further up this thread's stack).</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Enter(string className)
    {
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0) ThrowBusy(className);
    }

    /// <summary>Marks the step as finished.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Exit() => Volatile.Write(ref _busy, 0);

    private static void ThrowBusy(string className) =>
        throw new InvalidOperationException(
            $"Step called concurrently on one {className}: another Step of this instance (from another thread, or a network running it) has not returned. " +
            "An instance must be stepped from one thread at a time; step different instances on different threads instead.");
}

/// <summary>Refractory periods in steps, as generated <c>Step</c> methods compute them.</summary>
public static class RefractorySteps
{
    /// <summary>
    /// Brian2's <c>int((duration + 1e-3*dt)/dt)</c>, at most <paramref name="cap"/>: the step
    /// distance of an element that never spiked from the current step (its stamp is
    /// <c>NeverSpiked</c>), so that such an element is never refractory whatever the duration
    /// (<c>t_ref = ∞</c> included). A duration that is NaN or negative gives 0 (never refractory).
    /// </summary>
    public static long Of(double duration, double dt, long cap)
    {
        double steps = (duration + 1e-3 * dt) / dt;
        if (!(steps > 0)) return 0;
        return steps >= cap ? cap : (long)steps;
    }
}
