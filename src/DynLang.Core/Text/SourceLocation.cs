namespace DynLang.Core.Text;

/// <summary>
/// Where a diagnostic points: file path, character span, and the zero-based line positions of
/// its start and end (what Roslyn's <c>Location.Create(path, span, lineSpan)</c> needs).
/// </summary>
public readonly record struct SourceLocation(string Path, TextSpan Span, LinePosition Start, LinePosition End)
{
    /// <summary>A location with no file (for diagnostics about the project as a whole).</summary>
    public static SourceLocation None { get; } = new("", default, default, default);

    /// <summary>"path(line,col)" as compilers print it.</summary>
    public override string ToString() => $"{Path}({Start})";
}
