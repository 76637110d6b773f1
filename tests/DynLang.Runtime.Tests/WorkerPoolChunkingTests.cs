using DynLang.Runtime;

namespace DynLang.Runtime.Tests;

/// <summary>
/// <see cref="WorkerPool.ChunkSizeFor"/>: cheap work stays on the caller, costly work is split
/// evenly into SIMD-aligned chunks, and the hand-out stays exact under many back-to-back jobs.
/// </summary>
public sealed class WorkerPoolChunkingTests : IDisposable
{
    private readonly WorkerPool _pool = new(1); // two threads, like the CI machine

    public void Dispose() => _pool.Dispose();

    [Fact]
    public void CheapSteps_StayInline()
    {
        // 4,000 LIF neurons at ~2 ns each: 8 µs, under the 100 µs threshold.
        Assert.Equal(4000, _pool.ChunkSizeFor(4000, 2.0, 4));
        Assert.Equal(1, _pool.ChunkSizeFor(0, 100.0, 4)); // never a zero grain
    }

    [Fact]
    public void CostlySmallPopulations_AreSplit()
    {
        // 4,000 Hodgkin–Huxley neurons at ~100 ns each: 400 µs, worth both threads.
        int grain = _pool.ChunkSizeFor(4000, 100.0, 4);
        Assert.True(grain < 4000, $"grain {grain}");
        Assert.Equal(0, grain % 4);
    }

    [Theory]
    [InlineData(40_000, 5.0)]
    [InlineData(200_000, 2.0)]
    [InlineData(4_000, 100.0)]
    [InlineData(1_000_003, 1.0)]
    public void Splits_AreEven_AndAligned(int count, double cost)
    {
        int grain = _pool.ChunkSizeFor(count, cost, 8);
        int chunks = (count + grain - 1) / grain;
        Assert.Equal(0, grain % 8);
        // At least one chunk per thread; at most four per thread.
        Assert.InRange(chunks, _pool.DegreeOfParallelism, 4 * _pool.DegreeOfParallelism);
        // Even: every chunk but the last is full, and the last holds more than
        // half of one unless rounding to the alignment left it short by under chunks x 8.
        int last = count - (chunks - 1) * grain;
        Assert.True(last > grain - chunks * 8, $"last chunk {last} of grain {grain}");
    }

    [Fact]
    public void PoolWithoutWorkers_NeverSplits()
    {
        using var single = new WorkerPool(0);
        Assert.Equal(1_000_000, single.ChunkSizeFor(1_000_000, 1000.0, 8));
    }

    [Fact]
    public void ManyBackToBackJobs_EachVisitEveryIndexOnce()
    {
        // Jobs of 2 to 40 chunks in quick succession: a worker that wakes late for one job must
        // never run a chunk of the next (the ticket's epoch) and none may be lost.
        using var pool = new WorkerPool(3);
        var random = new Random(15);
        for (int job = 0; job < 5000; job++)
        {
            int grain = 1 + random.Next(64);
            int count = grain * (2 + random.Next(39)) - random.Next(grain);
            var kernel = new RecordingKernel(count, grain);
            pool.Run(kernel, count, grain);
            kernel.AssertEachIndexExactlyOnce();
        }
    }

    [Fact]
    public void JobOfMoreChunksThanOneTicketCounts_VisitsEveryIndexOnce()
    {
        // The ticket counts chunks in 22 bits (4,194,303); a job of 5 million chunks of one
        // index runs as two tickets in a row.
        const int count = 5_000_000;
        var kernel = new RecordingKernel(count, 1);
        _pool.Run(kernel, count, 1);
        kernel.AssertEachIndexExactlyOnce();
    }

    [Fact]
    public void Use_InstallsAPoolForThisThreadOnly_AndNests()
    {
        using var a = new WorkerPool(1);
        using var b = new WorkerPool(2);
        Assert.Same(WorkerPool.Shared, WorkerPool.Current);
        using (WorkerPool.Use(a))
        {
            Assert.Same(a, WorkerPool.Current);
            using (WorkerPool.Use(b))
            {
                Assert.Same(b, WorkerPool.Current);
                WorkerPool? other = null;
                var thread = new Thread(() => other = WorkerPool.Current);
                thread.Start();
                thread.Join();
                Assert.Same(WorkerPool.Shared, other);
            }

            Assert.Same(a, WorkerPool.Current);
        }

        Assert.Same(WorkerPool.Shared, WorkerPool.Current);
    }
}
