using System.Diagnostics;
using DynLang.Pinn;
using TorchSharp;
using static TorchSharp.torch;

namespace Samples;

/// <summary>
/// Trains a PINN for u_t + c·u_x = 0 on x ∈ [0, 2π], t ∈ [0, 1], periodic in x, u(0, x) = sin x,
/// with the residuals of the generated <c>PinnAdvectionPinn</c>: [0] the PDE at random interior
/// points, [1] periodicity (values and first derivatives at x = 0 and x = 2π, the same random
/// times), [2] the initial sine. Then the relative L2 error against sin(x − c·t).
/// </summary>
internal static class AdvectionTraining
{
    public const double Length = 2 * Math.PI, Duration = 1.0;

    public sealed record Result(double C, double Error, double Seconds, double[] Losses);

    public static Result Train(double c, int steps, int points, PinnWeighting weighting, TextWriter log, long seed = 1)
    {
        var watch = Stopwatch.StartNew();
        var net = new Mlp(3, 32, Duration, Length, seed);
        using var optimizer = optim.Adam(net.parameters(), lr: 3e-3);
        var schedule = optim.lr_scheduler.ExponentialLR(optimizer, Math.Pow(0.1, 1.0 / steps));
        var pinn = new PinnAdvectionPinn(Length, new PinnAdvectionParameters { c = c });
        var weights = new PinnLossWeights(3, weighting);
        var parameters = net.parameters().ToArray();
        var random = new Generator((ulong)seed + 1);
        Tensor Uniform(int n, double max) => rand(n, 1, ScalarType.Float64, generator: random) * max;
        double[] last = [];
        for (int step = 1; step <= steps; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var t = Uniform(points, Duration).requires_grad_(true);
            var x = Uniform(points, Length).requires_grad_(true);
            var pde = pinn.Residuals(t, x, net.forward(t, x))[0].pow(2).mean();

            int sides = points / 4;
            var tb = Uniform(sides, Duration);
            var xLow = zeros(sides, 1, ScalarType.Float64).requires_grad_(true);
            var xHigh = full(sides, 1, Length, ScalarType.Float64).requires_grad_(true);
            var periodic = pinn.PeriodicX(tb, xLow, net.forward(tb, xLow), tb, xHigh, net.forward(tb, xHigh));
            var wrap = periodic[0].pow(2).mean() + periodic[1].pow(2).mean();

            var t0 = zeros(sides, 1, ScalarType.Float64);
            var x0 = Uniform(sides, Length);
            var start = pinn.Initial(t0, x0, net.forward(t0, x0), x0.sin())[0].pow(2).mean();

            Tensor[] terms = [pde, wrap, start];
            weights.Update(step, terms, parameters);
            weights.Total(terms).backward();
            optimizer.step();
            schedule.step();
            if (step == steps || step % (steps / 4) == 0)
            {
                last = terms.Select(l => l.item<double>()).ToArray();
                log.WriteLine($"  c = {c,4}: step {step,5}: pde {last[0]:E2}, periodic {last[1]:E2}, initial {last[2]:E2}");
            }
        }
        return new Result(c, RelativeL2(net, c), watch.Elapsed.TotalSeconds, last);
    }

    /// <summary>‖u_net − sin(x − ct)‖₂ / ‖sin(x − ct)‖₂ on a 101×101 grid of [0, T]×[0, 2π].</summary>
    private static double RelativeL2(Mlp net, double c, int n = 101)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var t = tensor(Enumerable.Range(0, n * n).Select(k => Duration * (k / n) / (n - 1)).ToArray(), ScalarType.Float64).reshape(-1, 1);
        var x = tensor(Enumerable.Range(0, n * n).Select(k => Length * (k % n) / (n - 1)).ToArray(), ScalarType.Float64).reshape(-1, 1);
        var exact = (x - c * t).sin();
        return ((net.forward(t, x) - exact).norm() / exact.norm()).item<double>();
    }
}
