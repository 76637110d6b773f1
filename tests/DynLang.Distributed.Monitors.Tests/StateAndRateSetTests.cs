using DynLang.Runtime;

namespace DynLang.Distributed.Monitors.Tests;

public class StateAndRateSetTests : TempFolderTest
{
    private const int Count = 11;
    private const int Steps = 40;
    private const double Dt = TestSpikes.Dt;

    private static T Value<T>(int step, int global) where T : unmanaged
    {
        double v = Math.Sin(global * 0.37 + step * 0.011) * 1e-3 - 0.065 + global * 1e-7;
        return typeof(T) == typeof(float) ? (T)(object)(float)v : (T)(object)v;
    }

    /// <summary>Samples elements [start, end) of the population (stored locally from 0) with <paramref name="monitor"/>, then disposes it.</summary>
    private static void Sample<T>(StateMonitor<T> monitor, T[] local, int start) where T : unmanaged
    {
        monitor.Prepare(Dt);
        for (int s = 0; s < Steps; s++)
        {
            for (int i = 0; i < local.Length; i++) local[i] = Value<T>(s, start + i);
            monitor.Run(NetworkPhase.Start, new NetworkClock(s, s * Dt, Dt));
        }
        monitor.Dispose();
    }

    private void RunStateRanks<T>(int ranks, string csv, string npy, Func<int, int, int[]?> localIndices) where T : unmanaged
    {
        InProcessCommunicator.Run(ranks, comm =>
        {
            RankFiles.Begin(comm, csv, npy);
            var partition = new Partition(Count, comm.Size);
            var local = new T[partition.LocalCount(comm.Rank)];
            var monitor = new StateMonitor<T>("v", () => local, localIndices(comm.Rank, local.Length), everySteps: 3,
                csvPath: RankFiles.PathFor(csv, comm), npyPathPrefix: RankFiles.PathFor(npy, comm));
            Sample(monitor, local, partition.Start(comm.Rank));
            RankFiles.Complete(comm, csv, npy);
        });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void StatesOfAllElementsMergeIntoTheSingleProcessFiles(int ranks)
    {
        var all = new double[Count];
        var single = new StateMonitor<double>("v", () => all, null, everySteps: 3, csvPath: At("single.csv"), npyPathPrefix: At("single"));
        Sample(single, all, 0);
        RunStateRanks<double>(ranks, At("v.csv"), At("v"), (_, _) => null);

        var partition = new Partition(Count, ranks);
        foreach (string set in new[] { At("v.csv"), At("v") })
        {
            StateRecords read = RankFiles.ReadStates(set, partition);
            Assert.Equal(Enumerable.Range(0, Count), read.Indices);
            Assert.Equal(single.Times.ToArray(), read.Times);
            Assert.Equal(single.ToMatrix(), read.Values);
        }
        Assert.Equal("v", RankFiles.ReadStates(At("v.csv"), partition).Variable);

        Assert.Equal(single.SampleCount, RankFiles.MergeStates(At("v.csv"), partition, At("merged.csv")));
        Assert.Equal(File.ReadAllBytes(At("single.csv")), File.ReadAllBytes(At("merged.csv")));
        Assert.Equal(single.SampleCount, RankFiles.MergeStates(At("v"), partition, At("merged")));
        Assert.Equal(File.ReadAllBytes(At("single.npy")), File.ReadAllBytes(At("merged.npy")));
        Assert.Equal(File.ReadAllBytes(At("single_t.npy")), File.ReadAllBytes(At("merged_t.npy")));
    }

    [Fact]
    public void FloatStatesOfSomeElementsMergeWithGlobalIndices()
    {
        const int Ranks = 3;
        var partition = new Partition(Count, Ranks);
        // Rank r records its local elements {last, 0}: global columns in rank order.
        int[] LocalOf(int rank, int n) => new[] { n - 1, 0 };
        int[] globals = Enumerable.Range(0, Ranks).SelectMany(r => LocalOf(r, partition.LocalCount(r)).Select(i => i + partition.Start(r))).ToArray();
        var all = new float[Count];
        var single = new StateMonitor<float>("v", () => all, globals, everySteps: 3, csvPath: At("single.csv"), npyPathPrefix: At("single"));
        Sample(single, all, 0);
        RunStateRanks<float>(Ranks, At("v.csv"), At("v"), LocalOf);

        RankFiles.MergeStates(At("v.csv"), partition, At("merged.csv"));
        Assert.Equal(File.ReadAllBytes(At("single.csv")), File.ReadAllBytes(At("merged.csv")));
        StateRecords read = RankFiles.ReadStates(At("v.csv"), partition);
        Assert.Equal(globals, read.Indices);

        // The .npy files do not name their columns: refused without the local indices, merged with them.
        var e = Assert.Throws<RankFilesException>(() => RankFiles.ReadStates(At("v"), partition));
        Assert.Contains("pass each rank's local indices", e.Message);
        var locals = Enumerable.Range(0, Ranks).Select(r => LocalOf(r, partition.LocalCount(r))).ToArray();
        StateRecords npy = RankFiles.ReadStates(At("v"), partition, locals);
        Assert.Equal(globals, npy.Indices);
        // The CSV holds float text (parsed as double here), the .npy the floats widened: equal as floats.
        float[,] singleValues = single.ToMatrix();
        Assert.Equal(singleValues, Cast(read.Values));
        Assert.Equal(singleValues.Cast<float>().Select(v => (double)v), npy.Values.Cast<double>());
        RankFiles.MergeStates(At("v"), partition, At("merged"), locals);
        Assert.Equal(File.ReadAllBytes(At("single.npy")), File.ReadAllBytes(At("merged.npy")));
    }

    private static float[,] Cast(double[,] values)
    {
        var floats = new float[values.GetLength(0), values.GetLength(1)];
        for (int s = 0; s < values.GetLength(0); s++) for (int c = 0; c < values.GetLength(1); c++) floats[s, c] = (float)values[s, c];
        return floats;
    }

    [Fact]
    public void StatesWithAnotherPartitionAreRefused()
    {
        RunStateRanks<double>(2, At("v.csv"), At("v"), (_, _) => null);
        var e = Assert.Throws<RankFilesException>(() => RankFiles.ReadStates(At("v.csv"), new Partition(Count, 3)));
        Assert.Contains("2 ranks wrote the set, the partition has 3", e.Message);
    }

    private static int[] SpikeCountOf(int step, int start, int end) => TestSpikes.SpikesOf(step, start, end);

    private static void Rates(PopulationRateMonitor monitor, FakeSource source, int start, int end)
    {
        monitor.Prepare(Dt);
        for (int s = 0; s < Steps; s++)
        {
            source.Set(SpikeCountOf(s, start, end));
            monitor.Run(NetworkPhase.End, new NetworkClock(s, s * Dt, Dt));
        }
        monitor.Dispose();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RatesOfTheRanksGiveTheSingleProcessRate(int ranks)
    {
        var all = new FakeSource(Count);
        var single = new PopulationRateMonitor(all, "rate", At("single.csv"));
        Rates(single, all, 0, Count);
        string csv = At("rate.csv");
        InProcessCommunicator.Run(ranks, comm =>
        {
            RankFiles.Begin(comm, csv);
            var partition = new Partition(Count, comm.Size);
            var local = new FakeSource(partition.LocalCount(comm.Rank));
            Rates(new PopulationRateMonitor(local, "rate", RankFiles.PathFor(csv, comm)), local, partition.Start(comm.Rank), partition.End(comm.Rank));
            RankFiles.Complete(comm, csv);
        });

        var p = new Partition(Count, ranks);
        RateRecords merged = RankFiles.ReadRates(csv, p, Dt);
        Assert.Equal(single.Rates.ToArray(), merged.Rates);
        Assert.Equal(single.SpikeCounts.ToArray(), merged.SpikeCounts);
        Assert.Equal(single.Times.ToArray(), merged.Times);
        Assert.Contains(merged.SpikeCounts, c => c > 0);
        RankFiles.MergeRates(csv, p, Dt, At("merged.csv"));
        Assert.Equal(File.ReadAllBytes(At("single.csv")), File.ReadAllBytes(At("merged.csv")));

        if (ranks > 1)
        {
            var e = Assert.Throws<RankFilesException>(() => RankFiles.ReadRates(csv, p, Dt, RateDenominator.GlobalCount));
            Assert.Contains("not a whole number of spikes", e.Message);
        }
    }

    [Fact]
    public void SpikeReadersRefuseAStateSet()
    {
        RunStateRanks<double>(2, At("v.csv"), At("v"), (_, _) => null);
        var e = Assert.Throws<RankFilesException>(() => RankFiles.ReadSpikes(At("v.csv")));
        Assert.Contains("states-csv, not spikes", e.Message);
    }
}
