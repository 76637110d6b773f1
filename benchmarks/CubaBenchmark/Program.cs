// CUBA benchmark, DynLang side: builds the network from Brian2's reference initial state and
// connectivity (tests/reference/cuba/data), checks it gives Brian2's 22,058 spikes, then times
// the simulation loop (Network.Run(1 s) at dt = 0.1 ms) several times on fresh networks and
// prints the times and, as JSON on the last line, what ../cuba/run.sh compares with Brian2.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CubaBenchmark;
using DynLang.Runtime;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args.Length > 0 && args[0] == "delivery") return DeliveryTiming.Run(args[1..]);
int repeats = args.Length > 0 ? int.Parse(args[0]) : 7;
string data = FindReferenceData();

var total = Stopwatch.StartNew();
var times = new List<double>();
int spikes = 0;
for (int r = 0; r < repeats + 1; r++)
{
    var (network, monitor) = Build(data);
    var watch = Stopwatch.StartNew();
    network.Run(1.0);
    watch.Stop();
    spikes = monitor.Count;
    if (spikes != 22_058)
    {
        Console.Error.WriteLine($"wrong result: {spikes} spikes, Brian2 gives 22,058; not timing a wrong simulation");
        return 1;
    }
    // The first run includes JIT compilation of the kernels: reported, not counted.
    if (r == 0) Console.WriteLine($"first run (with JIT): {watch.Elapsed.TotalSeconds:F3} s");
    else times.Add(watch.Elapsed.TotalSeconds);
}
times.Sort();
double median = times[times.Count / 2];
Console.WriteLine($"simulation loop, 1 s of CUBA at dt = 0.1 ms, {repeats} runs: median {median:F3} s, best {times[0]:F3} s, worst {times[^1]:F3} s ({spikes} spikes)");
Console.WriteLine(JsonSerializer.Serialize(new
{
    target = "dynlang",
    spikes,
    loop_median_s = median,
    loop_best_s = times[0],
    loop_runs = times,
    process_s = total.Elapsed.TotalSeconds,
    processors = Environment.ProcessorCount, // CPUs the process may use; the kernels of this 4000-neuron network run on the calling thread
}));
return 0;

static (Network, SpikeMonitor) Build(string data)
{
    const int n = 4000;
    string Path(string file) => System.IO.Path.Combine(data, file);
    var neurons = new CubaPopulation(n);
    Npy.ReadDoubles(Path("init_v.npy"), n).CopyTo(neurons.v);
    Npy.ReadDoubles(Path("init_ge.npy"), n).CopyTo(neurons.ge);
    Npy.ReadDoubles(Path("init_gi.npy"), n).CopyTo(neurons.gi);
    var ce = Connectivity.FromIndices(Npy.ReadInt32(Path("Ce_i.npy")), Npy.ReadInt32(Path("Ce_j.npy")), n, n, "Ce");
    var ci = Connectivity.FromIndices(Npy.ReadInt32(Path("Ci_i.npy")), Npy.ReadInt32(Path("Ci_j.npy")), n, n, "Ci");
    var monitor = new SpikeMonitor(neurons, "spikes");
    monitor.Reserve(30_000);
    var network = new Network(1e-4).Add(neurons, new CubaExcitatorySynapses(neurons, neurons, ce),
        new CubaInhibitorySynapses(neurons, neurons, ci), monitor);
    return (network, monitor);
}

static string FindReferenceData()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        string candidate = System.IO.Path.Combine(dir.FullName, "tests", "reference", "cuba", "data");
        if (Directory.Exists(candidate)) return candidate;
    }
    throw new DirectoryNotFoundException("tests/reference/cuba/data not found above " + AppContext.BaseDirectory);
}
