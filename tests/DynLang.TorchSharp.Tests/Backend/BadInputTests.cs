using Samples;
using TorchSharp;

namespace DynLang.TorchSharp.Tests.Backend;

/// <summary>Tensors of the wrong shape, dtype or device are refused with the variable, the expected and the found.</summary>
public sealed class BadInputTests
{
    [Fact]
    public void Wrong_shape_names_the_state_and_both_shapes()
    {
        using var model = new LifFastTorch(4);
        var e = Assert.Throws<ArgumentException>(() => model.v = torch.zeros(5, dtype: torch.ScalarType.Float64));
        Assert.Equal("v", e.ParamName);
        Assert.Contains("LifFastTorch.v: expected a tensor of shape [4]", e.Message);
        Assert.Contains("found shape [5]", e.Message);
    }

    [Fact]
    public void Wrong_dtype_names_the_input_and_both_dtypes()
    {
        using var model = new LifFastTorch(4);
        var e = Assert.Throws<ArgumentException>(() => model.I = torch.zeros(4, dtype: torch.ScalarType.Float32));
        Assert.Equal("I", e.ParamName);
        Assert.Contains("dtype Float64", e.Message);
        Assert.Contains("dtype Float32", e.Message);
    }

    [Fact]
    public void Wrong_device_names_both_devices()
    {
        // The meta device exists in every libtorch build (shapes without storage), so a tensor on a
        // second device can be made on a CPU-only machine.
        using var model = new LifFastTorch(4);
        var meta = torch.zeros(4, dtype: torch.ScalarType.Float64, device: new torch.Device("meta"));
        var e = Assert.Throws<ArgumentException>(() => model.v = meta);
        Assert.Contains("device cpu", e.Message);
        Assert.Contains("device meta", e.Message);
    }

    [Fact]
    public void Wrong_parameter_tensor_is_refused_when_stepping()
    {
        using var model = new LifFastTorch(4);
        model.ParameterTensors.tau_m = torch.ones(3, dtype: torch.ScalarType.Float64);
        var e = Assert.Throws<ArgumentException>(() => model.StepDifferentiable(1e-4));
        Assert.Contains("LifFastTorch.ParameterTensors.tau_m: expected a tensor of shape [] or [4]", e.Message);
        Assert.Contains("found shape [3]", e.Message);
    }

    [Fact]
    public void Non_positive_time_step_is_refused()
    {
        using var model = new LotkaVolterraTorch(2);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Step(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.StepDifferentiable(double.NaN));
    }
}
