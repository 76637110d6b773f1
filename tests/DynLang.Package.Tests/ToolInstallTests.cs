using DynLang.Package.Tests.Infrastructure;

namespace DynLang.Package.Tests;

/// <summary>
/// The dynlang tool as a user gets it (issue 13): packed into a local feed, installed with
/// `dotnet tool install`, then run from the install folder on a file with a unit error.
/// </summary>
public sealed class ToolInstallTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _work = new("tool-install");

    [Fact]
    public void Dotnet_tool_install_from_the_local_feed_gives_a_working_dynlang()
    {
        string feed = _work.Combine("feed"), tools = _work.Combine("tools");
        // A version of its own, so that a tool of the same version left in the NuGet cache by another run is not taken.
        string version = $"0.1.0-tool{DateTime.UtcNow:yyyyMMddHHmmss}";
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = _work.Combine(".packages") };
        DotNet.Run(Repo.Root, "pack", Path.Combine(Repo.Root, "src", "DynLang.Cli"), "-c", "Release", "-o", feed, $"-p:PackageVersion={version}").EnsureSuccess();
        var install = DotNet.Run(_work.Path, environment, "tool", "install", "DynLang.Cli", "--tool-path", tools, "--add-source", feed, "--version", version).EnsureSuccess();
        output.WriteLine(install.Output);

        string model = _work.Combine("leak.dyn");
        File.WriteAllText(model, "system Leak {\n  param tau = 10 ms\n  state v = 0 mV\n  dv/dt = -v + tau\n}\n");
        string executable = Path.Combine(tools, OperatingSystem.IsWindows() ? "dynlang.exe" : "dynlang");
        var check = Process(executable, "check", model);
        Assert.Equal(1, check.ExitCode);
        Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(model)}\(4,\d+\): error DL0201: unit mismatch", check.Output);

        var help = Process(executable, "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("lsp", help.Output);
    }

    private static (int ExitCode, string Output) Process(string file, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = System.Diagnostics.Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }

    public void Dispose() => _work.Dispose();
}
