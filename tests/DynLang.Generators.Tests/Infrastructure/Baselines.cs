namespace DynLang.Generators.Tests.Infrastructure;

/// <summary>Checked-in expected outputs under Baselines/, with the DYNLANG_UPDATE_BASELINES=1 switch.</summary>
internal static class Baselines
{
    public static string PathOf(string fileName) => Path.Combine(TestEnvironment.TestProjectDir, "Baselines", fileName);

    /// <summary>
    /// Fails unless <paramref name="actual"/> equals the baseline file; with the update switch on,
    /// rewrites the file instead. Line endings are normalised (a checkout may convert them); every
    /// other byte counts.
    /// </summary>
    public static void AssertMatches(string fileName, string actual)
    {
        var path = PathOf(fileName);
        if (TestEnvironment.UpdateBaselines)
        {
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"no baseline {path}; run the tests with DYNLANG_UPDATE_BASELINES=1 to create it");
        var expected = File.ReadAllText(path);
        Assert.Equal(Normalize(expected), Normalize(actual));
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n");
}
