// CUBA (Brette et al. 2007, benchmark 2) over MPI ranks: the model and the network of samples/Cuba,
// plus a communicator. Each rank holds a contiguous block of the 4000 neurons and the synapses onto
// them; the spikes of all ranks are exchanged once per minimum delay (every step here: CUBA has no
// delay). Each rank writes its own spike file; rank 0 checks the set is whole, merges it and plots it.
//
//   dotnet build samples/DistributedCuba -c Release
//   mpiexec.mpich -n 2 dotnet samples/DistributedCuba/bin/Release/net10.0/DistributedCuba.dll --reference
//   (scripts/install-mpich.sh installs MPICH; without mpiexec the program runs as one rank.)
//
//   --reference  Brian2's initial state and connectivity (tests/reference/cuba/data): 22,058 spikes,
//                the same on any number of ranks; without it, random ones from seed 2007.
using System.Diagnostics;
using DynLang.Distributed;
using DynLang.Runtime;
using Samples;

const int N = 4000, Excitatory = 3200;
const double dt = 1e-4, duration = 1.0, p = 0.02;
const ulong Seed = 2007;

bool reference = args.Contains("--reference");
if (args.Any(a => a is not "--reference"))
{
    Console.Error.WriteLine("usage: mpiexec.mpich -n RANKS dotnet DistributedCuba.dll [--reference]");
    return 2;
}

MpiCommunicator comm;
try { comm = MpiCommunicator.Start(ref args); }
catch (DllNotFoundException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
using var _ = comm;
int rank = comm.Rank;
var partition = new Partition(N, comm.Size, "Cuba");
Console.WriteLine($"rank {rank} of {comm.Size}: pid {Environment.ProcessId}, neurons [{partition.Start(rank)}, {partition.End(rank)})");

try
{
    // This rank's neurons and the synapses onto them; nothing else is built here.
    var neurons = new CubaPopulation(partition.LocalCount(rank));
    RankConnectivity ce, ci;
    if (reference)
    {
        string data = ReferenceData.Folder();
        string Data(string name) => Path.Combine(data, name);
        RankArrays.ReadDoubles(Data("init_v.npy"), partition, rank).CopyTo(neurons.v);
        RankArrays.ReadDoubles(Data("init_ge.npy"), partition, rank).CopyTo(neurons.ge);
        RankArrays.ReadDoubles(Data("init_gi.npy"), partition, rank).CopyTo(neurons.gi);
        // Read in chunks, keeping only the synapses onto this rank's block; the ranks compare the files' hashes.
        ce = DistributedConnectivity.FromNpy(Data("Ce_i.npy"), Data("Ce_j.npy"), N, partition, comm, "Ce");
        ci = DistributedConnectivity.FromNpy(Data("Ci_i.npy"), Data("Ci_j.npy"), N, partition, comm, "Ci");
    }
    else
    {
        var q = neurons.Parameters;
        for (int i = 0; i < neurons.Count; i++)
            neurons.v[i] = q.Vr + CounterRng.Uniform(Seed, stream: 0, element: partition.Start(rank) + i, step: 0) * (q.Vt - q.Vr);
        // The same pairs as Connectivity.Random in one process: each rank draws only its block's columns.
        ce = DistributedConnectivity.Random(N, partition, comm, p, Seed, condition: (i, _) => i < Excitatory, name: "Ce");
        ci = DistributedConnectivity.Random(N, partition, comm, p, Seed, condition: (i, _) => i >= Excitatory, name: "Ci");
    }

    // The population on every rank: runs this rank's neurons, gives the synapses the spikes of all.
    using var cuba = new DistributedPopulation(neurons, partition, comm);
    Directory.CreateDirectory("out");
    string spikesCsv = Path.GetFullPath(Path.Combine("out", "cuba-spikes.csv"));
    RankFiles.Begin(comm, spikesCsv);                         // removes an earlier run's manifest
    var spikes = new SpikeMonitor(cuba.LocalSpikes, "spikes", csvPath: RankFiles.PathFor(spikesCsv, comm));
    var network = new Network(dt).Add(
        cuba,
        new CubaExcitatorySynapses(cuba, neurons, ce.Local),
        new CubaInhibitorySynapses(cuba, neurons, ci.Local),
        spikes);

    var clock = Stopwatch.StartNew();
    network.Run(duration, rank == 0 ? new ConsoleProgress() : null);
    clock.Stop();
    spikes.Dispose();
    RankFiles.Complete(comm, spikesCsv);                      // every rank finished: rank 0 writes the manifest

    var exchange = cuba.Statistics;
    Console.WriteLine($"rank {rank}: {spikes.Count:N0} spikes of its {neurons.Count} neurons; {clock.Elapsed.TotalSeconds:F2} s, of which {exchange.Seconds:F2} s in {exchange.Exchanges:N0} exchanges ({exchange.BytesSent:N0} bytes sent)");
    if (rank != 0) return 0;

    string merged = Path.GetFullPath(Path.Combine("out", "cuba-spikes.merged.csv"));
    long count = RankFiles.MergeSpikes(spikesCsv, merged);
    var all = RankFiles.ReadSpikes(spikesCsv);
    Console.WriteLine($"all ranks: {count:N0} spikes ({all.Indices.Count(i => i < Excitatory):N0} E){(reference ? " — Brian2 gives 22,058" : "")}; merged: {merged}");

    var plot = new ScottPlot.Plot();
    var dots = plot.Add.Markers(all.Times, all.Indices.Select(i => (double)i).ToArray());
    dots.MarkerSize = 1.5f;
    dots.Color = ScottPlot.Colors.Black;
    for (int r = 1; r < comm.Size; r++) plot.Add.HorizontalLine(partition.Start(r), 1, ScottPlot.Colors.Red);
    plot.Axes.SetLimits(0, duration, 0, N);
    plot.XLabel("time (s)");
    plot.YLabel("neuron index (red lines: rank boundaries)");
    plot.Title($"CUBA over {comm.Size} ranks: {count:N0} spikes in {duration} s");
    string png = Path.GetFullPath(Path.Combine("out", "cuba-raster.png"));
    plot.SavePng(png, 1000, 600);
    Console.WriteLine($"raster: {png}");
    return 0;
}
catch (Exception e) when (e is RankFailedException or IOException or ArgumentException or InvalidDataException or InvalidOperationException)
{
    Console.Error.WriteLine($"rank {rank}: error: {e.Message}");
    return 1;
}
