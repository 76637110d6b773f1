using System.Text.RegularExpressions;
using DynLang.Core.Text;
using DynLang.LanguageServer.Protocol;
using LspDiagnostic = DynLang.LanguageServer.Protocol.Diagnostic;

namespace DynLang.LanguageServer;

/// <summary>
/// Quick fixes for the diagnostics whose message ends with the compiler's "did you mean 'x'?" (undefined names,
/// unknown functions, units, math modes, misspelt keywords, pre./post. variables): replace the name the
/// diagnostic points at with the suggestion.
/// </summary>
public static partial class NameFixes
{
    /// <summary>The phrase NameSuggester's callers and UnitCatalog write (lower case after ';', capital after '.').</summary>
    [GeneratedRegex(@"[Dd]id you mean '([^'\r\n]+)'\?")]
    private static partial Regex Suggestion();

    /// <summary>The suggestions a message carries, in order.</summary>
    public static IReadOnlyList<string> SuggestionsIn(string message) =>
        Suggestion().Matches(message).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();

    public static IReadOnlyList<CodeAction> Of(string uri, string text, IEnumerable<LspDiagnostic> diagnostics)
    {
        var source = new SourceText("", text);
        var actions = new List<CodeAction>();
        foreach (var d in diagnostics)
        {
            var suggestions = SuggestionsIn(d.Message);
            foreach (var suggestion in suggestions)
            {
                string replacement = Unqualified(source, d.Range, suggestion);
                var edit = new WorkspaceEdit(new Dictionary<string, IReadOnlyList<TextEdit>>(StringComparer.Ordinal)
                {
                    [uri] = new[] { new TextEdit(d.Range, replacement) },
                });
                actions.Add(new CodeAction($"Change to '{suggestion}'", CodeActionKind.QuickFix, new[] { d },
                    suggestions.Count == 1 ? true : null, edit));
            }
        }
        return actions;
    }

    /// <summary>
    /// "post.g_syn" suggested for a diagnostic on the name after <c>post.</c> replaces only the name: the
    /// qualifier is already written before it.
    /// </summary>
    private static string Unqualified(SourceText source, Protocol.Range range, string suggestion)
    {
        int dot = suggestion.LastIndexOf('.');
        if (dot <= 0) return suggestion;
        int start = source.GetOffset(range.Start.Line, range.Start.Character);
        string qualifier = suggestion[..(dot + 1)];
        bool written = start >= qualifier.Length && string.CompareOrdinal(source.Text, start - qualifier.Length, qualifier, 0, qualifier.Length) == 0;
        return written ? suggestion[(dot + 1)..] : suggestion;
    }
}
