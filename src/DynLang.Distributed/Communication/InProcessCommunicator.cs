using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;

namespace DynLang.Distributed;

/// <summary>
/// Ranks as threads of one process: the same collectives as MPI, through shared memory. For tests
/// of the distributed code without mpiexec, and to check a distributed program on one machine.
/// </summary>
/// <remarks>
/// A rank that throws out of <see cref="Run"/> ends the group: the other ranks' next (or current)
/// collective throws <see cref="RankFailedException"/> naming it, as a rank's failure does over MPI.
/// </remarks>
public sealed class InProcessCommunicator : ICommunicator
{
    private readonly Group _group;

    private InProcessCommunicator(Group group, int rank)
    {
        _group = group;
        Rank = rank;
    }

    /// <inheritdoc/>
    public int Rank { get; }

    /// <inheritdoc/>
    public int Size => _group.Size;

    /// <inheritdoc/>
    public string Description => string.Create(CultureInfo.InvariantCulture, $"in-process, {Size} rank{(Size == 1 ? "" : "s")}");

    /// <summary>
    /// Runs <paramref name="body"/> once per rank, each on its own thread with its own communicator,
    /// and waits for all. Exceptions of the ranks are thrown together (by rank) when any rank failed.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is not positive.</exception>
    /// <exception cref="AggregateException">A rank threw: the failures, in rank order.</exception>
    public static void Run(int size, Action<ICommunicator> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (size <= 0) throw new ArgumentOutOfRangeException(nameof(size), size, "At least one rank is needed.");
        var group = new Group(size);
        var errors = new Exception?[size];
        var threads = new Thread[size];
        for (int r = 0; r < size; r++)
        {
            int rank = r;
            threads[r] = new Thread(() =>
            {
                try
                {
                    using var communicator = new InProcessCommunicator(group, rank);
                    body(communicator);
                }
                catch (Exception e)
                {
                    errors[rank] = e;
                    group.Fail(rank, e);
                }
            }, 16 * 1024 * 1024) { Name = $"rank {rank}", IsBackground = true };
            threads[r].Start();
        }
        foreach (var thread in threads) thread.Join();
        var failures = new List<Exception>();
        foreach (var error in errors) if (error is not null) failures.Add(error);
        if (failures.Count > 0)
            throw new AggregateException($"{failures.Count} of {size} ranks failed; the first: {failures[0].Message}", failures);
    }

    /// <inheritdoc/>
    public int[] AllgatherInt(int value)
    {
        var result = new int[Size];
        AllgatherInt(value, result);
        return result;
    }

    /// <inheritdoc/>
    public void AllgatherInt(int value, int[] received)
    {
        if (received.Length < Size) throw new ArgumentException($"AllgatherInt: the receive buffer holds {received.Length} values for {Size} ranks.", nameof(received));
        var all = _group.Exchange(Rank, value);
        for (int r = 0; r < Size; r++) received[r] = (int)all[r]!;
        _group.Release(Rank);
    }

    /// <inheritdoc/>
    public long[] AllgatherLong(long value)
    {
        var all = _group.Exchange(Rank, value);
        var result = new long[Size];
        for (int r = 0; r < Size; r++) result[r] = (long)all[r]!;
        _group.Release(Rank);
        return result;
    }

    /// <inheritdoc/>
    public void AllgatherV(ReadOnlySpan<int> values, int[] counts, int[] received) => Gather(values.ToArray(), counts, received);

    /// <inheritdoc/>
    public void AllgatherV(ReadOnlySpan<byte> values, int[] counts, byte[] received) => Gather(values.ToArray(), counts, received);

    private void Gather<T>(T[] mine, int[] counts, T[] received)
    {
        Collectives.CheckGather(Rank, mine.Length, counts, received.Length);
        var all = _group.Exchange(Rank, mine);
        int at = 0;
        for (int r = 0; r < Size; r++)
        {
            var part = (T[])all[r]!;
            part.CopyTo(received, at);
            at += part.Length;
        }
        _group.Release(Rank);
    }

    /// <inheritdoc/>
    public void Barrier()
    {
        _group.Exchange(Rank, null);
        _group.Release(Rank);
    }

    /// <inheritdoc/>
    public void Abort(int exitCode) =>
        _group.Fail(Rank, new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"rank {Rank} aborted the run (exit code {exitCode})")));

    /// <summary>Nothing to free: the group ends with <see cref="Run"/>.</summary>
    public void Dispose() { }

    /// <summary>The shared slots and the barrier of one group of ranks.</summary>
    private sealed class Group
    {
        private readonly Barrier _barrier;
        private readonly object?[] _slots;
        private readonly CancellationTokenSource _failed = new();
        private int _failedRank = -1;
        private Exception? _failure;

        public Group(int size)
        {
            Size = size;
            _slots = new object?[size];
            _barrier = new Barrier(size);
        }

        public int Size { get; }

        /// <summary>Puts this rank's value in its slot and waits for every rank's; read the slots, then <see cref="Release"/>.</summary>
        public object?[] Exchange(int rank, object? value)
        {
            _slots[rank] = value;
            Wait();
            return _slots;
        }

        /// <summary>Waits until every rank has read the slots (so none is overwritten early).</summary>
        public void Release(int rank) => Wait();

        private void Wait()
        {
            try
            {
                _barrier.SignalAndWait(_failed.Token);
            }
            catch (OperationCanceledException)
            {
                throw new RankFailedException(_failedRank, -1, _failure?.Message ?? "it ended");
            }
        }

        public void Fail(int rank, Exception error)
        {
            if (Interlocked.CompareExchange(ref _failedRank, rank, -1) == -1) _failure = error;
            _failed.Cancel();
        }
    }
}
