using DynLang.Distributed;
using DynLang.Runtime;

namespace DynLang.Distributed.Scenarios;

/// <summary>
/// A recurrent network with per-synapse delays and STDP: 240 cells, 600 Poisson inputs at 20 Hz (the same on
/// every rank: counter-based draws), plastic input synapses (delays 0–4 steps) and plastic recurrent
/// synapses (delays 3–19 steps, so the spikes of other ranks are exchanged every 3 steps and arrive
/// 3 steps late). In one process (<c>comm</c> null) or over ranks.
/// </summary>
public static class PlasticScenario
{
    public const int Cells = 240, Inputs = 600;
    public const double Dt = 1e-4, InputRate = 20;
    public const ulong Seed = 12;

    public static ScenarioResult Run(ICommunicator? comm, double duration)
    {
        // One process: the whole pathways; ranks: each draws the synapses onto its block only (the same pairs).
        Connectivity? inputToCell = comm is null ? Connectivity.Random(Inputs, Cells, 0.5, Seed, name: "inputs") : null;
        Connectivity? recurrent = comm is null ? Connectivity.Random(Cells, Cells, 0.05, Seed + 1, allowSelfConnections: false, name: "recurrent") : null;
        var defaults = new PlasticStdpParameters();
        double InputWeight(long id) => defaults.gmax * CounterRng.Uniform(Seed, 1, id, 0);
        double RecurrentWeight(long id) => 0.5 * defaults.gmax * CounterRng.Uniform(Seed, 2, id, 0);
        double InputDelay(long id) => (id % 5) * Dt;
        double RecurrentDelay(long id) => (3 + id * 7919 % 17) * Dt;
        double InitialV(int neuron) { var p = new PlasticCellParameters(); return p.vr + CounterRng.Uniform(Seed, 3, neuron, 0) * (p.vt - p.vr); }
        var result = new ScenarioResult();

        ICommunicator ranks = comm ?? new SingleRank();
        var partition = new Partition(Cells, ranks.Size, "PlasticCell");
        int start = partition.Start(ranks.Rank), count = partition.LocalCount(ranks.Rank);
        var cells = new PlasticCellPopulation(count);
        for (int i = 0; i < count; i++) cells.v[i] = InitialV(start + i);
        var inputs = new PoissonSource("inputs", Inputs, InputRate, Seed);
        DistributedPopulation? cluster = comm is null ? null : new DistributedPopulation(cells, partition, comm);
        ISpikeSource cellSpikes = cluster is null ? cells : cluster;

        RankConnectivity? inShare = comm is null ? null : DistributedConnectivity.Random(Inputs, partition, comm, 0.5, Seed, name: "inputs");
        RankConnectivity? recShare = comm is null ? null : DistributedConnectivity.Random(Cells, partition, comm, 0.05, Seed + 1, allowSelfConnections: false, name: "recurrent");
        var inLocal = inShare?.Local ?? inputToCell!;
        var recLocal = recShare?.Local ?? recurrent!;
        long[] inIds = inShare?.GlobalSynapseIds.ToArray() ?? Enumerable.Range(0, inputToCell!.Count).Select(k => (long)k).ToArray();
        long[] recIds = recShare?.GlobalSynapseIds.ToArray() ?? Enumerable.Range(0, recurrent!.Count).Select(k => (long)k).ToArray();
        var fromInputs = new InputStdpSynapses(inputs, cells, inLocal);
        var fromCells = new PlasticStdpSynapses(cellSpikes, cells, recLocal);
        for (int k = 0; k < inIds.Length; k++) fromInputs.w[k] = InputWeight(inIds[k]);
        for (int k = 0; k < recIds.Length; k++) fromCells.w[k] = RecurrentWeight(recIds[k]);
        fromInputs.SetPreDelays(inIds.Select(InputDelay).ToArray());
        fromCells.SetPreDelays(recIds.Select(RecurrentDelay).ToArray());

        var spikes = new SpikeMonitor(cluster?.LocalSpikes ?? cells, "spikes");
        var network = new Network(Dt).Add(inputs, cluster is null ? cells : cluster, fromInputs, fromCells, spikes);
        // Two runs: spikes in flight (and, on ranks, not yet exchanged) cross the boundary.
        network.Run(duration / 2);
        network.Run(duration / 2);

        var mine = new List<(long, int)>();
        for (int k = 0; k < spikes.Count; k++) mine.Add((spikes.Steps[k], spikes.Indices[k]));
        if (comm is null)
        {
            result.Spikes.AddRange(mine);
            result.Values["v"] = cells.v.ToArray();
            result.Values["ge"] = cells.ge.ToArray();
            result.Values["w inputs"] = fromInputs.w.ToArray();
            result.Values["w recurrent"] = fromCells.w.ToArray();
            result.Values["apre recurrent"] = fromCells.apre.ToArray();
            result.Values["apost recurrent"] = fromCells.apost.ToArray();
            return result;
        }
        result.Spikes.AddRange(Gathering.Spikes(comm, mine));
        result.Values["v"] = Gathering.Doubles(comm, cells.v);
        result.Values["ge"] = Gathering.Doubles(comm, cells.ge);
        result.Values["w inputs"] = Gathering.BySynapseId(comm, fromInputs.w, inIds, inShare!.GlobalCount);
        result.Values["w recurrent"] = Gathering.BySynapseId(comm, fromCells.w, recIds, recShare!.GlobalCount);
        result.Values["apre recurrent"] = Gathering.BySynapseId(comm, fromCells.apre, recIds, recShare.GlobalCount);
        result.Values["apost recurrent"] = Gathering.BySynapseId(comm, fromCells.apost, recIds, recShare.GlobalCount);
        result.Exchange = cluster!.Statistics;
        result.ExchangeIntervalSteps = cluster.ExchangeIntervalSteps;
        cluster.Dispose();
        return result;
    }

    /// <summary>The one-process run's partition: one rank that holds everything (no collective is ever called).</summary>
    private sealed class SingleRank : ICommunicator
    {
        public int Rank => 0;
        public int Size => 1;
        public string Description => "one process";
        public int[] AllgatherInt(int value) => new[] { value };
        public void AllgatherInt(int value, int[] received) => received[0] = value;
        public long[] AllgatherLong(long value) => new[] { value };
        public void AllgatherV(ReadOnlySpan<int> values, int[] counts, int[] received) => values.CopyTo(received);
        public void AllgatherV(ReadOnlySpan<byte> values, int[] counts, byte[] received) => values.CopyTo(received);
        public void Barrier() { }
        public void Abort(int exitCode) => Environment.Exit(exitCode);
        public void Dispose() { }
    }
}
