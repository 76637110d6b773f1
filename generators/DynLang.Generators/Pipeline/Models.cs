using System;
using DynLang.Core.Configuration;

namespace DynLang.Generators.Pipeline;

/// <summary>
/// A .dyn file as the pipeline sees it: path, text, and the severities that .editorconfig sets for
/// DynLang ids in sections matching this file (no Roslyn objects).
/// </summary>
internal sealed record DynSource(string Path, string Text, EquatableArray<SeverityOverride> Severities);

/// <summary>The generator's MSBuild options.</summary>
/// <param name="Precision">"double" or "float" (as written; validated when compiling).</param>
/// <param name="Namespace">Namespace of generated types.</param>
/// <param name="Ilgpu">True when the project references ILGPU and DynLang.Ilgpu: the ILGPU classes are emitted too.</param>
/// <param name="Torch">True when the project references TorchSharp: the TorchSharp classes are emitted too.</param>
/// <param name="UnitsNet">True when the project references UnitsNet: the typed parameter accessors are emitted too.</param>
/// <param name="Verdicts">DynLangVerdicts: "summary" (one line per model printed by the build), "detailed" (every claim) or "none".</param>
/// <param name="IlgpuRuntimeMissing">True when the project references ILGPU but not DynLang.Ilgpu (DL0903, no ILGPU classes).</param>
/// <param name="Math">DynLangMath: "platform" (default) or "fast", for models without a <c>math</c> member (as written; validated when assembling).</param>
internal sealed record GeneratorOptions(string Precision, string Namespace, bool Ilgpu = false, bool Torch = false, bool UnitsNet = false, string Verdicts = "summary",
    string Math = "platform", bool IlgpuRuntimeMissing = false);

/// <summary>A diagnostic as plain data: everything needed to rebuild a Roslyn diagnostic.</summary>
internal sealed record DiagnosticData(
    string Id,
    int Severity,
    string Message,
    string Path,
    int Start,
    int Length,
    int StartLine,
    int StartCharacter,
    int EndLine,
    int EndCharacter) : IEquatable<DiagnosticData>;

/// <summary>One generated C# source.</summary>
internal sealed record SourceData(string ModelName, string HintName, string Text);

/// <summary>A model declared in a file (for duplicate detection across files).</summary>
internal sealed record ModelData(string Name, DiagnosticData NameLocation);

/// <summary>What compiling one .dyn file produced.</summary>
internal sealed record FileResult(
    string Path,
    EquatableArray<SourceData> Sources,
    EquatableArray<DiagnosticData> Diagnostics,
    EquatableArray<ModelData> Models);

/// <summary>What the whole project produces: sources to add and diagnostics to report.</summary>
internal sealed record ProjectResult(EquatableArray<SourceData> Sources, EquatableArray<DiagnosticData> Diagnostics);
