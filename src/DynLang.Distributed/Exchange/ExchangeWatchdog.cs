using System;
using System.Globalization;
using System.Threading;

namespace DynLang.Distributed;

/// <summary>
/// Bounds every wait for the other ranks. A collective that has not returned after
/// <see cref="Timeout"/> means a rank died without MPI noticing (mpiexec started with
/// <c>-disable-auto-cleanup</c>, a node lost) or hangs: the watchdog prints which wait, at which
/// step, and ends every rank with MPI_Abort, so that no rank waits forever.
/// </summary>
/// <remarks>
/// With MPICH's default settings a rank that exits or is killed makes mpiexec end all the others at
/// once (it prints the dead process's pid and exit code; every rank prints its pid at start,
/// so the pid names the rank). The watchdog covers the rest.
/// </remarks>
public sealed class ExchangeWatchdog : IDisposable
{
    /// <summary>The environment variable that sets the default timeout in seconds.</summary>
    public const string TimeoutVariable = "DYNLANG_EXCHANGE_TIMEOUT_S";

    private readonly ICommunicator _communicator;
    private readonly Timer _timer;
    private string _waitingFor = "";
    private long _step;

    /// <summary>A watchdog that aborts <paramref name="communicator"/>'s ranks when a guarded wait lasts longer than the timeout.</summary>
    public ExchangeWatchdog(ICommunicator communicator)
    {
        _communicator = communicator ?? throw new ArgumentNullException(nameof(communicator));
        _timer = new Timer(_ => Fire(), null, System.Threading.Timeout.Infinite, System.Threading.Timeout.Infinite);
    }

    /// <summary>
    /// How long one wait for the other ranks may last (default: <see cref="TimeoutVariable"/>, else
    /// 300 s: longer than any healthy rank needs to compute one exchange interval).
    /// </summary>
    public TimeSpan Timeout { get; set; } = DefaultTimeout();

    /// <summary>Set when the watchdog fired (in-process ranks: the abort is an exception, and this tells why).</summary>
    public bool Fired { get; private set; }

    /// <summary>Starts timing a wait; <see cref="End"/> stops it.</summary>
    public void Begin(string waitingFor, long step)
    {
        _waitingFor = waitingFor;
        _step = step;
        _timer.Change(Timeout, System.Threading.Timeout.InfiniteTimeSpan);
    }

    /// <summary>The wait ended.</summary>
    public void End() => _timer.Change(System.Threading.Timeout.Infinite, System.Threading.Timeout.Infinite);

    private void Fire()
    {
        Fired = true;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rank {_communicator.Rank} of {_communicator.Size}: {_waitingFor} at step {_step} got no answer from the other ranks in {Timeout.TotalSeconds:0.#} s: a rank died or hangs (mpiexec names a dead process by its pid; every rank printed its pid at start). Aborting every rank."));
        Console.Error.Flush();
        _communicator.Abort(3);
    }

    private static TimeSpan DefaultTimeout()
    {
        string? text = Environment.GetEnvironmentVariable(TimeoutVariable);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromSeconds(300);
    }

    /// <summary>Stops the timer.</summary>
    public void Dispose() => _timer.Dispose();
}
