using DynLang.Runtime;

namespace DynLang.Runtime.Tests;

public sealed class WorkerPoolTests : IDisposable
{
    // A private pool with more workers than this machine may have cores: oversubscription must
    // not change results, and a fixed count makes the tests independent of the machine.
    private readonly WorkerPool _pool = new(3);

    public void Dispose() => _pool.Dispose();

    [Theory]
    [InlineData(0, 8)]
    [InlineData(1, 8)]
    [InlineData(7, 8)]     // grain - 1
    [InlineData(8, 8)]     // grain
    [InlineData(9, 8)]     // grain + 1
    [InlineData(17, 8)]
    [InlineData(1_000_000, 1)]
    [InlineData(1_000_000, 8)]
    [InlineData(1_000_000, 1000)]
    [InlineData(1_000_000, 4096)]
    [InlineData(1_000_003, 256)]
    [InlineData(1_000_000, 999_999)]
    [InlineData(1_000_000, 1_000_000)]
    [InlineData(1_000_000, 5_000_000)]
    public void Run_VisitsEveryIndexExactlyOnce(int count, int grain)
    {
        foreach (WorkerPool pool in new[] { _pool, WorkerPool.Shared, new WorkerPool(0) })
        {
            var kernel = new RecordingKernel(count, grain);
            pool.Run(kernel, count, grain);
            kernel.AssertEachIndexExactlyOnce();
        }
    }

    [Fact]
    public void Run_RepeatedCallsStayExact()
    {
        for (int round = 0; round < 200; round++)
        {
            int count = 1 + round * 997;
            var kernel = new RecordingKernel(count, 64);
            _pool.Run(kernel, count, 64);
            kernel.AssertEachIndexExactlyOnce();
        }
    }

    [Fact]
    public void Run_UsesWorkerThreads_WhenThereIsEnoughWork()
    {
        // Was: 64 chunks of Thread.Sleep(1 ms), asserting a worker took one. On a loaded machine the
        // caller could finish all 64 ms of chunks before a worker was scheduled. Now the caller's
        // chunks wait until a worker has taken one (the wait bounded only as a deadlock guard).
        int caller = Environment.CurrentManagedThreadId;
        using var workerRan = new ManualResetEventSlim(false);
        var kernel = new ThreadRecordingKernel(TimeSpan.Zero)
        {
            OnChunk = () =>
            {
                if (Environment.CurrentManagedThreadId != caller) workerRan.Set();
                else workerRan.Wait(TimeSpan.FromMinutes(2));
            },
        };
        _pool.Run(kernel, 64 * 64, 64);
        // A spinning worker may claim every chunk before the caller gets to one (the caller does
        // only what no worker has claimed), so the check is that some worker thread took part.
        Assert.Contains(kernel.ThreadIds, id => id != caller);
    }

    [Fact]
    public void Run_SingleChunk_RunsInlineOnCaller()
    {
        var kernel = new ThreadRecordingKernel(TimeSpan.Zero);
        _pool.Run(kernel, 100, 100);
        Assert.Equal([Environment.CurrentManagedThreadId], kernel.ThreadIds.ToArray());
    }

    [Fact]
    public void Run_PoolWithoutWorkers_RunsInlineOnCaller()
    {
        using var pool = new WorkerPool(0);
        Assert.Equal(1, pool.DegreeOfParallelism);
        var kernel = new ThreadRecordingKernel(TimeSpan.Zero);
        pool.Run(kernel, 10_000, 16);
        Assert.Equal([Environment.CurrentManagedThreadId], kernel.ThreadIds.ToArray());
    }

    [Fact]
    public void Shared_HasProcessorCountMinusOneWorkers_AndIgnoresDispose()
    {
        WorkerPool shared = WorkerPool.Shared;
        Assert.Same(shared, WorkerPool.Shared);
        Assert.Equal(Math.Max(0, Environment.ProcessorCount - 1), shared.WorkerCount);
        shared.Dispose();
        var kernel = new RecordingKernel(10_000, 100);
        shared.Run(kernel, 10_000, 100);
        kernel.AssertEachIndexExactlyOnce();
    }

    [Fact]
    public void Run_ValidatesArguments()
    {
        var kernel = new RecordingKernel(10, 1);
        Assert.Throws<ArgumentNullException>(() => _pool.Run(null!, 10, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => _pool.Run(kernel, -1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => _pool.Run(kernel, 10, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkerPool(-1));
    }

    [Fact]
    public void Dispose_StopsThePool_AndIsIdempotent()
    {
        var pool = new WorkerPool(2);
        pool.Run(new RecordingKernel(1000, 10), 1000, 10);
        pool.Dispose();
        pool.Dispose();
        Assert.Throws<ObjectDisposedException>(() => pool.Run(new RecordingKernel(1000, 10), 1000, 10));
    }

    private sealed class ThreadRecordingKernel(TimeSpan chunkDelay) : IRangeKernel
    {
        private readonly object _gate = new();

        public HashSet<int> ThreadIds { get; } = [];

        public Action? OnChunk { get; init; }

        public void Execute(int start, int end)
        {
            lock (_gate)
            {
                ThreadIds.Add(Environment.CurrentManagedThreadId);
            }

            OnChunk?.Invoke();
            if (chunkDelay > TimeSpan.Zero)
            {
                Thread.Sleep(chunkDelay);
            }
        }
    }
}
