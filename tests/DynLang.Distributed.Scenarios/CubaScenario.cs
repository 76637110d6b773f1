using DynLang.Distributed;
using DynLang.Runtime;

namespace DynLang.Distributed.Scenarios;

/// <summary>
/// CUBA from Brian2's initial state and connectivity (tests/reference/cuba/data; 22,058 spikes in 1 s),
/// in one process (<c>comm</c> null) or over ranks: the same model and the same network code, plus a
/// communicator, a partition and a distributed population.
/// </summary>
public static class CubaScenario
{
    public const int N = 4000;
    public const double Dt = 1e-4;

    /// <summary>Runs <paramref name="duration"/> seconds; on ranks, <paramref name="failOnRank"/> throws at step <paramref name="failAtStep"/> (failure tests).</summary>
    public static ScenarioResult Run(ICommunicator? comm, double duration, string data, int failOnRank = -1, long failAtStep = -1, string failure = "throw")
    {
        string Data(string name) => Path.Combine(data, name);
        var result = new ScenarioResult();

        if (comm is null)
        {
            var ce = Connectivity.FromIndices(Npy.ReadInt32(Data("Ce_i.npy")), Npy.ReadInt32(Data("Ce_j.npy")), N, N, "Ce");
            var ci = Connectivity.FromIndices(Npy.ReadInt32(Data("Ci_i.npy")), Npy.ReadInt32(Data("Ci_j.npy")), N, N, "Ci");
            var neurons = new CubaPopulation(N);
            Npy.ReadDoubles(Data("init_v.npy"), N).CopyTo(neurons.v);
            Npy.ReadDoubles(Data("init_ge.npy"), N).CopyTo(neurons.ge);
            Npy.ReadDoubles(Data("init_gi.npy"), N).CopyTo(neurons.gi);
            var spikes = new SpikeMonitor(neurons, "spikes");
            var network = new Network(Dt).Add(neurons, new CubaExcitatorySynapses(neurons, neurons, ce), new CubaInhibitorySynapses(neurons, neurons, ci), spikes);
            network.Run(duration);
            for (int k = 0; k < spikes.Count; k++) result.Spikes.Add((spikes.Steps[k], spikes.Indices[k]));
            result.Values["v"] = neurons.v.ToArray();
            result.Values["ge"] = neurons.ge.ToArray();
            result.Values["gi"] = neurons.gi.ToArray();
            return result;
        }

        // Each rank reads its slice of the state and, in chunks, the synapses onto its block.
        var partition = new Partition(N, comm.Size, "Cuba");
        var local = new CubaPopulation(partition.LocalCount(comm.Rank));
        RankArrays.ReadDoubles(Data("init_v.npy"), partition, comm.Rank).CopyTo(local.v);
        RankArrays.ReadDoubles(Data("init_ge.npy"), partition, comm.Rank).CopyTo(local.ge);
        RankArrays.ReadDoubles(Data("init_gi.npy"), partition, comm.Rank).CopyTo(local.gi);
        var localCe = DistributedConnectivity.FromNpy(Data("Ce_i.npy"), Data("Ce_j.npy"), N, partition, comm, "Ce");
        var localCi = DistributedConnectivity.FromNpy(Data("Ci_i.npy"), Data("Ci_j.npy"), N, partition, comm, "Ci");
        using var cluster = new DistributedPopulation(local, partition, comm);
        var localSpikes = new SpikeMonitor(cluster.LocalSpikes, "spikes");
        var net = new Network(Dt).Add(cluster,
            new CubaExcitatorySynapses(cluster, local, localCe.Local),
            new CubaInhibitorySynapses(cluster, local, localCi.Local),
            localSpikes);
        if (comm.Rank == failOnRank) net.Add(new FailAt(failAtStep, failure));
        net.Run(duration);
        var mine = new List<(long, int)>();
        for (int k = 0; k < localSpikes.Count; k++) mine.Add((localSpikes.Steps[k], localSpikes.Indices[k]));
        result.Spikes.AddRange(Gathering.Spikes(comm, mine));
        result.Values["v"] = Gathering.Doubles(comm, local.v);
        result.Values["ge"] = Gathering.Doubles(comm, local.ge);
        result.Values["gi"] = Gathering.Doubles(comm, local.gi);
        result.Exchange = cluster.Statistics;
        result.ExchangeIntervalSteps = cluster.ExchangeIntervalSteps;
        return result;
    }
}

/// <summary>A network object that fails at one step: throws (a NaN, a bad file, a bug), exits the process abruptly ("exit": a crash), or hangs.</summary>
public sealed class FailAt(long step, string failure) : INetworkObject
{
    public string Name => "failure injector";
    public void Prepare(double dt) { }
    public void Run(NetworkPhase phase, NetworkClock clock)
    {
        if (phase != NetworkPhase.Groups || clock.Step != step) return;
        if (failure == "exit")
        {
            Console.WriteLine($"pid {Environment.ProcessId}: exiting abruptly at step {step} (injected)");
            Console.Out.Flush();
            Environment.Exit(9);
        }
        if (failure == "hang")
        {
            Console.WriteLine($"pid {Environment.ProcessId}: hanging at step {step} (injected)");
            Console.Out.Flush();
            Thread.Sleep(Timeout.Infinite);
        }
        throw new InvalidOperationException($"injected failure at step {step}");
    }
}
