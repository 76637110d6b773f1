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
        var source = new SourceText(path, text ?? "");
        var diagnostics = new DiagnosticBag(source);
        var files = new List<GeneratedFile>();
        var models = new List<ModelSummary>();
        SyntaxTree tree;
        try
        {
            tree = SyntaxTree.Parse(source, diagnostics);
        }
        catch (Exception e)
        {
            diagnostics.Report(DiagnosticDescriptors.InternalError, new TextSpan(0, 0), "parsing the file", Describe(e));
            return new CompilationResult(diagnostics.Items.ToList(), files, models);
        }

        string ns = tree.Root.Namespace?.ToString() ?? options.DefaultNamespace;
        var seen = new Dictionary<string, Ast.ModelDecl>(StringComparer.Ordinal);
        var unique = new List<Ast.ModelDecl>();
        foreach (var model in tree.Root.Models)
        {
            if (seen.TryGetValue(model.Name.Name, out var first))
            {
                // Bug fix: two models whose names the parser had to invent ('<missing ID>', with no
                // span) are not duplicates of each other: the missing name is already reported (DL0001).
                if (model.Name.Span.Start < 0 || model.Name.Span.Length == 0) continue;
                int line = source.GetLinePosition(first.Name.Span.Start).Line + 1;
                diagnostics.Report(DiagnosticDescriptors.DuplicateModel, model.Name.Span, model.Name.Name, $"this file (line {line})");
                continue;
            }
            seen[model.Name.Name] = model;
            unique.Add(model);
        }

        // Binding and unit checking, once per model; a synapse asks for its pre and post models,
        // which are then analysed first (whatever their place in the file).
        var analysed = new Dictionary<Ast.ModelDecl, (BoundModel? Bound, bool Ok)>();
        BoundModel? Peer(string name) =>
            seen.TryGetValue(name, out var decl) && decl.Kind != Ast.ModelKind.Synapse ? Analyse(decl).Bound : null;
        (BoundModel? Bound, bool Ok) Analyse(Ast.ModelDecl model)
        {
            if (analysed.TryGetValue(model, out var done)) return done;
            analysed[model] = (null, false); // re-entry guard
            (BoundModel?, bool) result = (null, false);
            if (!tree.HasSyntaxErrorIn(model.Span) && !tree.UsesFunctionWithSyntaxError(model))
            {
                try
                {
                    int errorsBefore = diagnostics.ErrorCount;
                    var bound = Binder.Bind(model, tree.Root.Functions, diagnostics, Peer);
                    UnitChecker.Check(bound, diagnostics);
                    result = (bound, diagnostics.ErrorCount == errorsBefore);
                }
                catch (Exception e)
                {
                    diagnostics.Report(DiagnosticDescriptors.InternalError, model.HeaderSpan,
                        $"compiling {model.Kind.ToString().ToLowerInvariant()} '{model.Name.Name}'", Describe(e));
                }
            }
            analysed[model] = result;
            return result;
        }

        // Neurons and the other models first, synapses after: a synapse's code uses the classes
        // of its pre and post models, so it is generated only when theirs is.
        var generatedModels = new HashSet<string>(StringComparer.Ordinal);
        foreach (var model in unique.Where(m => m.Kind != Ast.ModelKind.Synapse).Concat(unique.Where(m => m.Kind == Ast.ModelKind.Synapse)))
        {
            var (bound, ok) = Analyse(model);
            if (bound is null || !ok) continue;
            try
            {
                ModelChecks.Run(bound, diagnostics);
                var kernel = model.Kind == Ast.ModelKind.Synapse
                    ? SynapseLowerer.Lower(bound, ns, options, generatedModels, diagnostics)
                    : ModelLowerer.Lower(bound, ns, options, diagnostics);
                if (kernel is not null)
                {
                    files.Add(new GeneratedFile(CpuEmitter.HintName(kernel), CpuEmitter.Emit(kernel)));
                    if (options.EmitIlgpu && Emit.Ilgpu.IlgpuEmitter.Supports(kernel))
                        files.Add(new GeneratedFile(Emit.Ilgpu.IlgpuEmitter.HintName(kernel), Emit.Ilgpu.IlgpuEmitter.Emit(kernel)));
                    if (options.EmitTorch && Emit.Torch.TorchEmitter.Supports(kernel))
                        files.Add(new GeneratedFile(Emit.Torch.TorchEmitter.HintName(kernel), Emit.Torch.TorchEmitter.Emit(kernel)));
                    generatedModels.Add(model.Name.Name);
                }
            }
            catch (Exception e)
            {
                diagnostics.Report(DiagnosticDescriptors.InternalError, model.HeaderSpan,
                    $"compiling {model.Kind.ToString().ToLowerInvariant()} '{model.Name.Name}'", Describe(e));
            }
        }
        foreach (var model in unique)
            models.Add(new ModelSummary(model.Name.Name, source.GetLocation(model.Name.Span), generatedModels.Contains(model.Name.Name)));
        var suppressions = new Suppressions(source, tree.Comments);
        return new CompilationResult(diagnostics.Items.Where(d => !suppressions.IsSuppressed(d)).ToList(), files, models);
    }

    private static string Describe(Exception e) => $"{e.GetType().Name}: {e.Message}";
}
