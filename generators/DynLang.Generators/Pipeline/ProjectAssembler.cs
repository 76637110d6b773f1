using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DynLang.Core.Diagnostics;
using DynLang.Core.Lowering.Ir;
using DynLang.Core.Text;

namespace DynLang.Generators.Pipeline;

/// <summary>
/// The project-wide step: checks what no single file can (a model name declared in two files),
/// drops the sources of duplicates (they would not compile), and makes hint names unique.
/// Files are taken in path order so the result does not depend on the order Roslyn lists them.
/// </summary>
internal static class ProjectAssembler
{
    /// <summary>
    /// <see cref="Assemble"/>, never throwing: on an exception (a bug), every file's diagnostics
    /// and a project-level DL0900, and no sources (they could not be checked for duplicates).
    /// </summary>
    public static ProjectResult AssembleSafely(ImmutableArray<FileResult> files, GeneratorOptions options)
    {
        try
        {
            return Assemble(files, options);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var diagnostics = files.SelectMany(f => f.Diagnostics).ToList();
            diagnostics.Add(FileCompiler.ToData(Diagnostic.Create(DiagnosticDescriptors.InternalError,
                new SourceLocation("", default, default, default), "assembling the project's models", $"{e.GetType().Name}: {e.Message}")));
            return new ProjectResult(EquatableArray<SourceData>.Empty, new EquatableArray<DiagnosticData>(diagnostics));
        }
    }

    public static ProjectResult Assemble(ImmutableArray<FileResult> files, GeneratorOptions options)
    {
        var sources = new List<SourceData>();
        var diagnostics = new List<DiagnosticData>();
        if (options.Precision is not ("double" or "float"))
        {
            var location = new SourceLocation("", default, default, default);
            diagnostics.Add(FileCompiler.ToData(Diagnostic.Create(DiagnosticDescriptors.InvalidBuildOption, location,
                $"DynLangPrecision must be 'float' or 'double', found '{options.Precision}'; using double")));
        }
        if (!MathModes.TryParse(options.Math, out _))
        {
            var location = new SourceLocation("", default, default, default);
            diagnostics.Add(FileCompiler.ToData(Diagnostic.Create(DiagnosticDescriptors.InvalidBuildOption, location,
                $"DynLangMath must be 'platform' or 'fast', found '{options.Math}'; using platform" +
                (MathModes.Closest(options.Math) is { } close ? $" (did you mean '{close}'?)" : ""))));
        }
        if (options.IlgpuRuntimeMissing)
        {
            var location = new SourceLocation("", default, default, default);
            diagnostics.Add(FileCompiler.ToData(Diagnostic.Create(DiagnosticDescriptors.IlgpuRuntimeMissing, location,
                "The project references ILGPU but not DynLang.Ilgpu, which the ILGPU classes need: no ILGPU classes are generated. " +
                "Add <PackageReference Include=\"DynLang.Ilgpu\" /> (in this repository: a ProjectReference to src/DynLang.Ilgpu).")));
        }
        var firstDeclaration = new Dictionary<string, string>(StringComparer.Ordinal);
        var hintNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            diagnostics.AddRange(file.Diagnostics);
            var duplicates = new HashSet<string>(StringComparer.Ordinal);
            foreach (var model in file.Models)
            {
                if (firstDeclaration.TryGetValue(model.Name, out var otherPath))
                {
                    duplicates.Add(model.Name);
                    var at = model.NameLocation;
                    diagnostics.Add(at with
                    {
                        Id = DiagnosticDescriptors.DuplicateModel.Id,
                        Severity = (int)DiagnosticSeverity.Error,
                        Message = string.Format(DiagnosticDescriptors.DuplicateModel.MessageFormat, model.Name, otherPath),
                    });
                }
                else
                {
                    firstDeclaration[model.Name] = file.Path;
                }
            }
            foreach (var source in file.Sources)
            {
                if (duplicates.Contains(source.ModelName)) continue;
                string hint = source.HintName;
                for (int n = 2; !hintNames.Add(hint); n++) hint = $"{source.ModelName}.{n}.g.cs";
                sources.Add(source with { HintName = hint });
            }
        }
        if (VerdictSummary.Build(files, options.Verdicts) is { } verdicts) sources.Add(verdicts);
        // The PINN loss weighting is model-independent TorchSharp code: one file per TorchSharp project.
        if (options.Torch) sources.Add(PinnLossWeightsSource.Build());
        return new ProjectResult(new EquatableArray<SourceData>(sources), new EquatableArray<DiagnosticData>(diagnostics));
    }
}
