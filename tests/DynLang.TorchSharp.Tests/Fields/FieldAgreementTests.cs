using TorchSharp;
using static TorchSharp.torch;

namespace DynLang.TorchSharp.Tests.Fields;

/// <summary>
/// The TorchSharp class of a field against the CPU class of the same model (Models/FieldModels.dyn):
/// periodic, neumann, dirichlet and mixed sides; euler, rk2, rk4; both modes.
/// </summary>
public sealed class FieldAgreementTests
{
    // Both backends perform the same IEEE operations in the order the lowering wrote them (no fused
    // multiply-add on either side), so agreement is expected to the last bit; 1e-12 (relative to the
    // field's scale, which is 1) leaves room for a libtorch kernel that vectorises a division or a
    // remainder differently, and is still ~1e6 times below any discretisation difference.
    private const double Tolerance = 1e-12;

    internal static double[] Values(Tensor t) => t.contiguous().to_type(ScalarType.Float64).data<double>().ToArray();

    internal static double[] Random(int count, int seed, double scale)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => scale * random.NextDouble()).ToArray();
    }

    [Fact]
    public void Gray_Scott_64x64_matches_the_CPU_class_over_500_steps()
    {
        const int n = 64;
        var cpu = new TorchGrayScottField(n, n);
        using var torchField = new TorchGrayScottTorch(n, n);
        // The classic start: u = 1, v = 0 with a perturbed square in the middle, plus 1% noise.
        var noise = Random(n * n, 3, 0.01);
        for (int y = 0; y < n; y++)
        for (int x = 0; x < n; x++)
        {
            bool square = Math.Abs(x - n / 2) < 5 && Math.Abs(y - n / 2) < 5;
            cpu.uAt(x, y) = (square ? 0.5 : 1.0) - noise[y * n + x];
            cpu.vAt(x, y) = (square ? 0.25 : 0.0) + noise[y * n + x];
        }
        var startV = cpu.v.ToArray();
        torchField.u = tensor(cpu.u.ToArray(), new long[] { n, n }, ScalarType.Float64);
        torchField.v = tensor(cpu.v.ToArray(), new long[] { n, n }, ScalarType.Float64);
        for (int s = 0; s < 500; s++)
        {
            cpu.Step(1.0);
            torchField.Step(1.0);
        }
        Assert.InRange(Tensors(cpu.u.ToArray(), Values(torchField.u)), 0, Tolerance);
        Assert.InRange(Tensors(cpu.v.ToArray(), Values(torchField.v)), 0, Tolerance);
        // The pattern has moved away from the start, so the comparison is not of two unchanged arrays.
        Assert.True(Tensors(startV, cpu.v.ToArray()) > 0.05, $"v changed by only {Tensors(startV, cpu.v.ToArray())}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Heat_1D_periodic_rk4_matches_the_CPU_class(bool differentiable)
    {
        var cpu = new HeatPeriodicField(100);
        using var torchField = new HeatPeriodicTorch(100);
        var initial = Random(100, 1, 1.0);
        initial.CopyTo(cpu.T);
        torchField.T = tensor(initial, ScalarType.Float64);
        Run(300, 0.5, cpu.Step, differentiable ? torchField.StepDifferentiable : torchField.Step);
        Assert.InRange(Tensors(cpu.T.ToArray(), Values(torchField.T)), 0, Tolerance);
        Assert.True(cpu.T.ToArray().Max() - cpu.T.ToArray().Min() < 0.5); // diffusion has smoothed the noise
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Heat_1D_neumann_rk2_matches_the_CPU_class(bool differentiable)
    {
        var cpu = new HeatNeumannField(80);
        using var torchField = new HeatNeumannTorch(80);
        var initial = Random(80, 2, 1.0);
        initial.CopyTo(cpu.T);
        torchField.T = tensor(initial, ScalarType.Float64);
        Run(300, 0.5, cpu.Step, differentiable ? torchField.StepDifferentiable : torchField.Step);
        Assert.InRange(Tensors(cpu.T.ToArray(), Values(torchField.T)), 0, Tolerance);
        // No flux: the total is conserved (to rounding, 80 values of order 1), so the walls are really mirrored.
        Assert.Equal(initial.Sum(), Values(torchField.T).Sum(), 1e-10);
    }

    [Fact]
    public void Mixed_2D_dirichlet_neumann_periodic_with_advection_matches_the_CPU_class()
    {
        var cpu = new HeatMixedField(20, 12);
        using var torchField = new HeatMixedTorch(20, 12);
        var initial = Random(20 * 12, 4, 0.5);
        initial.CopyTo(cpu.T);
        torchField.T = tensor(initial, new long[] { 12, 20 }, ScalarType.Float64);
        Run(200, 1.0, cpu.Step, torchField.Step);
        Assert.InRange(Tensors(cpu.T.ToArray(), Values(torchField.T)), 0, Tolerance);
        // The dirichlet wall (T = 1 outside x = 0) has heated the left column above the rest.
        Assert.True(cpu.TAt(0, 5) > cpu.TAt(19, 5));
    }

    [Fact]
    public void Grid3d_with_mixed_sides_and_upwind_matches_the_CPU_class()
    {
        // nx, ny, nz all different so that a swapped axis cannot pass.
        var cpu = new Heat3dField(7, 6, 5);
        using var torchField = new Heat3dTorch(7, 6, 5);
        var initial = Random(7 * 6 * 5, 8, 1.0);
        initial.CopyTo(cpu.T);
        torchField.T = tensor(initial, new long[] { 5, 6, 7 }, ScalarType.Float64);
        Run(100, 0.5, cpu.Step, torchField.StepDifferentiable);
        Assert.InRange(Tensors(cpu.T.ToArray(), Values(torchField.T)), 0, Tolerance);
        Assert.True(Tensors(initial, cpu.T.ToArray()) > 0.05); // the field has changed
    }

    [Fact]
    public void Order_4_stencils_read_two_mirrored_cells_out_as_the_CPU_class_does()
    {
        var cpu = new WaveOrder4Field(30);
        using var torchField = new WaveOrder4Torch(30);
        var initial = Random(30, 9, 1.0);
        initial.CopyTo(cpu.T);
        torchField.T = tensor(initial, ScalarType.Float64);
        Run(100, 0.5, cpu.Step, torchField.Step);
        Assert.InRange(Tensors(cpu.T.ToArray(), Values(torchField.T)), 0, Tolerance);
        Assert.True(Tensors(initial, cpu.T.ToArray()) > 0.05);
    }

    [Fact]
    public void Wrong_shape_names_the_state_and_both_shapes()
    {
        using var torchField = new TorchGrayScottTorch(16, 8);
        var e = Assert.Throws<ArgumentException>(() => torchField.u = zeros(16, 8, dtype: ScalarType.Float64));
        Assert.Contains("TorchGrayScottTorch.u: expected a tensor of shape [8, 16]", e.Message);
        Assert.Contains("found shape [16, 8]", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new HeatPeriodicTorch(2));
    }

    [Fact]
    public void Unstable_dt_throws_like_the_CPU_class()
    {
        using var torchField = new HeatPeriodicTorch(10);
        // rk4 in 1D: D·dt/dx² ≤ 2.785/4 ≈ 0.696; D = 0.5 and dt = 2 give 1.
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => torchField.Step(2.0));
        Assert.Contains("stability bound", e.Message);
        Assert.Equal(0, torchField.StepIndex);
    }

    private static void Run(int steps, double dt, Action<double> cpu, Action<double> torchStep)
    {
        for (int s = 0; s < steps; s++)
        {
            cpu(dt);
            torchStep(dt);
        }
    }

    private static double Tensors(double[] a, double[] b) => DynLang.TorchSharp.Tests.Backend.Tensors.MaxAbsDifference(a, b);
}
