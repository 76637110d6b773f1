using System;
using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Diagnostics;

namespace DynLang.Core.Configuration;

/// <summary><c>dynlang_diagnostic.DL0411.severity = error</c>: a configured severity for one id, as written (trimmed, lower case).</summary>
public sealed record SeverityOverride(string Id, string Severity);

/// <summary>
/// Per-file severities, shared by the source generator and the <c>dynlang</c> tool so they cannot differ.
/// The generator reads <c>dynlang_diagnostic.DLxxxx.severity</c> from the .editorconfig sections
/// Roslyn matches to the .dyn file; the tool reads the same keys with <see cref="EditorConfigReader"/>.
/// Errors stay errors under <c>dynlang_diagnostic</c> keys: a model with an error gets no code, and a lower
/// severity would only hide why. Roslyn applies <c>dotnet_diagnostic</c> keys of global configs to every
/// diagnostic, errors included, and so does the tool for them.
/// </summary>
public static class SeverityOverrides
{
    /// <summary>The key prefix DynLang reads in .editorconfig sections.</summary>
    public const string DynLangPrefix = "dynlang_diagnostic.";

    /// <summary>The standard Roslyn key prefix (applied by Roslyn from global configs).</summary>
    public const string DotnetPrefix = "dotnet_diagnostic.";

    private static readonly string[] Ids = DiagnosticDescriptors.All.Select(d => d.Id).ToArray();

    /// <summary>The overrides found for every known id, with <paramref name="prefix"/> + id + ".severity" looked up by <paramref name="tryGet"/>.</summary>
    public static IReadOnlyList<SeverityOverride> Read(Func<string, string?> tryGet, string prefix = DynLangPrefix)
    {
        var found = new List<SeverityOverride>();
        foreach (var id in Ids)
        {
            var value = tryGet($"{prefix}{id}.severity");
            if (!string.IsNullOrWhiteSpace(value))
                found.Add(new SeverityOverride(id, value!.Trim().ToLowerInvariant()));
        }
        return found;
    }

    /// <summary>
    /// The severity of a diagnostic <paramref name="id"/> reported with <paramref name="severity"/> once
    /// <paramref name="overrides"/> apply, or null when configured off (<c>none</c>). Errors are unchanged;
    /// an unknown value leaves the severity as it was.
    /// </summary>
    /// <param name="errorsStay">
    /// True (the generator's rule for <c>dynlang_diagnostic</c> keys): errors are unchanged. False (Roslyn's
    /// rule for <c>dotnet_diagnostic</c> keys of global configs, which it applies to generator diagnostics,
    /// errors included: a build with <c>dotnet_diagnostic.DL0201.severity = none</c> succeeds, measured).
    /// </param>
    public static DiagnosticSeverity? Apply(string id, DiagnosticSeverity severity, IEnumerable<SeverityOverride> overrides, bool errorsStay = true)
    {
        if (errorsStay && severity == DiagnosticSeverity.Error) return severity;
        var match = overrides.FirstOrDefault(o => o.Id == id);
        if (match is null) return severity;
        return Parse(match.Severity, severity);
    }

    /// <summary>The diagnostic with its configured severity, or null when configured off.</summary>
    public static Diagnostic? Apply(Diagnostic diagnostic, IEnumerable<SeverityOverride> overrides, bool errorsStay = true) =>
        Apply(diagnostic.Id, diagnostic.Severity, overrides, errorsStay) is { } severity ? diagnostic with { Severity = severity } : null;

    /// <summary>An EditorConfig severity word: error, warning, suggestion/info, silent/hidden, none (null); anything else keeps <paramref name="current"/>.</summary>
    public static DiagnosticSeverity? Parse(string value, DiagnosticSeverity current) => value switch
    {
        "error" => DiagnosticSeverity.Error,
        "warning" => DiagnosticSeverity.Warning,
        "suggestion" or "info" => DiagnosticSeverity.Info,
        "silent" or "hidden" => DiagnosticSeverity.Hidden,
        "none" => null,
        _ => current,
    };
}
