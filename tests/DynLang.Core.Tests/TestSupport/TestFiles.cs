namespace DynLang.Core.Tests.TestSupport;

/// <summary>Finds test data copied next to the test assembly, and the repository root.</summary>
internal static class TestFiles
{
    /// <summary>Full paths of the files matching a pattern under a folder of the test output.</summary>
    public static IEnumerable<string> In(string folder, string pattern = "*.dyn") =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, folder), pattern).OrderBy(p => p, StringComparer.Ordinal);

    /// <summary>The repository root (the folder holding DynLang.sln).</summary>
    public static string RepoRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DynLang.sln"))) directory = directory.Parent;
            return directory?.FullName ?? throw new InvalidOperationException("DynLang.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>xunit theory data: the file names (not paths) of a folder, so test names stay short.</summary>
    public static TheoryData<string> Names(string folder)
    {
        var data = new TheoryData<string>();
        foreach (var path in In(folder)) data.Add(Path.GetFileName(path));
        return data;
    }
}
