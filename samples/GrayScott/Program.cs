// Gray–Scott reaction–diffusion on a 256×256 periodic grid (GrayScott.dyn), from the start of
// tests/reference/gray_scott_heat: u = 1, v = 0, except the 20×20 square of cells 118…137 where
// u = 0.5, v = 0.25. Euler, dt = 1, 5000 steps. Writes out/gray-scott-v-<step>.png (v as a heatmap)
// at a few steps and prints the sha256 of the final fields (the reference's are in reference.json).
// --backend ilgpu runs GrayScottFieldIlgpu on the first CUDA device, or on ILGPU's CPU accelerator
// (slow; the same sha256 as --backend cpu, since neither fuses multiply-adds).
//
//   dotnet run -c Release --project samples/GrayScott [-- --steps 5000] [--backend cpu|ilgpu] [--size 256]
using System.Diagnostics;
using System.Security.Cryptography;
using GrayScott;

int steps = 5000, size = 256;
string backend = "cpu";
for (int a = 0; a < args.Length; a++)
{
    string Next() => a + 1 < args.Length ? args[++a] : throw new ArgumentException($"{args[a]} needs a value");
    switch (args[a])
    {
        case "--steps": steps = int.Parse(Next()); break;
        case "--size": size = int.Parse(Next()); break;
        case "--backend": backend = Next(); break;
        default:
            Console.Error.WriteLine($"unknown argument '{args[a]}'; usage: [--steps N] [--size N] [--backend cpu|ilgpu]");
            return 2;
    }
}
if (steps < 0 || size < 20)
{
    Console.Error.WriteLine($"--steps must be ≥ 0 (got {steps}) and --size ≥ 20 (got {size}): the start square spans 20 cells");
    return 2;
}

IGrayScottStepper stepper;
switch (backend)
{
    case "cpu":
        stepper = new CpuGrayScott(size);
        break;
    case "ilgpu":
        stepper = new IlgpuGrayScott(size);   // the first CUDA device, else ILGPU's CPU accelerator (said in the printout)
        break;
    default:
        Console.Error.WriteLine($"--backend must be cpu or ilgpu, not '{backend}'");
        return 2;
}

using (stepper)
{
    // The reference's start: the square of cells 118…137 on 256 cells, centred as well on other sizes.
    var u = new double[size * size];
    var v = new double[size * size];
    Array.Fill(u, 1.0);
    int lo = size / 2 - 10, hi = size / 2 + 9;
    for (int y = lo; y <= hi; y++)
    for (int x = lo; x <= hi; x++)
    {
        u[y * size + x] = 0.5;
        v[y * size + x] = 0.25;
    }
    stepper.Load(u, v);
    Console.WriteLine($"Gray–Scott {size}×{size}, periodic, euler, dt = 1, {steps:N0} steps on {stepper.Description}");

    Directory.CreateDirectory("out");
    var snapshots = new SortedSet<int> { 0, steps / 5, steps / 2, steps };
    int chunk = Math.Max(1, steps / 20);     // progress every 5%
    var clock = Stopwatch.StartNew();
    int done = 0;
    Snapshot(stepper, size, 0, u, v);
    while (done < steps)
    {
        int next = Math.Min(steps, Math.Min(done + chunk, snapshots.First(s => s > done)));
        stepper.Step(1.0, next - done);
        done = next;
        Console.Write($"\r  step {done,6:N0} / {steps:N0}  ({100.0 * done / steps,5:F1}%, {clock.Elapsed.TotalSeconds:F1} s)");
        if (snapshots.Contains(done)) Snapshot(stepper, size, done, u, v);
    }
    clock.Stop();
    Console.WriteLine();
    stepper.CopyTo(u, v);
    Console.WriteLine($"wall time: {clock.Elapsed.TotalSeconds:F2} s ({(double)size * size * steps / clock.Elapsed.TotalSeconds / 1e6:F0} M cell-steps/s, PNG writing included)");
    Console.WriteLine($"mean u = {u.Average():R}, mean v = {v.Average():R}");
    Console.WriteLine($"sha256 u = {Sha256(u)}");
    Console.WriteLine($"sha256 v = {Sha256(v)}");
    if (size == 256 && steps == 5000)
        Console.WriteLine("(tests/reference/gray_scott_heat/reference.json has numpy's: gray_scott.common.final.sha256_u_float64_C_order / sha256_v_…)");
}
return 0;

static void Snapshot(IGrayScottStepper stepper, int size, int step, double[] u, double[] v)
{
    stepper.CopyTo(u, v);
    var image = new double[size, size];
    for (int y = 0; y < size; y++)
    for (int x = 0; x < size; x++) image[size - 1 - y, x] = v[y * size + x];   // row 0 of the heatmap is drawn at the top
    var plot = new ScottPlot.Plot();
    var heatmap = plot.Add.Heatmap(image);
    heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
    plot.Add.ColorBar(heatmap).Label = "v";
    plot.Axes.SetLimits(0, size, 0, size);
    plot.Title($"Gray–Scott v after {step:N0} steps");
    string png = Path.GetFullPath(Path.Combine("out", $"gray-scott-v-{step:D5}.png"));
    plot.SavePng(png, 700, 640);
    Console.WriteLine($"\r  snapshot: {png}" + new string(' ', 10));
}

static string Sha256(double[] values) =>
    Convert.ToHexString(SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()))).ToLowerInvariant();
