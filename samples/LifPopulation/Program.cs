// 100,000 LIF neurons, each under its own constant current, stepped for one second.
// Prints the measured firing rate beside the analytic f–I curve
//   T = t_ref + tau_m * ln((R*I + v_rest - v_reset) / (R*I + v_rest - v_th)),  rate = 1/T,
// and checks that every measured rate is within what a discrete step allows.
using System.Diagnostics;
using Samples;

const int N = 100_000;
const double dt = 1e-4, duration = 1.0;
double iMin = 1.0e-9, iMax = 4.0e-9;       // rheobase is (v_th - v_rest)/R = 1.5 nA

var population = new LifPopulation(N);
var p = population.Parameters;
for (int i = 0; i < N; i++) population.I[i] = iMin + (iMax - iMin) * i / (N - 1);

var counts = new int[N];
var spiking = new int[N];
int steps = (int)Math.Round(duration / dt);
var clock = Stopwatch.StartNew();
for (int step = 0; step < steps; step++)
{
    population.Step(dt);
    int n = population.CopySpikeIndices(spiking);
    for (int k = 0; k < n; k++) counts[spiking[k]]++;
    if ((step + 1) % (steps / 4) == 0) Console.Error.WriteLine($"  {(step + 1) * 100 / steps}% simulated");
}
clock.Stop();

double Analytic(double current)
{
    double drive = p.R * current + p.v_rest;
    if (drive <= p.v_th) return 0;
    return 1.0 / (p.t_ref + p.tau_m * Math.Log((drive - p.v_reset) / (drive - p.v_th)));
}

Console.WriteLine($"{N:N0} LIF neurons, {steps:N0} steps of {dt * 1e3} ms: {clock.Elapsed.TotalSeconds:F2} s " +
                  $"({clock.Elapsed.TotalSeconds * 1e9 / ((double)N * steps):F2} ns per neuron-step)");
Console.WriteLine();
Console.WriteLine("   I (nA)   analytic (Hz)   measured (Hz)   allowed |diff| (Hz)");
int failures = 0;
for (int row = 0; row <= 12; row++)
{
    int i = (int)((long)(N - 1) * row / 12);
    double current = population.I[i];
    double expected = Analytic(current);
    double measured = counts[i] / duration;
    // A spike can only happen on a step: each interval is rounded up by at most one step (rate
    // changes by at most rate²·dt), and counting in a window of `duration` adds ±1 spike.
    double allowed = expected * expected * dt * 1.01 + 1 / duration;
    bool ok = Math.Abs(measured - expected) <= allowed;
    if (!ok) failures++;
    Console.WriteLine($"{current * 1e9,9:F3} {expected,15:F2} {measured,15:F2} {allowed,20:F2}  {(ok ? "ok" : "MISMATCH")}");
}
// Every neuron, not just the printed rows.
int bad = 0;
for (int i = 0; i < N; i++)
{
    double expected = Analytic(population.I[i]);
    if (Math.Abs(counts[i] / duration - expected) > expected * expected * dt * 1.01 + 1 / duration) bad++;
}
Console.WriteLine();
Console.WriteLine($"neurons outside the bound: {bad} of {N:N0}");

// The f–I curve as a picture: the analytic curve and every 500th neuron's measured rate.
var plot = new ScottPlot.Plot();
var currents = Enumerable.Range(0, 400).Select(k => iMin + (iMax - iMin) * k / 399.0).ToArray();
var analytic = plot.Add.Scatter(currents.Select(c => c * 1e9).ToArray(), currents.Select(Analytic).ToArray());
analytic.LegendText = "analytic 1/T";
analytic.MarkerSize = 0;
analytic.LineWidth = 2;
var sampled = Enumerable.Range(0, N).Where(i => i % 500 == 0).ToArray();
var measuredPoints = plot.Add.Scatter(sampled.Select(i => population.I[i] * 1e9).ToArray(), sampled.Select(i => counts[i] / duration).ToArray());
measuredPoints.LegendText = "measured (every 500th neuron)";
measuredPoints.LineWidth = 0;
measuredPoints.MarkerSize = 4;
plot.XLabel("input current I (nA)");
plot.YLabel("firing rate (Hz)");
plot.Title($"LIF f–I curve, {N:N0} neurons, dt = {dt * 1e3} ms");
plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
Directory.CreateDirectory("out");
string png = Path.GetFullPath(Path.Combine("out", "fi-curve.png"));
plot.SavePng(png, 800, 500);
Console.WriteLine($"plot: {png}");
return failures + bad == 0 ? 0 : 1;
