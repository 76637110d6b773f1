using System;
using System.Diagnostics;
using System.Globalization;

namespace DynLang.Distributed;

// The exchange: this rank's spikes of an interval are collected step by step; at the interval's
// last step one Allgather of counts and one Allgatherv of [per-step counts…, indices…] give every
// rank the spikes of all ranks, which go into a ring of steps from which each step's presented
// spikes are taken. Contiguous blocks in rank order make each step's concatenation ascending.
public sealed partial class DistributedPopulation
{
    private bool _agreePending;
    private bool _agreed;
    private int _lag;           // LateBySteps
    private int _interval;      // steps per exchange; 0: nothing to exchange
    private long _firstStep = -1; // the first step this rank's spikes were collected for

    private int[] _presented = Array.Empty<int>();
    private int _presentedCount;
    private int[] _localGlobalSpikes = Array.Empty<int>();
    private int _localGlobalCount;

    // This rank's part of the interval: per-step counts then indices, sent as one message.
    private int[] _stepCounts = new int[1];
    private int _pendingSteps;
    private int[] _pendingIndices = new int[64];
    private int _pendingCount;
    private int[] _message = new int[64];

    private int[] _headers = Array.Empty<int>();
    private int[] _received = new int[64];
    private readonly RingOfSteps _ring;
    private int[] _cursors = Array.Empty<int>(), _starts = Array.Empty<int>();

    private long _exchanges, _exchangeTicks, _bytesSent, _bytesReceived, _spikesReceived;

    /// <summary>Before the first step of a run: every rank's shortest delay → the interval (fixed by the first run).</summary>
    private void AgreeOnInterval(long step)
    {
        _agreePending = false;
        int local = int.MaxValue;
        string? shortest = null;
        foreach (var entry in _pathways.Values)
            if (entry.MinDelaySteps < local) (local, shortest) = (entry.MinDelaySteps, entry.Name);
        int[] all = Header(local, step, "agreeing on the exchange interval");
        int global = int.MaxValue;
        foreach (int d in all.AsSpan(0, Communicator.Size)) global = Math.Min(global, d);
        if (!_agreed)
        {
            _agreed = true;
            // No pathway anywhere takes the spikes: nothing to exchange.
            _lag = global == int.MaxValue ? 0 : Math.Min(global, MaxIntervalSteps);
            _interval = global == int.MaxValue ? 0 : Math.Max(1, _lag);
            _ring.Reset(2 * Math.Max(1, _interval) + 1);
            if (_stepCounts.Length < Math.Max(1, _interval)) _stepCounts = new int[Math.Max(1, _interval)];
            return;
        }
        if (global < _lag)
        {
            string where = shortest is not null && local == global ? $" ({shortest}, on this rank)" : " (on another rank)";
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"'{Name}': the spikes are exchanged every {_lag} steps since the first run (its shortest delay), but a pathway now has a delay of {global} steps{where}: spikes would arrive after they are due. Keep delays at least as long as in the first run, or build the network again."));
        }
        if (_interval == 0 && global != int.MaxValue)
            throw new InvalidOperationException($"'{Name}': no pathway took the spikes in the first run, so none are exchanged; a pathway added later ({shortest ?? "on another rank"}) cannot get them. Build the network with its synapses before the first run.");
    }

    /// <summary>After the local population decided this step's spikes: collect them, exchange at the interval's end, present step − lag.</summary>
    private void AfterThresholds(long step)
    {
        ReadOnlySpan<int> local = _localSpikes.SpikesThisStep;
        if (_localGlobalSpikes.Length < local.Length) _localGlobalSpikes = new int[Math.Max(local.Length, 2 * _localGlobalSpikes.Length)];
        for (int k = 0; k < local.Length; k++) _localGlobalSpikes[k] = local[k] + _offset;
        _localGlobalCount = local.Length;
        if (_interval == 0)
        {
            _presentedCount = 0;
            return;
        }
        if (_firstStep < 0) _firstStep = step;
        _stepCounts[_pendingSteps++] = local.Length;
        if (_pendingIndices.Length < _pendingCount + local.Length) Array.Resize(ref _pendingIndices, Math.Max(_pendingCount + local.Length, 2 * _pendingIndices.Length));
        _localGlobalSpikes.AsSpan(0, local.Length).CopyTo(_pendingIndices.AsSpan(_pendingCount));
        _pendingCount += local.Length;
        if ((step + 1) % _interval == 0) Exchange(step);
        Present(step - _lag);
    }

    private void Present(long step)
    {
        if (step < _firstStep)
        {
            _presentedCount = 0;
            return;
        }
        var spikes = _ring.Get(step);
        _presented = spikes.Array;
        _presentedCount = spikes.Count;
    }

    /// <summary>One Allgather of counts, one Allgatherv of this interval's per-step counts and indices; then every step into the ring.</summary>
    private void Exchange(long step)
    {
        int steps = _pendingSteps, length = steps + _pendingCount;
        if (_message.Length < length) _message = new int[Math.Max(length, 2 * _message.Length)];
        _stepCounts.AsSpan(0, steps).CopyTo(_message);
        _pendingIndices.AsSpan(0, _pendingCount).CopyTo(_message.AsSpan(steps));
        long started = Stopwatch.GetTimestamp(); // both collectives: waiting for slower ranks happens in the first
        int[] counts = Header(length, step, "spike exchange");
        _midExchange = true;
        long total = 0;
        for (int r = 0; r < Communicator.Size; r++) total += counts[r];
        if (total > Array.MaxLength)
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"'{Name}': {total} values in one exchange, more than an array holds; the interval is too long for this spike rate."));
        if (_received.Length < total) _received = new int[Math.Max((int)total, 2 * _received.Length)];
        _inCollective = true;
        Watchdog.Begin("the spike exchange (Allgatherv)", step);
        Communicator.AllgatherV(_message.AsSpan(0, length), counts, _received);
        Watchdog.End();
        _inCollective = false;
        _exchangeTicks += Stopwatch.GetTimestamp() - started;
        _exchanges++;
        _bytesSent += 4L * (length + 1);
        _bytesReceived += 4L * (total + Communicator.Size);
        _spikesReceived += total - (long)steps * Communicator.Size;
        Unpack(step - steps + 1, steps, counts);
        _pendingSteps = 0;
        _pendingCount = 0;
        _midExchange = false;
    }

    /// <summary>Each rank's message is [count of step 0 … count of step B−1, indices…]; step k of all ranks, concatenated in rank order, is ascending.</summary>
    private void Unpack(long firstStep, int steps, int[] counts)
    {
        int ranks = Communicator.Size;
        if (_cursors.Length < ranks) (_cursors, _starts) = (new int[ranks], new int[ranks]);
        int at = 0;
        for (int r = 0; r < ranks; r++)
        {
            CheckMessage(r, counts[r], steps, firstStep);
            _starts[r] = at;               // rank r's per-step counts
            _cursors[r] = at + steps;      // its indices of the step being unpacked
            at += counts[r];
        }
        for (int k = 0; k < steps; k++)
        {
            int stepTotal = 0;
            for (int r = 0; r < ranks; r++) stepTotal += _received[_starts[r] + k];
            int[] slot = _ring.Prepare(firstStep + k, stepTotal);
            int filled = 0;
            for (int r = 0; r < ranks; r++)
            {
                int n = _received[_starts[r] + k];
                Array.Copy(_received, _cursors[r], slot, filled, n);
                _cursors[r] += n;
                filled += n;
            }
        }
    }

    private void CheckMessage(int rank, int count, int steps, long firstStep)
    {
        if (count < steps)
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"'{Name}': rank {rank} sent {count} values for the {steps} steps from step {firstStep}: the ranks are out of step (every rank must run the same network for the same durations)."));
    }
}
