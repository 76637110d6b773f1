using TorchSharp;
using static TorchSharp.torch;
using static DynLang.TorchSharp.Tests.PinnResiduals.PinnPoints;

namespace DynLang.TorchSharp.Tests.PinnResiduals;

/// <summary>Wrong arguments are refused with an exception that names them, before any autograd runs.</summary>
public sealed class PinnBadInputTests
{
    private static readonly PinnHeat1Pinn Pinn = new(1.0);

    private static Tensor Column(int n, bool grad = true) => Uniform(new Random(n), n, 0, 1, grad);

    [Fact]
    public void A_coordinate_of_another_dtype_is_refused_by_name()
    {
        var t = Column(8);
        var x = Column(8).detach().to_type(ScalarType.Float32).requires_grad_(true);
        var e = Assert.Throws<ArgumentException>(() => Pinn.Residuals(t, x, t * 1.0));
        Assert.Equal("x", e.ParamName);
        Assert.Contains("PinnHeat1Pinn.x", e.Message);
        Assert.Contains("Float32", e.Message);
    }

    [Fact]
    public void An_output_of_another_shape_is_refused_by_name()
    {
        var (t, x) = (Column(8), Column(8));
        var e = Assert.Throws<ArgumentException>(() => Pinn.Residuals(t, x, (t * x).reshape(8)));
        Assert.Equal("T", e.ParamName);
        Assert.Contains("shape [8, 1]", e.Message);
        Assert.Contains("found shape [8]", e.Message);
    }

    [Fact]
    public void A_coordinate_without_requires_grad_is_refused_where_it_is_differentiated()
    {
        var t = Column(8, grad: false);
        var x = Column(8);
        var e = Assert.Throws<ArgumentException>(() => Pinn.Residuals(t, x, x * 2.0));
        Assert.Equal("t", e.ParamName);
        Assert.Contains("requires_grad_(true)", e.Message);
        // A dirichlet side differentiates nothing: no grad needed there.
        var side = zeros(8, 1, dtype: ScalarType.Float64);
        Assert.Single(Pinn.BoundaryLeft(t, side, side + 1.0));
    }

    [Fact]
    public void A_parameter_tensor_that_is_not_a_scalar_is_refused_by_name()
    {
        var pinn = new PinnHeat1Pinn(1.0);
        pinn.ParameterTensors.D = ones(2, dtype: ScalarType.Float64);
        var (t, x) = (Column(8), Column(8));
        var e = Assert.Throws<ArgumentException>(() => pinn.Residuals(t, x, t * x));
        Assert.Equal("D", e.ParamName);
        Assert.Contains("PinnHeat1Pinn.ParameterTensors.D", e.Message);
    }

    [Fact]
    public void Side_points_off_the_side_and_bad_lengths_are_refused()
    {
        var t = Column(8);
        var x = full(new long[] { 8, 1 }, 0.9, dtype: ScalarType.Float64).requires_grad_(true);
        var e = Assert.Throws<ArgumentException>(() => Pinn.BoundaryRight(t, x, x * t));
        Assert.Equal("x", e.ParamName);
        Assert.Contains("x = 1", e.Message);
        var r = Assert.Throws<ArgumentOutOfRangeException>(() => new PinnHeat1Pinn(0.0));
        Assert.Equal("lx", r.ParamName);
        var periodic = new PinnDiv2Pinn(1.0, 1.0);
        var (x0, x1, y) = (At(4, 0.0), At(4, 1.0), Column(4));
        var tLow = Column(4);
        var shortT = Column(3);
        var p = Assert.Throws<ArgumentException>(() => periodic.PeriodicX(tLow, x0, y, x0 * y, shortT, x1, y, x1 * y));
        Assert.Equal("tHigh", p.ParamName);
    }
}
