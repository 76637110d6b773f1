// Song, Miller & Abbott (2000), as in Brian2's examples/synapses/STDP.py: 1000 independent Poisson
// inputs at 15 Hz drive one LIF neuron through excitatory synapses with additive STDP, starting
// from weights uniform in [0, gmax]. Because depression slightly outweighs potentiation, the
// synapses compete and the weights move towards 0 and gmax: the histogram becomes U-shaped, with
// its two modes at the bounds (README.md gives the numbers to expect).
// Prints the weight statistics; writes out/stdp-weights.png (the final histogram of w/gmax) and
// out/stdp-weights-over-time.png (the mean and the fractions near 0 and near gmax).
//
//   dotnet run -c Release --project samples/StdpSong2000                      100 s of biological time
//   dotnet run -c Release --project samples/StdpSong2000 -- --duration 20     a quicker run
using System.Diagnostics;
using System.Globalization;
using DynLang.Runtime;
using Samples;

const int Inputs = 1000;
const double dt = 1e-4, rate = 15.0;           // Brian2's default dt; F = 15 Hz
const ulong Seed = 2000;
const int SampleEvery = 1000;                   // record the weights every 0.1 s

double duration = 100.0;
if (args.Length == 2 && args[0] == "--duration"
    && double.TryParse(args[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && d >= dt && double.IsFinite(d))
    duration = Math.Round(d / dt) * dt;         // a whole number of steps
else if (args.Length != 0)
{
    Console.Error.WriteLine("usage: dotnet run --project samples/StdpSong2000 [-- --duration <seconds, at least one step of 0.1 ms>]");
    return 2;
}

var input = new PoissonSource("input", Inputs, rate, Seed);
var neuron = new SongNeuronPopulation(1);
// S.connect(): every input to the one neuron.
var synapses = new SongStdpSynapses(input, neuron, Connectivity.Dense(Inputs, 1, name: "inputs→neuron"));
double gmax = synapses.Parameters.gmax;
// Brian2: S.w = 'rand() * gmax'. Counter-based draws: stream 1 (the Poisson source uses stream 0).
for (int s = 0; s < synapses.Count; s++) synapses.w[s] = CounterRng.Uniform(Seed, stream: 1, element: s, step: 0) * gmax;

var weights = new StateMonitor<double>("w", () => synapses.w, everySteps: SampleEvery);
var output = new SpikeMonitor(neuron, "output");
var network = new Network(dt).Add(input, neuron, synapses, weights, output);

Console.WriteLine($"{Inputs} Poisson inputs at {rate} Hz → 1 LIF neuron, additive STDP, gmax = {gmax}, {duration:0.####} s at dt = {dt * 1e3} ms");
var stats = WeightStats.Of(synapses.w, gmax);
Console.WriteLine($"initial: {stats}");
var clock = Stopwatch.StartNew();
network.Run(duration, new ConsoleProgress());
clock.Stop();

stats = WeightStats.Of(synapses.w, gmax);
Console.WriteLine($"final:   {stats}");
Console.WriteLine($"         {stats.NearZero:P1} of the weights below 0.1·gmax, {stats.NearMax:P1} above 0.9·gmax, {1 - stats.NearZero - stats.NearMax:P1} between");
Console.WriteLine($"         10-bin histogram of w/gmax: [{string.Join(" ", stats.Bins)}]");
// Bimodal here: both end bins of the 10-bin histogram hold at least 1.4 times as many weights as
// the fullest bin between them (a uniform histogram, the start, has ratios near 1; the same
// criterion as tests/DynLang.Models.Tests/Networks/StdpSong2000Tests.cs).
Console.WriteLine($"bimodal (modes at 0 and gmax): {(stats.Bimodal ? "yes" : "not yet (run longer)")}");
Console.WriteLine($"output rate: {output.Count / duration:F2} Hz ({output.Count} spikes)");
Console.WriteLine($"wall time of the run: {clock.Elapsed.TotalSeconds:F1} s for {duration:0.####} s of biological time");

Directory.CreateDirectory("out");
string histogram = Path.GetFullPath(Path.Combine("out", "stdp-weights.png"));
string overTime = Path.GetFullPath(Path.Combine("out", "stdp-weights-over-time.png"));
WeightPlots.Histogram(synapses.w, gmax, duration, histogram);
WeightPlots.OverTime(weights, synapses.w, network.Time, gmax, overTime);
Console.WriteLine($"histogram: {histogram}");
Console.WriteLine($"over time: {overTime}");
return 0;
