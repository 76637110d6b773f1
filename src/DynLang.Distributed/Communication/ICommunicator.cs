using System;

namespace DynLang.Distributed;

/// <summary>
/// The collectives a distributed network needs, and nothing else: every rank calls them in the
/// same order (MPI's rule). <see cref="MpiCommunicator"/> runs them over MPI (MPI.NET over MPICH);
/// <see cref="InProcessCommunicator"/> runs ranks as threads of one process (tests, and a
/// one-machine check of a distributed program without mpiexec).
/// </summary>
/// <remarks>
/// Only flat arrays of primitives travel: MPI.NET sends arrays of arrays through BinaryFormatter,
/// which .NET 10 removed. Every call blocks until all ranks made it; a rank that never comes
/// is caught by <see cref="ExchangeWatchdog"/> (bounded wait), not by the communicator.
/// </remarks>
public interface ICommunicator : IDisposable
{
    /// <summary>This process's rank, 0 ≤ Rank &lt; Size.</summary>
    int Rank { get; }

    /// <summary>Number of ranks.</summary>
    int Size { get; }

    /// <summary>What runs the ranks, for messages ("MPI (MPICH 4.0.2), 2 ranks", "in-process, 4 ranks").</summary>
    string Description { get; }

    /// <summary>Every rank's <paramref name="value"/>, by rank (MPI_Allgather of one int).</summary>
    int[] AllgatherInt(int value);

    /// <summary>Every rank's <paramref name="value"/>, by rank, into <paramref name="received"/> (at least Size long): allocates nothing.</summary>
    void AllgatherInt(int value, int[] received);

    /// <summary>Every rank's <paramref name="value"/>, by rank (MPI_Allgather of one long).</summary>
    long[] AllgatherLong(long value);

    /// <summary>
    /// Every rank's values concatenated in rank order into <paramref name="received"/>
    /// (MPI_Allgatherv of ints): rank r sends <c>counts[r]</c> values, which every rank knows
    /// (from <see cref="AllgatherInt(int)"/>). <paramref name="received"/> must hold at least their sum;
    /// the values fill its beginning.
    /// </summary>
    void AllgatherV(ReadOnlySpan<int> values, int[] counts, int[] received);

    /// <summary>Every rank's bytes concatenated in rank order (MPI_Allgatherv of bytes; <paramref name="counts"/> by rank).</summary>
    void AllgatherV(ReadOnlySpan<byte> values, int[] counts, byte[] received);

    /// <summary>Waits until every rank has called it (MPI_Barrier).</summary>
    void Barrier();

    /// <summary>
    /// Ends every rank now with <paramref name="exitCode"/> (MPI_Abort): for a rank that cannot
    /// go on and cannot tell the others through a collective. Callable from any thread.
    /// </summary>
    void Abort(int exitCode);
}
