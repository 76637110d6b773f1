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
/// A simulation calls <see cref="Run"/> once per time step, often 10^5 to 10^7 times, so the
/// steady state must not allocate: no delegates, closures, <c>Task</c>s or
/// <c>Parallel.For</c>. The kernel is an interface (<see cref="IRangeKernel"/>) the model class
/// implements; the job is described by a handful of fields; chunks are handed out by an
/// <see cref="Interlocked"/> counter so that threads that finish early take more chunks and
/// uneven work balances itself.
/// </para>
/// <para>
/// Hand-shake: the caller publishes the job, releases one <see cref="SemaphoreSlim"/> permit per
/// helper it wants (never more than there are chunks to share), processes chunks itself, then
/// waits on a <see cref="ManualResetEventSlim"/> that the last helper sets. Every released
/// permit is consumed by exactly one helper before the job completes, so no stale wake-up can
/// leak into the next job. Idle workers spin briefly (the next step usually follows within
/// microseconds) and then block in the semaphore, so an idle pool burns no CPU.
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
    // Iterations of SpinWait before a worker blocks. SpinOnce starts yielding after about ten
    // iterations, so this is a few tens of microseconds of polite spinning, enough to catch the
    // next Step(dt) of a running simulation without a kernel-mode wake-up.
    private const int IdleSpinIterations = 40;

    // Depth of kernel execution on the current thread; non-zero means Run must go inline.
    [ThreadStatic]
    private static int t_kernelDepth;

    // The pool installed by Use on this thread (null: Shared).
    [ThreadStatic]
    private static WorkerPool? t_current;

    private readonly object _runLock = new();
    private readonly Thread[] _workers;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly ManualResetEventSlim _done = new(false);
    private readonly bool _isShared;
    private volatile bool _shutdown;
    private volatile bool _disposed;

    // The job in flight. Written by the caller under _runLock while no helper is active and
    // published by the semaphore release (a full fence); read-only while helpers run.
    private IRangeKernel? _kernel;
    private int _count;
    private int _grain;
    private int _chunkCount;
    private int _nextChunk;
    private int _pendingHelpers;
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
    /// Estimated time of one step below which work stays on the calling thread: handing work to
    /// a parked worker and getting it back costs a few microseconds (a futex wake-up), so a split
    /// only pays when each thread gets well more than that (benchmarks/RESULTS.md, "threading").
    /// </summary>
    public const double ParallelThresholdNanoseconds = 20_000;

    // The smallest estimated time of one chunk; below it, hand-out costs (an interlocked
    // increment per chunk, a cache line moving between cores) are no longer negligible.
    private const double MinChunkNanoseconds = 4_000;

    // Chunks per thread when the work allows: a few more than one so that a thread slowed by the
    // OS or by a costlier region takes fewer chunks, the others more.
    private const int ChunksPerThread = 4;

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
            if (_workers.Length > 0)
            {
                _wake.Release(_workers.Length);
            }

            foreach (Thread worker in _workers)
            {
                worker.Join();
            }

            _wake.Dispose();
            _done.Dispose();
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
        int helpers = Math.Min(_workers.Length, chunkCount - 1);

        _kernel = kernel;
        _count = count;
        _grain = grain;
        _chunkCount = chunkCount;
        _nextChunk = 0;
        _error = null;
        _pendingHelpers = helpers;
        _done.Reset();
        _wake.Release(helpers);

        ProcessChunks();

        // Helpers may still be finishing their last chunk or not even awake yet; each one that
        // was released must check in before the job fields can be reused.
        _done.Wait();
        _kernel = null; // do not keep the model alive from the pool

        ExceptionDispatchInfo? error = _error;
        if (error is not null)
        {
            _error = null;
            error.Throw();
        }
    }

    private void ProcessChunks()
    {
        IRangeKernel kernel = _kernel!;
        int count = _count;
        int grain = _grain;
        int chunkCount = _chunkCount;
        t_kernelDepth++;
        try
        {
            while (true)
            {
                // Unsigned compare also stops a counter that wrapped past int.MaxValue.
                int chunk = Interlocked.Increment(ref _nextChunk) - 1;
                if ((uint)chunk >= (uint)chunkCount)
                {
                    return;
                }

                int start = chunk * grain; // < count, so no overflow
                int end = count - start > grain ? start + grain : count;
                try
                {
                    kernel.Execute(start, end);
                }
                catch (Exception ex)
                {
                    Interlocked.CompareExchange(ref _error, ExceptionDispatchInfo.Capture(ex), null);
                    Interlocked.Exchange(ref _nextChunk, chunkCount); // hand out nothing more
                    return;
                }
            }
        }
        finally
        {
            t_kernelDepth--;
        }
    }

    private void WorkerLoop()
    {
        while (true)
        {
            WaitForWork();
            if (_shutdown)
            {
                return;
            }

            ProcessChunks();
            if (Interlocked.Decrement(ref _pendingHelpers) == 0)
            {
                _done.Set();
            }
        }
    }

    private void WaitForWork()
    {
        var spinner = new SpinWait();
        while (spinner.Count < IdleSpinIterations)
        {
            // CurrentCount is a volatile read; only take the semaphore's lock when a permit is there.
            if (_wake.CurrentCount > 0 && _wake.Wait(0))
            {
                return;
            }

            spinner.SpinOnce(sleep1Threshold: -1); // yield, never Sleep(1), while spinning
        }

        _wake.Wait();
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
