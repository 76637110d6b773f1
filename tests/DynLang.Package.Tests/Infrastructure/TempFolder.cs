namespace DynLang.Package.Tests.Infrastructure;

/// <summary>A uniquely named folder under the system temp folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder(string purpose)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"dynlang-{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
        // Stop MSBuild's upward search for Directory.Build.* / Directory.Packages.props at this folder:
        // a temp project must not pick up whatever happens to live above the temp folder.
        File.WriteAllText(Combine("Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Combine("Directory.Build.targets"), "<Project />\n");
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Writes a file (creating its folder) and returns its full path.</summary>
    public string Write(string relativePath, string text)
    {
        var full = Combine(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* a build server may still hold a file; the OS temp cleaner gets it */ }
        catch (UnauthorizedAccessException) { }
    }
}
