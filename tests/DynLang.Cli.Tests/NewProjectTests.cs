namespace DynLang.Cli.Tests;

/// <summary>
/// `dynlang new`: the files of a console project that builds and runs on first try (the build and run
/// themselves: tests/DynLang.Package.Tests/NewProjectConsumerTests, against the packed DynLang).
/// </summary>
public sealed class NewProjectTests : IDisposable
{
    private readonly TempFolder _dir = new();

    [Fact]
    public void New_writes_a_project_with_the_package_reference_a_model_the_checker_accepts_and_a_run_loop()
    {
        string target = Path.Combine(_dir.Path, "Demo");
        string feed = Directory.CreateDirectory(Path.Combine(_dir.Path, "feed")).FullName;
        var run = ToolRun.Of("new", "My.Demo", "-o", target, "--feed", feed, "--package-version", "0.1.0-test");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"created {target}", run.Out);
        Assert.Contains("<PackageReference Include=\"DynLang\" Version=\"0.1.0-test\" />", File.ReadAllText(Path.Combine(target, "My.Demo.csproj")));
        Assert.Contains($"value=\"{feed}\"", File.ReadAllText(Path.Combine(target, "nuget.config")));
        string program = File.ReadAllText(Path.Combine(target, "Program.cs"));
        Assert.Contains("using My.Demo;", program);
        Assert.Contains("new LifPopulation(100_000)", program);
        // The model is clean: no error, no warning (a first build must not start with a complaint).
        var check = ToolRun.Of("check", Path.Combine(target, "Models"));
        Assert.Equal(0, check.ExitCode);
        Assert.Empty(check.DiagnosticLines);
        Assert.Contains("DynLang: Lif.dyn: Lif: solver exact (chosen)", check.Out);
    }

    [Fact]
    public void Without_a_feed_new_says_where_DynLang_must_come_from()
    {
        var run = ToolRun.Of("new", "Demo", "-o", Path.Combine(_dir.Path, "Demo"));
        Assert.Equal(0, run.ExitCode);
        Assert.False(File.Exists(Path.Combine(_dir.Path, "Demo", "nuget.config")));
        Assert.Contains("DynLang is not on nuget.org", run.Out);
    }

    [Theory]
    [InlineData("9lives", "is not a project name")]
    [InlineData("my-demo", "is not a project name")]
    public void Names_that_are_not_namespaces_are_refused_in_one_line(string name, string message)
    {
        var run = ToolRun.Of("new", name, "-o", Path.Combine(_dir.Path, "x"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Err);
        Assert.Single(run.Err.Trim().Split('\n'));
    }

    [Fact]
    public void A_folder_that_is_not_empty_and_a_missing_feed_are_refused_and_nothing_is_written()
    {
        _dir.Write("Busy/keep.txt", "mine");
        var busy = ToolRun.Of("new", "Busy", "-o", Path.Combine(_dir.Path, "Busy"));
        Assert.Equal(2, busy.ExitCode);
        Assert.Contains("exists and is not empty", busy.Err);
        Assert.Single(Directory.GetFileSystemEntries(Path.Combine(_dir.Path, "Busy")));

        var noFeed = ToolRun.Of("new", "Demo", "-o", Path.Combine(_dir.Path, "Demo"), "--feed", Path.Combine(_dir.Path, "nowhere"));
        Assert.Equal(2, noFeed.ExitCode);
        Assert.Contains("no feed folder", noFeed.Err);
        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "Demo")));
    }

    public void Dispose() => _dir.Dispose();
}
