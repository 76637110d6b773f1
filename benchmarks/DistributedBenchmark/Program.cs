// Distributed benchmark (issue 12): scaled CUBA over MPI ranks.
//
//   mpiexec.mpich -n R dotnet DistributedBenchmark.dll N seconds [delay-ms] [threads] [csv]
//
// The network: N CUBA neurons (Cuba.dyn), every neuron receives exactly 80 synapses: 64 excitatory
// from [0, 0.8N) and 16 inhibitory from [0.8N, N) (DistributedConnectivity.FixedInDegree, drawn per
// post neuron, so the network does not depend on the number of ranks), weights as Brian2's CUBA
// (we = 60*0.27/10 mV, wi = -20*4.5/10 mV, in Cuba.dyn), v0 = Vr + U(seed, 0, global index, 0)*(Vt - Vr),
// ge0 = gi0 = 0. delay-ms (default 0): a homogeneous PreDelay on both pathways; 0 exchanges the
// spikes every step, 1.5 ms (15 steps of 0.1 ms) every 15 steps.
//
// Threads: each rank runs its kernels on its own WorkerPool (WorkerPool.Use) of `threads` threads
// (the caller + threads-1 workers); default max(1, ProcessorCount / R), so R ranks on one machine
// do not fight over its cores (2 cores: 1 rank × 2 threads, 2 ranks × 1 thread).
//
// Timing: build (connectivity + populations + synapses), an untimed warm-up of 20 ms (JIT; the same
// on every rank count), a Barrier, then Network.Run(seconds) timed with a Stopwatch on every rank;
// the reported wall time is the max over ranks. Exchange seconds: DistributedPopulation.Statistics
// (both collectives of every exchange, the Allgather of counts, where a rank waits for slower ones,
// and the Allgatherv of the indices), differences over the timed run, max and mean over ranks. Spikes: counted on every
// rank during the timed run, summed over ranks.
//
// Rank 0 prints one line "result ..." (key=value) and appends a CSV row to [csv] when given.
using System.Diagnostics;
using System.Globalization;
using DistributedBenchmark;
using DynLang.Distributed;
using DynLang.Runtime;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
using var comm = MpiCommunicator.Start(ref args);
if (args.Length < 2)
{
    if (comm.Rank == 0) Console.Error.WriteLine("usage: mpiexec.mpich -n R dotnet DistributedBenchmark.dll N seconds [delay-ms] [threads] [csv]");
    return 1;
}
int n = int.Parse(args[0], CultureInfo.InvariantCulture);
double seconds = double.Parse(args[1], CultureInfo.InvariantCulture);
double delayMs = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 0;
int threads = args.Length > 3 && args[3] != "auto" ? int.Parse(args[3], CultureInfo.InvariantCulture) : Math.Max(1, Environment.ProcessorCount / comm.Size);
string? csv = args.Length > 4 ? args[4] : null;

const double Dt = 1e-4, Warmup = 0.02;
const ulong Seed = 12;
const int InDegreeE = 64, InDegreeI = 16;
const double Vr = -60e-3, Vt = -50e-3;

using var pool = new WorkerPool(threads - 1);
using var poolScope = WorkerPool.Use(pool);

comm.Barrier();
var build = Stopwatch.StartNew();
var partition = new Partition(n, comm.Size, "Cuba");
int rank = comm.Rank, start = partition.Start(rank), count = partition.LocalCount(rank);
int excitatory = (int)(0.8 * n);
var ce = DistributedConnectivity.FixedInDegree(n, 0, excitatory, partition, rank, InDegreeE, Seed * 2 + 1, name: "Ce");
var ci = DistributedConnectivity.FixedInDegree(n, excitatory, n - excitatory, partition, rank, InDegreeI, Seed * 2 + 2, name: "Ci");
var local = new CubaPopulation(count);
for (int i = 0; i < count; i++)
    local.v[i] = Vr + CounterRng.Uniform(Seed, 0, start + i, 0) * (Vt - Vr);
using var cluster = new DistributedPopulation(local, partition, comm);
var exc = new CubaExcitatorySynapses(cluster, local, ce.Local);
var inh = new CubaInhibitorySynapses(cluster, local, ci.Local);
if (delayMs > 0)
{
    exc.PreDelay = delayMs * 1e-3;
    inh.PreDelay = delayMs * 1e-3;
}
var counter = new SpikeCounter(cluster.LocalSpikes);
var network = new Network(Dt).Add(cluster, exc, inh, counter);
double buildSeconds = build.Elapsed.TotalSeconds;

network.Run(Warmup);
var before = cluster.Statistics;
long spikesBefore = counter.Spikes;
GC.Collect();
GC.WaitForPendingFinalizers();
GC.Collect();
comm.Barrier();
var watch = Stopwatch.StartNew();
network.Run(seconds);
watch.Stop();
var after = cluster.Statistics;
double wall = watch.Elapsed.TotalSeconds;
double exchange = after.Seconds - before.Seconds;
long exchanges = after.Exchanges - before.Exchanges;
long received = after.BytesReceived - before.BytesReceived;
long spikes = counter.Spikes - spikesBefore;

double[] walls = Doubles(comm, wall), exchangeSeconds = Doubles(comm, exchange), builds = Doubles(comm, buildSeconds);
long[] spikeCounts = comm.AllgatherLong(spikes);
long totalSpikes = spikeCounts.Sum();
long steps = (long)Math.Round(seconds / Dt);
if (rank == 0)
{
    double wallMax = walls.Max();
    double rate = totalSpikes / (double)n / seconds;
    double bytesPerExchange = exchanges > 0 ? received / (double)exchanges : 0;
    string line = string.Create(CultureInfo.InvariantCulture,
        $"result N={n} ranks={comm.Size} threads_per_rank={threads} delay_ms={delayMs} interval_steps={cluster.ExchangeIntervalSteps} " +
        $"seconds={seconds} steps={steps} build_s_max={builds.Max():F3} wall_s_max={wallMax:F4} wall_s_min={walls.Min():F4} " +
        $"wall_per_sim_s={wallMax / seconds:F4} exchange_s_max={exchangeSeconds.Max():F4} exchange_s_mean={exchangeSeconds.Average():F4} " +
        $"exchange_share={exchangeSeconds.Max() / wallMax:F4} exchanges={exchanges} bytes_received_per_exchange={bytesPerExchange:F1} " +
        $"spikes={totalSpikes} rate_hz={rate:F2} events~={80L * totalSpikes} ns_per_neuron_step={wallMax * 1e9 / ((double)n * steps):F2} " +
        $"ns_per_event={(totalSpikes > 0 ? wallMax * 1e9 / (80.0 * totalSpikes) : 0):F2} synapses={(long)n * 80}");
    Console.WriteLine(line);
    if (csv is not null)
    {
        bool header = !File.Exists(csv);
        using var w = new StreamWriter(csv, append: true);
        if (header)
            w.WriteLine("n,ranks,threads_per_rank,delay_ms,interval_steps,seconds,steps,build_s_max,wall_s_max,exchange_s_max,exchange_s_mean,exchanges,bytes_received_per_exchange,spikes,rate_hz");
        w.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{n},{comm.Size},{threads},{delayMs},{cluster.ExchangeIntervalSteps},{seconds},{steps},{builds.Max():F4},{wallMax:F5},{exchangeSeconds.Max():F5},{exchangeSeconds.Average():F5},{exchanges},{bytesPerExchange:F1},{totalSpikes},{rate:F3}"));
    }
}
return 0;

static double[] Doubles(ICommunicator comm, double value) =>
    comm.AllgatherLong(BitConverter.DoubleToInt64Bits(value)).Select(BitConverter.Int64BitsToDouble).ToArray();

/// <summary>Counts this rank's spikes (no storage: a spike monitor of 10^6 neurons would hold tens of millions).</summary>
sealed class SpikeCounter(ISpikeSource source) : INetworkObject
{
    public long Spikes;
    public string Name => "spike counter";
    public void Prepare(double dt) { }
    public void Run(NetworkPhase phase, NetworkClock clock)
    {
        if (phase == NetworkPhase.End) Spikes += source.SpikesThisStep.Length;
    }
}
