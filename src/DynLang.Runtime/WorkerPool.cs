using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace DynLang.Runtime;

/// <summary>
/// An allocation-free parallel-for for generated <c>Step(dt)</c> kernels: splits
/// <c>[0, count)</c> into chunks of <c>grain</c> indices and runs them on background worker
/// threads plus the calling thread.
/// </summary>
/// <remarks>
/// <para>
/// A simulation calls <see cref="Run"/> once per time step and per kernel, often 10^5 to 10^7
/// times, so the steady state must not allocate (no delegates, closures, <c>Task</c>s or
/// <c>Parallel.For</c>) and a hand-off must cost microseconds, not tens of them. The kernel is an
/// interface (<see cref="IRangeKernel"/>) the model class implements.
/// </para>
/// <para>
/// Hand-out: one 64-bit <em>ticket</em> holds the job's epoch (high half) and the number of
/// chunks not yet handed out (low half). Every thread, the caller included, claims a chunk by
/// compare-and-swap on the ticket, so a claim can only succeed while that very job still has
/// chunks: a worker that wakes late can never run a chunk of a finished job or of the next one.
/// The caller never waits for a worker to wake up or check in: it claims chunks until none is
/// left, then waits only for chunks other threads are <em>running</em> (a count of unfinished
/// chunks). Work no worker thread has claimed is simply done by the caller.
/// </para>
/// <para>
/// Idle workers poll for the next job and then park on a monitor: for
/// <see cref="IdleSpinMicroseconds"/>, or, while jobs keep coming within
/// <see cref="MaxAdaptiveSpinMicroseconds"/> of each other (a running simulation), for up to twice
/// the last gap. So the short serial phases of a step cost no wake-up, while a long pause and an
/// idle pool burn no CPU. The caller wakes parked workers only when there
/// are any (a Dekker-style pair of interlocked operations makes sure none is missed).
/// </para>
/// <para>
/// Callers from several threads are serialized by a lock. A <see cref="Run"/> issued from
/// inside a kernel (on the caller or on a worker) runs inline, which rules out deadlock on
/// nested use. A single chunk's worth of work, or a pool without workers (one-processor
/// machines), also runs inline. An exception thrown by the kernel on any thread stops the
/// hand-out of further chunks and is rethrown on the caller with its original stack trace;
/// if several chunks throw, the first one captured wins.
/// </para>
/// </remarks>
public sealed class WorkerPool : IDisposable
{
    /// <summary>
    /// How long an idle worker polls for the next job before it parks, when jobs have not been
    /// coming regularly: long enough to bridge the gap between two kernels of one step.
    /// </summary>
    public const int IdleSpinMicroseconds = 20;

    /// <summary>
    /// The longest a worker polls when jobs come regularly (a running simulation): up to twice the
    /// last idle gap it saw, if that gap was at most this long. Waking a parked thread costs a
    /// futex round trip (measured 5–25 µs here, more on a loaded machine), as much as a whole
    /// kernel of 40,000 LIF neurons, so a worker keeps polling through the short serial phases of
    /// a step; through a longer pause (I/O, a monitor flush, the end of a run) it parks.
    /// </summary>
    public const int MaxAdaptiveSpinMicroseconds = 500;

    private static readonly long IdleSpinTicks = MicrosecondsToTicks(IdleSpinMicroseconds);
    private static readonly long MaxAdaptiveSpinTicks = MicrosecondsToTicks(MaxAdaptiveSpinMicroseconds);

    // Depth of kernel execution on the current thread; non-zero means Run must go inline.
    [ThreadStatic]
    private static int t_kernelDepth;

    // The pool installed by Use on this thread (null: Shared).
    [ThreadStatic]
    private static WorkerPool? t_current;

    private readonly object _runLock = new();
    private readonly object _parkLock = new();
    private readonly Thread[] _workers;
    private readonly bool _isShared;
    private volatile bool _shutdown;
    private volatile bool _disposed;

    // Epoch, front and back of the chunks not yet handed out (see Ticket). Only ever changed by
    // Interlocked operations.
    private long _ticket;
    // Chunks handed out or not that have not finished; the job is over when it reaches zero.
    private int _unfinished;
    // Workers parked (or about to park) on _parkLock.
    private int _parked;

    // The job in flight, written by the caller before the ticket that publishes it. A thread
    // reads them only after claiming a chunk of this job, and the job cannot end (nor the fields
    // change) before that chunk is finished.
    private IRangeKernel? _kernel;
    private int _count;
    private int _grain;
    private int _firstChunk; // chunk index of the ticket's chunk 0 (jobs of over 4M chunks take several tickets)
    private ExceptionDispatchInfo? _error;

    /// <summary>Creates a pool with <paramref name="workerCount"/> background threads.</summary>
    /// <param name="workerCount">
    /// Number of background threads; the caller of <see cref="Run"/> always works too, so the
    /// degree of parallelism is <c>workerCount + 1</c>. Zero makes every call run inline.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workerCount"/> is negative.</exception>
    public WorkerPool(int workerCount)
        : this(workerCount, isShared: false)
    {
    }

    private WorkerPool(int workerCount, bool isShared)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workerCount);
        _isShared = isShared;
        _workers = new Thread[workerCount];
        for (int i = 0; i < workerCount; i++)
        {
            _workers[i] = new Thread(WorkerLoop)
            {
                IsBackground = true, // never keeps the process alive
                Name = $"DynLang worker {i + 1}",
            };
            _workers[i].Start();
        }
    }

    /// <summary>
    /// The process-wide pool, created on first use with <c>Environment.ProcessorCount - 1</c>
    /// workers (the caller is the remaining one). Disposing it does nothing.
    /// </summary>
    public static WorkerPool Shared => SharedHolder.Instance;

    /// <summary>
    /// The pool generated kernels run on from this thread: the one installed by <see cref="Use"/>
    /// on this thread, else <see cref="Shared"/>.
    /// </summary>
    public static WorkerPool Current => t_current ?? SharedHolder.Instance;

    /// <summary>
    /// Makes <paramref name="pool"/> the <see cref="Current"/> pool of this thread until the
    /// returned scope is disposed (scopes nest). Tests use it to run one simulation with 1, 2, 4
    /// or 16 threads in one process; results must not change.
    /// </summary>
    public static CurrentScope Use(WorkerPool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var scope = new CurrentScope(t_current);
        t_current = pool;
        return scope;
    }

    /// <summary>Restores the previous <see cref="Current"/> pool of the thread when disposed.</summary>
    public readonly struct CurrentScope : IDisposable
    {
        private readonly WorkerPool? _previous;

        internal CurrentScope(WorkerPool? previous) => _previous = previous;

        /// <summary>Restores the pool that was current before <see cref="Use"/>.</summary>
        public void Dispose() => t_current = _previous;
    }

    /// <summary>Number of background worker threads.</summary>
    public int WorkerCount => _workers.Length;

    /// <summary>Threads that work on one <see cref="Run"/>: the workers plus the caller.</summary>
    public int DegreeOfParallelism => _workers.Length + 1;

    /// <summary>
    /// Estimated time of one step below which work stays on the calling thread. Handing work to
    /// a polling worker costs about a microsecond, to a parked one 3–25 µs (a futex wake-up); but
    /// in a network the larger cost is hidden: the elements a worker updated sit in its core's
    /// cache, and the next serial phase (spike delivery into ge, gi) pulls them back line by line.
    /// Measured on CUBA at 40,000 neurons (benchmarks/RESULTS.md, section 8): splitting its 22 µs
    /// neuron step made the whole step ~10 µs slower, not 11 µs faster; at 200,000 neurons (120 µs)
    /// the split gains 30%. So a step must be estimated well above both costs to be split.
    /// </summary>
    public const double ParallelThresholdNanoseconds = 100_000;

    // The smallest estimated time of one chunk; below it, hand-out costs (an interlocked
    // increment per chunk, a cache line moving between cores) are no longer negligible.
    private const double MinChunkNanoseconds = 4_000;

    // Chunks per thread when the work allows: a few more than one so that a thread slowed by the
    // OS or by a costlier region takes fewer chunks, the others more.
    private const int ChunksPerThread = 2;

    /// <summary>
    /// The chunk size for <see cref="Run"/> over <paramref name="count"/> elements that each cost
    /// about <paramref name="nanosecondsPerElement"/>: <paramref name="count"/> itself (run inline)
    /// when the whole step is estimated under <see cref="ParallelThresholdNanoseconds"/> or the
    /// pool has no workers; otherwise an even split into a few chunks per thread, each a multiple
    /// of <paramref name="alignment"/> (the SIMD width: only the last chunk has a scalar tail).
    /// Deterministic for a given pool size; results of generated kernels never depend on it.
    /// </summary>
    public int ChunkSizeFor(int count, double nanosecondsPerElement, int alignment)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(alignment);
        double total = count * Math.Max(nanosecondsPerElement, 0);
        if (_workers.Length == 0 || count <= alignment || !(total >= ParallelThresholdNanoseconds))
        {
            return Math.Max(count, 1);
        }

        int threads = DegreeOfParallelism;
        // At least one chunk per thread, at most ChunksPerThread, and none cheaper than MinChunk.
        double byCost = Math.Floor(total / MinChunkNanoseconds);
        int chunks = (int)Math.Clamp(byCost, threads, (double)threads * ChunksPerThread);
        long size = ((long)count + chunks - 1) / chunks;
        size = (size + alignment - 1) / alignment * alignment;
        return (int)Math.Min(Math.Max(size, alignment), count);
    }

    /// <summary>
    /// Calls <paramref name="kernel"/> on chunks <c>[k*grain, min((k+1)*grain, count))</c>
    /// covering <c>[0, count)</c> exactly once, in parallel, and returns when all are done.
    /// </summary>
    /// <param name="kernel">The loop body.</param>
    /// <param name="count">Number of indices; zero returns at once without calling the kernel.</param>
    /// <param name="grain">Chunk size; pick a multiple of the SIMD width so only the last chunk has a tail.</param>
    /// <exception cref="ArgumentNullException"><paramref name="kernel"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative or <paramref name="grain"/> is not positive.</exception>
    /// <exception cref="ObjectDisposedException">The pool was disposed.</exception>
    public void Run(IRangeKernel kernel, int count, int grain)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(grain);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (count == 0)
        {
            return;
        }

        if (count <= grain || _workers.Length == 0 || t_kernelDepth > 0)
        {
            RunInline(kernel, count, grain);
            return;
        }

        lock (_runLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            RunParallel(kernel, count, grain);
        }
    }

    /// <summary>
    /// Stops and joins the worker threads of a pool created with the constructor. Does nothing
    /// for <see cref="Shared"/>, whose background threads live as long as the process.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called from inside a kernel of this pool.</exception>
    public void Dispose()
    {
        if (_isShared)
        {
            return;
        }

        if (t_kernelDepth > 0)
        {
            // The lock below is re-entrant, so this would tear the pool down mid-job.
            throw new InvalidOperationException("A WorkerPool cannot be disposed from inside one of its kernels.");
        }

        lock (_runLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _shutdown = true;
            lock (_parkLock)
            {
                Monitor.PulseAll(_parkLock);
            }

            foreach (Thread worker in _workers)
            {
                worker.Join();
            }
        }
    }

    private static void RunInline(IRangeKernel kernel, int count, int grain)
    {
        // Still chunked, so the kernel sees the same ranges as in a parallel run.
        t_kernelDepth++;
        try
        {
            for (int start = 0; start < count;)
            {
                int end = count - start > grain ? start + grain : count;
                kernel.Execute(start, end);
                start = end;
            }
        }
        finally
        {
            t_kernelDepth--;
        }
    }

    private void RunParallel(IRangeKernel kernel, int count, int grain)
    {
        int chunkCount = (int)(((long)count + grain - 1) / grain); // >= 2 here

        _kernel = kernel;
        _count = count;
        _grain = grain;
        _error = null;
        // The ticket counts chunks in 22 bits: a job of more chunks runs as several in a row.
        for (int first = 0; first < chunkCount && _error is null; first += MaxChunksPerTicket)
        {
            RunTicket(first, Math.Min(MaxChunksPerTicket, chunkCount - first));
        }

        _kernel = null; // do not keep the model alive from the pool

        ExceptionDispatchInfo? error = _error;
        if (error is not null)
        {
            _error = null;
            error.Throw();
        }
    }

    private void RunTicket(int firstChunk, int chunks)
    {
        _firstChunk = firstChunk;
        Volatile.Write(ref _unfinished, chunks);
        int epoch = (EpochOf(Volatile.Read(ref _ticket)) + 1) & EpochMask;
        // Publishing is a full fence: the fields above are visible to whoever claims a chunk,
        // and the read of _parked below cannot move before it (Dekker pair with WaitForWork).
        Interlocked.Exchange(ref _ticket, Ticket(epoch, 0, chunks));
        if (Volatile.Read(ref _parked) > 0)
        {
            lock (_parkLock)
            {
                Monitor.PulseAll(_parkLock);
            }
        }

        ProcessChunks(epoch, fromBack: false);

        // Every chunk is handed out; wait only for those still running on other threads.
        if (Volatile.Read(ref _unfinished) != 0)
        {
            var spinner = new SpinWait();
            while (Volatile.Read(ref _unfinished) != 0)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }
        }
    }

    private static long MicrosecondsToTicks(int microseconds) =>
        Math.Max(1, microseconds * System.Diagnostics.Stopwatch.Frequency / 1_000_000);

    // Ticket layout: epoch (20 bits) | front (22 bits) | back (22 bits). Chunks [front, back) are
    // not handed out yet. The caller claims from the front, workers from the back: with two
    // threads each keeps working on the same part of the elements step after step, so a
    // population that fits in the caches stays in the cache of the core that updates it.
    private const int CounterBits = 22;
    private const int MaxChunksPerTicket = (1 << CounterBits) - 1;
    private const long CounterMask = (1L << CounterBits) - 1;
    private const int EpochMask = (1 << (64 - 2 * CounterBits)) - 1;

    private static long Ticket(int epoch, int front, int back) =>
        ((long)epoch << (2 * CounterBits)) | ((long)front << CounterBits) | (uint)back;

    private static int EpochOf(long ticket) => (int)((ulong)ticket >> (2 * CounterBits));

    // Claims and runs chunks of job `epoch` until none is left to hand out. A claim is a
    // compare-and-swap on the live ticket, so it is always a chunk nobody else has: even a thread
    // that read the ticket of an older job can only ever claim a chunk of the current one (and
    // it reads the job's fields after the claim).
    private void ProcessChunks(int epoch, bool fromBack)
    {
        t_kernelDepth++;
        try
        {
            while (true)
            {
                long ticket = Volatile.Read(ref _ticket);
                int front = (int)((ticket >> CounterBits) & CounterMask);
                int back = (int)(ticket & CounterMask);
                if (EpochOf(ticket) != epoch || front >= back)
                {
                    return;
                }

                long claimed = fromBack ? ticket - 1 : ticket + (1L << CounterBits);
                if (Interlocked.CompareExchange(ref _ticket, claimed, ticket) != ticket)
                {
                    continue; // another thread claimed one first
                }

                // The job cannot end before this chunk does, so its fields are stable now.
                int chunk = _firstChunk + (fromBack ? back - 1 : front);
                int start = chunk * _grain; // < count, so no overflow
                int end = _count - start > _grain ? start + _grain : _count;
                try
                {
                    _kernel!.Execute(start, end);
                }
                catch (Exception ex)
                {
                    Interlocked.CompareExchange(ref _error, ExceptionDispatchInfo.Capture(ex), null);
                    CancelRemaining(epoch);
                }

                Interlocked.Decrement(ref _unfinished);
            }
        }
        finally
        {
            t_kernelDepth--;
        }
    }

    // Hands out nothing more of job `epoch`: the unclaimed chunks count as finished.
    private void CancelRemaining(int epoch)
    {
        while (true)
        {
            long ticket = Volatile.Read(ref _ticket);
            int front = (int)((ticket >> CounterBits) & CounterMask);
            int back = (int)(ticket & CounterMask);
            if (EpochOf(ticket) != epoch || front >= back)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _ticket, Ticket(epoch, back, back), ticket) == ticket)
            {
                Interlocked.Add(ref _unfinished, -(back - front));
                return;
            }
        }
    }

    private void WorkerLoop()
    {
        int seenEpoch = EpochOf(Volatile.Read(ref _ticket));
        long lastGap = long.MaxValue; // ticks this worker last waited for a job (none yet)
        while (true)
        {
            seenEpoch = WaitForWork(seenEpoch, ref lastGap);
            if (_shutdown)
            {
                return;
            }

            ProcessChunks(seenEpoch, fromBack: true);
        }
    }

    // Returns the epoch of a job newer than `seenEpoch` (or anything once shutting down), and
    // how long it waited in `lastGap`.
    private int WaitForWork(int seenEpoch, ref long lastGap)
    {
        long idleSince = System.Diagnostics.Stopwatch.GetTimestamp();
        // Adaptive: jobs that came within MaxAdaptiveSpin last time will likely do so again.
        long spinTicks = lastGap <= MaxAdaptiveSpinTicks ? Math.Max(IdleSpinTicks, Math.Min(2 * lastGap, MaxAdaptiveSpinTicks)) : IdleSpinTicks;
        long spinUntil = idleSince + spinTicks;
        int polls = 0;
        while (true)
        {
            int epoch = EpochOf(Volatile.Read(ref _ticket));
            if (epoch != seenEpoch || _shutdown)
            {
                lastGap = System.Diagnostics.Stopwatch.GetTimestamp() - idleSince;
                return epoch;
            }

            // Check the clock only every few polls: reading it costs about as much as a poll.
            if ((++polls & 15) == 0 && System.Diagnostics.Stopwatch.GetTimestamp() > spinUntil)
            {
                break;
            }

            Thread.SpinWait(8);
        }

        // Park. The increment is a full fence, so either the caller sees _parked > 0 and pulses,
        // or this thread sees the new ticket below (Dekker pair with RunParallel).
        Interlocked.Increment(ref _parked);
        try
        {
            lock (_parkLock)
            {
                while (true)
                {
                    int epoch = EpochOf(Volatile.Read(ref _ticket));
                    if (epoch != seenEpoch || _shutdown)
                    {
                        lastGap = System.Diagnostics.Stopwatch.GetTimestamp() - idleSince;
                        return epoch;
                    }

                    Monitor.Wait(_parkLock);
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref _parked);
        }
    }

    // A nested class with an explicit static constructor: the pool and its threads are created
    // on the first access to Shared, not when WorkerPool is first touched.
    private static class SharedHolder
    {
        internal static readonly WorkerPool Instance;

        static SharedHolder()
        {
            Instance = new WorkerPool(Math.Max(0, Environment.ProcessorCount - 1), isShared: true);
        }
    }
}
