using System.Reflection;

namespace DynLang.Package.Tests.Infrastructure;

/// <summary>Paths in the repository under test.</summary>
internal static class Repo
{
    /// <summary>The repository root (ends with a separator), from the csproj's RepoRoot.</summary>
    public static string Root { get; } =
        typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value
        ?? throw new InvalidOperationException("RepoRoot metadata is missing");

    public static string GeneratorProject => Path.Combine(Root, "generators", "DynLang.Generators", "DynLang.Generators.csproj");

    public static string InRepoTargets => Path.Combine(Root, "generators", "DynLang.Generators", "DynLang.InRepo.targets");
}
