using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using DynLang.Core.Diagnostics;
using DynLang.Core.Syntax;
using DynLang.Core.Text;

namespace DynLang.Core.Compilation;

/// <summary>
/// Suppression comments in .dyn files, like C#'s #pragma warning:
/// <code>
/// // dynlang-disable-next-line DL0411          the next line only
/// dW[i,j]/dt = …                                // dynlang-disable-line DL0411   this line
/// // dynlang-disable DL0421, DL0431             from here to the end of the file, or to:
/// // dynlang-restore DL0421
/// </code>
/// Text after the ids (a reason) is allowed. Only warnings and infos can be suppressed; an error means no code is generated, and hiding
/// that would only move the failure to run time.
/// </summary>
internal sealed class Suppressions
{
    private static readonly Regex Directive = new(
        @"^//\s*dynlang-(?<verb>disable-next-line|disable-line|disable|restore)\s+(?<ids>DL\d{4}(\s*,\s*DL\d{4})*)(\s.*)?$",
        RegexOptions.CultureInvariant);

    private readonly List<(string Id, int FromLine, int ToLine)> _ranges = new();

    public Suppressions(SourceText source, IReadOnlyList<Comment> comments)
    {
        var open = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var comment in comments)
        {
            var match = Directive.Match(comment.Text.Trim());
            if (!match.Success) continue;
            int line = source.GetLinePosition(comment.Span.Start).Line;
            var ids = match.Groups["ids"].Value.Split(',').Select(id => id.Trim());
            foreach (var id in ids)
            {
                switch (match.Groups["verb"].Value)
                {
                    case "disable-next-line": _ranges.Add((id, line + 1, line + 1)); break;
                    case "disable-line": _ranges.Add((id, line, line)); break;
                    case "disable": if (!open.ContainsKey(id)) open[id] = line; break;
                    case "restore":
                        if (open.TryGetValue(id, out int from))
                        {
                            _ranges.Add((id, from, line));
                            open.Remove(id);
                        }
                        break;
                }
            }
        }
        foreach (var pair in open) _ranges.Add((pair.Key, pair.Value, int.MaxValue));
    }

    /// <summary>True when a warning or info is suppressed at its start line.</summary>
    public bool IsSuppressed(Diagnostic diagnostic) =>
        diagnostic.Severity != DiagnosticSeverity.Error
        && _ranges.Any(r => r.Id == diagnostic.Id && diagnostic.Location.Start.Line >= r.FromLine && diagnostic.Location.Start.Line <= r.ToLine);
}
