using DynLang.Core.Compilation;

namespace DynLang.Core.Tests;

/// <summary>What tests of one model's code look at: its files without the backend interface and factory file every neuron and synapse also gets ({Model}.Backends.g.cs).</summary>
internal static class CompilationResultExtensions
{
    public static IEnumerable<GeneratedFile> ModelFiles(this CompilationResult result) =>
        result.Files.Where(f => !f.HintName.EndsWith(".Backends.g.cs", StringComparison.Ordinal));
}
