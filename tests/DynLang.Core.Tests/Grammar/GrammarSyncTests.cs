using System.Diagnostics;
using DynLang.Core.Tests.TestSupport;

namespace DynLang.Core.Tests.Grammar;

/// <summary>
/// The C# parser is generated from grammar/*.g4 by the pinned antlr-ng and committed. This test
/// regenerates it into a temporary folder and fails when any file differs from the committed
/// copy, naming the file and the first differing line — so a grammar edit cannot ship without
/// its parser (run grammar/generate.sh to fix).
/// </summary>
public sealed class GrammarSyncTests
{
    [RequiresNodeFact]
    public void CommittedParserMatchesTheGrammar()
    {
        string root = TestFiles.RepoRoot;
        string committed = Path.Combine(root, "src/DynLang.Core/Syntax/Generated");
        string fresh = Path.Combine(Path.GetTempPath(), "dynlang-grammar-" + Guid.NewGuid().ToString("N"));
        try
        {
            var start = new ProcessStartInfo("bash", $"\"{Path.Combine(root, "grammar/generate.sh")}\" \"{fresh}\"")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            Assert.True(process.WaitForExit(300_000), "grammar/generate.sh did not finish in 5 minutes");
            Assert.True(process.ExitCode == 0, "grammar/generate.sh failed:\n" + output);

            var committedFiles = Directory.GetFiles(committed, "*.cs").Select(Path.GetFileName).OrderBy(f => f).ToList();
            var freshFiles = Directory.GetFiles(fresh, "*.cs").Select(Path.GetFileName).OrderBy(f => f).ToList();
            Assert.Equal(freshFiles, committedFiles);
            foreach (var file in freshFiles)
            {
                var expected = File.ReadAllLines(Path.Combine(fresh, file!));
                var actual = File.ReadAllLines(Path.Combine(committed, file!));
                int line = Enumerable.Range(0, Math.Min(expected.Length, actual.Length)).FirstOrDefault(i => expected[i] != actual[i], -1);
                if (line < 0 && expected.Length == actual.Length) continue;
                Assert.Fail($"{file} is out of date with the grammar (first difference at line {(line < 0 ? Math.Min(expected.Length, actual.Length) + 1 : line + 1)}): run grammar/generate.sh and commit the result.");
            }
        }
        finally
        {
            if (Directory.Exists(fresh)) Directory.Delete(fresh, recursive: true);
        }
    }
}
