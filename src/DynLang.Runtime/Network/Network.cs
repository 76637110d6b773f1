using System.Runtime.CompilerServices;
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace DynLang.Runtime;

/// <summary>
/// Steps populations, synapses, inputs and monitors together on one clock, in Brian2's
/// schedule: every step runs the phases Start → SynapticSums → Groups → Thresholds → Synapses →
/// Resets → End, and within a phase the objects in the order they were added.
/// </summary>
/// <remarks>
/// What follows from the schedule (as in Brian2): a spike of step n is recorded with time n·dt;
/// zero-delay synaptic effects of step n reach their targets in the same step, after the
/// update, so the target's next update (step n+1) sees them; resets run after the synapses.
/// Recorders (monitors writing files) are flushed when a run ends, is cancelled or fails, so
/// every record made so far is on disk.
/// </remarks>
public sealed class Network
{
    private static readonly NetworkPhase[] Phases =
    {
        NetworkPhase.Start, NetworkPhase.SynapticSums, NetworkPhase.Groups, NetworkPhase.Thresholds,
        NetworkPhase.Synapses, NetworkPhase.Resets, NetworkPhase.End,
    };

    private readonly List<INetworkObject> _objects = new();

    /// <summary>A network with time step <paramref name="dt"/> (seconds for models with units).</summary>
    /// <exception cref="ArgumentOutOfRangeException">dt is not a positive finite number.</exception>
    public Network(double dt)
    {
        if (!(dt > 0) || double.IsInfinity(dt))
            throw new ArgumentOutOfRangeException(nameof(dt), dt, "The time step must be a positive finite number.");
        Dt = dt;
    }

    /// <summary>The time step.</summary>
    public double Dt { get; }

    /// <summary>Steps run so far.</summary>
    public long StepIndex { get; private set; }

    /// <summary>
    /// Stop a run at the first NaN or infinite state of any population, with a
    /// <see cref="NonFiniteStateException"/> naming the model, the state, the element and the step
    /// (default true: the check reads each state once per step; its cost is in benchmarks/RESULTS.md).
    /// A generated class also checks on its own when its <c>CheckFinite</c> is true (the default in Debug builds).
    /// </summary>
    public bool CheckFinite { get; set; } = true;

    /// <summary>Time of the next step: StepIndex·dt.</summary>
    public double Time => StepIndex * Dt;

    /// <summary>The objects, in the order they run within each phase.</summary>
    public IReadOnlyList<INetworkObject> Objects => _objects;

    /// <summary>Adds objects (populations, synapses, sources, monitors); they run in this order within each phase.</summary>
    /// <exception cref="ArgumentException">
    /// An object is null or already in the network, or it runs on another backend than the objects
    /// added before (a CPU population and an accelerator's: the message names both). Monitors and
    /// other objects without a backend of their own go with any.
    /// </exception>
    public Network Add(params INetworkObject[] objects)
    {
        foreach (var item in objects)
        {
            if (item is null) throw new ArgumentException("A network object is null.", nameof(objects));
            if (_objects.Contains(item)) throw new ArgumentException($"'{item.Name}' is already in the network.", nameof(objects));
            if (item is IBackendObject placed && FirstPlaced() is { } earlier)
                Backend.RequireSame("Network", earlier.Name, ((IBackendObject)earlier).Backend, item.Name, placed.Backend);
            _objects.Add(item);
        }
        return this;
    }

    /// <summary>The backend of the network's objects: that of the first one with a backend, else the CPU.</summary>
    public Backend Backend => FirstPlaced() is IBackendObject placed ? placed.Backend : Backend.Cpu;

    /// <summary>The first object with a backend of its own (its backend is the network's), or null.</summary>
    private INetworkObject? FirstPlaced()
    {
        foreach (var item in _objects)
            if (item is IBackendObject) return item;
        return null;
    }

    /// <summary>
    /// Runs for <paramref name="duration"/> (a whole number of steps), reporting progress about
    /// every half second of wall time and at the end.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">duration is negative, not finite, or not a whole number of steps.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled (recorders are flushed first).</exception>
    /// <exception cref="AggregateException">
    /// Recorders could not write their files (a full disk): every recorder is flushed whatever
    /// the others do, then the failures are thrown together — one failure alone is thrown as it
    /// is. When the run itself failed (or was cancelled) and a flush failed too, the run's
    /// exception comes first in <see cref="AggregateException.InnerExceptions"/>.
    /// Then every <see cref="IRunListener"/> is told how the run ended; one that throws ends the run with its exception.
    /// </exception>
    public void Run(double duration, IProgress<NetworkProgress>? progress = null, CancellationToken cancellation = default)
    {
        long steps = StepsIn(duration);
        try
        {
            RunSteps(steps, progress, cancellation);
        }
        catch (Exception runError)
        {
            // Flush every recorder, then rethrow the run's exception as it was, or, when a flush
            // failed too, all of them together (the run's first).
            List<Exception>? flushErrors = FlushRecorders();
            flushErrors?.Insert(0, runError);
            Exception failure = flushErrors is null ? runError : new AggregateException(
                $"The network run failed ({runError.GetType().Name}: {runError.Message}), and {flushErrors.Count - 1} recorder(s) could not write their files; every recorder was flushed.",
                flushErrors);
            NotifyListeners(failure);
            if (flushErrors is null) throw;
            throw failure;
        }
        List<Exception>? errors = FlushRecorders();
        Exception? flushFailure = errors is null ? null
            : errors.Count == 1 ? errors[0]
            : new AggregateException($"{errors.Count} recorders could not write their files; every recorder was flushed.", errors);
        NotifyListeners(flushFailure);
        if (flushFailure is null) return;
        ExceptionDispatchInfo.Capture(flushFailure).Throw();
    }

    /// <summary>Tells every <see cref="IRunListener"/> how the run ended; a listener's own exception ends the run with it (the first one, after all were told).</summary>
    private void NotifyListeners(Exception? error)
    {
        Exception? first = null;
        foreach (var item in _objects)
        {
            if (item is not IRunListener listener) continue;
            try
            {
                listener.RunEnded(error);
            }
            catch (Exception e)
            {
                first ??= e;
            }
        }
        if (first is not null) ExceptionDispatchInfo.Capture(first).Throw();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a hot loop: see DynLang.Core.Emit.Cpu.HotPath
    private void RunSteps(long steps, IProgress<NetworkProgress>? progress, CancellationToken cancellation)
    {
        var watch = Stopwatch.StartNew();
        // The first report after half a second: an estimate from the first step alone is noise.
        long nextReport = 500;
        // Before every run: objects check their settings (delays, rates, parameters) against dt,
        // and pick up changes made between runs; what is in flight (queued spikes) is kept.
        foreach (var item in _objects) item.Prepare(Dt);
        for (long k = 0; k < steps; k++)
        {
            cancellation.ThrowIfCancellationRequested();
            var clock = new NetworkClock(StepIndex, StepIndex * Dt, Dt, CheckFinite);
            foreach (var phase in Phases)
                foreach (var item in _objects) item.Run(phase, clock);
            StepIndex++;
            if (progress is not null && k + 1 < steps && watch.ElapsedMilliseconds >= nextReport)
            {
                progress.Report(new NetworkProgress(k + 1, steps, Time, watch.Elapsed));
                nextReport = watch.ElapsedMilliseconds + 500;
            }
        }
        progress?.Report(new NetworkProgress(steps, steps, Time, watch.Elapsed));
    }

    /// <summary>Flushes every recorder, in the order they were added, continuing past failures; returns the failures, or null.</summary>
    private List<Exception>? FlushRecorders()
    {
        List<Exception>? errors = null;
        foreach (var item in _objects)
        {
            if (item is not IRecorder recorder) continue;
            try
            {
                recorder.Flush();
            }
            catch (Exception e)
            {
                (errors ??= new()).Add(e);
            }
        }
        return errors;
    }

    /// <summary>The number of steps in <paramref name="duration"/>, which must be a whole number of them.</summary>
    public long StepsIn(double duration)
    {
        if (!(duration >= 0) || double.IsInfinity(duration))
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "The duration must be zero or a positive finite number.");
        double exact = duration / Dt;
        double steps = Math.Round(exact);
        // A duration written in the model's units (1 s at 0.1 ms) is a whole number of steps up to
        // the rounding of the division: allow a relative 1e-9, refuse anything coarser.
        if (Math.Abs(exact - steps) > 1e-9 * Math.Max(1, steps))
            throw new ArgumentOutOfRangeException(nameof(duration), duration,
                $"The duration {duration:R} is not a whole number of time steps (dt = {Dt:R}; it is {exact:R} steps).");
        return (long)steps;
    }
}

/// <summary>Progress of <see cref="Network.Run"/>.</summary>
/// <param name="StepsDone">Steps completed in this run.</param>
/// <param name="StepsTotal">Steps of this run.</param>
/// <param name="Time">Network time after the last completed step.</param>
/// <param name="Elapsed">Wall time since the run started.</param>
public readonly record struct NetworkProgress(long StepsDone, long StepsTotal, double Time, TimeSpan Elapsed)
{
    /// <summary>Fraction done, 0 to 1.</summary>
    public double Fraction => StepsTotal == 0 ? 1 : (double)StepsDone / StepsTotal;

    /// <summary>Wall time still needed at the pace so far (zero when done or unknown).</summary>
    public TimeSpan Remaining => StepsDone == 0 || StepsDone >= StepsTotal
        ? TimeSpan.Zero
        : TimeSpan.FromTicks((long)(Elapsed.Ticks * (double)(StepsTotal - StepsDone) / StepsDone));

    /// <summary>"[#########-----------]  45%  t = 0.450 s  elapsed 1.2 s, about 1.4 s left".</summary>
    public override string ToString()
    {
        int filled = (int)Math.Round(Fraction * 20);
        string bar = new string('#', filled) + new string('-', 20 - filled);
        string left = StepsDone >= StepsTotal ? "done" : $"about {Remaining.TotalSeconds:F1} s left";
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"[{bar}] {Fraction * 100,3:F0}%  t = {Time:F3}  elapsed {Elapsed.TotalSeconds:F1} s, {left}");
    }
}
