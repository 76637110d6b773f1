using System.Text.RegularExpressions;
using DynLang.Package.Tests.Infrastructure;

namespace DynLang.Package.Tests;

/// <summary>
/// Issue 10, item 8: README.md's "Use it in your own project" works as written in a brand-new console
/// project. The test reads the blocks marked <c>&lt;!-- readme-test: … --&gt;</c> from README.md and runs
/// them as they are, in an empty home folder (so <c>~/dynlang-feed</c>, the user-level NuGet settings and
/// the package cache are fresh): the setup commands, the Lif model from the top of the README, the
/// Program.cs shown, and <c>dotnet run</c>. Only the package restore of the repository's own build (the
/// pack line) uses the machine's package cache, which it would use on the user's machine too.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class ReadmeStepsTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _home = new("readme-home");

    [Fact]
    public void The_readme_steps_build_and_run_a_new_console_project()
    {
        string readme = File.ReadAllText(Path.Combine(Repo.Root, "README.md"));
        string setup = Block(readme, "setup", "bash");
        string program = Block(readme, "program", "csharp");
        string run = Block(readme, "run", "bash");
        string model = Regex.Match(readme, "```dyn\\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("neuron Lif", model);

        string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set
            ? set
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string dotnetFolder = Path.GetDirectoryName(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "") ?? "";
        var home = new Dictionary<string, string>
        {
            ["HOME"] = _home.Path,
            ["DOTNET_CLI_HOME"] = _home.Path,
            ["PATH"] = (dotnetFolder.Length > 0 ? dotnetFolder + ":" : "") + Environment.GetEnvironmentVariable("PATH"),
        };

        // The pack line runs in the clone; the rest runs from a home folder that holds nothing else.
        var lines = setup.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.StartsWith("dotnet pack", lines[0]);
        var pack = DotNet.Bash(Repo.Root, new Dictionary<string, string>(home) { ["NUGET_PACKAGES"] = cache }, lines[0]).EnsureSuccess();
        var project = DotNet.Bash(_home.Path, home, string.Join("\n", lines.Skip(1))).EnsureSuccess();
        string folder = Path.Combine(_home.Path, "MyModels");
        Assert.True(File.Exists(Path.Combine(folder, "nuget.config")), $"no project-local nuget.config:\n{project.Output}");
        Assert.DoesNotContain("dynlang-feed", File.ReadAllText(Path.Combine(folder, "MyModels.csproj")));

        File.WriteAllText(Path.Combine(folder, "Lif.dyn"), model);
        File.WriteAllText(Path.Combine(folder, "Program.cs"), program);
        var result = DotNet.Bash(folder, home, run).EnsureSuccess();
        output.WriteLine($"pack {pack.Elapsed.TotalSeconds:F0} s, project {project.Elapsed.TotalSeconds:F0} s, build and run {result.Elapsed.TotalSeconds:F0} s");

        // The program prints one line; the build adds a few of its own. Not 10,000 lines of spike counts.
        var printed = result.Output.Split('\n').Where(l => l.Trim().Length > 0).ToList();
        Assert.True(printed.Count < 20, $"{printed.Count} lines:\n{result.Output}");
        var match = Regex.Match(result.Output, @"(\d+) spikes, ([\d.]+) Hz per neuron");
        Assert.True(match.Success, result.Output);
        // 2 nA into R = 10 Mohm drives v towards -45 mV, above v_th = -50 mV: every neuron fires regularly.
        // Closed form of the rate (refractory 2 ms + time to threshold tau_m·ln(20/5) = 13.86 ms): 63 Hz.
        double rate = double.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(rate, 55, 70);
    }

    private static string Block(string readme, string name, string language)
    {
        var match = Regex.Match(readme, $@"<!-- readme-test: {name} -->\s*```{language}\n(.*?)```", RegexOptions.Singleline);
        Assert.True(match.Success, $"README.md has no ```{language} block marked readme-test: {name}");
        return match.Groups[1].Value;
    }

    public void Dispose() => _home.Dispose();
}
