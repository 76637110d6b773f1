using DynLang.Pinn;
using static TorchSharp.torch;

namespace DynLang.TorchSharp.Tests.Pinn;

/// <summary>
/// The generated PINN loss weighting (DynLang.PinnLossWeights.g.cs) on a constructed two-term loss
/// whose gradients are known by hand: θ = (W, c) with W a 2×2 matrix and c a scalar,
/// L_0 = Σ G∘W + 6c (∇ = G, 6) and L_1 = Σ W + c² + 1 at c = 2 (∇ = 1, 1, 1, 1, 4).
/// </summary>
public sealed class LossWeightingTests
{
    // Everything is float64 and the expected values are ratios of small integers: the only error is
    // rounding in a handful of operations, ~1e-15 relative.
    private const double Tolerance = 1e-12;

    private static readonly double[] G = [1, -2, 3, -8];

    private static (Tensor[] Parameters, Tensor[] Losses) TwoTerms()
    {
        var w = tensor(new double[] { 1, 2, 3, 4 }, ScalarType.Float64).reshape(2, 2).requires_grad_(true);
        var c = tensor(2.0, ScalarType.Float64).requires_grad_(true);
        var g = tensor(G, ScalarType.Float64).reshape(2, 2);
        var residual = (g * w).sum() + 6 * c;
        var boundary = w.sum() + c * c + 1;
        return ([w, c], [residual, boundary]);
    }

    [Fact]
    public void The_annealing_estimate_is_the_max_over_the_mean_of_all_parameters()
    {
        var (parameters, losses) = TwoTerms();
        var estimate = PinnLossWeights.Estimate(losses, [1.0, 1.0], parameters);
        // max |∇L_0| = 8 (the -8 in G); mean |∇L_1| over the 5 elements = (1+1+1+1+4)/5 = 1.6.
        // (A per-tensor mean of means, (1 + 4)/2 = 2.5, would give 3.2: the test tells them apart.)
        Assert.Equal(1.0, estimate[0]);
        Assert.Equal(8 / 1.6, estimate[1], Tolerance);
        // The current weight multiplies the denominator (the paper's |λ_i ∇L_i|): λ_1 = 2 halves λ̂.
        Assert.Equal(8 / 3.2, PinnLossWeights.Estimate(losses, [1.0, 2.0], parameters)[1], Tolerance);
    }

    [Fact]
    public void Annealing_updates_every_k_steps_with_the_moving_average()
    {
        var (parameters, losses) = TwoTerms();
        var weights = new PinnLossWeights(2, PinnWeighting.Annealing, alpha: 0.1, every: 10);
        Assert.False(weights.Update(3, losses, parameters)); // not a multiple of k: unchanged
        Assert.Equal(1.0, weights.Weights[1]);
        Assert.True(weights.Update(10, losses, parameters));
        // λ_1 = 0.9·1 + 0.1·(8 / 1.6) = 1.4
        double first = 0.9 * 1 + 0.1 * (8 / 1.6);
        Assert.Equal(first, weights.Weights[1], Tolerance);
        Assert.True(weights.Update(20, losses, parameters));
        // λ̂ = 8 / (1.4·1.6), λ_1 = 0.9·1.4 + 0.1·λ̂
        Assert.Equal(0.9 * first + 0.1 * (8 / (first * 1.6)), weights.Weights[1], Tolerance);
        Assert.Equal(1.0, weights.Weights[0]); // the PDE residual keeps weight 1
        // Total is Σ λ_i L_i with L_0 = 1 - 4 + 9 - 32 + 12 = -14 and L_1 = 10 + 4 + 1 = 15.
        Assert.Equal(-14 + weights.Weights[1] * 15, weights.Total(losses).item<double>(), Tolerance);
    }

    [Fact]
    public void Update_leaves_the_graph_and_the_parameter_gradients_alone()
    {
        var (parameters, losses) = TwoTerms();
        var weights = new PinnLossWeights(2, PinnWeighting.Annealing, every: 1);
        weights.Update(1, losses, parameters);
        Assert.True(parameters[0].grad is null || parameters[0].grad!.abs().sum().item<double>() == 0);
        weights.Total(losses).backward(); // would throw if Update had freed the graph
        // ∇_c (L_0 + λ_1 L_1) = 6 + 4 λ_1
        Assert.Equal(6 + 4 * weights.Weights[1], parameters[1].grad!.item<double>(), Tolerance);
    }

    [Fact]
    public void The_plain_sum_never_changes_its_weights()
    {
        var (parameters, losses) = TwoTerms();
        var weights = new PinnLossWeights(2, PinnWeighting.Sum);
        for (long step = 0; step <= 30; step++) Assert.False(weights.Update(step, losses, parameters));
        Assert.Equal([1.0, 1.0], weights.Weights);
        Assert.Equal(-14 + 15, weights.Total(losses).item<double>(), Tolerance);
    }

    [Fact]
    public void Bad_input_is_refused_naming_the_argument()
    {
        var (parameters, losses) = TwoTerms();
        var weights = new PinnLossWeights(3, PinnWeighting.Annealing);
        Assert.Equal("losses", Assert.Throws<ArgumentException>(() => weights.Total(losses)).ParamName);
        var two = new PinnLossWeights(2);
        Assert.Equal("losses", Assert.Throws<ArgumentException>(() => two.Total([losses[0], parameters[0]])).ParamName);
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => new PinnLossWeights(2, PinnWeighting.Annealing, alpha: 0)).ParamName);
        Assert.Equal("every", Assert.Throws<ArgumentOutOfRangeException>(() => new PinnLossWeights(2, PinnWeighting.Annealing, every: 0)).ParamName);
    }
}
