using ILGPU.Runtime;

namespace DynLang.Ilgpu.Tests;

/// <summary>What a user can get wrong: copies of the wrong length, more memory than the accelerator has, bad dt.</summary>
[Collection(CpuAcceleratorCollection.Name)]
public sealed class BadInputTests(CpuAcceleratorFixture fixture)
{
    [Fact]
    public void Upload_of_the_wrong_length_names_the_variable_and_both_lengths()
    {
        using var device = new LIFPopulationIlgpu(fixture.Accelerator, 10);
        var e = Assert.Throws<ArgumentException>(() => device.UploadI(new double[9]));
        Assert.Equal("values", e.ParamName);
        Assert.Contains("'I'", e.Message);
        Assert.Contains("10 elements", e.Message);
        Assert.Contains("has 9", e.Message);
    }

    [Fact]
    public void Download_of_the_wrong_length_names_the_variable_and_both_lengths()
    {
        using var device = new OjaRuleIlgpu(fixture.Accelerator, 2, 3);
        var e = Assert.Throws<ArgumentException>(() => device.DownloadW(new double[5]));
        Assert.Equal("destination", e.ParamName);
        Assert.Contains("'W'", e.Message);
        Assert.Contains("6 elements", e.Message);
        Assert.Contains("has 5", e.Message);
    }

    [Fact]
    public void A_request_beyond_the_accelerator_memory_fails_with_the_sizes_asked_for()
    {
        // W alone is 2^20 × 2^20 doubles = 8 TiB: more than any accelerator this runs on has.
        const int size = 1 << 20;
        var e = Assert.ThrowsAny<OutOfMemoryException>(() => new OjaRuleIlgpu(fixture.Accelerator, size, size));
        Assert.IsType<InsufficientMemoryException>(e);
        Assert.Contains("OjaRuleIlgpu", e.Message);
        Assert.Contains("W", e.Message);
        Assert.Contains(((long)size * size).ToString(), e.Message);
    }

    [Fact]
    public void A_non_positive_time_step_is_refused()
    {
        using var device = new LIFPopulationIlgpu(fixture.Accelerator, 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => device.Step(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => device.Step(double.NaN));
        Assert.Equal(0, device.StepIndex);
    }

    [Fact]
    public void Stepping_after_dispose_is_refused()
    {
        var device = new LotkaVolterraSystemIlgpu(fixture.Accelerator, 4);
        device.Dispose();
        Assert.Throws<ObjectDisposedException>(() => device.Step(0.1));
    }
}
