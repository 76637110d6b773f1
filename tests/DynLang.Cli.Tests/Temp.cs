using System.Reflection;
using DynLang.Cli;

namespace DynLang.Cli.Tests;

/// <summary>A temp folder (with a root .editorconfig, so no configuration above it leaks in), deleted after the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dynlang-cli-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path);
        Write(".editorconfig", "root = true\n");
    }

    public string Path { get; }

    public string Write(string relative, string text)
    {
        string full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}

/// <summary>One in-process run of the tool.</summary>
internal sealed record ToolRun(int ExitCode, string Out, string Err)
{
    public static ToolRun Of(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = DynLang.Cli.Cli.Run(args, stdout, stderr);
        return new ToolRun(code, stdout.ToString(), stderr.ToString());
    }

    public string[] Lines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The "path(l,c): severity DLxxxx: message" lines.</summary>
    public string[] DiagnosticLines => Lines.Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"\(\d+,\d+\): (error|warning|info) DL\d{4}: ")).ToArray();
}

internal static class Models
{
    /// <summary>A model with a warning (DL0411 at 4,3) and one with a unit error (DL0201 at 9,16).</summary>
    public const string WarningAndError = """
        rule Oja(x[i]) on W[i,j] {
          param eta = 0.005
          dW[i,j]/dt = eta * x[i] * (x[j] - x[i]*W[i,j])
          assert symmetric(W)
        }
        system Bad {
          param tau = 10 ms
          state v = 0 mV
          dv/dt = -v + tau
        }

        """;

    /// <summary>Only the warning model.</summary>
    public static string WarningOnly => WarningAndError[..(WarningAndError.IndexOf("system Bad", StringComparison.Ordinal))];

    public static string RepoRoot { get; } =
        typeof(Models).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;
}
