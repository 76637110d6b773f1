using DynLang.Runtime;

namespace DynLang.Runtime.Tests;

/// <summary>
/// Test kernel that records every index it visits and checks the chunk contract
/// (start a multiple of grain, at most grain indices per call).
/// </summary>
internal sealed class RecordingKernel(int count, int grain) : IRangeKernel
{
    private long _indexSum;
    private int _contractViolations;
    private int _calls;

    public int[] Hits { get; } = new int[count];

    public long IndexSum => Interlocked.Read(ref _indexSum);

    public int ContractViolations => Volatile.Read(ref _contractViolations);

    public int Calls => Volatile.Read(ref _calls);

    public void Execute(int start, int end)
    {
        Interlocked.Increment(ref _calls);
        if (start % grain != 0 || end - start > grain || end <= start || end > count)
        {
            Interlocked.Increment(ref _contractViolations);
        }

        long sum = 0;
        for (int i = start; i < end; i++)
        {
            // Ranges are disjoint, so a plain increment is race-free unless an index repeats,
            // which is exactly what the assertions look for.
            Hits[i]++;
            sum += i;
        }

        Interlocked.Add(ref _indexSum, sum);
    }

    public void AssertEachIndexExactlyOnce()
    {
        Assert.Equal(0, ContractViolations);
        for (int i = 0; i < Hits.Length; i++)
        {
            if (Hits[i] != 1)
            {
                Assert.Fail($"index {i} visited {Hits[i]} times");
            }
        }

        long n = Hits.Length;
        Assert.Equal(n * (n - 1) / 2, IndexSum);
        Assert.Equal((int)((n + grain - 1) / grain), Calls);
    }
}
