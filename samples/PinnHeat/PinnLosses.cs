using static TorchSharp.torch;

namespace Samples;

/// <summary>
/// The PINN's loss terms, each a mean square of a residual of the generated <c>PinnHeatPinn</c>
/// (docs/pinn.md): [0] the PDE residual at random interior points, [1] both dirichlet sides at
/// random times, [2] the initial condition at random x, and, for the inverse problem, [3] the misfit
/// to observed data. New points are drawn every step (a fresh sample of the domain each time keeps
/// the network from fitting a fixed set of points only).
/// </summary>
internal sealed class PinnLosses(HeatProblem problem, int interior, int boundary, int initial, Generator random)
{
    public static readonly string[] Names = ["pde", "boundary", "initial", "data"];

    // The residuals of PinnHeat.dyn on x ∈ [0, L]; D comes from ParameterTensors.D at each call.
    private readonly PinnHeatPinn _pinn = new(problem.L);

    /// <summary>The loss terms at a fresh draw of points, with D = <paramref name="d"/> (a 0-dimensional
    /// tensor, trainable in the inverse problem); <paramref name="data"/> adds the data term.</summary>
    public Tensor[] Evaluate(Mlp net, Tensor d, ObservedData? data = null)
    {
        _pinn.ParameterTensors.D = d;
        var t = Uniform(interior, problem.T).requires_grad_(true);
        var x = Uniform(interior, problem.L).requires_grad_(true);
        var pde = _pinn.Residuals(t, x, net.forward(t, x))[0].pow(2).mean();

        // Half the boundary points on each side, at independent random times.
        int half = boundary / 2;
        var tLeft = Uniform(half, problem.T);
        var xLeft = zeros(half, 1, ScalarType.Float64);
        var tRight = Uniform(boundary - half, problem.T);
        var xRight = full(boundary - half, 1, problem.L, ScalarType.Float64);
        var left = _pinn.BoundaryLeft(tLeft, xLeft, net.forward(tLeft, xLeft))[0];
        var right = _pinn.BoundaryRight(tRight, xRight, net.forward(tRight, xRight))[0];
        var sides = cat([left, right], 0).pow(2).mean();

        var t0 = zeros(initial, 1, ScalarType.Float64);
        var x0 = Uniform(initial, problem.L);
        var u0 = (x0 * (Math.PI / problem.L)).sin();
        var start = _pinn.Initial(t0, x0, net.forward(t0, x0), u0)[0].pow(2).mean();

        if (data is null) return [pde, sides, start];
        var misfit = (net.forward(data.T, data.X) - data.U).pow(2).mean();
        return [pde, sides, start, misfit];
    }

    private Tensor Uniform(int n, double max) => rand(n, 1, ScalarType.Float64, generator: random) * max;
}
