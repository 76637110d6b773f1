using DynLang.Runtime;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace DynLang.Generators.Tests.Infrastructure;

/// <summary>
/// What generated code is compiled against: the SDK's own net10.0 reference pack (offline: the
/// Microsoft.NETCore.App.Ref package of ReferenceAssemblies.Net.Net100 cannot be restored here)
/// and DynLang.Runtime.
/// </summary>
internal static class References
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> Framework = new(() =>
        Directory.GetFiles(TestEnvironment.RefPackDir, "*.dll")
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList());

    /// <summary>DynLang.Runtime, which generated code calls.</summary>
    public static MetadataReference Runtime { get; } =
        MetadataReference.CreateFromFile(typeof(WorkerPool).Assembly.Location);

    /// <summary>Framework + runtime.</summary>
    public static IEnumerable<MetadataReference> All => Framework.Value.Append(Runtime);

    /// <summary>For Microsoft.CodeAnalysis.Testing: no package to resolve, the references are added by hand.</summary>
    public static ReferenceAssemblies TestingReferenceAssemblies { get; } = new("net10.0");

    /// <summary>The framework references, for Microsoft.CodeAnalysis.Testing's AdditionalReferences.</summary>
    public static IReadOnlyList<MetadataReference> FrameworkReferences => Framework.Value;
}
