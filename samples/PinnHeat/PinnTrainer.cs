using System.Diagnostics;
using DynLang.Pinn;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Samples;

/// <summary>How long and on how many points a PINN trains.</summary>
internal sealed record PinnOptions(int Steps, int Interior, int Boundary, int Initial, double LearningRate,
    PinnWeighting Weighting, int LogEvery, int Hidden = 3, int Width = 32, long Seed = 1);

/// <summary>A trained PINN: the network, D (learnt or given), wall time, the last step's loss terms and weights.</summary>
internal sealed record PinnResult(Mlp Net, double D, double Seconds, double[] Losses, double[] Weights);

/// <summary>
/// Trains the network with Adam on the weighted loss terms of <see cref="PinnLosses"/>. The forward
/// problem keeps D fixed; the inverse problem (with data) learns log D (log keeps D positive) as one
/// more trainable tensor, in its own Adam group with a larger step: it is one number that has to
/// travel O(1) in log space, where the network's weights move by ~1e-3 per step.
/// </summary>
internal static class PinnTrainer
{
    public static PinnResult Train(HeatProblem problem, PinnOptions options, TextWriter log, ObservedData? data = null, double startD = double.NaN)
    {
        var watch = Stopwatch.StartNew();
        var net = new Mlp(options.Hidden, options.Width, problem.T, problem.L, options.Seed);
        var networkParameters = net.parameters().ToArray();
        var groups = new List<Adam.ParamGroup> { new(networkParameters, lr: options.LearningRate) };
        Parameter? logD = null;
        if (data is not null)
        {
            logD = new Parameter(tensor(Math.Log(startD), ScalarType.Float64), requires_grad: true);
            groups.Add(new Adam.ParamGroup([logD], lr: 10 * options.LearningRate));
        }
        using var optimizer = optim.Adam(groups);
        // The step shrinks tenfold over the run: large steps early, fine ones to settle.
        var schedule = optim.lr_scheduler.ExponentialLR(optimizer, Math.Pow(0.1, 1.0 / options.Steps));
        var losses = new PinnLosses(problem, options.Interior, options.Boundary, options.Initial, new Generator((ulong)options.Seed + 1));
        var weights = new PinnLossWeights(data is null ? 3 : 4, options.Weighting, alpha: 0.1, every: 10);
        var fixedD = tensor(problem.D, ScalarType.Float64);
        double[] last = [];
        for (int step = 1; step <= options.Steps; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var d = logD is null ? fixedD : logD.exp();
            var terms = losses.Evaluate(net, d, data);
            // The weights balance how the terms pull on the network, so only its parameters count (not D).
            weights.Update(step, terms, networkParameters);
            weights.Total(terms).backward();
            optimizer.step();
            schedule.step();
            if (step == 1 || step % options.LogEvery == 0 || step == options.Steps)
            {
                last = terms.Select(l => l.item<double>()).ToArray();
                log.WriteLine($"  step {step,5}: " + string.Join(", ", last.Select((l, i) => $"{PinnLosses.Names[i]} {l:E2}")) +
                              (options.Weighting == PinnWeighting.Annealing ? $"; λ = [{string.Join(", ", weights.Weights.Select(w => w.ToString("F1")))}]" : "") +
                              (logD is null ? "" : $"; D = {Math.Exp(logD.item<double>()):F4}"));
            }
        }
        double learnt = logD is null ? problem.D : Math.Exp(logD.item<double>());
        return new PinnResult(net, learnt, watch.Elapsed.TotalSeconds, last, weights.Weights.ToArray());
    }

    /// <summary>‖u_net − u_exact‖₂ / ‖u_exact‖₂ on a grid of <paramref name="n"/>×<paramref name="n"/> points of [0, T]×[0, L].</summary>
    public static double RelativeL2(Mlp net, HeatProblem problem, int n = 101)
    {
        using var scope = NewDisposeScope();
        var ts = Enumerable.Range(0, n * n).Select(k => problem.T * (k / n) / (n - 1)).ToArray();
        var xs = Enumerable.Range(0, n * n).Select(k => problem.L * (k % n) / (n - 1)).ToArray();
        var exact = tensor(ts.Zip(xs, problem.Exact).ToArray(), ScalarType.Float64).reshape(-1, 1);
        using var _ = no_grad();
        var predicted = net.forward(tensor(ts, ScalarType.Float64).reshape(-1, 1), tensor(xs, ScalarType.Float64).reshape(-1, 1));
        return ((predicted - exact).norm() / exact.norm()).item<double>();
    }

    /// <summary>The network's u(t, x) at fixed t for the given x.</summary>
    public static double[] Profile(Mlp net, double t, double[] xs)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var x = tensor(xs, ScalarType.Float64).reshape(-1, 1);
        return net.forward(full_like(x, t), x).reshape(-1).data<double>().ToArray();
    }
}
