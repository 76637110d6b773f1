namespace DynLang.Runtime;

/// <summary>
/// A loop body over an index range, implemented by generated model classes so that
/// <see cref="WorkerPool.Run"/> can call it without allocating a delegate or closure.
/// </summary>
public interface IRangeKernel
{
    /// <summary>
    /// Processes the indices <c>[start, end)</c>. Called concurrently from several threads with
    /// disjoint ranges; <paramref name="start"/> is always a multiple of the grain passed to
    /// <see cref="WorkerPool.Run"/> and <c>end - start</c> never exceeds it.
    /// </summary>
    void Execute(int start, int end);
}
