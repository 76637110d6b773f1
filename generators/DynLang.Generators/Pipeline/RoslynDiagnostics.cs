using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using CoreDiagnostics = DynLang.Core.Diagnostics;

namespace DynLang.Generators.Pipeline;

/// <summary>
/// Roslyn descriptors made from the one catalog in DynLang.Core (<see cref="CoreDiagnostics.DiagnosticDescriptors"/>),
/// and the conversion of plain diagnostic data into located Roslyn diagnostics.
/// </summary>
internal static class RoslynDiagnostics
{
    private static readonly Dictionary<string, DiagnosticDescriptor> Descriptors =
        CoreDiagnostics.DiagnosticDescriptors.All.ToDictionary(d => d.Id, Create);

    /// <summary>Every descriptor (for analyzers' SupportedDiagnostics and tests).</summary>
    public static IReadOnlyCollection<DiagnosticDescriptor> All => Descriptors.Values;

    public static DiagnosticDescriptor Get(string id) => Descriptors[id];

#pragma warning disable RS1017 // The ids are constants, but in DynLang.Core's catalog, which tests hold equal to AnalyzerReleases.*.md.
    private static DiagnosticDescriptor Create(CoreDiagnostics.DiagnosticDescriptor d) =>
        new(d.Id, d.Title, "{0}", d.Category, ToRoslyn(d.DefaultSeverity), isEnabledByDefault: true,
            description: null, helpLinkUri: d.HelpLink);
#pragma warning restore RS1017

    public static DiagnosticSeverity ToRoslyn(CoreDiagnostics.DiagnosticSeverity severity) => severity switch
    {
        CoreDiagnostics.DiagnosticSeverity.Error => DiagnosticSeverity.Error,
        CoreDiagnostics.DiagnosticSeverity.Warning => DiagnosticSeverity.Warning,
        CoreDiagnostics.DiagnosticSeverity.Info => DiagnosticSeverity.Info,
        _ => DiagnosticSeverity.Hidden,
    };

    public static Diagnostic ToRoslyn(DiagnosticData data)
    {
        var descriptor = Get(data.Id);
        var severity = ToRoslyn((CoreDiagnostics.DiagnosticSeverity)data.Severity);
        return Diagnostic.Create(descriptor, LocationOf(data), severity, additionalLocations: null, properties: null, data.Message);
    }

    /// <summary>
    /// The diagnostic's location, made valid whatever the data holds: Roslyn's TextSpan and
    /// LinePosition throw on negative values, and an exception here would be CS8785 and cost the
    /// project every generated class. Core clamps spans where it reports; this clamps again.
    /// </summary>
    internal static Location LocationOf(DiagnosticData data)
    {
        if (data.Path.Length == 0) return Location.None;
        int start = Math.Max(0, data.Start);
        int length = Math.Max(0, data.Length);
        var from = new LinePosition(Math.Max(0, data.StartLine), Math.Max(0, data.StartCharacter));
        var to = new LinePosition(Math.Max(0, data.EndLine), Math.Max(0, data.EndCharacter));
        if (to < from) to = from;
        return Location.Create(data.Path, new TextSpan(start, length), new LinePositionSpan(from, to));
    }

    /// <summary>DL0900 at the start of <paramref name="path"/> (or the project), for an exception the generator caught.</summary>
    internal static Diagnostic InternalError(string path, string doing, Exception e)
    {
        var location = string.IsNullOrEmpty(path)
            ? Location.None
            : Location.Create(path, new TextSpan(0, 0), new LinePositionSpan(default, default));
        return Diagnostic.Create(Get(CoreDiagnostics.DiagnosticDescriptors.InternalError.Id), location,
            string.Format(CoreDiagnostics.DiagnosticDescriptors.InternalError.MessageFormat, doing, $"{e.GetType().Name}: {e.Message}"));
    }
}
