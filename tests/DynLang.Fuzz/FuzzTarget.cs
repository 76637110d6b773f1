using System.Text;
using DynLang.Core.Compilation;
using DynLang.Core.Diagnostics;
using DynLang.Core.Lowering;
using DynLang.Core.Navigation;

namespace DynLang.Fuzz;

/// <summary>A property violation found by the fuzz target; an exception, so afl counts it as a crash.</summary>
public sealed class FuzzFailure(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The fuzz target: compiles one input with every backend on (CPU, ILGPU, TorchSharp) on a thread
/// with a 1 MiB stack (the smallest stack the source generator may be given by a host), and checks
/// the property the generator relies on: Compile returns, no diagnostic is DL0900 (internal error,
/// i.e. a caught exception), and every diagnostic is located inside the file. A violation throws
/// <see cref="FuzzFailure"/>; so does an editor index (<see cref="SemanticIndex"/>) that stops early or
/// puts a name outside the file; a stack overflow kills the process (afl: crash); a hang is afl's -t.
/// </summary>
public static class FuzzTarget
{
    public const string Path = "fuzz.dyn";
    public const int StackSize = 1024 * 1024;

    public static readonly CompileOptions Options = CompileOptions.Default with { EmitIlgpu = true, EmitTorch = true };

    /// <summary>Decodes the bytes as UTF-8 (invalid sequences become U+FFFD, as a host reading the file would do).</summary>
    public static string Decode(byte[] bytes) => new UTF8Encoding(false, false).GetString(bytes);

    public static CompilationResult Run(string text)
    {
        CompilationResult? result = null;
        SemanticIndex? index = null;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = DynCompiler.Compile(Path, text, Options);
                index = SemanticIndex.Build(Path, text);
            }
            catch (Exception e) { error = e; }
        }, StackSize);
        thread.Start();
        thread.Join();
        if (error is not null) throw new FuzzFailure($"Compile threw {error.GetType().Name}: {error.Message}", error);
        if (result is null || index is null) throw new FuzzFailure("Compile or SemanticIndex.Build returned null");
        if (index.Failure is { } failure) throw new FuzzFailure($"SemanticIndex.Build stopped early: {failure}");
        foreach (var occurrence in index.Occurrences)
            if (occurrence.Span.Start < 0 || occurrence.Span.End > text.Length)
                throw new FuzzFailure($"indexed name outside the file: {occurrence}");
        foreach (var diagnostic in result.Diagnostics)
        {
            if (diagnostic.Id == DiagnosticDescriptors.InternalError.Id)
                throw new FuzzFailure($"internal error: {diagnostic}");
            var location = diagnostic.Location;
            bool located = location.Path == Path && location.Span.Start >= 0 && location.Span.End <= text.Length
                           && location.Span.Start <= location.Span.End
                           && (location.Start.Line < location.End.Line
                               || (location.Start.Line == location.End.Line && location.Start.Character <= location.End.Character));
            if (!located) throw new FuzzFailure($"diagnostic outside the file: {diagnostic} span {location.Span}");
        }
        return result;
    }
}
