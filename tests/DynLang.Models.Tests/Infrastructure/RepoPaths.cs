namespace DynLang.Models.Tests.Infrastructure;

/// <summary>
/// Finds the repository from the test assembly (bin/…/DynLang.Models.Tests.dll) by walking up to
/// the folder that holds DynLang.sln, so the reference data is read where the clone has it.
/// </summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The repository root (the folder of DynLang.sln).</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>A file under tests/reference/, e.g. Reference("oja", "oja_X.npy").</summary>
    public static string Reference(params string[] parts) =>
        Path.Combine(new[] { RepoRoot, "tests", "reference" }.Concat(parts).ToArray());

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DynLang.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException(
            $"DynLang.sln was not found in any folder above {AppContext.BaseDirectory}; the model tests read tests/reference/ from the repository.");
    }
}
