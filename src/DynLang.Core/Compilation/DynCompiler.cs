using System;
using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Binding;
using DynLang.Core.Checks;
using DynLang.Core.Diagnostics;
using DynLang.Core.Emit.Cpu;
using DynLang.Core.Lowering;
using DynLang.Core.Syntax;
using DynLang.Core.Text;
using DynLang.Core.Units;

namespace DynLang.Core.Compilation;

/// <summary>
/// The whole pipeline for one .dyn file: parse, bind, check units, lower, emit. Each model is
/// compiled on its own, so an error in one model leaves the others' code intact. Never throws:
/// an internal failure becomes diagnostic DL0900 located on the model it happened in.
/// </summary>
public static class DynCompiler
{
    /// <summary>Compiles the text of one .dyn file.</summary>
    public static CompilationResult Compile(string path, string text, CompileOptions? options = null)
    {
        options ??= CompileOptions.Default;
        var analysis = FileAnalysis.Parse(path, text ?? "");
        var source = analysis.Source;
        var diagnostics = analysis.Diagnostics;
        var files = new List<GeneratedFile>();
        var models = new List<ModelSummary>();
        if (analysis.Tree is not { } tree) return new CompilationResult(diagnostics.Items.ToList(), files, models);

        string ns = tree.Root.Namespace?.ToString() ?? options.DefaultNamespace;
        var unique = analysis.Models;
        // Binding and unit checking, once per model (FileAnalysis.Analyse); a synapse asks for its
        // pre and post models, which are then analysed first (whatever their place in the file).

        // Neurons and the other models first, synapses after: a synapse's code uses the classes
        // of its pre and post models, so it is generated only when theirs is.
        var generatedModels = new HashSet<string>(StringComparer.Ordinal);
        foreach (var model in unique.Where(m => m.Kind != Ast.ModelKind.Synapse).Concat(unique.Where(m => m.Kind == Ast.ModelKind.Synapse)))
        {
            var (bound, ok) = analysis.Analyse(model);
            if (bound is null || !ok) continue;
            try
            {
                ModelChecks.Run(bound, diagnostics);
                var kernel = model.Kind == Ast.ModelKind.Synapse
                    ? SynapseLowerer.Lower(bound, ns, options, generatedModels, diagnostics)
                    : ModelLowerer.Lower(bound, ns, options, diagnostics);
                if (kernel is not null)
                {
                    bool unitsNet = options.EmitUnitsNet && Emit.UnitsNet.UnitsNetEmitter.Supports(kernel);
                    files.Add(new GeneratedFile(CpuEmitter.HintName(kernel), CpuEmitter.Emit(kernel, partialParameters: unitsNet)));
                    if (unitsNet)
                        files.Add(new GeneratedFile(Emit.UnitsNet.UnitsNetEmitter.HintName(kernel), Emit.UnitsNet.UnitsNetEmitter.Emit(kernel)));
                    if (options.EmitIlgpu && kernel.Shape == Lowering.Ir.KernelShape.Synapse && kernel.Synapse is not null
                        && Emit.Ilgpu.SynapseDeviceRule.Unsupported(kernel) is { } noDevice)
                        diagnostics.Report(DiagnosticDescriptors.NoDeviceClass, model.HeaderSpan, model.Name.Name, noDevice);
                    if (options.EmitIlgpu && Emit.Ilgpu.IlgpuEmitter.Supports(kernel))
                        files.Add(new GeneratedFile(Emit.Ilgpu.IlgpuEmitter.HintName(kernel), Emit.Ilgpu.IlgpuEmitter.Emit(kernel)));
                    if (Emit.Backends.BackendFactoryEmitter.Supports(kernel))
                        files.Add(new GeneratedFile(Emit.Backends.BackendFactoryEmitter.HintName(kernel), Emit.Backends.BackendFactoryEmitter.Emit(kernel, ilgpu: options.EmitIlgpu)));
                    if (options.EmitTorch && Emit.Torch.TorchEmitter.Supports(kernel))
                    {
                        files.Add(new GeneratedFile(Emit.Torch.TorchEmitter.HintName(kernel), Emit.Torch.TorchEmitter.Emit(kernel)));
                        // A field's physics-informed residuals (docs/pinn.md), beside the Torch class whose ParameterTensors they share.
                        if (kernel.Shape == Lowering.Ir.KernelShape.Field)
                        {
                            if (Emit.Torch.Pinn.PinnEmitter.TryEmit(bound, kernel, source, out var noPinn) is { } pinn)
                                files.Add(new GeneratedFile(Emit.Torch.Pinn.PinnEmitter.HintName(kernel), pinn));
                            else if (noPinn is not null)
                                diagnostics.Report(DiagnosticDescriptors.NoPinnClass, noPinn.Span, model.Name.Name, noPinn.Reason);
                        }
                    }
                    generatedModels.Add(model.Name.Name);
                }
            }
            catch (InsufficientExecutionStackException)
            {
                analysis.ReportTooDeep(model);
            }
            catch (Exception e)
            {
                diagnostics.Report(DiagnosticDescriptors.InternalError, model.HeaderSpan,
                    $"compiling {model.Kind.ToString().ToLowerInvariant()} '{model.Name.Name}'", Describe(e));
            }
        }
        foreach (var model in unique)
            models.Add(new ModelSummary(model.Name.Name, source.GetLocation(model.Name.Span), generatedModels.Contains(model.Name.Name)));
        // One mistake, one error: a model without code still gets its class, declaring what the model
        // declares, so C# that uses it reports nothing more; constructing it throws.
        foreach (var model in unique.Where(m => !generatedModels.Contains(m.Name.Name)))
        {
            try
            {
                files.Add(new GeneratedFile(Emit.Cpu.StubEmitter.HintName(model),
                    Emit.Cpu.StubEmitter.Emit(model, ns, System.IO.Path.GetFileName(path), StubReason(model, diagnostics, source)), IsStandIn: true));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                diagnostics.Report(DiagnosticDescriptors.InternalError, model.HeaderSpan,
                    $"writing the stand-in class of '{model.Name.Name}'", Describe(e));
            }
        }
        var suppressions = new Suppressions(source, tree.Comments);
        return new CompilationResult(diagnostics.Items.Where(d => !suppressions.IsSuppressed(d)).ToList(), files, models);
    }

    /// <summary>Why a model has no code, for the stand-in's exception: its first error, or the file's.</summary>
    private static string StubReason(Ast.ModelDecl model, DiagnosticBag diagnostics, SourceText source)
    {
        var errors = diagnostics.Items.Where(d => d.IsError).ToList();
        var own = errors.FirstOrDefault(d => d.Location.Span.Start >= model.Span.Start && d.Location.Span.Start <= model.Span.End);
        var first = own ?? errors.FirstOrDefault();
        string file = System.IO.Path.GetFileName(source.Path);
        if (first is null) return $"{model.Kind.ToString().ToLowerInvariant()} '{model.Name.Name}' got no code";
        string where = $"{file}({first.Location.Start.Line + 1},{first.Location.Start.Character + 1}): {first.Id}";
        int more = errors.Count(d => d.Location.Span.Start >= model.Span.Start && d.Location.Span.Start <= model.Span.End) - 1;
        return own is not null
            ? $"{model.Kind.ToString().ToLowerInvariant()} '{model.Name.Name}' has errors ({where}{(more > 0 ? $", and {more} more" : "")})"
            : $"{model.Kind.ToString().ToLowerInvariant()} '{model.Name.Name}' got no code because of errors elsewhere in {file} ({where})";
    }

    private static string Describe(Exception e) => FileAnalysis.Describe(e);
}
