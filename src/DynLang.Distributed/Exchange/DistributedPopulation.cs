using System;
using System.Collections.Generic;
using System.Globalization;
using DynLang.Runtime;

namespace DynLang.Distributed;

/// <summary>
/// A population spread over the ranks, as one rank's network sees it: it runs this rank's part of
/// the population (<see cref="Local"/>, elements [Partition.Start(rank), Partition.End(rank))) and
/// gives the synapses the spikes of <b>all</b> ranks, with global indices, exchanged once per
/// minimum-delay interval (NEST's scheme): one Allgather of counts and one flattened Allgatherv of
/// indices per interval.
/// </summary>
/// <remarks>
/// <para>
/// Add it to the network <b>instead of</b> the local population, and pass it as the pre side of the
/// synapses onto this rank's neurons (their post side is <see cref="Local"/>): a synapse model that
/// reads nothing of its pre-synaptic model takes any spike source, and pushes these spikes as late
/// as they are (<see cref="ILateSpikeSource"/>), so every synapse gets each spike at its emission
/// step plus its delay, as in one process. Monitors of the population's spikes take
/// <see cref="LocalSpikes"/> (this rank's spikes, global indices).
/// </para>
/// <para>
/// The interval: before the first step of the first run the ranks agree on D, the shortest delay in
/// steps of every pathway the population feeds on any rank (generated synapses report theirs in
/// Prepare). With D = 0 the spikes are exchanged every step, before the synapses run; with D ≥ 1,
/// every D steps (at most <see cref="MaxIntervalSteps"/>), and the spikes of step s are given to the
/// synapses at step s + D. D is fixed by the first run: a later run with a shorter delay is refused.
/// </para>
/// <para>
/// Failures: a rank whose run fails tells the others in their next exchange, and they stop with a
/// <see cref="RankFailedException"/> naming it, its step and its message; at the end of every run the
/// ranks agree that all finished. Every wait is bounded by <see cref="Watchdog"/>.
/// </para>
/// </remarks>
public sealed partial class DistributedPopulation : INetworkObject, ILateSpikeSource, IBackendObject, IRunListener, IDisposable
{
    /// <summary>The longest exchange interval in steps, whatever the delays: bounds the buffers and how long a failure goes unnoticed.</summary>
    public const int MaxIntervalSteps = 1000;

    private readonly INetworkObject _localObject;
    private readonly ISpikeSource _localSpikes;
    private readonly int _offset;
    private readonly Dictionary<(object Pathway, string Side), (string Name, int MinDelaySteps)> _pathways = new();
    private readonly GlobalIndexView _localGlobal;

    /// <summary>
    /// This rank's part of a population of <paramref name="partition"/>.Count elements spread over the
    /// ranks of <paramref name="communicator"/>.
    /// </summary>
    /// <param name="local">This rank's population: a generated CPU population (or any network object that is a spike source) of Partition.LocalCount(rank) elements.</param>
    /// <param name="partition">The blocks of the whole population, one per rank.</param>
    /// <param name="communicator">The ranks.</param>
    /// <param name="name">Name for messages (default: the local population's).</param>
    /// <exception cref="ArgumentException">The local population is not a network object, has another size than its block, or the partition is for another number of ranks.</exception>
    /// <exception cref="NotSupportedException">The local population is not on the CPU backend.</exception>
    public DistributedPopulation(ISpikeSource local, Partition partition, ICommunicator communicator, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(local);
        Partition = partition ?? throw new ArgumentNullException(nameof(partition));
        Communicator = communicator ?? throw new ArgumentNullException(nameof(communicator));
        _localObject = local as INetworkObject ?? throw new ArgumentException(
            $"The local population ({local.GetType().Name}) is not a network object: pass a generated population.", nameof(local));
        _localSpikes = local;
        Name = name ?? _localObject.Name;
        if (partition.Ranks != communicator.Size)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"'{Name}': the partition is for {partition.Ranks} ranks, but the communicator has {communicator.Size} ({communicator.Description})."), nameof(partition));
        int expected = partition.LocalCount(communicator.Rank);
        if (local.Count != expected)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"'{Name}': rank {communicator.Rank} holds elements [{partition.Start(communicator.Rank)}, {partition.End(communicator.Rank)}) of {partition.Count}, {expected} elements, but its local population has {local.Count}."), nameof(local));
        if (Backend.Of(local) is not CpuBackend)
            throw new NotSupportedException($"'{Name}': a distributed population runs on the CPU backend only; this one is on {Backend.Of(local).Name} (docs/distributed.md, 'Limits').");
        _offset = partition.Start(communicator.Rank);
        _localGlobal = new GlobalIndexView(this);
        Watchdog = new ExchangeWatchdog(communicator);
        _ring = new RingOfSteps();
    }

    /// <summary>Name in progress messages and errors.</summary>
    public string Name { get; }

    /// <summary>This rank's population (elements [Partition.Start(rank), Partition.End(rank)), local index = global − start).</summary>
    public ISpikeSource Local => _localSpikes;

    /// <summary>The blocks of the whole population.</summary>
    public Partition Partition { get; }

    /// <summary>The ranks.</summary>
    public ICommunicator Communicator { get; }

    /// <summary>The whole population's size (all ranks).</summary>
    public int Count => Partition.Count;

    /// <summary>
    /// The spikes of all ranks emitted at step n − <see cref="LateBySteps"/>, global indices ascending,
    /// during step n (from its threshold phase on).
    /// </summary>
    public ReadOnlySpan<int> SpikesThisStep => _presented.AsSpan(0, _presentedCount);

    /// <summary>How late the spikes are: the exchange interval D agreed before the first run (0: every step, in time).</summary>
    public int LateBySteps => _lag;

    /// <summary>Steps between two exchanges (1 when the shortest delay is 0; 0 until the ranks agreed, or when no pathway takes the spikes).</summary>
    public int ExchangeIntervalSteps => _interval;

    /// <summary>This rank's spikes of the current step with their global indices: what a spike monitor of the population records on this rank.</summary>
    public ISpikeSource LocalSpikes => _localGlobal;

    /// <summary>The bound on every wait for the other ranks.</summary>
    public ExchangeWatchdog Watchdog { get; }

    /// <summary>What the exchanges cost so far on this rank.</summary>
    public ExchangeStatistics Statistics => new(_exchanges, _exchangeTicks / (double)System.Diagnostics.Stopwatch.Frequency, _bytesSent, _bytesReceived, _spikesReceived);

    /// <summary>The local population's backend (the CPU).</summary>
    public Backend Backend => Backend.Of(_localSpikes);

    /// <inheritdoc/>
    public void RequireDelay(object pathway, string side, string name, int minDelaySteps)
    {
        ArgumentNullException.ThrowIfNull(pathway);
        _pathways[(pathway, side)] = (name, minDelaySteps);
    }

    void INetworkObject.Prepare(double dt)
    {
        _localObject.Prepare(dt);
        _agreePending = true;
    }

    void INetworkObject.Run(NetworkPhase phase, NetworkClock clock)
    {
        _lastStep = clock.Step;
        if (phase == NetworkPhase.Start && _agreePending) AgreeOnInterval(clock.Step);
        _localObject.Run(phase, clock);
        if (phase == NetworkPhase.Thresholds) AfterThresholds(clock.Step);
    }

    /// <summary>Stops the watchdog.</summary>
    public void Dispose() => Watchdog.Dispose();

    /// <summary>This rank's spikes of the step with global indices (for monitors).</summary>
    private sealed class GlobalIndexView : ISpikeSource
    {
        private readonly DistributedPopulation _owner;
        public GlobalIndexView(DistributedPopulation owner) => _owner = owner;
        public int Count => _owner.Partition.Count;
        public ReadOnlySpan<int> SpikesThisStep => _owner._localGlobalSpikes.AsSpan(0, _owner._localGlobalCount);
    }
}
