using TorchSharp;
using static DynLang.TorchSharp.Tests.Backend.Tensors;

namespace DynLang.TorchSharp.Tests.Backend;

/// <summary>
/// Autograd through StepDifferentiable (float64) against central finite differences, and the
/// surrogate spikes' backward pass against their documented formulas.
/// </summary>
public sealed class GradientTests
{
    private const int Count = 8;
    private const double Dt = 1e-4;
    private static readonly torch.ScalarType F64 = torch.ScalarType.Float64;

    [Fact]
    public void Gradient_of_the_final_voltage_wrt_tau_and_input_matches_finite_differences_of_the_cpu_backend()
    {
        // Subthreshold (1 nA < the 1.5 nA rheobase): v is smooth in tau_m and I, so the exact
        // solver's closed form differentiated by autograd must equal the CPU backend's finite differences.
        const int steps = 200;
        var currents = Linspace(0.5e-9, 1.2e-9, Count);
        using var model = new LifFastTorch(Count);
        var tau = torch.tensor(0.01, dtype: F64, requires_grad: true);
        var input = torch.tensor(currents, dtype: F64).requires_grad_(true);
        model.ParameterTensors.tau_m = tau;
        model.I = input;
        for (int step = 0; step < steps; step++) model.StepDifferentiable(Dt);
        Assert.Equal(0, model.SpikeCount);
        model.v.sum().backward();
        double gradTau = tau.grad!.item<double>();
        var gradInput = ToDoubles(input.grad!);

        double SumV(double tauM, double[] i)
        {
            var cpu = new LifFastPopulation(Count, new LifFastParameters { tau_m = tauM });
            i.CopyTo(cpu.I);
            for (int step = 0; step < steps; step++) cpu.Step(Dt);
            return cpu.v.ToArray().Sum();
        }
        // h = 1e-7 s (1e-5 relative): truncation ~h²·f''' ≈ 1e-10 and rounding ~eps·|Σv|/h ≈ 1e-8
        // against a gradient of order 10 V/s, so 1e-6 relative separates a right gradient from a wrong one.
        const double h = 1e-7;
        double fdTau = (SumV(0.01 + h, currents) - SumV(0.01 - h, currents)) / (2 * h);
        Assert.True(Math.Abs(gradTau - fdTau) <= 1e-6 * Math.Abs(fdTau), $"dΣv/dτ: autograd {gradTau}, finite differences {fdTau}");

        // v is linear in I, so the central difference has no truncation error; rounding is
        // eps·|v|/h ≈ 1e-3 V/A against ~8e6 V/A.
        const double hI = 1e-14;
        for (int i = 0; i < Count; i++)
        {
            var plus = (double[])currents.Clone();
            var minus = (double[])currents.Clone();
            plus[i] += hI;
            minus[i] -= hI;
            double fd = (SumV(0.01, plus) - SumV(0.01, minus)) / (2 * hI);
            Assert.True(Math.Abs(gradInput[i] - fd) <= 1e-6 * Math.Abs(fd), $"dΣv/dI[{i}]: autograd {gradInput[i]}, finite differences {fd}");
        }
    }

    [Fact]
    public void Gradient_through_a_matrix_exponential_propagator_matches_finite_differences()
    {
        // x and y coupled in a cycle: no closed form, so StepDifferentiable differentiates
        // torch.matrix_exp(M·dt). Forward against the CPU class (its own matrix exponential: the two
        // agree to ~1e-15 relative; 1e-12 allows 300 steps of it), gradient against its finite differences.
        const int steps = 300;
        var u = Linspace(-1, 1, Count);
        using var model = new OscillatorTorch(Count) { u = torch.tensor(u, dtype: F64) };
        var w = torch.tensor(2.0, dtype: F64, requires_grad: true);
        model.ParameterTensors.w = w;
        for (int step = 0; step < steps; step++) model.StepDifferentiable(0.01);
        model.x.sum().backward();

        double[] Run(double frequency)
        {
            var cpu = new OscillatorSystem(Count, new OscillatorParameters { w = frequency });
            u.CopyTo(cpu.u);
            for (int step = 0; step < steps; step++) cpu.Step(0.01);
            return cpu.x.ToArray();
        }
        var expected = Run(2.0);
        var actual = ToDoubles(model.x);
        for (int i = 0; i < Count; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-12 * Math.Max(1, Math.Abs(expected[i])), $"x[{i}]: {expected[i]} vs {actual[i]}");
        // h = 1e-6 on w = 2: truncation ~h² times the third derivative (~1e-11), rounding ~eps·|Σx|/h
        // (~1e-9), against a gradient of order 1: 1e-6 separates a right gradient from a wrong one.
        const double h = 1e-6;
        double fd = (Run(2.0 + h).Sum() - Run(2.0 - h).Sum()) / (2 * h);
        double grad = w.grad!.item<double>();
        Assert.True(Math.Abs(grad - fd) <= 1e-6 * Math.Max(1, Math.Abs(fd)), $"dΣx/dw: autograd {grad}, finite differences {fd}");
        Assert.True(Math.Abs(fd) > 0.01, $"x depends on w ({fd})");
    }

    [Fact]
    public void In_place_step_after_differentiable_steps_leaves_the_graph_intact()
    {
        // Step works on a detached copy of a state that carries autograd history, so a tensor taken
        // from StepDifferentiable keeps its value and can still be differentiated afterwards.
        using var model = new LifFastTorch(Count);
        var input = torch.full(new long[] { Count }, 1e-9, dtype: F64).requires_grad_(true);
        model.I = input;
        for (int step = 0; step < 10; step++) model.StepDifferentiable(Dt);
        var tracked = model.v;
        var before = ToDoubles(tracked);
        for (int step = 0; step < 10; step++) model.Step(Dt);
        Assert.Equal(before, ToDoubles(tracked));
        Assert.NotEqual(before, ToDoubles(model.v));
        Assert.False(model.v.requires_grad);
        tracked.sum().backward();
        Assert.All(ToDoubles(input.grad!), g => Assert.True(g > 0));
    }

    [Fact]
    public void Soft_threshold_gradient_through_spikes_matches_finite_differences()
    {
        // log_sum_exp makes the spike σ(u/ε) and the reset v·(1 − s) + v_reset·s smooth forward, so
        // the loss (soft spike count over the run) is differentiable and autograd must equal finite
        // differences of the same forward pass.
        const int steps = 300;
        var currents = Linspace(1.4e-9, 3e-9, Count);

        double Loss(double[] i, bool grad, out double[] gradient)
        {
            using var model = new LifSoftTorch(Count);
            var input = torch.tensor(i, dtype: F64);
            if (grad) input.requires_grad_(true);
            model.I = input;
            torch.Tensor total = torch.zeros(1, dtype: F64);
            for (int step = 0; step < steps; step++) total = total + model.StepDifferentiable(Dt).sum();
            if (grad) total.backward();
            gradient = grad ? ToDoubles(input.grad!) : Array.Empty<double>();
            return total.item<double>();
        }

        double loss = Loss(currents, grad: true, out var gradient);
        Assert.True(loss > 5, $"the run spikes (soft count {loss})");
        // h = 1e-14 A: the loss varies on the scale of ε = 1 mV ≙ 0.1 nA of input (R = 10 MΩ), so the
        // central difference's truncation is ~(h/0.1 nA)² = 1e-8 relative; rounding of a sum of 300
        // steps (~eps·loss·√300 ≈ 1e-13) over 2h adds ~5 per ampere against gradients of ~1e9 per
        // ampere. 1e-5 of the largest gradient separates a right backward pass from a wrong one.
        const double h = 1e-14;
        var fd = new double[Count];
        for (int i = 0; i < Count; i++)
        {
            var plus = (double[])currents.Clone();
            var minus = (double[])currents.Clone();
            plus[i] += h;
            minus[i] -= h;
            fd[i] = (Loss(plus, false, out _) - Loss(minus, false, out _)) / (2 * h);
        }
        double scale = fd.Max(Math.Abs);
        Assert.True(scale > 1e8, $"the loss depends on the input ({scale} per ampere)");
        for (int i = 0; i < Count; i++)
            Assert.True(Math.Abs(gradient[i] - fd[i]) <= 1e-5 * scale, $"dL/dI[{i}]: autograd {gradient[i]}, finite differences {fd[i]}");
    }

    [Fact]
    public void Fast_sigmoid_surrogate_backward_is_the_documented_formula()
    {
        // One exact step from voltages around the threshold: v' = P·v + F0·I + F1, u = v' − v_th,
        // s = H(u) forward, ds/dI = F0/(1 + k|u|)² backward with k = 5/mV (LifFast.dyn).
        var v0 = Linspace(-0.052, -0.048, Count);
        using var model = new LifFastTorch(Count) { v = torch.tensor(v0, dtype: F64) };
        var input = torch.zeros(Count, dtype: F64).requires_grad_(true);
        model.I = input;
        var s = model.StepDifferentiable(Dt);
        s.sum().backward();
        var gradient = ToDoubles(input.grad!);
        var spikes = ToDoubles(s);

        var p = new LifFastParameters();
        double decay = Math.Exp(-Dt / p.tau_m);
        double f0 = p.R * (1 - decay), f1 = p.v_rest * (1 - decay);
        const double k = 5 / 1e-3;
        for (int i = 0; i < Count; i++)
        {
            double u = decay * v0[i] + f1 - p.v_th;
            Assert.Equal(u > 0 ? 1.0 : 0.0, spikes[i]);
            double expected = f0 / Math.Pow(1 + k * Math.Abs(u), 2);
            // Double arithmetic of the same formula; 1e-9 relative covers exp and the closed form.
            Assert.True(Math.Abs(gradient[i] - expected) <= 1e-9 * expected, $"ds/dI[{i}]: {gradient[i]} vs {expected}");
        }
        Assert.Contains(spikes, x => x == 1.0);
        Assert.Contains(spikes, x => x == 0.0);
    }

    [Fact]
    public void Arctan_surrogate_backward_is_the_documented_formula_in_float()
    {
        // Euler: v' = v + dt·(v_rest − v + R·I)/τ, so du/dI = dt·R/τ; ds/du = (α/2)/(1 + (π α u/2)²), α = 2/mV.
        var v0 = Linspace(-0.0515, -0.0485, Count);
        using var model = new LifEulerTorch(Count) { v = torch.tensor(v0.Select(x => (float)x).ToArray(), dtype: torch.ScalarType.Float32) };
        var input = torch.zeros(Count, dtype: torch.ScalarType.Float32).requires_grad_(true);
        model.I = input;
        var s = model.StepDifferentiable(Dt);
        s.sum().backward();
        var gradient = ToDoubles(input.grad!);
        var p = new LifEulerParameters();
        const double alpha = 2 / 1e-3;
        for (int i = 0; i < Count; i++)
        {
            double u = v0[i] + Dt * (p.v_rest - v0[i]) / p.tau_m - p.v_th;
            double expected = alpha / 2 / (1 + Math.Pow(Math.PI * alpha * u / 2, 2)) * Dt * p.R / p.tau_m;
            // float32: u is a difference of ~0.05 V values (ulp ~4e-9 V) against |u| ≥ 5e-4 V here, so
            // the formula is evaluated to ~1e-5 relative; 1e-3 bounds that and rejects a wrong formula.
            Assert.True(Math.Abs(gradient[i] - expected) <= 1e-3 * expected, $"ds/dI[{i}]: {gradient[i]} vs {expected}");
        }
    }
}
