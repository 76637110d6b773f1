namespace DynLang.Runtime;

/// <summary>
/// A network object whose loops may run split on the worker pool (generated synapse classes):
/// when to split, and how often it did. Only speed depends on these: split or not, the results are
/// the same bits.
/// </summary>
public interface IParallelLoops
{
    /// <summary>
    /// Estimated time of one loop below which it runs on the calling thread (default
    /// <see cref="WorkerPool.ParallelThresholdNanoseconds"/>; 0 splits every loop that can be split,
    /// as tests do to take the parallel path on small networks).
    /// </summary>
    double ParallelThresholdNanoseconds { get; set; }

    /// <summary>Number of loops that ran split on the worker pool since the object was created.</summary>
    long ParallelPasses { get; }
}
