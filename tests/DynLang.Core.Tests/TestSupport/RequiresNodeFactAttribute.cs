using System.Diagnostics;

namespace DynLang.Core.Tests.TestSupport;

/// <summary>
/// A fact that needs Node.js and npm (to run the pinned ANTLR tool). Where they are missing it is
/// reported as skipped, with the reason — except in CI (CI=true), where it always runs, so a
/// missing tool fails the build instead of hiding an out-of-date parser.
/// </summary>
public sealed class RequiresNodeFactAttribute : FactAttribute
{
    public RequiresNodeFactAttribute()
    {
        bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!ci && (!CommandExists("node") || !CommandExists("npm")))
            Skip = "Node.js/npm not found: the grammar sync check needs them (it always runs in CI, where CI=true).";
    }

    private static bool CommandExists(string command)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(command, "--version")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null) return false;
            process.WaitForExit(30_000);
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
