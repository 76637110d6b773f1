using Samples;
using TorchSharp;
using static DynLang.TorchSharp.Tests.Backend.Tensors;

namespace DynLang.TorchSharp.Tests.Backend;

/// <summary>Rules over index sets: loop nests as broadcast tensor operations, against the CPU backend, and autograd through them.</summary>
public sealed class IndexedTests
{
    private const int Outputs = 5, Inputs = 7;
    private static readonly torch.ScalarType F64 = torch.ScalarType.Float64;

    // Deterministic, varied values in [-0.5, 0.5] (no random generator: the test must be reproducible).
    private static double[] Values(int count, double phase) =>
        Enumerable.Range(0, count).Select(k => 0.5 * Math.Sin(1.7 * k + phase)).ToArray();

    // Sums: the CPU accumulates in index order, libtorch may pair terms differently, so a sum of 7
    // products can differ in the last bits (~1e-16 relative a step). 1e-12 relative after 500 steps
    // allows that and still rejects a wrong broadcast or a missing term (errors of order 1e-3).
    private const double RelativeTolerance = 1e-12;

    [Fact]
    public void Oja_matches_the_cpu_backend_in_both_modes()
    {
        var w0 = Values(Outputs * Inputs, 0.3);
        var x = Values(Inputs, 1.1);
        var cpu = new OjaRule(Outputs, Inputs, new OjaParameters { eta = 0.05 });
        w0.CopyTo(cpu.W);
        x.CopyTo(cpu.x);
        var models = new[] { new OjaTorch(Outputs, Inputs, new OjaParameters { eta = 0.05 }), new OjaTorch(Outputs, Inputs, new OjaParameters { eta = 0.05 }) };
        foreach (var model in models)
        {
            model.W = torch.tensor(w0, dtype: F64).reshape(Outputs, Inputs);
            model.x = torch.tensor(x, dtype: F64);
        }
        for (int step = 0; step < 500; step++)
        {
            cpu.Step(0.1);
            models[0].Step(0.1);
            models[1].StepDifferentiable(0.1);
        }
        var expected = cpu.W.ToArray();
        Assert.True(expected.Zip(w0).Max(p => Math.Abs(p.First - p.Second)) > 1e-2, "the weights moved");
        foreach (var model in models)
        {
            var actual = ToDoubles(model.W.reshape(-1));
            for (int k = 0; k < expected.Length; k++)
                Assert.True(Math.Abs(expected[k] - actual[k]) <= RelativeTolerance * Math.Max(1, Math.Abs(expected[k])), $"W[{k}]: {expected[k]} vs {actual[k]}");
            model.Dispose();
        }
    }

    [Fact]
    public void Hebb_rk4_with_a_transposed_read_matches_the_cpu_backend()
    {
        const int n = 6;
        var w0 = Values(n * n, 2.0);
        var x = Values(n, 0.7);
        var cpu = new HebbRule(n);
        w0.CopyTo(cpu.W);
        x.CopyTo(cpu.x);
        using var model = new HebbTorch(n) { W = torch.tensor(w0, dtype: F64).reshape(n, n), x = torch.tensor(x, dtype: F64) };
        for (int step = 0; step < 200; step++)
        {
            cpu.Step(0.05);
            model.Step(0.05);
        }
        var expected = cpu.W.ToArray();
        var actual = ToDoubles(model.W.reshape(-1));
        for (int k = 0; k < expected.Length; k++)
            Assert.True(Math.Abs(expected[k] - actual[k]) <= RelativeTolerance * Math.Max(1, Math.Abs(expected[k])), $"W[{k}]: {expected[k]} vs {actual[k]}");
        // The update is symmetric in i and j (x[i]·x[j] and W[i,j] + W[j,i]), so the antisymmetric part
        // W − Wᵀ is conserved exactly in exact arithmetic; a transposed read taken as W[i,j] would make
        // it decay. 1e-12: rounding of 200 rk4 steps on values of order 1.
        var w = model.W;
        var initial = torch.tensor(w0, dtype: F64).reshape(n, n);
        Assert.True(((w - w.t()) - (initial - initial.t())).abs().max().item<double>() < 1e-12);
        Assert.True((initial - initial.t()).abs().max().item<double>() > 0.1, "the initial W is not symmetric");
    }

    [Fact]
    public void Gradient_of_the_weights_wrt_eta_and_input_matches_finite_differences()
    {
        const int steps = 100;
        var w0 = Values(Outputs * Inputs, 0.3);
        var x0 = Values(Inputs, 1.1);
        using var model = new OjaTorch(Outputs, Inputs) { W = torch.tensor(w0, dtype: F64).reshape(Outputs, Inputs) };
        var eta = torch.tensor(0.05, dtype: F64, requires_grad: true);
        var x = torch.tensor(x0, dtype: F64).requires_grad_(true);
        model.ParameterTensors.eta = eta;
        model.x = x;
        for (int step = 0; step < steps; step++) model.StepDifferentiable(0.1);
        model.W.pow(2).sum().backward();

        double Loss(double etaValue, double[] input)
        {
            var cpu = new OjaRule(Outputs, Inputs, new OjaParameters { eta = etaValue });
            w0.CopyTo(cpu.W);
            input.CopyTo(cpu.x);
            for (int step = 0; step < steps; step++) cpu.Step(0.1);
            return cpu.W.ToArray().Sum(v => v * v);
        }
        // Central differences with h = 1e-6 (relative 2e-5 of eta, 2e-6 of x): truncation ~h² and
        // rounding ~eps·|L|/h ≈ 1e-10 against gradients of order 0.1–10; 1e-6 relative separates them.
        const double h = 1e-6;
        double fdEta = (Loss(0.05 + h, x0) - Loss(0.05 - h, x0)) / (2 * h);
        double gradEta = eta.grad!.item<double>();
        Assert.True(Math.Abs(gradEta - fdEta) <= 1e-6 * Math.Abs(fdEta), $"dL/deta: autograd {gradEta}, finite differences {fdEta}");
        var gradX = ToDoubles(x.grad!);
        for (int j = 0; j < Inputs; j++)
        {
            var plus = (double[])x0.Clone();
            var minus = (double[])x0.Clone();
            plus[j] += h;
            minus[j] -= h;
            double fd = (Loss(0.05, plus) - Loss(0.05, minus)) / (2 * h);
            Assert.True(Math.Abs(gradX[j] - fd) <= 1e-6 * Math.Max(1e-3, Math.Abs(fd)), $"dL/dx[{j}]: autograd {gradX[j]}, finite differences {fd}");
        }
    }

    [Fact]
    public void Wrong_matrix_shape_names_both_shapes()
    {
        using var model = new OjaTorch(Outputs, Inputs);
        var e = Assert.Throws<ArgumentException>(() => model.W = torch.zeros(Inputs, Outputs, dtype: F64));
        Assert.Equal("W", e.ParamName);
        Assert.Contains("OjaTorch.W: expected a tensor of shape [5, 7]", e.Message);
        Assert.Contains("found shape [7, 5]", e.Message);
    }
}
