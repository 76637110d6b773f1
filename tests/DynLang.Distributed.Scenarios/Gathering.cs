using DynLang.Distributed;

namespace DynLang.Distributed.Scenarios;

/// <summary>Collects per-rank pieces into whole-network arrays on every rank (small test networks only).</summary>
public static class Gathering
{
    /// <summary>Every rank's ints concatenated in rank order.</summary>
    public static int[] Ints(ICommunicator comm, ReadOnlySpan<int> mine)
    {
        int[] counts = comm.AllgatherInt(mine.Length);
        var all = new int[counts.Sum()];
        comm.AllgatherV(mine, counts, all);
        return all;
    }

    /// <summary>Every rank's doubles concatenated in rank order (sent as their bytes: the same bits).</summary>
    public static double[] Doubles(ICommunicator comm, ReadOnlySpan<double> mine) => Values(comm, mine);

    /// <summary>Every rank's values of a plain type concatenated in rank order, sent as their bytes.</summary>
    private static T[] Values<T>(ICommunicator comm, ReadOnlySpan<T> mine) where T : unmanaged
    {
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(mine);
        int[] counts = comm.AllgatherInt(bytes.Length);
        var all = new byte[counts.Sum()];
        comm.AllgatherV(bytes, counts, all);
        return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(all).ToArray();
    }

    /// <summary>Per-synapse values of all ranks put back in single-process synapse order by their global ids.</summary>
    public static double[] BySynapseId(ICommunicator comm, ReadOnlySpan<double> mine, long[] globalIds, long globalCount)
    {
        double[] values = Doubles(comm, mine);
        long[] ids = Values<long>(comm, globalIds);
        var ordered = new double[globalCount];
        Array.Fill(ordered, double.NaN);
        for (int k = 0; k < values.Length; k++) ordered[ids[k]] = values[k];
        return ordered;
    }

    /// <summary>Spikes recorded on every rank (global indices), merged into the single-process order: by step, then index.</summary>
    public static List<(long Step, int Index)> Spikes(ICommunicator comm, IReadOnlyList<(long Step, int Index)> mine)
    {
        int[] steps = Ints(comm, mine.Select(s => checked((int)s.Step)).ToArray());
        int[] indices = Ints(comm, mine.Select(s => s.Index).ToArray());
        return steps.Zip(indices, (s, i) => ((long)s, i)).OrderBy(p => p.Item1).ThenBy(p => p.Item2).ToList();
    }
}
