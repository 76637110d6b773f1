using System;

namespace DynLang.Runtime;

/// <summary>
/// When generated synapse code splits its loops over the worker pool, and into how many slices.
/// Only speed depends on these choices: a split loop gives the same bits as an unsplit one
/// (see <see cref="SynapseSlices"/>).
/// </summary>
public static class SynapseParallelism
{
    /// <summary>
    /// Estimated cost of one synapse event (a spike reaching a synapse) or of one synapse of a
    /// summed variable or clock-driven update: a few loads and a store to an element that is rarely
    /// in cache. CUBA's delivery at 200,000 neurons measured 8 to 12 ns per event on one thread
    /// (benchmarks/RESULTS.md, "parallel synapse delivery"); smaller networks keep their targets in
    /// cache and cost less. The estimate takes 10 ns, set with the pool's threshold of 100 µs
    /// (WorkerPool.ParallelThresholdNanoseconds): CUBA's pathways split from about 10,000 events a step.
    /// </summary>
    public const double NanosecondsPerSynapse = 10;

    /// <summary>Slices per thread of the pool: a few, so that a thread slowed down takes fewer of them.</summary>
    public const int SlicesPerThread = 4;

    /// <summary>
    /// The most slices: each costs memory (a row start per spiking element, with split rows) and a
    /// look-up per spike and step.
    /// </summary>
    public const int MaxSlices = 64;

    /// <summary>The fewest synapses per slice worth a slice of its own.</summary>
    public const int MinSynapsesPerSlice = 1024;

    /// <summary>
    /// The slice count for <paramref name="synapses"/> synapses on <paramref name="pool"/>: 1 for a
    /// pool without workers, else <see cref="SlicesPerThread"/> per thread, at most
    /// <see cref="MaxSlices"/> and at most one per <see cref="MinSynapsesPerSlice"/> synapses.
    /// </summary>
    public static int SliceCount(WorkerPool pool, int synapses)
    {
        ArgumentNullException.ThrowIfNull(pool);
        if (pool.WorkerCount == 0)
            return 1;
        long wanted = Math.Min((long)pool.DegreeOfParallelism * SlicesPerThread, synapses / MinSynapsesPerSlice);
        return (int)Math.Clamp(wanted, 1, MaxSlices);
    }

    /// <summary>
    /// The slice count for a summed variable over <paramref name="synapses"/> synapses: as
    /// <see cref="SliceCount"/>, but at most one per thread. A slice of a summed variable reads the
    /// synapse arrays at its own synapses only (every P-th one, on average), so each slice more
    /// than the threads costs reads without adding threads.
    /// </summary>
    public static int SumSliceCount(WorkerPool pool, int synapses) =>
        Math.Min(SliceCount(pool, synapses), pool.DegreeOfParallelism);

    /// <summary>
    /// True when work of about <paramref name="nanoseconds"/>, cut in <paramref name="pieces"/>,
    /// should run on <paramref name="pool"/>'s workers: there are workers and pieces to share, and
    /// the work reaches <paramref name="thresholdNanoseconds"/> (normally
    /// <see cref="WorkerPool.ParallelThresholdNanoseconds"/>: below it, waking the workers costs
    /// more than it saves).
    /// </summary>
    public static bool ShouldSplit(WorkerPool pool, int pieces, double nanoseconds, double thresholdNanoseconds)
    {
        ArgumentNullException.ThrowIfNull(pool);
        return pool.WorkerCount > 0 && pieces > 1 && nanoseconds >= thresholdNanoseconds;
    }
}
