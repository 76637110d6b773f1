using System.Text.RegularExpressions;
using DynLang.Core.Compilation;
using DynLang.Core.Diagnostics;
using DynLang.Core.Tests.TestSupport;

namespace DynLang.Core.Tests.Checks;

/// <summary>
/// The seed models of the symbolic checks (Hebb, Oja, Lotka–Volterra, exchange networks, heat and
/// Gray–Scott fields, Hopfield, curl descent, exponentiated gradient, parameter conditions,
/// suppressions): each file gives exactly the verdicts written at its end — proven (Info),
/// does not hold (Warning), undecided — with exact spans and messages, so a check that quietly
/// changes its answer fails here.
/// </summary>
public sealed class ChecksCorpusTests
{
    public static TheoryData<string> Files => TestFiles.Names("Checks/Models");

    private static readonly Regex Expectation = new(
        @"^//!\s+(?<id>DL\d{4})\s+(?<l1>\d+):(?<c1>\d+)-(?<l2>\d+):(?<c2>\d+)\s+""(?<message>.*)""\s*$", RegexOptions.Multiline);

    [Theory]
    [MemberData(nameof(Files))]
    public void ModelGivesExactlyTheExpectedVerdicts(string name)
    {
        string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Checks/Models", name));
        var expected = Expectation.Matches(text)
            .Select(m => $"{m.Groups["id"].Value} {m.Groups["l1"].Value}:{m.Groups["c1"].Value}-{m.Groups["l2"].Value}:{m.Groups["c2"].Value} {m.Groups["message"].Value}")
            .OrderBy(s => s, StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);

        var result = DynCompiler.Compile(name, text);
        var actual = result.Diagnostics
            .Where(d => d.Severity >= DiagnosticSeverity.Warning || d.Id.StartsWith("DL04", StringComparison.Ordinal))
            .Select(d => $"{d.Id} {d.Location.Start.Line + 1}:{d.Location.Start.Character + 1}-{d.Location.End.Line + 1}:{d.Location.End.Character + 1} {d.Message}")
            .OrderBy(s => s, StringComparer.Ordinal).ToList();
        Assert.Equal(expected, actual);
    }
}
