using static TorchSharp.torch;

namespace Samples;

/// <summary>
/// The PINN's loss terms, each a mean square: [0] the PDE residual at random interior points,
/// [1] both dirichlet sides at random times, [2] the initial condition at random x, and, for the
/// inverse problem, [3] the misfit to observed data. New points are drawn every step (a fresh
/// sample of the domain each time keeps the network from fitting a fixed set of points only).
/// </summary>
internal sealed class PinnLosses(HeatProblem problem, int interior, int boundary, int initial, Generator random)
{
    public static readonly string[] Names = ["pde", "boundary", "initial", "data"];

    /// <summary>The loss terms at a fresh draw of points; <paramref name="data"/> adds the data term.</summary>
    public Tensor[] Evaluate(Mlp net, Tensor d, ObservedData? data = null)
    {
        var t = Uniform(interior, problem.T).requires_grad_(true);
        var x = Uniform(interior, problem.L).requires_grad_(true);
        var pde = HeatResiduals.Pde(t, x, net.forward(t, x), d).pow(2).mean();

        // Half the boundary points on each side.
        var tb = Uniform(boundary, problem.T);
        var xb = cat([zeros(boundary / 2, 1, ScalarType.Float64), full(boundary - boundary / 2, 1, problem.L, ScalarType.Float64)], 0);
        var sides = HeatResiduals.Dirichlet(net.forward(tb, xb), 0.0).pow(2).mean();

        var x0 = Uniform(initial, problem.L);
        var u0 = (x0 * (Math.PI / problem.L)).sin();
        var start = HeatResiduals.Initial(net.forward(zeros_like(x0), x0), u0).pow(2).mean();

        if (data is null) return [pde, sides, start];
        var misfit = (net.forward(data.T, data.X) - data.U).pow(2).mean();
        return [pde, sides, start, misfit];
    }

    private Tensor Uniform(int n, double max) => rand(n, 1, ScalarType.Float64, generator: random) * max;
}
