// CUBA (Brette et al. 2007, benchmark 2; Brian2's examples/CUBA.py): 4000 leaky integrate-and-fire
// neurons, 3200 excitatory and 800 inhibitory, each pair connected with probability 2%, current-based
// exponential synapses, exact solver, dt = 0.1 ms, 1 s. Prints the spike counts and the run's wall
// time, writes out/cuba-spikes.csv (every spike) and out/cuba-raster.png.
//
//   dotnet run --project samples/Cuba                 our own random initial state and connectivity
//   dotnet run --project samples/Cuba -- --reference  Brian2's (tests/reference/cuba/data): 22,058 spikes
//   … -- --backend ilgpu                               the same network on ILGPU: the first CUDA device,
//                                                      else ILGPU's CPU accelerator (slow: a correctness run)
using System.Diagnostics;
using DynLang.Ilgpu;
using DynLang.Runtime;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using Samples;

const int N = 4000, Excitatory = 3200;
const double dt = 1e-4, duration = 1.0, p = 0.02;
const ulong Seed = 2007;

bool reference = args.Contains("--reference");
int backendAt = Array.IndexOf(args, "--backend");
string backendName = backendAt >= 0 && backendAt + 1 < args.Length ? args[backendAt + 1] : "cpu";
if (args.Where((a, k) => a is not "--reference" && k != backendAt && k != backendAt + 1).Any() || backendName is not ("cpu" or "ilgpu"))
{
    Console.Error.WriteLine("usage: dotnet run --project samples/Cuba [-- [--reference] [--backend cpu|ilgpu]]");
    return 2;
}

// The one switch: every object below is created on this backend; nothing else depends on it.
using var context = backendName == "ilgpu" ? Context.Create(builder => builder.Cuda().CPU()) : null;
using var accelerator = context is null ? null
    : context.GetCudaDevices().Count > 0 ? context.GetCudaDevices()[0].CreateAccelerator(context) : context.CreateCPUAccelerator(0);
Backend backend = accelerator is null ? Backend.Cpu : new IlgpuBackend(accelerator);
Console.WriteLine($"backend: {backend.Name}");

using var neurons = CubaPopulation.Create(backend, N);
Connectivity ce, ci;
if (reference)
{
    // Brian2's exact initial state and synapses, saved after brian2.seed(2007): with them the run
    // is Brian2's, spike for spike (tests/DynLang.Models.Tests/Networks/CubaReferenceTests.cs).
    string data;
    try { data = ReferenceData.Folder(); }
    catch (DirectoryNotFoundException e)
    {
        Console.Error.WriteLine($"error: {e.Message}");
        return 1;
    }
    string Data(string name) => Path.Combine(data, name);
    neurons.WriteV(Npy.ReadDoubles(Data("init_v.npy"), N));
    neurons.WriteGe(Npy.ReadDoubles(Data("init_ge.npy"), N));
    neurons.WriteGi(Npy.ReadDoubles(Data("init_gi.npy"), N));
    // Brian2 connected the whole group under conditions i<3200 / i>=3200, so the saved
    // presynaptic indices already index all 4000 neurons.
    ce = Connectivity.FromIndices(Npy.ReadInt32(Data("Ce_i.npy")), Npy.ReadInt32(Data("Ce_j.npy")), N, N, "Ce_i/Ce_j.npy");
    ci = Connectivity.FromIndices(Npy.ReadInt32(Data("Ci_i.npy")), Npy.ReadInt32(Data("Ci_j.npy")), N, N, "Ci_i/Ci_j.npy");
    Console.WriteLine($"initial state and connectivity: Brian2's, from {data}");
}
else
{
    // Brian2: P.v = 'Vr + rand() * (Vt - Vr)'. Counter-based draws (element i, step 0) make the
    // initial state the same on every machine and at any thread count.
    var q = neurons.Parameters;
    var v = new double[N];
    for (int i = 0; i < N; i++) v[i] = q.Vr + CounterRng.Uniform(Seed, stream: 0, element: i, step: 0) * (q.Vt - q.Vr);
    neurons.WriteV(v);
    // Brian2: Ce.connect('i<3200', p=0.02), Ci.connect('i>=3200', p=0.02). Every pair (i, j) has its
    // own draw, so one seed serves both: the conditions pick disjoint rows of the same draws.
    ce = Connectivity.Random(N, N, p, Seed, condition: (i, _) => i < Excitatory, name: "Ce");
    ci = Connectivity.Random(N, N, p, Seed, condition: (i, _) => i >= Excitatory, name: "Ci");
    Console.WriteLine($"initial state and connectivity: random, seed {Seed}");
}
Console.WriteLine($"{N} neurons ({Excitatory} E, {N - Excitatory} I), {ce.Count + ci.Count:N0} synapses ({ce.Count:N0} E, {ci.Count:N0} I)");

Directory.CreateDirectory("out");
string csv = Path.GetFullPath(Path.Combine("out", "cuba-spikes.csv"));
var spikes = new SpikeMonitor(neurons, "spikes", csvPath: csv);
using var excitatory = CubaExcitatorySynapses.Create(neurons, neurons, ce);
using var inhibitory = CubaInhibitorySynapses.Create(neurons, neurons, ci);
var network = new Network(dt).Add(neurons, excitatory, inhibitory, spikes);

var clock = Stopwatch.StartNew();
network.Run(duration, new ConsoleProgress());
clock.Stop();

int excitatorySpikes = 0;
foreach (int i in spikes.Indices) if (i < Excitatory) excitatorySpikes++;
Console.WriteLine($"spikes: {spikes.Count:N0} ({excitatorySpikes:N0} E, {spikes.Count - excitatorySpikes:N0} I)");
Console.WriteLine($"mean rate: {spikes.Count / (N * duration):F3} Hz per neuron");
Console.WriteLine($"wall time of the run: {clock.Elapsed.TotalSeconds:F2} s for {duration} s of biological time (dt = {dt * 1e3} ms)");
Console.WriteLine($"spikes: {csv}");

// Raster: one small dot per spike, time against neuron index.
var plot = new ScottPlot.Plot();
var dots = plot.Add.Markers(spikes.Times.ToArray(), spikes.Indices.ToArray().Select(i => (double)i).ToArray());
dots.MarkerSize = 1.5f;
dots.Color = ScottPlot.Colors.Black;
plot.Axes.SetLimits(0, duration, 0, N);
plot.XLabel("time (s)");
plot.YLabel("neuron index (E below 3200, I above)");
plot.Title($"CUBA, {N} LIF neurons ({(reference ? "Brian2's initial state" : $"seed {Seed}")}): {spikes.Count:N0} spikes in {duration} s");
string png = Path.GetFullPath(Path.Combine("out", "cuba-raster.png"));
plot.SavePng(png, 1000, 600);
Console.WriteLine($"raster: {png}");
return 0;
