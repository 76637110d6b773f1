// Times one step of LIF (1e6 and 1e7 neurons) and Gray–Scott (1024² and 3162² cells), double:
// the generated CPU kernel, the generated TorchSharp Step (fused, in place), and the same equations
// as naive TorchSharp expressions (out of place, one temporary per operation). Each case: 2 warm-up
// steps, then 5 trials of a few steps each; the fastest trial's time per step is reported (the
// machine is shared: other processes only slow a trial down). Usage: [--small] for 1e6 only.
using System.Diagnostics;
using TorchBenchmark;
using TorchSharp;
using static TorchSharp.torch;

bool small = args.Contains("--small");
Console.WriteLine($"cores {Environment.ProcessorCount}, torch threads {get_num_threads()}, load average {File.ReadAllText("/proc/loadavg").Trim()}");
Console.WriteLine("case | elements | ms per step (best of 5)");
foreach (int n in small ? new[] { 1_000_000 } : new[] { 1_000_000, 10_000_000 }) Lif(n);
foreach (int side in small ? new[] { 1024 } : new[] { 1024, 3162 }) GrayScott(side);
Console.WriteLine($"load average at end {File.ReadAllText("/proc/loadavg").Trim()}");

void Lif(int n)
{
    const double dt = 1e-4;
    var current = Enumerable.Range(0, n).Select(i => 1.2e-9 + 0.8e-9 * (i % 1000) / 1000.0).ToArray(); // some spike, most do not
    var cpu = new LIFPopulation(n);
    current.CopyTo(cpu.I);
    Report("LIF, generated CPU kernel", n, () => cpu.Step(dt));

    using var fused = new LIFTorch(n) { I = tensor(current, ScalarType.Float64) };
    Report("LIF, generated TorchSharp Step (fused lerp_)", n, () => fused.Step(dt));

    // The equation as one would first write it: out of place, threshold and reset, no refractoriness.
    var p = new LIFParameters();
    var v = full(n, p.v_rest, ScalarType.Float64);
    var input = tensor(current, ScalarType.Float64);
    Report("LIF, naive TorchSharp", n, () =>
    {
        using var scope = NewDisposeScope();
        var next = v + dt * ((p.v_rest - v + p.R * input) / p.tau_m);
        var fired = next > p.v_th;
        v.copy_(where(fired, full_like(next, p.v_reset), next));
    });
}

void GrayScott(int side)
{
    const double dt = 1.0;
    var cpu = new GrayScottField(side, side);
    for (int y = side / 2 - 10; y < side / 2 + 10; y++)
    for (int x = side / 2 - 10; x < side / 2 + 10; x++) { cpu.uAt(x, y) = 0.5; cpu.vAt(x, y) = 0.25; }
    var u0 = cpu.u.ToArray();
    var v0 = cpu.v.ToArray();
    long[] shape = { side, side };
    Report("Gray–Scott, generated CPU kernel", side * side, () => cpu.Step(dt));

    using var generated = new GrayScottTorch(side, side) { u = tensor(u0, shape, ScalarType.Float64), v = tensor(v0, shape, ScalarType.Float64) };
    Report("Gray–Scott, generated TorchSharp Step", side * side, () => generated.Step(dt));

    // Naive: torch.roll for the periodic laplacian, the equations as written, out of place.
    var p = new GrayScottParameters();
    var u = tensor(u0, shape, ScalarType.Float64);
    var v = tensor(v0, shape, ScalarType.Float64);
    Tensor Laplacian(Tensor a) => a.roll(1, 0) + a.roll(-1, 0) + a.roll(1, 1) + a.roll(-1, 1) - 4 * a;
    Report("Gray–Scott, naive TorchSharp (roll)", side * side, () =>
    {
        using var scope = NewDisposeScope();
        var uvv = u * v * v;
        var du = p.Du * Laplacian(u) - uvv + p.F * (1 - u);
        var dv = p.Dv * Laplacian(v) + uvv - (p.F + p.k) * v;
        u.add_(dt * du);
        v.add_(dt * dv);
    });
}

static void Report(string name, int elements, Action step)
{
    step();
    step();
    int perTrial = elements >= 5_000_000 ? 3 : 10;
    double best = double.MaxValue;
    for (int trial = 0; trial < 5; trial++)
    {
        var clock = Stopwatch.StartNew();
        for (int s = 0; s < perTrial; s++) step();
        best = Math.Min(best, clock.Elapsed.TotalMilliseconds / perTrial);
    }
    Console.WriteLine($"{name} | {elements:N0} | {best:F2}");
}
