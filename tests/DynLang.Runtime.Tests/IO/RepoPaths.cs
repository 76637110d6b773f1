namespace DynLang.Runtime.Tests.IO;

/// <summary>
/// Finds the repository from the test assembly (bin/…/DynLang.Runtime.Tests.dll) by walking up
/// to the folder that holds DynLang.sln (the pattern of DynLang.Models.Tests), so reference data
/// and the numpy-made files are read where the clone has them.
/// </summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The repository root (the folder of DynLang.sln).</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>A file under tests/reference/, e.g. Reference("cuba", "data", "init_v.npy").</summary>
    public static string Reference(params string[] parts) =>
        Path.Combine(new[] { RepoRoot, "tests", "reference" }.Concat(parts).ToArray());

    /// <summary>A file written by numpy (IO/NumpyFiles/make_files.py).</summary>
    public static string NumpyFile(string name) =>
        Path.Combine(RepoRoot, "tests", "DynLang.Runtime.Tests", "IO", "NumpyFiles", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DynLang.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException(
            $"DynLang.sln was not found in any folder above {AppContext.BaseDirectory}; these tests read files from the repository.");
    }
}
