using System;
using System.Linq;
using DynLang.Generators.Pipeline;
using Microsoft.CodeAnalysis;

namespace DynLang.Generators;

/// <summary>
/// Compiles the project's <c>*.dyn</c> files (AdditionalFiles) into C# model classes.
/// <para>Pipeline (each step named, for caching tests):</para>
/// <list type="number">
/// <item><see cref="TrackingNames.Ilgpu"/>: the compilation → whether it references the ILGPU assembly (a bool,
/// so a C# edit stops here: the compilation changes on every keystroke, the answer almost never).</item>
/// <item><see cref="TrackingNames.Torch"/>: the same for the TorchSharp assembly.</item>
/// <item><see cref="TrackingNames.UnitsNet"/>: the same for the UnitsNet assembly (typed parameter accessors).</item>
/// <item><see cref="TrackingNames.Options"/>: MSBuild options and those bools → <see cref="GeneratorOptions"/>.</item>
/// <item><see cref="TrackingNames.Sources"/>: each .dyn AdditionalFile → <see cref="DynSource"/> (path, text).</item>
/// <item><see cref="TrackingNames.Compiled"/>: each file compiled by DynLang.Core → <see cref="FileResult"/>;
/// an edit to one file recompiles only that file.</item>
/// <item><see cref="TrackingNames.Project"/>: all files → <see cref="ProjectResult"/> (duplicate models across files).</item>
/// </list>
/// Every model is plain equatable data; no Roslyn symbol, syntax node or location is cached.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class DynLangGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var referencesIlgpu = context.CompilationProvider
            .Select((compilation, _) => (Ilgpu: ReferencesIlgpu(compilation), Runtime: ReferencesIlgpuRuntime(compilation)))
            .WithTrackingName(TrackingNames.Ilgpu);

        var referencesTorch = context.CompilationProvider
            .Select((compilation, _) => ReferencesTorchSharp(compilation))
            .WithTrackingName(TrackingNames.Torch);

        var referencesUnitsNet = context.CompilationProvider
            .Select((compilation, _) => ReferencesUnitsNet(compilation))
            .WithTrackingName(TrackingNames.UnitsNet);

        var options = context.AnalyzerConfigOptionsProvider
            .Select((provider, _) => ReadOptions(provider.GlobalOptions))
            .Combine(referencesIlgpu)
            .Select((pair, _) => pair.Left with { Ilgpu = pair.Right.Ilgpu && pair.Right.Runtime, IlgpuRuntimeMissing = pair.Right.Ilgpu && !pair.Right.Runtime })
            .Combine(referencesTorch)
            .Select((pair, _) => pair.Left with { Torch = pair.Right })
            .Combine(referencesUnitsNet)
            .Select((pair, _) => pair.Left with { UnitsNet = pair.Right })
            .WithTrackingName(TrackingNames.Options);

        var sources = context.AdditionalTextsProvider
            .Where(text => text.Path.EndsWith(".dyn", StringComparison.OrdinalIgnoreCase))
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select((pair, cancellationToken) => new DynSource(pair.Left.Path, pair.Left.GetText(cancellationToken)?.ToString() ?? "",
                SeverityOverrides.Read(pair.Right.GetOptions(pair.Left))))
            .WithTrackingName(TrackingNames.Sources);

        var compiled = sources
            .Combine(options)
            .Select((pair, _) => FileCompiler.Compile(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Compiled);

        var project = compiled.Collect()
            .Combine(options)
            .Select((pair, _) => ProjectAssembler.AssembleSafely(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Project);

        // The last line of defence: an exception escaping a generator is CS8785 and removes every
        // generated class of the project. Each diagnostic and each source is added on its own, and
        // a failure becomes DL0900 located at its file, so the other files' classes survive.
        context.RegisterSourceOutput(project, static (output, result) =>
        {
            foreach (var diagnostic in result.Diagnostics)
            {
                try
                {
                    output.ReportDiagnostic(RoslynDiagnostics.ToRoslyn(diagnostic));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    output.ReportDiagnostic(RoslynDiagnostics.InternalError(diagnostic.Path, $"reporting {diagnostic.Id}", e));
                }
            }
            foreach (var source in result.Sources)
            {
                try
                {
                    output.AddSource(source.HintName, source.Text);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    output.ReportDiagnostic(RoslynDiagnostics.InternalError("", $"adding the source of model '{source.ModelName}'", e));
                }
            }
        });
    }

    /// <summary>
    /// The ILGPU classes are emitted only for projects that reference ILGPU: elsewhere they would not
    /// compile. Detected by assembly name, so any ILGPU version that has the API used is accepted.
    /// </summary>
    internal static bool ReferencesIlgpu(Compilation compilation) =>
        compilation.ReferencedAssemblyNames.Any(a => string.Equals(a.Name, "ILGPU", StringComparison.Ordinal));

    /// <summary>
    /// The ILGPU classes also need DynLang.Ilgpu (device spike lists, delays, sources, recorders): a
    /// project that references ILGPU without it gets no ILGPU classes and warning DL0903.
    /// </summary>
    internal static bool ReferencesIlgpuRuntime(Compilation compilation) =>
        compilation.ReferencedAssemblyNames.Any(a => string.Equals(a.Name, "DynLang.Ilgpu", StringComparison.Ordinal));

    /// <summary>
    /// The TorchSharp classes are emitted only for projects that reference TorchSharp: elsewhere they
    /// would not compile. Detected by assembly name, so any TorchSharp version with the API used is accepted.
    /// </summary>
    internal static bool ReferencesTorchSharp(Compilation compilation) =>
        compilation.ReferencedAssemblyNames.Any(a => string.Equals(a.Name, "TorchSharp", StringComparison.Ordinal));

    /// <summary>
    /// The typed UnitsNet accessors of the parameters are emitted only for projects that reference
    /// UnitsNet: elsewhere they would not compile. Detected by assembly name.
    /// </summary>
    internal static bool ReferencesUnitsNet(Compilation compilation) =>
        compilation.ReferencedAssemblyNames.Any(a => string.Equals(a.Name, "UnitsNet", StringComparison.Ordinal));

    private static GeneratorOptions ReadOptions(Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions options)
    {
        options.TryGetValue("build_property.DynLangPrecision", out var precision);
        options.TryGetValue("build_property.DynLangNamespace", out var ns);
        if (string.IsNullOrWhiteSpace(ns)) options.TryGetValue("build_property.RootNamespace", out ns);
        precision = string.IsNullOrWhiteSpace(precision) ? "double" : precision!.Trim().ToLowerInvariant();
        ns = string.IsNullOrWhiteSpace(ns) ? "DynLang.Models" : ns!.Trim();
        options.TryGetValue("build_property.DynLangVerdicts", out var verdicts);
        verdicts = string.IsNullOrWhiteSpace(verdicts) ? "summary" : verdicts!.Trim().ToLowerInvariant();
        options.TryGetValue("build_property.DynLangMath", out var math);
        math = string.IsNullOrWhiteSpace(math) ? "platform" : math!.Trim().ToLowerInvariant();
        return new GeneratorOptions(precision!, ns!, Verdicts: verdicts!, Math: math!);
    }
}
