using DynLang.Generators.Tests.Infrastructure;

namespace DynLang.Generators.Tests;

/// <summary>The same input gives the same bytes: builds are reproducible and incremental caches stay valid.</summary>
public class DeterminismTests
{
    [Fact]
    public void Two_fresh_drivers_produce_byte_identical_output()
    {
        var first = GeneratorRunner.RunOnce(BaselineTests.AllModels());
        var second = GeneratorRunner.RunOnce(BaselineTests.AllModels());

        Assert.Equal(BaselineTests.ModelNames.Length, first.Sources.Count(s => !s.Key.Contains(".Backends.")));
        Assert.Equal(first.Sources.Keys.Order(StringComparer.Ordinal), second.Sources.Keys.Order(StringComparer.Ordinal));
        foreach (var (hint, text) in first.Sources)
            Assert.True(text == second.Sources[hint], $"{hint} differs between two runs");
        Assert.Equal(first.Diagnostics.Select(d => d.ToString()), second.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void The_order_in_which_files_are_listed_does_not_change_the_output()
    {
        var files = BaselineTests.AllModels();
        var forward = GeneratorRunner.RunOnce(files);
        var backward = GeneratorRunner.RunOnce(files.Reverse().ToArray());

        Assert.Equal(forward.Sources.OrderBy(s => s.Key, StringComparer.Ordinal),
            backward.Sources.OrderBy(s => s.Key, StringComparer.Ordinal));
        Assert.Equal(forward.Diagnostics.Select(d => d.ToString()), backward.Diagnostics.Select(d => d.ToString()));
    }
}
