namespace DynLang.Models.Tests.Fields;

/// <summary>Bad input at run time: grids smaller than the stencil, and steps beyond the stability bound.</summary>
public sealed class FieldBadInputTests
{
    [Theory]
    [InlineData(0, 10, "nx")]
    [InlineData(2, 10, "nx")]
    [InlineData(10, -1, "ny")]
    [InlineData(10, 2, "ny")]
    public void Grid_smaller_than_the_stencil_is_refused_naming_the_size_and_the_minimum(int nx, int ny, string name)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new GrayScottField(nx, ny));
        Assert.Equal(name, e.ParamName);
        Assert.Contains("at least 3", e.Message);
    }

    [Fact]
    public void Smallest_grid_steps()
    {
        var f = new GrayScottField(3, 3);
        f.Step(1.0);
        Assert.Equal(1, f.StepIndex);
    }

    [Fact]
    public void Step_beyond_the_diffusion_bound_throws_naming_the_bound_and_the_value()
    {
        // Euler in 2D: D·dt/dx² ≤ 1/4; Du = 0.16 allows dt ≤ 1.5625.
        var f = new GrayScottField(16, 16);
        f.Step(1.5);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => f.Step(1.6));
        Assert.Contains("0.25", e.Message);
        Assert.Contains("0.256", e.Message); // 0.16·1.6
        Assert.Contains("1.5625", e.Message);
        Assert.Equal(1, f.StepIndex); // the refused step changed nothing
    }

    [Fact]
    public void Bound_depends_on_solver_and_dimensions()
    {
        // rk4 in 2D: D·dt/dx² ≤ 2.7853/8 = 0.348; euler in 3D: ≤ 1/6.
        var rk4 = new Heat2DRk4Field(8, 8);
        rk4.Step(0.34);
        Assert.Throws<ArgumentOutOfRangeException>(() => rk4.Step(0.35));
        var heat3d = new Heat3DField(4, 4, 4); // D = 0.1: dt ≤ 1.6667
        heat3d.Step(1.6);
        Assert.Throws<ArgumentOutOfRangeException>(() => heat3d.Step(1.7));
    }

    [Fact]
    public void Opting_out_steps_anyway()
    {
        var f = new Heat2DEulerField(8, 8) { CheckStability = false };
        f.uAt(2, 2) = 1;
        f.Step(0.3); // D·dt/dx² = 0.3 > 0.25
        Assert.Equal(1, f.StepIndex);
    }

    [Fact]
    public void Non_positive_step_throws()
    {
        var f = new Heat2DEulerField(8, 8);
        Assert.Throws<ArgumentOutOfRangeException>(() => f.Step(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => f.Step(double.NaN));
    }
}
