using System.Diagnostics;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Samples;

/// <summary>
/// The differentiable-stencil fit of samples/FitDiffusion, on the PINN's data: the generated
/// PinnHeatTorch class steps the same model (rk4, 31 cells, dirichlet 0) from the known initial
/// sine with D taken from a trainable log D (ParameterTensors.D), the snapshots are picked at the
/// observed (cell, snapshot) pairs, and Adam descends on their mean squared misfit with the
/// gradient autograd takes back through every solver step. Hyper-parameters as FitDiffusion's:
/// Adam on log D with step 0.1 shrinking 4% per iteration.
/// </summary>
internal static class StencilFit
{
    public sealed record Result(double D, double Seconds, double Loss);

    public static Result Run(HeatProblem problem, ObservedData data, int cells, double dx, double dt, int stepsPerSnapshot,
        int snapshots, int iterations, double startD, TextWriter log)
    {
        var watch = Stopwatch.StartNew();
        var start = tensor(Enumerable.Range(0, cells).Select(i => problem.Initial((i + 1) * dx)).ToArray(), ScalarType.Float64);
        var picked = tensor(data.Snapshot.Zip(data.Cell, (k, i) => k * cells + i).ToArray());
        var observed = data.U.reshape(-1);
        var logD = new Parameter(tensor(Math.Log(startD), ScalarType.Float64), requires_grad: true);
        using var optimizer = optim.Adam([logD], lr: 0.1, beta1: 0.9, beta2: 0.999);
        var schedule = optim.lr_scheduler.ExponentialLR(optimizer, 0.96);
        double loss = double.NaN;
        for (int iteration = 1; iteration <= iterations; iteration++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var d = logD.exp();
            // A fresh model per iteration: its tensors belong to this iteration's dispose scope.
            var model = new PinnHeatTorch(cells, new PinnHeatParameters { D = d.item<double>(), dx = dx }) { u = start };
            model.ParameterTensors.D = d; // what the step uses; Parameters.D (the stability check) follows it
            var predicted = new List<Tensor>();
            for (int s = 1; s <= stepsPerSnapshot * snapshots; s++)
            {
                model.StepDifferentiable(dt);
                if (s % stepsPerSnapshot == 0) predicted.Add(model.u);
            }
            var misfit = (stack(predicted).reshape(-1).index_select(0, picked) - observed).pow(2).mean();
            misfit.backward();
            optimizer.step();
            schedule.step();
            loss = misfit.item<double>();
            if (iteration == 1 || iteration % 10 == 0 || iteration == iterations)
                log.WriteLine($"  iteration {iteration,3}: D = {d.item<double>():F4}, misfit {loss:E3}");
        }
        return new Result(Math.Exp(logD.item<double>()), watch.Elapsed.TotalSeconds, loss);
    }
}
