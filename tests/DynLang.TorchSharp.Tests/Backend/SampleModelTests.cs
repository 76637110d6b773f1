using Samples;
using TorchSharp;
using static DynLang.TorchSharp.Tests.Backend.Tensors;

namespace DynLang.TorchSharp.Tests.Backend;

/// <summary>
/// Every sample model that has a TorchSharp class (samples/*.dyn, namespace Samples) steps like the
/// CPU backend: in place and, for the differentiable step, its forward pass. Oja (samples/OjaPca)
/// and Lotka–Volterra (LearningRuleChecks) are in IndexedTests and AgreementTests; synapses and
/// fields have no TorchSharp class yet.
/// </summary>
public sealed class SampleModelTests
{
    private static readonly torch.ScalarType F64 = torch.ScalarType.Float64;

    // All double. Fused lerp_ updates differ from the CPU's P·x + … by a few ulp a step, libtorch's
    // sums may add in another order, other operations are the CPU's in the same order: 1e-12
    // relative to max(1, |value|) (or of the value's scale) is 10^3–10^4 times that rounding and far
    // below a modelling error.
    private const double Relative = 1e-12;

    private static void AssertClose(ReadOnlySpan<double> expected, torch.Tensor actual, double scale, string what)
    {
        var values = ToDoubles(actual.reshape(-1));
        Assert.Equal(expected.Length, values.Length);
        for (int k = 0; k < values.Length; k++)
            Assert.True(Math.Abs(expected[k] - values[k]) <= Relative * Math.Max(scale, Math.Abs(expected[k])), $"{what}[{k}]: {expected[k]} vs {values[k]}");
    }

    [Fact]
    public void Lif_sample()
    {
        const int n = 40;
        var current = Linspace(0.5e-9, 3e-9, n);
        var cpu = new LifPopulation(n);
        current.CopyTo(cpu.I);
        using var inPlace = new LifTorch(n) { I = torch.tensor(current, dtype: F64) };
        using var differentiable = new LifTorch(n) { I = torch.tensor(current, dtype: F64) };
        int spikes = 0;
        for (int step = 0; step < 500; step++)
        {
            cpu.Step(1e-4);
            inPlace.Step(1e-4);
            differentiable.StepDifferentiable(1e-4);
            AssertClose(cpu.v, inPlace.v, 0.065, "v");
            AssertClose(cpu.v, differentiable.v, 0.065, "v (differentiable)");
            Assert.Equal(cpu.Spikes.ToArray(), ToBools(inPlace.Spikes));
            Assert.Equal(cpu.Spikes.ToArray(), ToBools(differentiable.Spikes));
            spikes += cpu.SpikeCount;
        }
        Assert.True(spikes > 50, $"spikes: {spikes}");
    }

    [Fact]
    public void Cuba_sample_with_three_coupled_states_and_refractoriness()
    {
        const int n = 40;
        var ge = Linspace(0, 0.03, n); // initial synaptic drive, decaying (no synapses here)
        var cpu = new CubaPopulation(n);
        ge.CopyTo(cpu.ge);
        using var model = new CubaTorch(n) { ge = torch.tensor(ge, dtype: F64) };
        int spikes = 0;
        for (int step = 0; step < 1000; step++)
        {
            cpu.Step(1e-4);
            model.Step(1e-4);
            AssertClose(cpu.v, model.v, 0.06, "v");
            AssertClose(cpu.ge, model.ge, 0.03, "ge");
            Assert.Equal(cpu.Spikes.ToArray(), ToBools(model.Spikes));
            spikes += cpu.SpikeCount;
        }
        Assert.True(spikes > 20, $"spikes: {spikes}");
    }

    [Fact]
    public void Song_neuron_sample_bilinear_euler()
    {
        const int n = 40;
        var ge = Linspace(0, 3, n); // up to 3: drives v above threshold before ge decays (tau_e = 5 ms)
        var cpu = new SongNeuronPopulation(n);
        ge.CopyTo(cpu.ge);
        using var model = new SongNeuronTorch(n) { ge = torch.tensor(ge, dtype: F64) };
        int spikes = 0;
        for (int step = 0; step < 1000; step++)
        {
            cpu.Step(1e-4);
            model.Step(1e-4);
            AssertClose(cpu.v, model.v, 0.06, "v");
            AssertClose(cpu.ge, model.ge, 3, "ge");
            Assert.Equal(cpu.Spikes.ToArray(), ToBools(model.Spikes));
            spikes += cpu.SpikeCount;
        }
        Assert.True(spikes > 5, $"spikes: {spikes}");
    }

    [Fact]
    public void Lotka_Volterra_samples_rk4_and_euler()
    {
        const int n = 16;
        var x0 = Linspace(5, 15, n);
        var rk4 = new LvRk4System(n);
        var euler = new LvEulerSystem(n);
        x0.CopyTo(rk4.x);
        x0.CopyTo(euler.x);
        using var rk4Torch = new LvRk4Torch(n) { x = torch.tensor(x0, dtype: F64) };
        using var eulerTorch = new LvEulerTorch(n) { x = torch.tensor(x0, dtype: F64) };
        for (int step = 0; step < 1000; step++)
        {
            rk4.Step(0.01);
            euler.Step(0.01);
            rk4Torch.Step(0.01);
            eulerTorch.StepDifferentiable(0.01);
        }
        AssertClose(rk4.x, rk4Torch.x, 1, "rk4 x");
        AssertClose(rk4.y, rk4Torch.y, 1, "rk4 y");
        AssertClose(euler.x, eulerTorch.x, 1, "euler x");
        AssertClose(euler.y, eulerTorch.y, 1, "euler y");
    }

    [Fact]
    public void Hopfield_sample_symbolic_energy_gradient_over_sums()
    {
        const int n = 6;
        var w = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                w[i * n + j] = i == j ? 0 : Math.Cos(i + j); // symmetric
        var b = Linspace(-0.3, 0.3, n);
        var s0 = Linspace(-0.5, 0.5, n);
        var cpu = new HopfieldSystem(n);
        w.CopyTo(cpu.W);
        b.CopyTo(cpu.b);
        s0.CopyTo(cpu.s);
        using var model = new HopfieldTorch(n)
        {
            W = torch.tensor(w, dtype: F64).reshape(n, n),
            b = torch.tensor(b, dtype: F64),
            s = torch.tensor(s0, dtype: F64),
        };
        for (int step = 0; step < 200; step++)
        {
            cpu.Step(0.05);
            model.Step(0.05);
        }
        Assert.True(cpu.s.ToArray().Zip(s0).Max(p => Math.Abs(p.First - p.Second)) > 0.05, "the state moved");
        AssertClose(cpu.s, model.s, 1, "s");
    }

    [Fact]
    public void CurlDescent_sample_two_layers_with_scalar_definition()
    {
        const int inputs = 4, hidden = 3;
        var x = Linspace(-1, 1, inputs);
        var s = Linspace(0.5, 1.5, hidden);
        var w1 = Enumerable.Range(0, hidden * inputs).Select(k => 0.3 * Math.Sin(k + 0.5)).ToArray();
        var w2 = Linspace(-0.2, 0.4, hidden);
        var cpu = new CurlDescentSystem(inputs, hidden);
        x.CopyTo(cpu.x);
        s.CopyTo(cpu.s);
        w1.CopyTo(cpu.W1);
        w2.CopyTo(cpu.w2);
        using var model = new CurlDescentTorch(inputs, hidden)
        {
            x = torch.tensor(x, dtype: F64),
            s = torch.tensor(s, dtype: F64),
            W1 = torch.tensor(w1, dtype: F64).reshape(hidden, inputs),
            w2 = torch.tensor(w2, dtype: F64),
        };
        for (int step = 0; step < 300; step++)
        {
            cpu.Step(0.05);
            model.StepDifferentiable(0.05);
        }
        Assert.True(cpu.w2.ToArray().Zip(w2).Max(p => Math.Abs(p.First - p.Second)) > 0.05, "the weights moved");
        AssertClose(cpu.W1, model.W1, 1, "W1");
        AssertClose(cpu.w2, model.w2, 1, "w2");
    }
}
