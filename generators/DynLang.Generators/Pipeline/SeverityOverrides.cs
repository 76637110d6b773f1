using DynLang.Core.Configuration;
using Microsoft.CodeAnalysis.Diagnostics;
using CoreDiagnostics = DynLang.Core.Diagnostics;
using CoreOverrides = DynLang.Core.Configuration.SeverityOverrides;

namespace DynLang.Generators.Pipeline;

/// <summary>
/// Per-file severities from .editorconfig sections such as <c>[*.dyn]</c> or <c>[models/**.dyn]</c>:
/// <c>dynlang_diagnostic.DL0411.severity = error</c>. The standard key
/// <c>dotnet_diagnostic.DL0411.severity</c> works in a project-wide <c>.globalconfig</c>, but Roslyn
/// applies .editorconfig sections only to diagnostics in C# files and hides those keys from
/// generators, so sections that match .dyn files use this DynLang key, which the generator applies.
/// A thin shell over DynLang.Core's <see cref="CoreOverrides"/> (which the dynlang tool uses too).
/// </summary>
internal static class SeverityOverrides
{
    public static EquatableArray<SeverityOverride> Read(AnalyzerConfigOptions options) =>
        new(CoreOverrides.Read(key => options.TryGetValue(key, out var value) ? value : null));

    /// <summary>The diagnostic with its configured severity, or null when configured off (none).</summary>
    public static DiagnosticData? Apply(DiagnosticData diagnostic, EquatableArray<SeverityOverride> overrides) =>
        CoreOverrides.Apply(diagnostic.Id, (CoreDiagnostics.DiagnosticSeverity)diagnostic.Severity, overrides) is { } severity
            ? diagnostic with { Severity = (int)severity }
            : null;
}
