using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using DynLang.Core.Compilation;
using DynLang.Core.Diagnostics;

namespace DynLang.Core.Reporting;

/// <summary>One compiled file as the verdict summary sees it: its path, models and (configured) diagnostics.</summary>
public sealed record VerdictFile(string Path, IReadOnlyList<ModelSummary> Models, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>The summary line of one model (and, in detailed mode, its claims).</summary>
public sealed record ModelVerdicts(string Path, string Model, string Line, IReadOnlyList<string> Details);

/// <summary>
/// The per-model summary of claims and solver ("DynLang: LotkaVolterra.dyn: LotkaVolterra: invariant
/// proven; solver rk4 (chosen)"), shared by the build (the generator's DynLang.Verdicts.g.cs, printed by
/// the package's targets) and the <c>dynlang check</c> tool, so the two cannot differ.
/// </summary>
public static class VerdictSummary
{
    /// <summary>What each verdict id says, in the summary's words.</summary>
    private static readonly Dictionary<string, (string Claim, string Verdict)> Verdicts = new(StringComparer.Ordinal)
    {
        ["DL0401"] = ("assertion", "holds"), ["DL0402"] = ("assertion", "FAILS"),
        ["DL0410"] = ("symmetry", "proven"), ["DL0411"] = ("symmetry", "DISPROVEN"), ["DL0412"] = ("symmetry", "undecided"),
        ["DL0420"] = ("invariant", "proven"), ["DL0421"] = ("invariant", "DISPROVEN"), ["DL0422"] = ("invariant", "undecided"),
        ["DL0430"] = ("gradient flow", "proven"), ["DL0431"] = ("gradient flow", "DISPROVEN"), ["DL0432"] = ("gradient flow", "undecided"),
        ["DL0440"] = ("sign preservation", "proven"), ["DL0441"] = ("sign preservation", "DISPROVEN"), ["DL0442"] = ("sign preservation", "undecided"),
        ["DL0450"] = ("time step", "stable"), ["DL0451"] = ("time step", "UNSTABLE"), ["DL0452"] = ("time step", "undecided"),
        ["DL0400"] = ("check", "cannot run"),
    };

    /// <summary>True for the ids that the summary counts as claims.</summary>
    public static bool IsClaim(string id) => Verdicts.ContainsKey(id);

    /// <summary>The claim and verdict words of a claim id ("symmetry", "DISPROVEN"), or null for other ids (editor lenses use them).</summary>
    public static (string Claim, string Verdict)? Describe(string id) => Verdicts.TryGetValue(id, out var words) ? words : null;

    /// <summary>
    /// The summary of every model with a claim or a solver choice, files in ordinal path order, models in
    /// source order. Lines start with "DynLang: "; details (when <paramref name="detailed"/>) with "DynLang:   ".
    /// </summary>
    public static IReadOnlyList<ModelVerdicts> Summarize(IEnumerable<VerdictFile> files, bool detailed = false)
    {
        var result = new List<ModelVerdicts>();
        foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            string name = System.IO.Path.GetFileName(file.Path);
            var models = file.Models.OrderBy(m => m.Location.Span.Start).ToList();
            foreach (var model in models)
            {
                int start = model.Location.Span.Start;
                // A model's diagnostics: from its name up to the next model's name.
                int next = models.Where(m => m.Location.Span.Start > start).Select(m => m.Location.Span.Start).DefaultIfEmpty(int.MaxValue).Min();
                var own = file.Diagnostics.Where(d => d.Location.Span.Start >= start && d.Location.Span.Start < next).ToList();
                var claims = own.Where(d => Verdicts.ContainsKey(d.Id)).ToList();
                var solver = own.FirstOrDefault(d => d.Id == "DL0302");
                if (claims.Count == 0 && solver is null) continue;
                var parts = claims.GroupBy(d => Verdicts[d.Id]).Select(g => g.Count() == 1 ? $"{g.Key.Claim} {g.Key.Verdict}" : $"{g.Key.Claim} {g.Key.Verdict} ×{g.Count()}").ToList();
                if (solver is not null) parts.Add(Shorten(solver.Message));
                var details = new List<string>();
                if (detailed)
                    foreach (var d in claims.Concat(solver is null ? Array.Empty<Diagnostic>() : new[] { solver }).OrderBy(d => d.Location.Span.Start))
                        details.Add($"DynLang:   {name}({d.Location.Start.Line + 1},{d.Location.Start.Character + 1}): {d.Id}: {d.Message}");
                result.Add(new ModelVerdicts(file.Path, model.Name, $"DynLang: {name}: {model.Name}: {string.Join("; ", parts)}", details));
            }
        }
        return result;
    }

    /// <summary>DL0302's "no solver named: using rk4 (…)" → "solver rk4 (chosen)".</summary>
    public static string Shorten(string message)
    {
        var match = Regex.Match(message, @"using ([A-Za-z_0-9]+)");
        return match.Success ? $"solver {match.Groups[1].Value} (chosen)" : "solver chosen";
    }
}
