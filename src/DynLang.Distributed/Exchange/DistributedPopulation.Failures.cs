using System;
using System.Globalization;
using System.Text;
using DynLang.Runtime;

namespace DynLang.Distributed;

// How ranks learn of each other's failures without waiting forever. Every collective of the
// protocol starts with one Allgather of a header int per rank: ≥ 0 is the collective's value (a
// shortest delay, a message length), Finished says "my run ended well", and a value ≤ FailedBase
// says "my run failed; my message has (FailedBase − value) bytes", after which every rank gathers
// the messages. A rank whose run failed sends that header at the collective the others are waiting
// in (they are all in lock step), so they stop with its message instead of hanging.
public sealed partial class DistributedPopulation
{
    private const int Finished = -1;
    private const int FailedBase = -2;
    private const int MaxMessageBytes = 2000;
    private bool _inCollective;  // inside a collective call
    private bool _midExchange;   // between an exchange's two collectives: a failure here leaves the ranks out of step
    private bool _failureSent;
    private long _lastStep;

    /// <summary>The header Allgather: every rank's value, or a <see cref="RankFailedException"/> when a rank reported a failure.</summary>
    private int[] Header(int value, long step, string what)
    {
        if (_headers.Length < Communicator.Size) _headers = new int[Communicator.Size];
        _inCollective = true;
        Watchdog.Begin(what, step);
        Communicator.AllgatherInt(value, _headers);
        Watchdog.End();
        _inCollective = false;
        for (int r = 0; r < Communicator.Size; r++)
            if (_headers[r] <= FailedBase) ThrowFailure(step);
        for (int r = 0; r < Communicator.Size; r++)
            if ((_headers[r] == Finished) != (value == Finished))
                throw new RankFailedException(r, step, _headers[r] == Finished
                    ? "it finished its run while this rank is still running (every rank must run the same network for the same durations)"
                    : "it is still running while this rank finished its run (every rank must run the same network for the same durations)");
        return _headers;
    }

    /// <summary>Some rank failed: gather every failed rank's message, and throw the first one's (lowest rank).</summary>
    private void ThrowFailure(long step)
    {
        var lengths = new int[Communicator.Size];
        int total = 0, first = -1;
        for (int r = 0; r < Communicator.Size; r++)
        {
            lengths[r] = _headers[r] <= FailedBase ? FailedBase - _headers[r] : 0;
            total += lengths[r];
            if (first < 0 && _headers[r] <= FailedBase) first = r;
        }
        var bytes = new byte[total];
        Watchdog.Begin("gathering the failure messages", step);
        Communicator.AllgatherV(ReadOnlySpan<byte>.Empty, lengths, bytes);
        Watchdog.End();
        int at = 0;
        for (int r = 0; r < first; r++) at += lengths[r];
        throw new RankFailedException(first, step, Encoding.UTF8.GetString(bytes, at, lengths[first]));
    }

    /// <summary>
    /// Network.Run ended. Success: the ranks agree that all finished (a rank that failed is named).
    /// Failure of this rank: it tells the others in the collective they wait in. A failure the others
    /// already know (a <see cref="RankFailedException"/>) needs nothing; one inside a collective
    /// leaves the ranks out of step, so every rank is aborted.
    /// </summary>
    void IRunListener.RunEnded(Exception? error)
    {
        if (error is null)
        {
            Header(Finished, _lastStep, "agreeing that every rank finished the run");
            return;
        }
        if (error is RankFailedException || Contains<RankFailedException>(error) || _failureSent) return;
        if (_inCollective || _midExchange)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"rank {Communicator.Rank}: failed inside a collective ({error.GetType().Name}: {error.Message}); the ranks are out of step: aborting every rank."));
            Console.Error.Flush();
            Communicator.Abort(4);
            return;
        }
        _failureSent = true;
        string text = $"{error.GetType().Name}: {error.Message}";
        byte[] message = Encoding.UTF8.GetBytes(text.Length > MaxMessageBytes / 2 ? text[..(MaxMessageBytes / 2)] + "…" : text);
        if (_headers.Length < Communicator.Size) _headers = new int[Communicator.Size];
        Watchdog.Begin("telling the other ranks that this rank failed", _lastStep);
        Communicator.AllgatherInt(FailedBase - message.Length, _headers);
        var lengths = new int[Communicator.Size];
        int total = 0;
        for (int r = 0; r < Communicator.Size; r++)
        {
            lengths[r] = _headers[r] <= FailedBase ? FailedBase - _headers[r] : 0;
            total += lengths[r];
        }
        Communicator.AllgatherV(message, lengths, new byte[total]);
        Watchdog.End();
    }

    private static bool Contains<T>(Exception error) where T : Exception =>
        error is AggregateException aggregate && aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions[0] is T;
}
