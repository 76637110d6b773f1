using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;

namespace DynLang.Runtime;

/// <summary>
/// What the monitors share: a name, the network-object protocol, and when records reach the
/// files. Records are kept in memory as they are made; the files receive them at a flush —
/// every <see cref="FlushIntervalSteps"/> steps, at least every <see cref="FlushWallInterval"/>
/// of wall-clock time, on <see cref="Flush"/> (which the network calls when a run ends, is
/// cancelled or throws) and on <see cref="Dispose"/>. Between flushes a step does no I/O.
/// A monitor is used from one thread at a time, like the network that runs it.
/// </summary>
public abstract class MonitorBase : INetworkObject, IRecorder, IDisposable
{
    /// <summary>
    /// Default <see cref="FlushIntervalSteps"/>: 10,000 steps is 1 s of biological time at the
    /// common dt = 0.1 ms. Flushing is a few system calls, so this costs nothing measurable,
    /// and it gives flush points that do not depend on the machine's speed (the wall-clock
    /// interval bounds what a killed process loses when steps are slow).
    /// </summary>
    public const int DefaultFlushIntervalSteps = 10_000;

    private int _flushIntervalSteps = DefaultFlushIntervalSteps;
    private TimeSpan _flushWallInterval = TimeSpan.FromSeconds(1);
    private long _stepsSinceFlush;
    private long _nextFlushTimestamp = long.MaxValue;
    private TimeProvider _clock = TimeProvider.System;
    private bool _disposed;

    private protected MonitorBase(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A monitor needs a non-empty name.", nameof(name));
        Name = name;
        RestartFlushClocks();
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Steps between automatic flushes to the files; 0 turns step-counted flushing off.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative value.</exception>
    public int FlushIntervalSteps
    {
        get => _flushIntervalSteps;
        set => _flushIntervalSteps = value >= 0 ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"Monitor '{Name}': the flush interval must be 0 (off) or a positive number of steps.");
    }

    /// <summary>Longest wall-clock time between automatic flushes (checked once a step); <see cref="TimeSpan.Zero"/> turns it off.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative value.</exception>
    public TimeSpan FlushWallInterval
    {
        get => _flushWallInterval;
        set
        {
            if (value < TimeSpan.Zero)
                throw new ArgumentOutOfRangeException(nameof(value), value, $"Monitor '{Name}': the wall-clock flush interval must be zero (off) or positive.");
            _flushWallInterval = value;
            RestartFlushClocks();
        }
    }

    /// <summary>The wall clock of <see cref="FlushWallInterval"/> (a test seam: tests move a fake clock instead of sleeping).</summary>
    internal TimeProvider Clock
    {
        get => _clock;
        set
        {
            _clock = value ?? throw new ArgumentNullException(nameof(value));
            RestartFlushClocks();
        }
    }

    /// <summary>True when the monitor writes files (else flushing does nothing).</summary>
    public abstract bool WritesFiles { get; }

    /// <summary>Checks the time step and starts the flush clocks. Recording continues across runs.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dt"/> is not positive and finite.</exception>
    /// <exception cref="ObjectDisposedException">The monitor was disposed.</exception>
    public void Prepare(double dt)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!(dt > 0) || double.IsInfinity(dt))
            throw new ArgumentOutOfRangeException(nameof(dt), dt, $"Monitor '{Name}': the time step must be positive and finite.");
        OnPrepare(dt);
        RestartFlushClocks();
    }

    /// <summary>Records in this monitor's phase; ignores the others.</summary>
    /// <exception cref="ObjectDisposedException">The monitor was disposed.</exception>
    public void Run(NetworkPhase phase, NetworkClock clock)
    {
        if (_disposed) throw new ObjectDisposedException(Name);
        if (!Record(phase, clock) || !WritesFiles) return;
        _stepsSinceFlush++;
        if ((_flushIntervalSteps > 0 && _stepsSinceFlush >= _flushIntervalSteps)
            || _clock.GetTimestamp() >= _nextFlushTimestamp)
        {
            Flush();
        }
    }

    /// <inheritdoc/>
    public void Flush()
    {
        if (_disposed) return;
        DrainSource();
        if (WritesFiles) WritePending();
        RestartFlushClocks();
    }

    /// <summary>Flushes and closes the files; the records in memory stay readable.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        try
        {
            Flush();
        }
        finally
        {
            _disposed = true;
            CloseFiles();
        }
    }

    /// <summary>
    /// Brings the records up to date with a source that delivers spikes in batches (an accelerator's
    /// <see cref="ISpikeBatchSource"/>): called before every flush and before the records are read.
    /// </summary>
    private protected virtual void DrainSource()
    {
    }

    /// <summary>Validates against the run's time step (sizes, indices) before a run.</summary>
    private protected virtual void OnPrepare(double dt)
    {
    }

    /// <summary>Records if <paramref name="phase"/> is this monitor's; returns whether it was (counted as one step).</summary>
    private protected abstract bool Record(NetworkPhase phase, NetworkClock clock);

    /// <summary>
    /// Writes the records made since the last flush to the files and hands them to the OS. Each
    /// file is written even when another fails; a file that failed gets the same records again at
    /// the next flush (its writer repairs the file first). Failures are rethrown together by
    /// <see cref="ThrowFileErrors"/>.
    /// </summary>
    private protected abstract void WritePending();

    /// <summary>Keeps <paramref name="error"/> to be rethrown once every file has been tried.</summary>
    private protected static void AddFileError(ref List<Exception>? errors, Exception error) => (errors ??= new()).Add(error);

    /// <summary>Nothing when <paramref name="errors"/> is null; the only error as it was thrown; several in an <see cref="AggregateException"/> naming the monitor.</summary>
    private protected void ThrowFileErrors(List<Exception>? errors)
    {
        if (errors is null) return;
        if (errors.Count == 1) ExceptionDispatchInfo.Capture(errors[0]).Throw();
        throw new AggregateException($"Monitor '{Name}': {errors.Count} of its files could not be written (the others were).", errors);
    }

    /// <summary>Closes the files (after a final flush).</summary>
    private protected abstract void CloseFiles();

    /// <summary>Disposes <paramref name="files"/> in order, continuing past failures and rethrowing the first.</summary>
    private protected static void DisposeAll(params IDisposable?[] files)
    {
        Exception? first = null;
        foreach (IDisposable? f in files)
        {
            try
            {
                f?.Dispose();
            }
            catch (Exception e)
            {
                first ??= e;
            }
        }
        if (first is not null) throw first;
    }

    private void RestartFlushClocks()
    {
        _stepsSinceFlush = 0;
        if (_flushWallInterval <= TimeSpan.Zero)
        {
            _nextFlushTimestamp = long.MaxValue;
            return;
        }
        long now = _clock.GetTimestamp();
        double ticks = _flushWallInterval.TotalSeconds * _clock.TimestampFrequency;
        _nextFlushTimestamp = ticks < long.MaxValue - now ? now + (long)ticks : long.MaxValue;
    }
}
