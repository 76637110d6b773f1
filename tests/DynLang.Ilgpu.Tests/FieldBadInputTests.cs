namespace DynLang.Ilgpu.Tests;

/// <summary>Field classes on the device refuse what the CPU classes refuse, with the same exceptions and messages.</summary>
[Collection(CpuAcceleratorCollection.Name)]
public sealed class FieldBadInputTests(CpuAcceleratorFixture fixture)
{
    [Fact]
    public void A_grid_smaller_than_the_stencil_is_refused_as_on_the_CPU()
    {
        var cpu = Assert.Throws<ArgumentOutOfRangeException>(() => new GrayScottField(40, 2));
        var device = Assert.Throws<ArgumentOutOfRangeException>(() => new GrayScottFieldIlgpu(fixture.Accelerator, 40, 2));
        Assert.Equal(cpu.Message, device.Message);
        Assert.Equal("ny", device.ParamName);
        // order 4: five cells.
        var cpu4 = Assert.Throws<ArgumentOutOfRangeException>(() => new HeatOrder4Field(4));
        var device4 = Assert.Throws<ArgumentOutOfRangeException>(() => new HeatOrder4FieldIlgpu(fixture.Accelerator, 4));
        Assert.Equal(cpu4.Message, device4.Message);
        Assert.Contains("at least 5", device4.Message);
        using var smallest = new HeatOrder4FieldIlgpu(fixture.Accelerator, 5); // the bound itself is accepted
    }

    [Fact]
    public void A_time_step_beyond_the_stability_bound_throws_the_CPU_exception_and_changes_nothing()
    {
        var cpu = new GrayScottField(16, 16);
        using var device = new GrayScottFieldIlgpu(fixture.Accelerator, 16, 16);
        device.UploadV(FieldCompare.Pattern(256, 27));
        var before = device.DownloadV();
        // Du = 0.16, dx = 1, euler in 2D: D·dt/dx² ≤ 0.25 ⇒ dt ≤ 1.5625.
        var expected = Assert.Throws<ArgumentOutOfRangeException>(() => cpu.Step(1.6));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => device.Step(1.6));
        Assert.Equal(expected.Message, e.Message);
        Assert.Contains("1.5625", e.Message);
        Assert.Equal(0, device.StepIndex);
        Bits.Equal(before, device.DownloadV(), "v");
        device.Step(1.5625); // at the bound: allowed
        device.CheckStability = false;
        device.Step(1.6);
        Assert.Equal(2, device.StepIndex);
    }

    [Fact]
    public void The_CFL_bound_of_advection_is_checked_as_on_the_CPU()
    {
        var cpu = new AdvectUpwindField(10);
        using var device = new AdvectUpwindFieldIlgpu(fixture.Accelerator, 10);
        var expected = Assert.Throws<ArgumentOutOfRangeException>(() => cpu.Step(1.01));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => device.Step(1.01));
        Assert.Equal(expected.Message, e.Message);
        Assert.Contains("CFL", e.Message);
    }

    [Fact]
    public void Uploads_and_downloads_of_the_wrong_length_name_the_state_and_both_lengths()
    {
        using var device = new Heat2DEulerFieldIlgpu(fixture.Accelerator, 6, 5);
        var e = Assert.Throws<ArgumentException>(() => device.UploadU(new double[29]));
        Assert.Equal("values", e.ParamName);
        Assert.Contains("'u'", e.Message);
        Assert.Contains("30 elements", e.Message);
        Assert.Contains("has 29", e.Message);
        Assert.Throws<ArgumentException>(() => device.DownloadU(new double[31]));
    }

    [Fact]
    public void A_grid_beyond_int_MaxValue_cells_is_refused_as_on_the_CPU()
    {
        // 46341² = 2,147,488,281 cells, just over int.MaxValue: refused before any buffer is asked for.
        var expected = Assert.Throws<ArgumentOutOfRangeException>(() => new GrayScottField(46341, 46341));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new GrayScottFieldIlgpu(fixture.Accelerator, 46341, 46341));
        Assert.Equal(expected.Message, e.Message);
        Assert.Contains("int.MaxValue", e.Message);
    }

    [Fact]
    public void Stepping_after_dispose_is_refused()
    {
        var device = new Heat1DFieldIlgpu(fixture.Accelerator, 8);
        device.Dispose();
        Assert.Throws<ObjectDisposedException>(() => device.Step(0.1));
    }
}
