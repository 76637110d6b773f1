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
        var location = data.Path.Length == 0
            ? Location.None
            : Location.Create(data.Path, new TextSpan(data.Start, data.Length),
                new LinePositionSpan(new LinePosition(data.StartLine, data.StartCharacter), new LinePosition(data.EndLine, data.EndCharacter)));
        var severity = ToRoslyn((CoreDiagnostics.DiagnosticSeverity)data.Severity);
        return Diagnostic.Create(descriptor, location, severity, additionalLocations: null, properties: null, data.Message);
    }
}
