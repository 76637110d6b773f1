using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.Diagnostics;
using CoreDiagnostics = DynLang.Core.Diagnostics;

namespace DynLang.Generators.Pipeline;

/// <summary>
/// Per-file severities from .editorconfig sections such as <c>[*.dyn]</c> or <c>[models/**.dyn]</c>:
/// <c>dynlang_diagnostic.DL0411.severity = error</c>. The standard key
/// <c>dotnet_diagnostic.DL0411.severity</c> works in a project-wide <c>.globalconfig</c>, but Roslyn
/// applies .editorconfig sections only to diagnostics in C# files and hides those keys from
/// generators, so sections that match .dyn files use this DynLang key, which the generator applies.
/// Errors stay errors: a model with an error gets no code, and a lower severity would only hide why.
/// </summary>
internal static class SeverityOverrides
{
    private static readonly string[] Ids = CoreDiagnostics.DiagnosticDescriptors.All.Select(d => d.Id).ToArray();

    public static EquatableArray<SeverityOverride> Read(AnalyzerConfigOptions options)
    {
        var found = new List<SeverityOverride>();
        foreach (var id in Ids)
        {
            if (options.TryGetValue($"dynlang_diagnostic.{id}.severity", out var value) && !string.IsNullOrWhiteSpace(value))
                found.Add(new SeverityOverride(id, value.Trim().ToLowerInvariant()));
        }
        return new EquatableArray<SeverityOverride>(found);
    }

    /// <summary>The diagnostic with its configured severity, or null when configured off (none).</summary>
    public static DiagnosticData? Apply(DiagnosticData diagnostic, EquatableArray<SeverityOverride> overrides)
    {
        if ((CoreDiagnostics.DiagnosticSeverity)diagnostic.Severity == CoreDiagnostics.DiagnosticSeverity.Error) return diagnostic;
        var match = overrides.FirstOrDefault(o => o.Id == diagnostic.Id);
        if (match is null) return diagnostic;
        CoreDiagnostics.DiagnosticSeverity? severity = match.Severity switch
        {
            "error" => CoreDiagnostics.DiagnosticSeverity.Error,
            "warning" => CoreDiagnostics.DiagnosticSeverity.Warning,
            "suggestion" or "info" => CoreDiagnostics.DiagnosticSeverity.Info,
            "silent" or "hidden" => CoreDiagnostics.DiagnosticSeverity.Hidden,
            "none" => null,
            _ => (CoreDiagnostics.DiagnosticSeverity)diagnostic.Severity,
        };
        return severity is null ? null : diagnostic with { Severity = (int)severity.Value };
    }
}
