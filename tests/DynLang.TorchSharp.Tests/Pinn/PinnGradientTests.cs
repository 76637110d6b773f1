using TorchSharp;
using static TorchSharp.torch;
using static DynLang.TorchSharp.Tests.PinnResiduals.PinnPoints;

namespace DynLang.TorchSharp.Tests.PinnResiduals;

/// <summary>
/// The residuals keep their autograd graph: the gradient of a PINN loss with respect to a tiny
/// network's weights matches central finite differences of the same loss, and a parameter tensor
/// with requires_grad (an inverse problem: learn D) receives the analytic gradient.
/// </summary>
public sealed class PinnGradientTests
{
    // Central differences with step h = 1e-6 on a loss of size ~1: truncation h²·|f'''|/6 ~ 1e-12,
    // rounding ~1e-16·|loss|/h ~ 1e-10 (the loss is itself computed to ~1e-15). 1e-6 relative (plus
    // 1e-8 absolute for weights whose gradient is near 0) is far above both, and far below the error
    // of a derivative that lost its graph (create_graph false: those terms vanish, an O(1) change).
    private const double Relative = 1e-6, Absolute = 1e-8, Step = 1e-6;

    /// <summary>A 2-layer tanh network from (t, coordinates…) to one output, float64, seeded weights.</summary>
    private sealed class TinyNet
    {
        public readonly Tensor[] Weights;

        public TinyNet(int inputs, int hidden, int seed)
        {
            var random = new Random(seed);
            Tensor Weight(params long[] shape)
            {
                long count = shape.Aggregate(1L, (a, b) => a * b);
                var values = Enumerable.Range(0, (int)count).Select(_ => random.NextDouble() * 2 - 1).ToArray();
                return tensor(values, shape, ScalarType.Float64).requires_grad_(true);
            }
            Weights = new[] { Weight(inputs, hidden), Weight(1, hidden), Weight(hidden, 1), Weight(1, 1) };
        }

        public Tensor Forward(params Tensor[] inputs) =>
            tanh(cat(inputs, 1).matmul(Weights[0]) + Weights[1]).matmul(Weights[2]) + Weights[3];
    }

    /// <summary>Every weight's gradient by backward against central differences of <paramref name="loss"/>.</summary>
    private static void AssertGradientsMatchFiniteDifferences(TinyNet net, Func<Tensor> loss)
    {
        foreach (var w in net.Weights) w.grad?.zero_();
        loss().backward();
        int checkedCount = 0;
        foreach (var w in net.Weights)
        {
            var analytic = Values(w.grad!);
            var flat = w.detach().view(-1); // shares storage with w
            for (int i = 0; i < analytic.Length; i++)
            {
                double original = flat[i].item<double>();
                double Loss(double value)
                {
                    flat[i].fill_(value);
                    return loss().item<double>();
                }
                double numeric = (Loss(original + Step) - Loss(original - Step)) / (2 * Step);
                flat[i].fill_(original);
                Assert.True(Math.Abs(analytic[i] - numeric) <= Relative * Math.Abs(numeric) + Absolute,
                    $"weight {checkedCount}: autograd {analytic[i]:R}, finite differences {numeric:R}");
                checkedCount++;
            }
        }
        Assert.True(checkedCount > 10);
    }

    [Fact]
    public void Loss_of_PDE_sides_and_initial_1D_has_the_finite_difference_gradient()
    {
        var pinn = new PinnHeat1Pinn(1.0);
        var net = new TinyNet(2, 5, seed: 11);
        var random = new Random(12);
        var (t, x) = (Uniform(random, 32, 0, 1), Uniform(random, 32, 0, 1));
        var tb = Uniform(random, 8, 0, 1);
        var (left, right) = (At(8, 0.0), At(8, 1.0));
        var t0 = zeros(16, 1, dtype: ScalarType.Float64);
        var x0 = Uniform(random, 16, 0, 1);
        Tensor Loss()
        {
            var pde = pinn.Residuals(t, x, net.Forward(t, x))[0];
            var l = pinn.BoundaryLeft(tb, left, net.Forward(tb, left))[0];
            var r = pinn.BoundaryRight(tb, right, net.Forward(tb, right))[0];
            var ic = pinn.Initial(t0, x0, net.Forward(t0, x0), sin(x0 * Math.PI))[0];
            return pde.pow(2).mean() + l.pow(2).mean() + r.pow(2).mean() + ic.pow(2).mean();
        }
        AssertGradientsMatchFiniteDifferences(net, Loss);
    }

    [Fact]
    public void Loss_of_a_nonlinear_div_and_periodic_sides_2D_has_the_finite_difference_gradient()
    {
        var pinn = new PinnDiv2Pinn(2.0, 2.0);
        var net = new TinyNet(3, 4, seed: 21);
        var random = new Random(22);
        var (t, x, y) = (Uniform(random, 24, 0, 1), Uniform(random, 24, 0, 2), Uniform(random, 24, 0, 2));
        var (tb, yb) = (Uniform(random, 8, 0, 1), Uniform(random, 8, 0, 2));
        var (x0, x1) = (At(8, 0.0), At(8, 2.0));
        Tensor Loss()
        {
            var pde = pinn.Residuals(t, x, y, net.Forward(t, x, y))[0];
            var periodic = pinn.PeriodicX(tb, x0, yb, net.Forward(tb, x0, yb), tb, x1, yb, net.Forward(tb, x1, yb));
            return pde.pow(2).mean() + periodic[0].pow(2).mean() + periodic[1].pow(2).mean();
        }
        AssertGradientsMatchFiniteDifferences(net, Loss);
    }

    [Fact]
    public void A_parameter_tensor_with_requires_grad_receives_the_analytic_gradient()
    {
        // T = x³ + t·x: r = x − 6·D·x in the bulk, so d mean(r²)/dD = mean(2r·(−6x)); on the left side
        // r = T − Tl = −Tl (x = 0, T = 0), so d mean(r²)/dTl = 2·Tl.
        var pinn = new PinnHeat1Pinn(1.0);
        var d = tensor(0.4, ScalarType.Float64).requires_grad_(true);
        var tl = tensor(0.2, ScalarType.Float64).requires_grad_(true);
        pinn.ParameterTensors.D = d;
        pinn.ParameterTensors.Tl = tl;
        var random = new Random(31);
        var (t, x) = (Uniform(random, 40, 0, 1), Uniform(random, 40, 0, 1));
        var left = At(10, 0.0);
        var tb = Uniform(random, 10, 0, 1);
        var loss = pinn.Residuals(t, x, x.pow(3) + t * x)[0].pow(2).mean()
                   + pinn.BoundaryLeft(tb, left, left.pow(3) + tb * left)[0].pow(2).mean();
        loss.backward();

        var xs = Values(x);
        double expectedD = xs.Select(v => 2 * (v - 6 * 0.4 * v) * (-6 * v)).Average();
        Assert.NotNull(d.grad);
        Assert.Equal(expectedD, d.grad!.item<double>(), 1e-12);
        Assert.Equal(2 * 0.2, tl.grad!.item<double>(), 1e-12);
    }
}
