using Samples;
using TorchSharp;
using static DynLang.TorchSharp.Tests.Backend.Tensors;

namespace DynLang.TorchSharp.Tests.Backend;

/// <summary>
/// The TorchSharp step (in place, and the differentiable step's forward pass) against the CPU
/// backend's step of the same model, element by element and step by step, spikes included.
/// </summary>
public sealed class AgreementTests
{
    private const int Count = 64;
    private const double Dt = 1e-4; // 0.1 ms

    // Double, exact solver with refractoriness. The in-place step runs v' = P·v + F0·I + F1 as
    // v.lerp_((F0·I + F1)/w, w) with w = 1 − P: the same function, rounded differently (a few ulp
    // of |v| ≈ 0.065 V, ~1e-17 V a step; the leak contracts errors). 1e-12 V is 10^5 times that and
    // still 10^-10 of the voltage range, so any real error (wrong propagator, freeze, reset) fails.
    private const double DoubleVoltageTolerance = 1e-12;

    [Fact]
    public void Lif_exact_double_in_place_matches_the_cpu_backend_with_equal_spikes()
    {
        var currents = Linspace(0.5e-9, 3e-9, Count); // below and above the 1.5 nA rheobase
        var cpu = new LifFastPopulation(Count);
        currents.CopyTo(cpu.I);
        using var gpu = new LifFastTorch(Count);
        gpu.I = torch.tensor(currents, dtype: torch.ScalarType.Float64);
        int spikes = 0;
        for (int step = 0; step < 600; step++)
        {
            cpu.Step(Dt);
            gpu.Step(Dt);
            Assert.True(MaxAbsDifference(cpu.v.ToArray(), ToDoubles(gpu.v)) <= DoubleVoltageTolerance, $"step {step}");
            Assert.Equal(cpu.Spikes.ToArray(), ToBools(gpu.Spikes));
            spikes += cpu.SpikeCount;
            Assert.Equal(cpu.SpikeCount, gpu.SpikeCount);
        }
        Assert.True(spikes > 100, $"the test drives the population to spike and through refractoriness ({spikes} spikes)");
    }

    [Fact]
    public void Lif_differentiable_forward_equals_the_in_place_step()
    {
        // The surrogate spike is exactly 0 or 1 forward, so the reset x·(1 − s) + v_reset·s is the
        // hard reset: the two steps differ only by the lerp_ rounding (see DoubleVoltageTolerance).
        var currents = torch.tensor(Linspace(0.5e-9, 3e-9, Count), dtype: torch.ScalarType.Float64);
        using var inPlace = new LifFastTorch(Count) { I = currents };
        using var differentiable = new LifFastTorch(Count) { I = currents };
        for (int step = 0; step < 400; step++)
        {
            inPlace.Step(Dt);
            var s = differentiable.StepDifferentiable(Dt);
            Assert.True(MaxAbsDifference(ToDoubles(inPlace.v), ToDoubles(differentiable.v)) <= DoubleVoltageTolerance, $"step {step}");
            Assert.Equal(ToBools(inPlace.Spikes), ToBools(differentiable.Spikes));
            Assert.Equal(ToBools(inPlace.Spikes).Select(b => b ? 1.0 : 0.0), ToDoubles(s));
        }
    }

    [Fact]
    public void Lif_euler_float_in_place_matches_the_cpu_backend()
    {
        // Single precision: one float ulp at 0.065 V is ~7e-9 V. The fused lerp_ and the CPU's
        // v + dt·f round differently by a few ulp a step; the leak (1 − dt/tau = 0.99) bounds the
        // accumulation to ~100 steps' worth. 2e-6 V (~300 ulp) holds with margin and is still far
        // below any modelling error (a wrong step moves v by ~1e-4 V). Spikes: a flip would need v
        // within ~1e-7 V of the threshold at some step; the inputs here keep clear of it.
        const double floatVoltageTolerance = 2e-6;
        var currents = Linspace(0.5e-9, 3e-9, Count);
        var cpu = new LifEulerPopulation(Count);
        for (int i = 0; i < Count; i++) cpu.I[i] = (float)currents[i];
        using var gpu = new LifEulerTorch(Count);
        gpu.I = torch.tensor(currents.Select(c => (float)c).ToArray(), dtype: torch.ScalarType.Float32);
        Assert.Equal(torch.ScalarType.Float32, gpu.v.dtype);
        int spikes = 0;
        for (int step = 0; step < 600; step++)
        {
            cpu.Step(Dt);
            gpu.Step(Dt);
            var expected = cpu.v.ToArray().Select(x => (double)x).ToArray();
            Assert.True(MaxAbsDifference(expected, ToDoubles(gpu.v)) <= floatVoltageTolerance, $"step {step}");
            Assert.Equal(cpu.Spikes.ToArray(), ToBools(gpu.Spikes));
            spikes += cpu.SpikeCount;
        }
        Assert.True(spikes > 100, $"spikes: {spikes}");
    }

    [Fact]
    public void Izhikevich_rk4_matches_the_cpu_backend_through_two_resets()
    {
        // Not fused (nonlinear): every tensor operation is the CPU kernel's operation in the same
        // order, in double. libtorch and .NET may still round a multiply-add chain differently only
        // if one fuses it, which neither does; a relative 1e-12 allows for that without hiding a
        // wrong stage (which changes v by ~1e-3 relative).
        const double relativeTolerance = 1e-12;
        var currents = Linspace(0, 15, Count);
        var cpu = new IzhikevichPopulation(Count);
        currents.CopyTo(cpu.I);
        using var gpu = new IzhikevichTorch(Count) { I = torch.tensor(currents, dtype: torch.ScalarType.Float64) };
        int spikes = 0;
        for (int step = 0; step < 2000; step++)
        {
            cpu.Step(1e-4);
            gpu.Step(1e-4);
            var v = ToDoubles(gpu.v);
            var u = ToDoubles(gpu.u);
            for (int i = 0; i < Count; i++)
            {
                Assert.True(Math.Abs(cpu.v[i] - v[i]) <= relativeTolerance * Math.Max(1, Math.Abs(cpu.v[i])), $"v[{i}] at step {step}");
                Assert.True(Math.Abs(cpu.u[i] - u[i]) <= relativeTolerance * Math.Max(1, Math.Abs(cpu.u[i])), $"u[{i}] at step {step}");
            }
            Assert.Equal(cpu.Spikes.ToArray(), ToBools(gpu.Spikes));
            spikes += cpu.SpikeCount;
        }
        Assert.True(spikes > 20, $"spikes: {spikes}");
    }

    [Fact]
    public void Lotka_Volterra_ensemble_matches_the_cpu_backend_in_both_modes()
    {
        // An ensemble of independent systems with different initial states; rk4, no events. Same
        // operations in the same order as the CPU kernel (see the Izhikevich test's tolerance).
        const double relativeTolerance = 1e-12;
        var x0 = Linspace(5, 15, Count);
        var cpu = new LotkaVolterraSystem(Count);
        x0.CopyTo(cpu.x);
        using var inPlace = new LotkaVolterraTorch(Count) { x = torch.tensor(x0, dtype: torch.ScalarType.Float64) };
        using var differentiable = new LotkaVolterraTorch(Count) { x = torch.tensor(x0, dtype: torch.ScalarType.Float64) };
        for (int step = 0; step < 1000; step++)
        {
            cpu.Step(0.01);
            inPlace.Step(0.01);
            differentiable.StepDifferentiable(0.01);
        }
        foreach (var model in new[] { inPlace, differentiable })
        {
            var x = ToDoubles(model.x);
            var y = ToDoubles(model.y);
            for (int i = 0; i < Count; i++)
            {
                Assert.True(Math.Abs(cpu.x[i] - x[i]) <= relativeTolerance * Math.Abs(cpu.x[i]), $"x[{i}]: {cpu.x[i]} vs {x[i]}");
                Assert.True(Math.Abs(cpu.y[i] - y[i]) <= relativeTolerance * Math.Abs(cpu.y[i]), $"y[{i}]: {cpu.y[i]} vs {y[i]}");
            }
        }
        Assert.Equal(10.0, inPlace.Time, 9);
        Assert.Equal(1000, inPlace.StepIndex);
    }

    [Fact]
    public void Reset_restores_the_initial_state_and_forgets_spikes()
    {
        using var model = new LifFastTorch(Count) { I = torch.full(new long[] { Count }, 3e-9, dtype: torch.ScalarType.Float64) };
        for (int step = 0; step < 300; step++) model.Step(Dt);
        Assert.True(model.SpikeCount > 0 || ToDoubles(model.v).Any(v => v != -0.065));
        model.Reset();
        Assert.All(ToDoubles(model.v), v => Assert.Equal(-0.065, v));
        Assert.Equal(0, model.SpikeCount);
        Assert.Equal(0, model.StepIndex);
        Assert.Equal(0.0, model.Time);
    }
}
