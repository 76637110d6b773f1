using DynLang.Core.Compilation;
using DynLang.Core.Diagnostics;
using DynLang.Core.Lowering;
using DynLang.Core.Tests.TestSupport;

namespace DynLang.Core.Tests.Fuzz;

/// <summary>
/// The inputs the fuzzer (tests/DynLang.Fuzz) found to break the compiler, minimised, in
/// Fuzz/Regressions: each is compiled as the fuzz target does it — every backend on, on a thread
/// with a 1 MiB stack — and must return, with no DL0900 and every diagnostic inside the file.
/// Files listed in Regressions/Pending.txt (not fixed yet on this branch) are left out.
/// </summary>
public sealed class FuzzRegressionTests
{
    private const string Folder = "Fuzz/Regressions";
    private static readonly CompileOptions Options = CompileOptions.Default with { EmitIlgpu = true, EmitTorch = true };

    private static HashSet<string> Pending() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, Folder, "Pending.txt"))
            .Select(line => line.Split('#')[0].Trim())
            .Where(name => name.Length > 0)
            .ToHashSet(StringComparer.Ordinal);

    public static TheoryData<string> Fixed()
    {
        var data = new TheoryData<string>();
        var pending = Pending();
        foreach (var name in TestFiles.In(Folder).Select(Path.GetFileName).OfType<string>().Where(name => !pending.Contains(name))) data.Add(name);
        if (data.Count == 0) data.Add("");   // xunit needs a row; "" means: none fixed yet
        return data;
    }

    [Theory]
    [MemberData(nameof(Fixed))]
    public void CompilesOnASmallStackWithLocatedDiagnosticsAndNoInternalError(string name)
    {
        if (name.Length == 0) return;
        string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, Folder, name));
        CompilationResult? result = null;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try { result = DynCompiler.Compile("fuzz.dyn", text, Options); }
            catch (Exception e) { error = e; }
        }, 1024 * 1024);
        thread.Start();
        thread.Join();
        Assert.Null(error);
        Assert.NotNull(result);
        foreach (var diagnostic in result!.Diagnostics)
        {
            Assert.NotEqual(DiagnosticDescriptors.InternalError.Id, diagnostic.Id);
            var location = diagnostic.Location;
            Assert.True(location.Path == "fuzz.dyn" && location.Span.Start >= 0 && location.Span.Start <= location.Span.End
                        && location.Span.End <= text.Length
                        && (location.Start.Line < location.End.Line
                            || (location.Start.Line == location.End.Line && location.Start.Character <= location.End.Character)),
                $"diagnostic outside the file: {diagnostic} span {location.Span}");
        }
    }

    [Fact]
    public void EveryPendingRegressionIsAFileOfTheFolder()
    {
        var names = TestFiles.In(Folder).Select(Path.GetFileName).OfType<string>().ToHashSet(StringComparer.Ordinal);
        Assert.All(Pending(), name => Assert.Contains(name, names));
    }
}
