using System.Collections.Generic;
using DynLang.Core.Diagnostics;
using DynLang.Core.Text;

namespace DynLang.Core.Compilation;

/// <summary>One generated C# file.</summary>
/// <param name="HintName">A file name unique within the file's models ("LIF.g.cs").</param>
/// <param name="Source">The C# text.</param>
public sealed record GeneratedFile(string HintName, string Source, bool IsStandIn = false)
{
    /// <summary>The model's real classes (false for the stand-in of a model that got no code).</summary>
    public bool IsModelCode => !IsStandIn;
}

/// <summary>A model declared in a file, for project-wide checks such as duplicate names.</summary>
/// <param name="Name">The model's name.</param>
/// <param name="Location">Where its name is written.</param>
/// <param name="Generated">Whether code was generated for it.</param>
public sealed record ModelSummary(string Name, SourceLocation Location, bool Generated);

/// <summary>Everything the compiler produced for one .dyn file.</summary>
public sealed class CompilationResult
{
    internal CompilationResult(IReadOnlyList<Diagnostic> diagnostics, IReadOnlyList<GeneratedFile> files, IReadOnlyList<ModelSummary> models)
    {
        Diagnostics = diagnostics;
        Files = files;
        Models = models;
    }

    /// <summary>Errors, warnings and facts, in the order they were found.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>Generated C# files, one per model without errors.</summary>
    public IReadOnlyList<GeneratedFile> Files { get; }

    /// <summary>The models of the file.</summary>
    public IReadOnlyList<ModelSummary> Models { get; }
}
