// The heat equation du/dt = D·Δu (Heat.dyn), stepped with euler, dt = dx = 1:
//  1. the total is conserved with periodic ends and with no-flux walls, in 1D and 2D — only
//     rounding moves it (printed in ulp of the total);
//  2. a Fourier mode sin(k·x) decays per step by the exact discrete factor g = 1 − 4·r·Σ sin²(k_a/2)
//     (r = D·dt/dx²), close to, but not equal to, the continuous exp(−D·|k|²·dt);
//  3. out/heat-mode-decay.png (amplitude against time) and out/heat-profiles.png (1D walls vs wrap-around).
using Heat;

const int N1 = 1024, Steps1 = 20_000;     // the line: as in tests/reference/gray_scott_heat (heat1d)
const int N2 = 128, Steps2 = 2_000;       // the plane: 16,384 cells

Console.WriteLine("Total mass (double-double sum; a box of ones against the low wall):");
Console.WriteLine($"  {"field",-44} {"start",22} {"end",22} {"drift",10} {"ulp",6}");
var line = new HeatLineField(N1);
var lineWalls = new HeatLineWallsField(N1);
var lineStart = Box1D(N1);
var ends = new Dictionary<string, double[]>();
foreach (var (name, field, n, steps) in new (string, IHeatField, int, int)[]
{
    ("1D, periodic", line, N1, Steps1),
    ("1D, no-flux walls (neumann)", lineWalls, N1, Steps1),
    ("2D, periodic", new HeatPlaneField(N2, N2), N2, Steps2),
    ("2D, no-flux walls (neumann)", new HeatPlaneWallsField(N2, N2), N2, Steps2),
})
{
    if (field.u.Length == n) lineStart.CopyTo(field.u);
    else Box2D(n).CopyTo(field.u);
    double start = MassSum.Of(field.u);
    for (int s = 0; s < steps; s++) field.Step(1.0);
    double end = MassSum.Of(field.u);
    double drift = end - start;
    Console.WriteLine($"  {name + $" ({steps:N0} steps)",-44} {start,22:R} {end,22:R} {drift,10:G3} {drift / MassSum.Ulp(start),6:G3}");
    if (field.u.Length == n) ends[name] = field.u.ToArray();
}

Console.WriteLine();
Console.WriteLine("Fourier mode u = 1 + 0.5·sin(k·x), amplitude after the run / at the start:");
var decay1 = ModeDecay(new HeatLineField(N1), N1, 1, mx: 3, my: 0, Steps1, record: 100);
var decay2 = ModeDecay(new HeatPlaneField(N2, N2), N2, 2, mx: 2, my: 1, Steps2, record: 10);

Directory.CreateDirectory("out");
var plot = new ScottPlot.Plot();
foreach (var (label, d) in new[] { ("1D, k = 2π·3/1024", decay1), ("2D, k = 2π·(2, 1)/128", decay2) })
{
    var measured = plot.Add.Markers(d.Times, d.Measured);
    measured.LegendText = $"{label}: measured";
    measured.MarkerSize = 4;
    var discrete = plot.Add.ScatterLine(d.Times, d.Discrete);
    discrete.LegendText = $"{label}: exact discrete g^n";
    var continuous = plot.Add.ScatterLine(d.Times, d.Continuous);
    continuous.LegendText = $"{label}: exp(−D·k²·t)";
    continuous.LinePattern = ScottPlot.LinePattern.Dashed;
}
plot.XLabel("time (steps, dt = 1)");
plot.YLabel("mode amplitude / initial");
plot.Title("Heat equation, euler: decay of a Fourier mode");
plot.ShowLegend();
string decayPng = Path.GetFullPath(Path.Combine("out", "heat-mode-decay.png"));
plot.SavePng(decayPng, 900, 600);

var profiles = new ScottPlot.Plot();
double[] xs = Enumerable.Range(0, N1).Select(i => (double)i).ToArray();
profiles.Add.ScatterLine(xs, lineStart).LegendText = "start";
profiles.Add.ScatterLine(xs, ends["1D, periodic"]).LegendText = $"periodic, after {Steps1:N0} steps (heat wraps to the far end)";
profiles.Add.ScatterLine(xs, ends["1D, no-flux walls (neumann)"]).LegendText = $"no-flux walls, after {Steps1:N0} steps (heat piles against the wall)";
profiles.XLabel("cell");
profiles.YLabel("u");
profiles.Title("Heat equation on a line: the same box, two boundaries, the same total");
profiles.ShowLegend();
string profilePng = Path.GetFullPath(Path.Combine("out", "heat-profiles.png"));
profiles.SavePng(profilePng, 900, 600);
Console.WriteLine();
Console.WriteLine($"plots: {decayPng}");
Console.WriteLine($"       {profilePng}");
return 0;

// Ones in the first quarter of the line, against the low wall (and across the wrap for periodic ends).
static double[] Box1D(int n)
{
    var u = new double[n];
    for (int i = 0; i < n / 4; i++) u[i] = 1.0;
    return u;
}

// Ones in the low corner quarter-square.
static double[] Box2D(int n)
{
    var u = new double[n * n];
    for (int y = 0; y < n / 4; y++)
    for (int x = 0; x < n / 4; x++) u[y * n + x] = 1.0;
    return u;
}

// Runs the mode, prints its decay against the two predictions, returns the curves every `record` steps.
static Decay ModeDecay(IHeatField field, int n, int dims, int mx, int my, int steps, int record)
{
    double kx = 2 * Math.PI * mx / n, ky = 2 * Math.PI * my / n;
    double Phase(int i) => kx * (i % n) + ky * (i / n);
    var u = field.u;
    for (int i = 0; i < u.Length; i++) u[i] = 1.0 + 0.5 * Math.Sin(Phase(i));
    double a0 = Amplitude(field.u, Phase);
    double r = field.DiffusionNumber;
    // The discrete Laplacian's eigenvalue for this mode is −(4/dx²)·Σ sin²(k_a·dx/2): one euler step multiplies by g.
    double g = 1 - 4 * r * (Math.Pow(Math.Sin(kx / 2), 2) + Math.Pow(Math.Sin(ky / 2), 2));
    double k2 = kx * kx + ky * ky;
    var times = new List<double> { 0 };
    var measured = new List<double> { 1 };
    for (int s = 1; s <= steps; s++)
    {
        field.Step(1.0);
        if (s % record == 0) { times.Add(s); measured.Add(Amplitude(field.u, Phase) / a0); }
    }
    double final = measured[^1], discrete = Math.Pow(g, steps), continuous = Math.Exp(-r * k2 * steps);
    Console.WriteLine($"  {dims}D, mode ({mx}, {my}), {steps:N0} steps: measured {final:R}");
    Console.WriteLine($"      exact discrete g^n = {discrete:R}  (relative difference {final / discrete - 1:G3})");
    Console.WriteLine($"      continuous exp(−D·k²·t) = {continuous:R}  (relative difference {final / continuous - 1:G3})");
    return new Decay(times.ToArray(), measured.ToArray(),
        times.Select(t => Math.Pow(g, t)).ToArray(), times.Select(t => Math.Exp(-r * k2 * t)).ToArray());
}

// Projection on sin(phase): (2/cells)·Σ u·sin(phase).
static double Amplitude(ReadOnlySpan<double> u, Func<int, double> phase)
{
    double sum = 0;
    for (int i = 0; i < u.Length; i++) sum += u[i] * Math.Sin(phase(i));
    return 2 * sum / u.Length;
}

internal sealed record Decay(double[] Times, double[] Measured, double[] Discrete, double[] Continuous);
