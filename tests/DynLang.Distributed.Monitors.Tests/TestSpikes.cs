using DynLang.Runtime;

namespace DynLang.Distributed.Monitors.Tests;

/// <summary>A spike source whose spikes of each step the test sets (global indices).</summary>
internal sealed class FakeSource(int count) : ISpikeSource
{
    private int[] _spikes = Array.Empty<int>();

    public int Count { get; } = count;

    public ReadOnlySpan<int> SpikesThisStep => _spikes;

    public void Set(int[] spikes) => _spikes = spikes;
}

/// <summary>A fixed spike pattern of a population, and monitors recording all of it or one rank's block.</summary>
internal static class TestSpikes
{
    public const double Dt = 1e-4;
    public const int Steps = 120;

    /// <summary>Whether element <paramref name="i"/> spikes in step <paramref name="step"/> (deterministic, irregular, some empty steps).</summary>
    public static bool Spikes(int step, int i) => step % 11 != 3 && (uint)((step * 7919 + i * 104729) ^ (step * i)) % 5 == 0;

    public static int[] SpikesOf(int step, int start, int end) =>
        Enumerable.Range(start, end - start).Where(i => Spikes(step, i)).ToArray();

    /// <summary>Records the spikes of elements [start, end) (global indices) into <paramref name="monitor"/>, step by step, then disposes it.</summary>
    public static void Record(SpikeMonitor monitor, FakeSource source, int start, int end)
    {
        monitor.FlushIntervalSteps = 17; // several flushes, as in a long run
        monitor.Prepare(Dt);
        for (int s = 0; s < Steps; s++)
        {
            source.Set(SpikesOf(s, start, end));
            monitor.Run(NetworkPhase.End, new NetworkClock(s, s * Dt, Dt));
        }
        monitor.Dispose();
    }

    /// <summary>A single-process monitor of all <paramref name="count"/> elements writing <paramref name="csv"/> and <paramref name="npyPrefix"/>.</summary>
    public static SpikeMonitor Single(int count, string? csv, string? npyPrefix)
    {
        var source = new FakeSource(count);
        var monitor = new SpikeMonitor(source, "spikes", csv, npyPrefix);
        Record(monitor, source, 0, count);
        return monitor;
    }

    /// <summary>Rank <paramref name="comm"/>'s monitor of its block, writing the rank's files of <paramref name="csv"/> and <paramref name="npyPrefix"/>.</summary>
    public static void RankRun(ICommunicator comm, int count, string? csv, string? npyPrefix)
    {
        var partition = new Partition(count, comm.Size);
        var source = new FakeSource(count);
        var monitor = new SpikeMonitor(source, "spikes",
            csv is null ? null : RankFiles.PathFor(csv, comm),
            npyPrefix is null ? null : RankFiles.PathFor(npyPrefix, comm));
        Record(monitor, source, partition.Start(comm.Rank), partition.End(comm.Rank));
    }
}

/// <summary>A fresh temporary folder per test, removed afterwards.</summary>
public abstract class TempFolderTest : IDisposable
{
    protected TempFolderTest() => Folder = Directory.CreateTempSubdirectory("dynlang-rankfiles-").FullName;

    protected string Folder { get; }

    protected string At(string name) => Path.Combine(Folder, name);

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
