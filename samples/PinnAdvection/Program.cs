// The transport failure mode of PINNs: u_t + c·u_x = 0, periodic on [0, 2π], u(0, x) = sin x,
// trained (same network, optimiser, points and weighting for every c) for growing velocities c.
// The exact solution sin(x − ct) is as smooth for c = 30 as for c = 1, yet the PINN's error grows
// from small to order one (Krishnapriyan et al. 2021): the residual loss has a trivial near-minimum
// (a flat or slowly varying u) that gradient descent finds first when c is large.
// Flags: --quick (fewer steps and velocities), --weighting sum|annealing (default annealing).
using DynLang.Pinn;
using Samples;
using TorchSharp;

bool quick = args.Contains("--quick");
int at = Array.IndexOf(args, "--weighting");
var weighting = at >= 0 && at + 1 < args.Length && args[at + 1] == "sum" ? PinnWeighting.Sum : PinnWeighting.Annealing;
torch.set_num_threads(Math.Min(Environment.ProcessorCount, 2));
double[] velocities = quick ? [1, 30] : [1, 10, 30];
int steps = quick ? 800 : 2000, points = 256;
Console.WriteLine($"PinnAdvection: u_t + c·u_x = 0, x ∈ [0, 2π] periodic, t ∈ [0, 1], u(0, x) = sin x; 3×32 tanh, Adam, {steps} steps, " +
                  $"{points} interior points per step, weighting {weighting}.");
var results = velocities.Select(c => AdvectionTraining.Train(c, steps, points, weighting, Console.Out)).ToList();
Console.WriteLine();
Console.WriteLine("| c | relative L2 error | final PDE loss | wall time |");
Console.WriteLine("|---|---|---|---|");
foreach (var r in results)
    Console.WriteLine($"| {r.C} | {r.Error:E2} | {r.Losses[0]:E2} | {r.Seconds:F1} s |");
