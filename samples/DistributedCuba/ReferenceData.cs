namespace Samples;

/// <summary>Finds Brian2's CUBA data (tests/reference/cuba/data) in the repository this sample was built from.</summary>
internal static class ReferenceData
{
    private static readonly string[] Parts = { "tests", "reference", "cuba", "data" };

    /// <summary>
    /// The data folder: looked for above the program (samples/Cuba/bin/…, where `dotnet run` puts
    /// it) and above the current folder, so the sample works from any folder of the clone.
    /// </summary>
    public static string Folder()
    {
        var starts = new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() };
        foreach (string start in starts)
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(new[] { dir.FullName }.Concat(Parts).ToArray());
                if (File.Exists(Path.Combine(candidate, "init_v.npy"))) return candidate;
            }
        throw new DirectoryNotFoundException(
            $"--reference needs Brian2's data in {Path.Combine(Parts)} of the DynLang repository, but no folder above " +
            $"{AppContext.BaseDirectory} or {Directory.GetCurrentDirectory()} has it (with init_v.npy inside). " +
            "Run the sample from a clone of the repository, or leave out --reference.");
    }
}
