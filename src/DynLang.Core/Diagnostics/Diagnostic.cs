using System;
using System.Globalization;
using DynLang.Core.Text;

namespace DynLang.Core.Diagnostics;

/// <summary>
/// One reported problem or fact, located in a <c>.dyn</c> file. Equatable by value so that the
/// source generator's incremental pipeline can cache results that carry diagnostics.
/// </summary>
public sealed record Diagnostic(string Id, DiagnosticSeverity Severity, string Message, SourceLocation Location)
{
    /// <summary>Creates a diagnostic from its descriptor and message arguments.</summary>
    public static Diagnostic Create(DiagnosticDescriptor descriptor, SourceLocation location, params object?[] args) =>
        new(descriptor.Id, descriptor.DefaultSeverity, Format(descriptor.MessageFormat, args), location);

    /// <summary>Same as <see cref="Create"/> with an explicit severity (for checks whose verdict decides it).</summary>
    public static Diagnostic Create(DiagnosticDescriptor descriptor, DiagnosticSeverity severity,
        SourceLocation location, params object?[] args) =>
        new(descriptor.Id, severity, Format(descriptor.MessageFormat, args), location);

    /// <summary>The descriptor of this id.</summary>
    public DiagnosticDescriptor Descriptor => DiagnosticDescriptors.Get(Id);

    /// <summary>True for errors: the model they concern gets no generated code.</summary>
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>"path(line,col): error DL0201: message" as a compiler prints it.</summary>
    public override string ToString() =>
        $"{Location.Path}({Location.Start}): {Severity.ToString().ToLowerInvariant()} {Id}: {Message}";

    private static string Format(string format, object?[] args)
    {
        if (args.Length == 0) return format;
        try
        {
            return string.Format(CultureInfo.InvariantCulture, format, args);
        }
        catch (FormatException)
        {
            // A malformed catalog entry must never crash the compiler; show the raw parts instead.
            return format + " [" + string.Join(", ", args) + "]";
        }
    }
}
