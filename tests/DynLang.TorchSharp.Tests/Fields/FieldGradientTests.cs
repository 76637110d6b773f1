using TorchSharp;
using static TorchSharp.torch;

namespace DynLang.TorchSharp.Tests.Fields;

/// <summary>
/// Gradients through StepDifferentiable of a field against central differences of the CPU class
/// (float64): d(loss)/dD of the heat equation, and d(loss)/d(boundary value).
/// </summary>
public sealed class FieldGradientTests
{
    // Central differences with a relative step h = 1e-5 have truncation error ~h²·|f'''| ≈ 1e-10
    // relative and rounding error ~1e-16·|loss|/h ≈ 1e-11 relative; 1e-6 is far above both and far
    // below the size of a wrong gradient (a missing term changes it by O(1)).
    private const double Tolerance = 1e-6;

    [Fact]
    public void Loss_gradient_with_respect_to_D_matches_finite_differences_neumann()
    {
        const int n = 40, steps = 150;
        var initial = FieldAgreementTests.Random(n, 5, 1.0);
        var weights = FieldAgreementTests.Random(n, 6, 1.0);
        using var field = new HeatNeumannTorch(n);
        var d = tensor(0.3, ScalarType.Float64).requires_grad_(true);
        field.ParameterTensors.D = d;
        field.T = tensor(initial, ScalarType.Float64);
        for (int s = 0; s < steps; s++) field.StepDifferentiable(0.5);
        var loss = (field.T * tensor(weights, ScalarType.Float64)).sum();
        loss.backward();
        double gradient = d.grad!.item<double>();

        double Loss(double dValue)
        {
            var cpu = new HeatNeumannField(n, new HeatNeumannParameters { D = dValue });
            initial.CopyTo(cpu.T);
            for (int s = 0; s < steps; s++) cpu.Step(0.5);
            return cpu.T.ToArray().Zip(weights, (a, b) => a * b).Sum();
        }
        double h = 0.3 * 1e-5;
        double numeric = (Loss(0.3 + h) - Loss(0.3 - h)) / (2 * h);
        Assert.Equal(Loss(0.3), loss.item<double>(), 1e-12);
        Assert.True(Math.Abs(gradient - numeric) <= Tolerance * Math.Abs(numeric), $"autograd {gradient}, finite differences {numeric}");
        Assert.True(Math.Abs(numeric) > 1e-3); // the loss does depend on D here
    }

    [Fact]
    public void Loss_gradient_with_respect_to_the_dirichlet_value_and_D_in_2D()
    {
        const int nx = 12, ny = 8, steps = 60;
        var initial = FieldAgreementTests.Random(nx * ny, 7, 0.5);
        using var field = new HeatMixedTorch(nx, ny);
        var tl = tensor(1.0, ScalarType.Float64).requires_grad_(true);
        var d = tensor(0.2, ScalarType.Float64).requires_grad_(true);
        field.ParameterTensors.Tl = tl;
        field.ParameterTensors.D = d;
        field.T = tensor(initial, new long[] { ny, nx }, ScalarType.Float64);
        for (int s = 0; s < steps; s++) field.StepDifferentiable(1.0);
        var loss = field.T.pow(2).sum();
        loss.backward();

        double Loss(double tlValue, double dValue)
        {
            var cpu = new HeatMixedField(nx, ny, new HeatMixedParameters { Tl = tlValue, D = dValue });
            initial.CopyTo(cpu.T);
            for (int s = 0; s < steps; s++) cpu.Step(1.0);
            return cpu.T.ToArray().Sum(v => v * v);
        }
        const double h = 1e-6;
        double numericTl = (Loss(1 + h, 0.2) - Loss(1 - h, 0.2)) / (2 * h);
        double numericD = (Loss(1, 0.2 + h) - Loss(1, 0.2 - h)) / (2 * h);
        Assert.True(Math.Abs(tl.grad!.item<double>() - numericTl) <= Tolerance * Math.Abs(numericTl), $"d/dTl: autograd {tl.grad!.item<double>()}, finite differences {numericTl}");
        Assert.True(Math.Abs(d.grad!.item<double>() - numericD) <= Tolerance * Math.Abs(numericD), $"d/dD: autograd {d.grad!.item<double>()}, finite differences {numericD}");
    }
}
