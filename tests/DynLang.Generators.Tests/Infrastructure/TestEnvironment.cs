using System.Reflection;

namespace DynLang.Generators.Tests.Infrastructure;

/// <summary>Facts baked into the test assembly by the csproj, and the baseline update switch.</summary>
internal static class TestEnvironment
{
    /// <summary>The SDK's reference assemblies for the test's target framework.</summary>
    public static string RefPackDir => Metadata("RefPackDir");

    /// <summary>The test project's folder (Models/, Baselines/).</summary>
    public static string TestProjectDir => Metadata("TestProjectDir");

    /// <summary>The generator project's folder.</summary>
    public static string GeneratorDir => Metadata("GeneratorDir");

    /// <summary>
    /// True when DYNLANG_UPDATE_BASELINES=1: tests rewrite their checked-in expectations instead of
    /// comparing (then pass). Review the diff before committing.
    /// </summary>
    public static bool UpdateBaselines => Environment.GetEnvironmentVariable("DYNLANG_UPDATE_BASELINES") == "1";

    private static string Metadata(string key) =>
        typeof(TestEnvironment).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"assembly metadata '{key}' is missing (see the csproj)");
}
