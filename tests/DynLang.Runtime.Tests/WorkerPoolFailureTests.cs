using DynLang.Runtime;

namespace DynLang.Runtime.Tests;

/// <summary>Exceptions, nesting and concurrent callers: the paths that could deadlock.</summary>
public sealed class WorkerPoolFailureTests : IDisposable
{
    // Only a guard against hanging forever: long enough that a heavily loaded machine (load
    // average over 20 on 2 cores) cannot reach it by being slow.
    private static readonly TimeSpan DeadlockTimeout = TimeSpan.FromMinutes(5);

    private readonly WorkerPool _pool = new(3);

    public void Dispose() => _pool.Dispose();

    [Fact]
    public void Exception_OnCallerThread_IsRethrownWithOriginalStack()
    {
        var kernel = new ThrowingKernel(i => i == 0);
        var error = Assert.Throws<InvalidOperationException>(() => _pool.Run(kernel, 10_000, 100));
        Assert.Equal("boom at 0", error.Message);
        Assert.Contains(nameof(ThrowingKernel.Execute), error.StackTrace);
    }

    [Fact]
    public void Exception_OnWorkerThread_IsRethrownOnCaller()
    {
        // Was: chunks of Thread.Sleep(1 ms) throwing only off the caller thread; on a loaded machine
        // the caller could run all 100 chunks before any worker was scheduled, and nothing threw.
        // Now the caller's chunks wait until a worker has run one (bounded only as a deadlock guard).
        int caller = Environment.CurrentManagedThreadId;
        using var workerRan = new ManualResetEventSlim(false);
        var kernel = new ThrowingKernel(_ =>
        {
            if (Environment.CurrentManagedThreadId == caller)
            {
                workerRan.Wait(DeadlockTimeout);
                return false;
            }
            workerRan.Set();
            return true;
        });
        var error = Assert.Throws<InvalidOperationException>(() => _pool.Run(kernel, 64 * 100, 64));
        Assert.StartsWith("boom at ", error.Message);
        Assert.Contains(nameof(ThrowingKernel.Execute), error.StackTrace);
    }

    [Fact]
    public void Exception_StopsFurtherChunks_AndPoolStaysUsable()
    {
        var kernel = new ThrowingKernel(_ => true);
        Assert.Throws<InvalidOperationException>(() => _pool.Run(kernel, 1_000_000, 10));
        // Each participant stops after its first failing chunk.
        Assert.True(kernel.Calls <= _pool.DegreeOfParallelism, $"{kernel.Calls} chunks ran after the failure");

        var good = new RecordingKernel(100_000, 128);
        _pool.Run(good, 100_000, 128);
        good.AssertEachIndexExactlyOnce();
    }

    [Fact]
    public async Task NestedRun_FromInsideKernels_RunsInlineWithoutDeadlock()
    {
        var outer = new NestingKernel(_pool, innerCount: 1000, innerGrain: 10);
        // WaitAsync throws TimeoutException, so a deadlock fails the test instead of hanging it.
        await Task.Run(() => _pool.Run(outer, 64, 1)).WaitAsync(DeadlockTimeout);
        Assert.Equal(64, outer.InnerRuns);
        Assert.Equal(0, outer.Failures);
    }

    [Fact]
    public void Dispose_FromInsideKernel_IsRejected()
    {
        var kernel = new DisposingKernel(_pool);
        Assert.Throws<InvalidOperationException>(() => _pool.Run(kernel, 1000, 10));
        _pool.Run(new RecordingKernel(1000, 10), 1000, 10);
    }

    [Fact]
    public async Task ConcurrentCallers_AreSerialized_AndBothCorrect()
    {
        using var start = new Barrier(2);
        Task Caller(int seed) => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            for (int round = 0; round < 300; round++)
            {
                int count = 10_000 + seed * 31 + round;
                var kernel = new RecordingKernel(count, 50 + seed);
                _pool.Run(kernel, count, 50 + seed);
                kernel.AssertEachIndexExactlyOnce();
            }
        }, TaskCreationOptions.LongRunning);

        await Task.WhenAll(Caller(1), Caller(2)).WaitAsync(DeadlockTimeout);
    }

    [Fact]
    public async Task ConcurrentCallers_OnSharedPool_WithNesting_DoNotDeadlock()
    {
        WorkerPool shared = WorkerPool.Shared;
        Task Caller() => Task.Factory.StartNew(() =>
        {
            for (int round = 0; round < 50; round++)
            {
                var outer = new NestingKernel(shared, innerCount: 500, innerGrain: 7);
                shared.Run(outer, 16, 1);
                Assert.Equal(0, outer.Failures);
            }
        }, TaskCreationOptions.LongRunning);

        await Task.WhenAll(Caller(), Caller(), Caller()).WaitAsync(DeadlockTimeout);
    }

    private sealed class ThrowingKernel(Func<int, bool> shouldThrow, TimeSpan delay = default) : IRangeKernel
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public void Execute(int start, int end)
        {
            Interlocked.Increment(ref _calls);
            if (delay > TimeSpan.Zero)
            {
                Thread.Sleep(delay);
            }

            if (shouldThrow(start))
            {
                throw new InvalidOperationException($"boom at {start}");
            }
        }
    }

    private sealed class NestingKernel(WorkerPool pool, int innerCount, int innerGrain) : IRangeKernel
    {
        private int _innerRuns;
        private int _failures;

        public int InnerRuns => Volatile.Read(ref _innerRuns);

        public int Failures => Volatile.Read(ref _failures);

        public void Execute(int start, int end)
        {
            for (int i = start; i < end; i++)
            {
                var inner = new RecordingKernel(innerCount, innerGrain);
                pool.Run(inner, innerCount, innerGrain);
                if (inner.Hits.Any(h => h != 1) || inner.ContractViolations != 0)
                {
                    Interlocked.Increment(ref _failures);
                }

                Interlocked.Increment(ref _innerRuns);
            }
        }
    }

    private sealed class DisposingKernel(WorkerPool pool) : IRangeKernel
    {
        public void Execute(int start, int end) => pool.Dispose();
    }
}
