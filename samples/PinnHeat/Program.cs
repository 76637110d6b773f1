// A physics-informed neural network (PINN) for the heat equation of PinnHeat.dyn.
//   1. Forward: a 3×32 tanh network u(t, x) trained (Adam) on the PDE, boundary and initial
//      residuals; relative L2 error against the exact Fourier solution; PNG of prediction vs truth.
//   2. Inverse: D recovered from 200 noisy observations, by the PINN (D a trainable tensor) and by
//      the differentiable stencil of samples/FitDiffusion (the generated PinnHeatTorch), on the
//      same data: accuracy and wall time side by side.
// Flags: --quick (small sizes, ~20 s), --weighting sum|annealing (default annealing), --out DIR.
using DynLang.Pinn;
using Samples;
using TorchSharp;

bool quick = args.Contains("--quick");
var weighting = Option("--weighting", "annealing") switch
{
    "sum" => PinnWeighting.Sum,
    "annealing" => PinnWeighting.Annealing,
    var other => throw new ArgumentException($"--weighting must be sum or annealing, not '{other}'"),
};
string outDir = Option("--out", "out");
Directory.CreateDirectory(outDir);
// Two threads: the timings in RESULTS.md are for a 2-core machine; more threads than cores only add contention.
torch.set_num_threads(Math.Min(Environment.ProcessorCount, 2));

var problem = new HeatProblem();
var settings = quick ? RunSettings.Quick(weighting) : RunSettings.Full(weighting);
Console.WriteLine($"PinnHeat: du/dt = D·u_xx, D = {problem.D}, x ∈ [0, {problem.L}], t ∈ [0, {problem.T}], u = 0 at both ends, u(0, x) = sin(πx/L); " +
                  $"{(quick ? "quick" : "full")} run, weighting {weighting}.");

Console.WriteLine($"Forward problem: {settings.Forward.Hidden}×{settings.Forward.Width} tanh network, Adam, {settings.Forward.Steps} steps, " +
                  $"{settings.Forward.Interior} interior / {settings.Forward.Boundary} boundary / {settings.Forward.Initial} initial points per step.");
var forward = PinnTrainer.Train(problem, settings.Forward, Console.Out);
double error = PinnTrainer.RelativeL2(forward.Net, problem);
Console.WriteLine($"Forward: relative L2 error {error:E2} on a 101×101 grid of [0, T]×[0, L], trained in {forward.Seconds:F1} s.");
string png = Path.Combine(outDir, "pinn-heat.png");
Plots.PredictionVsTruth(forward.Net, problem, [0, 0.25, 0.5, 1.0], png);
Console.WriteLine($"Wrote {png}.");

var data = ObservedData.Draw(problem, RunSettings.Cells, RunSettings.Dx, RunSettings.Snapshots, RunSettings.StepsPerSnapshot * RunSettings.Dt,
    RunSettings.Observations, RunSettings.Noise, seed: 7);
Console.WriteLine($"Inverse problem: {RunSettings.Observations} observations on the stencil's grid (t = 0.1 … 1.0), noise σ = {RunSettings.Noise}; " +
                  $"true D = {problem.D}, both fits start at D = {RunSettings.StartD}.");
Console.WriteLine("PINN (D trainable):");
var pinn = PinnTrainer.Train(problem, settings.Inverse, Console.Out, data, RunSettings.StartD);
Console.WriteLine($"Differentiable stencil (PinnHeatTorch.StepDifferentiable, rk4, {RunSettings.Cells} cells, dt = {RunSettings.Dt}):");
var stencil = StencilFit.Run(problem, data, RunSettings.Cells, RunSettings.Dx, RunSettings.Dt, RunSettings.StepsPerSnapshot,
    RunSettings.Snapshots, settings.StencilIterations, RunSettings.StartD, Console.Out);

Console.WriteLine();
Console.WriteLine("| method | D̂ | relative error of D̂ | wall time |");
Console.WriteLine("|---|---|---|---|");
Console.WriteLine($"| PINN ({settings.Inverse.Steps} Adam steps) | {pinn.D:F4} | {Math.Abs(pinn.D - problem.D) / problem.D:P2} | {pinn.Seconds:F1} s |");
Console.WriteLine($"| differentiable stencil ({settings.StencilIterations} Adam iterations) | {stencil.D:F4} | {Math.Abs(stencil.D - problem.D) / problem.D:P2} | {stencil.Seconds:F1} s |");

string Option(string name, string fallback)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}
