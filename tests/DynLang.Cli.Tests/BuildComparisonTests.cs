using System.Diagnostics;
using System.Text.RegularExpressions;

namespace DynLang.Cli.Tests;

/// <summary>The tool and the build print the same diagnostics (path, position, id, severity, message). Slow: one dotnet build.</summary>
public sealed class BuildComparisonTests : IDisposable
{
    private readonly TempFolder _project = new();

    [Fact]
    public void Check_prints_the_same_diagnostic_lines_as_dotnet_build()
    {
        string targets = Path.Combine(Models.RepoRoot, "generators", "DynLang.Generators", "DynLang.InRepo.targets");
        _project.Write("Consumer.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
                <NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
              <Import Project="{targets}" />
            </Project>
            """);
        _project.Write("Program.cs", "System.Console.WriteLine(1);\n");
        // Oja: DL0411 (a warning); Bad: DL0201 + DL0202 (errors); the .editorconfig raises DL0302 (info) to a warning.
        string dyn = _project.Write("Models/m.dyn", Models.WarningAndError);
        _project.Write(".editorconfig", "root = true\n[Models/*.dyn]\ndynlang_diagnostic.DL0302.severity = warning\n");

        var tool = ToolRun.Of("check", dyn);
        var expected = tool.DiagnosticLines.Distinct().OrderBy(l => l, StringComparer.Ordinal).ToList();
        Assert.Contains(expected, l => l.Contains(": warning DL0302: "));

        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _project.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "build", "-nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false" }) start.ArgumentList.Add(a);
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList()) start.Environment.Remove(key);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd() + stderr.Result;
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(8)), "dotnet build timed out");
        Assert.NotEqual(0, process.ExitCode);

        // "path(l,c): error DL0201: message [project]" → without the project suffix; each line appears twice (log and summary).
        var built = output.Split('\n').Select(l => l.TrimEnd('\r'))
            .Where(l => Regex.IsMatch(l, @"\(\d+,\d+\): (error|warning|info) DL\d{4}: "))
            .Select(l => Regex.Replace(l, @" \[[^\]]*\.csproj\]$", "").Trim())
            .Distinct().OrderBy(l => l, StringComparer.Ordinal).ToList();
        Assert.Equal(string.Join("\n", expected), string.Join("\n", built));
    }

    public void Dispose() => _project.Dispose();
}
