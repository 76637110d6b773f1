using System.Diagnostics;
using System.Text;

namespace DynLang.Package.Tests.Infrastructure;

/// <summary>The outcome of one dotnet command: exit code, all output, duration.</summary>
public sealed record CommandResult(string CommandLine, int ExitCode, string Output, TimeSpan Elapsed)
{
    /// <summary>Fails the test with the command and its whole output unless it succeeded.</summary>
    public CommandResult EnsureSuccess()
    {
        Assert.True(ExitCode == 0, $"`{CommandLine}` exited with {ExitCode} after {Elapsed.TotalSeconds:F0} s:\n{Output}");
        return this;
    }
}

/// <summary>
/// Runs the dotnet CLI as a user would, with output captured for assertion messages. MSBuild node
/// reuse and the MSBuild server are off so that no process outlives the command holding its output
/// pipe; the compiler server stays on (it does not inherit the pipe) because it halves compile times.
/// </summary>
internal static class DotNet
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);

    /// <summary>The dotnet host that runs these tests (DOTNET_HOST_PATH is set by the SDK), else from PATH.</summary>
    private static string Host =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";

    public static CommandResult Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        RunProgram(Host, "dotnet", workingDirectory, environment, args);

    /// <summary>Runs a shell script (bash -e) with the same environment as the dotnet commands.</summary>
    public static CommandResult Bash(string workingDirectory, IReadOnlyDictionary<string, string>? environment, string script) =>
        RunProgram("bash", "bash", workingDirectory, environment, "-e", "-c", script);

    private static CommandResult RunProgram(string fileName, string displayName, string workingDirectory,
        IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // The test host runs inside `dotnet test`, whose MSBuild variables would leak into the child build.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(key);
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;

        var commandLine = displayName + " " + string.Join(" ", args);
        var output = new StringBuilder();
        var watch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        // Not disposed: a handler may still run after this method returns (see below).
        var outputClosed = new ManualResetEventSlim();
        var errorClosed = new ManualResetEventSlim();
        process.OutputDataReceived += (_, e) => Append(e.Data, outputClosed);
        process.ErrorDataReceived += (_, e) => Append(e.Data, errorClosed);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"`{commandLine}` did not finish within {Timeout.TotalMinutes} min:\n{output}");
        }
        // WaitForExit(timeout) does not wait for the pipes to drain: wait for their end, but bounded,
        // in case a process started by the command still holds them open.
        outputClosed.Wait(TimeSpan.FromSeconds(10));
        errorClosed.Wait(TimeSpan.FromSeconds(10));
        lock (output) return new CommandResult(commandLine, process.ExitCode, output.ToString(), watch.Elapsed);

        void Append(string? line, ManualResetEventSlim closed)
        {
            if (line is null) { closed.Set(); return; }
            lock (output) output.AppendLine(line);
        }
    }

    public static CommandResult Run(string workingDirectory, params string[] args) => Run(workingDirectory, null, args);
}
