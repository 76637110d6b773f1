namespace DynLang.Models.Tests.Fields;

/// <summary>Run-time bounds of the advection operators and of fourth-order stencils.</summary>
public sealed class FieldOperatorBadInputTests
{
    [Fact]
    public void Upwind_step_beyond_the_CFL_bound_throws_naming_it()
    {
        // |c|·dt/dx ≤ 1 with c = 2, dx = 1: dt ≤ 0.5.
        var f = new AdvectUpwindField(16, new AdvectUpwindParameters { c = -2, dx = 1 });
        f.Step(0.5);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => f.Step(0.6));
        Assert.Contains("CFL", e.Message);
        Assert.Contains("1.2", e.Message);   // |c|·dt/dx
        Assert.Contains("0.5", e.Message);   // the largest stable dt
        Assert.Equal(1, f.StepIndex);
    }

    [Fact]
    public void Central_derivative_step_beyond_the_CFL_bound_throws_for_each_axis()
    {
        // cy = 0.5 alone allows dt ≤ 2; cx = 1 allows dt ≤ 1: the x term refuses 1.5.
        var f = new AdvectCentral2DField(8, 8);
        f.Step(1.0);
        Assert.Throws<ArgumentOutOfRangeException>(() => f.Step(1.5));
    }

    [Fact]
    public void Fourth_order_diffusion_bound_is_three_quarters_of_the_second_order_one()
    {
        // rk4 in 1D: D·dt/dx² ≤ 2.7853/(16/3) = 0.5222 in fourth order (0.6963 in second).
        var f = new HeatOrder4Field(16);
        f.Step(0.52);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => f.Step(0.53));
        Assert.Contains("0.522", e.Message);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(0)]
    public void Fourth_order_grid_below_five_cells_is_refused(int n)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new HeatOrder4Field(n));
        Assert.Contains("at least 5", e.Message);
        _ = new HeatOrder4Field(5);
    }
}
