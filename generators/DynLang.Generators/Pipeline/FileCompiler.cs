using System;
using System.Linq;
using DynLang.Core.Compilation;
using DynLang.Core.Diagnostics;
using DynLang.Core.Lowering;
using DynLang.Core.Lowering.Ir;
using DynLang.Core.Text;

namespace DynLang.Generators.Pipeline;

/// <summary>The per-file step: compiles one .dyn file with DynLang.Core into plain, equatable data.</summary>
internal static class FileCompiler
{
    public static FileResult Compile(DynSource source, GeneratorOptions options)
    {
        try
        {
            var compileOptions = new CompileOptions(
                options.Precision == "float" ? Precision.Float : Precision.Double,
                options.Namespace,
                options.Ilgpu,
                options.Torch,
                options.UnitsNet,
                // An invalid DynLangMath is reported once for the project (ProjectAssembler, DL0901) and means platform.
                MathModes.TryParse(options.Math, out var math) ? math : MathMode.Platform);
            var result = DynCompiler.Compile(source.Path, source.Text, compileOptions);
            return new FileResult(
                source.Path,
                new EquatableArray<SourceData>(result.Files.Select(f => new SourceData(ModelNameOf(f.HintName), f.HintName, f.Source))),
                new EquatableArray<DiagnosticData>(result.Diagnostics.Select(ToData)
                    .Select(d => SeverityOverrides.Apply(d, source.Severities)).Where(d => d is not null).Cast<DiagnosticData>()),
                new EquatableArray<ModelData>(result.Models.Select(m =>
                    new ModelData(m.Name, ToData(Diagnostic.Create(DiagnosticDescriptors.DuplicateModel, m.Location, m.Name, ""))))));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // DynCompiler never throws by design; this is the last line of defence: DL0900 at the
            // start of the file, and the project's other files still get their classes.
            var location = new SourceLocation(source.Path, default, default, default);
            var diagnostic = Diagnostic.Create(DiagnosticDescriptors.InternalError, location, "compiling the file", $"{e.GetType().Name}: {e.Message}");
            return new FileResult(source.Path, EquatableArray<SourceData>.Empty,
                new EquatableArray<DiagnosticData>(new[] { ToData(diagnostic) }), EquatableArray<ModelData>.Empty);
        }
    }

    /// <summary>"LIF.g.cs", the ILGPU file "LIF.Ilgpu.g.cs" the TorchSharp file "LIF.Torch.g.cs" and the UnitsNet file "LIF.UnitsNet.g.cs" all belong to model LIF (a duplicate model drops them all).</summary>
    private static string ModelNameOf(string hintName)
    {
        string stem = hintName.Substring(0, hintName.Length - ".g.cs".Length);
        foreach (var backend in new[] { ".Ilgpu", ".Torch", ".UnitsNet", ".Backends" })
            if (stem.EndsWith(backend, StringComparison.Ordinal)) return stem.Substring(0, stem.Length - backend.Length);
        return stem;
    }

    public static DiagnosticData ToData(Diagnostic diagnostic)
    {
        var location = diagnostic.Location;
        return new DiagnosticData(diagnostic.Id, (int)diagnostic.Severity, diagnostic.Message, location.Path,
            location.Span.Start, location.Span.Length, location.Start.Line, location.Start.Character,
            location.End.Line, location.End.Character);
    }
}
