using DynLang.Core.Reporting;
using DynLang.Core.Text;
using DynLang.LanguageServer.Protocol;
using LspDiagnostic = DynLang.LanguageServer.Protocol.Diagnostic;

namespace DynLang.LanguageServer;

/// <summary>
/// Code lenses from the build's diagnostics: one per claim verdict (the ids <see cref="VerdictSummary.IsClaim"/>
/// counts), above the claim, titled with what is claimed and the verdict in the summary's words
/// ("symmetric(W): proven", "invariant H: DISPROVEN (…)", "time step: UNSTABLE (…)"), and one per solver the compiler chose (DL0302).
/// </summary>
public static class VerdictLenses
{
    /// <summary>Longest reason shown after a negative verdict; the diagnostic's message has the rest.</summary>
    private const int MaxReason = 60;

    /// <summary>Longest claim text taken from the source (a long condition is cut).</summary>
    private const int MaxSubject = 40;

    public static IReadOnlyList<CodeLens> Of(string text, IReadOnlyList<LspDiagnostic> diagnostics)
    {
        var source = new SourceText("", text);
        var lenses = new List<CodeLens>();
        foreach (var d in diagnostics)
        {
            string? title = d.Code == "DL0302" ? VerdictSummary.Shorten(d.Message) : Title(source, d);
            if (title is null) continue;
            lenses.Add(new CodeLens(d.Range, new Protocol.Command(title, "")));
        }
        return lenses;
    }

    private static string? Title(SourceText source, LspDiagnostic d)
    {
        if (!VerdictSummary.IsClaim(d.Code) || VerdictSummary.Describe(d.Code) is not { } words) return null;
        string subject = Subject(source, d.Range) ?? words.Claim;
        string title = $"{subject}: {words.Verdict}";
        // The summary writes failed claims in capitals (DISPROVEN, FAILS, UNSTABLE): those say why (the residual,
        // the counterexample); the others are complete as they are.
        bool negative = words.Verdict.Any(char.IsLetter) && words.Verdict.Where(char.IsLetter).All(char.IsUpper);
        if (negative && Reason(d.Message) is { } reason) title += $" ({reason})";
        return title;
    }

    /// <summary>The claim as written at the diagnostic: <c>assert symmetric(W)</c> → "symmetric(W)", <c>invariant H = …</c> → "invariant H".</summary>
    private static string? Subject(SourceText source, Protocol.Range range)
    {
        if (range.Start.Line != range.End.Line) return null;
        int start = source.GetOffset(range.Start.Line, range.Start.Character);
        int end = source.GetOffset(range.End.Line, range.End.Character);
        if (end <= start) return null;
        string text = source.Text.Substring(start, end - start).Trim();
        // Only a claim written as a member names itself; a verdict elsewhere (the time step's, on the solver
        // line) is titled with the summary's word for its claim.
        if (text.StartsWith("assert ", StringComparison.Ordinal)) text = text["assert ".Length..].Trim();
        else if (text.StartsWith("invariant ", StringComparison.Ordinal) || text.StartsWith("energy ", StringComparison.Ordinal))
        {
            int assign = text.IndexOf('=');
            if (assign > 0) text = text[..assign].Trim();
        }
        else return null;
        if (text.Length == 0) return null;
        return text.Length <= MaxSubject ? text : text[..(MaxSubject - 1)] + "…";
    }

    /// <summary>What follows the message's first ": " (the checks write "claim verdict: reason"), shortened.</summary>
    private static string? Reason(string message)
    {
        int colon = message.IndexOf(": ", StringComparison.Ordinal);
        string reason = (colon >= 0 ? message[(colon + 2)..] : message).Trim();
        if (reason.Length == 0) return null;
        return reason.Length <= MaxReason ? reason : reason[..(MaxReason - 1)] + "…";
    }
}
