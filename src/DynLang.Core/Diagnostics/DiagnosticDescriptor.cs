namespace DynLang.Core.Diagnostics;

/// <summary>
/// The fixed description of one diagnostic id: what the generator reports to Roslyn, what the
/// docs page <c>docs/diagnostics/DLxxxx.md</c> explains. All instances live in
/// <see cref="DiagnosticDescriptors"/>.
/// </summary>
public sealed class DiagnosticDescriptor
{
    /// <summary>Base of the help link; the id and ".md" are appended.</summary>
    public const string HelpLinkBase = "https://github.com/dynlang/dynlang/blob/main/docs/diagnostics/";

    internal DiagnosticDescriptor(string id, string title, string messageFormat, string category,
        DiagnosticSeverity defaultSeverity)
    {
        Id = id;
        Title = title;
        MessageFormat = messageFormat;
        Category = category;
        DefaultSeverity = defaultSeverity;
    }

    /// <summary>"DLxxxx".</summary>
    public string Id { get; }

    /// <summary>Short title (one line, no trailing period).</summary>
    public string Title { get; }

    /// <summary>A <see cref="string.Format(string, object[])"/> pattern for the message.</summary>
    public string MessageFormat { get; }

    /// <summary>Syntax, Names, Units, Solvers, Checks, Generator or Internal.</summary>
    public string Category { get; }

    /// <summary>Severity unless the user configures another (editorconfig).</summary>
    public DiagnosticSeverity DefaultSeverity { get; }

    /// <summary>The documentation page of this id.</summary>
    public string HelpLink => HelpLinkBase + Id + ".md";

    /// <inheritdoc/>
    public override string ToString() => Id;
}
