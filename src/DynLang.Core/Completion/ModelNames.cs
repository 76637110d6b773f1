using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Ast;
using DynLang.Core.Text;

namespace DynLang.Core.Completion;

/// <summary>
/// The names a model declares, read from the parser's AST of the current text (which is partial, not absent,
/// when the text has syntax errors): header inputs, params, states, inputs, definitions and functions.
/// </summary>
internal static class ModelNames
{
    /// <summary>The model named <paramref name="name"/>, preferring the one whose text holds <paramref name="offset"/> (duplicates).</summary>
    public static ModelDecl? Find(DynFile file, string? name, int offset)
    {
        if (name is null) return null;
        ModelDecl? found = null;
        foreach (var model in file.Models)
        {
            if (model.Name.Name != name) continue;
            if (model.Span.Start <= offset && offset <= model.Span.End) return model;
            found ??= model;
        }
        return found;
    }

    /// <summary>Every name an expression of <paramref name="model"/> can read, in declaration order, each once.</summary>
    public static IEnumerable<CompletionItem> Declared(SourceText source, ModelDecl model)
    {
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var item in All(source, model))
            if (Named(item.Label) && seen.Add(item.Label)) yield return item;
    }

    /// <summary>What <c>pre.</c>/<c>post.</c> reach in a neuron model: states, inputs, scalar params (as the binder allows).</summary>
    public static IEnumerable<CompletionItem> PeerVisible(SourceText source, ModelDecl peer) =>
        Declared(source, peer).Where(item => item.Kind is CompletionKind.State or CompletionKind.Input
            || (item.Kind == CompletionKind.Parameter && !item.Detail.Contains('[')));

    /// <summary>Parameters of the functions (file-level or the model's) whose text holds <paramref name="offset"/>.</summary>
    public static IEnumerable<CompletionItem> FunctionParameters(DynFile file, ModelDecl? model, int offset)
    {
        var functions = file.Functions.Concat(model?.Members.OfType<FunctionDecl>() ?? Enumerable.Empty<FunctionDecl>());
        foreach (var function in functions)
        {
            if (offset < function.Span.Start || offset > function.Span.End) continue;
            foreach (var parameter in function.Parameters)
                if (Named(parameter.Name))
                    yield return new CompletionItem(parameter.Name, CompletionKind.Variable, $"parameter of function {function.Name.Name}");
        }
    }

    /// <summary>A function as completion shows it: <c>function rho(s)</c>.</summary>
    public static CompletionItem Function(FunctionDecl function) =>
        new(function.Name.Name, CompletionKind.Function,
            $"function {function.Name.Name}({string.Join(", ", function.Parameters.Select(p => p.Name))})");

    private static IEnumerable<CompletionItem> All(SourceText source, ModelDecl model)
    {
        foreach (var item in model.Signature)
            if (item is InputSignature input)
                yield return new CompletionItem(input.Name.Name, CompletionKind.Input, Detail(source, "input", input.Name.Name, input.Indices, input.Unit));
        foreach (var member in model.Members)
        {
            switch (member)
            {
                case VariableDecl declaration:
                    foreach (var item in declaration.Items)
                    {
                        var (word, kind) = declaration.Role switch
                        {
                            VariableRole.Param => ("param", CompletionKind.Parameter),
                            VariableRole.State => ("state", CompletionKind.State),
                            _ => ("input", CompletionKind.Input),
                        };
                        yield return new CompletionItem(item.Name.Name, kind, Detail(source, word, item.Name.Name, item.Indices, item.Unit));
                    }
                    break;
                case Definition { Target.Scope: null } definition:
                    yield return new CompletionItem(definition.Target.Name.Name, CompletionKind.Variable,
                        Detail(source, "definition", definition.Target.Name.Name, System.Array.Empty<Identifier>(), definition.Unit));
                    break;
                case FunctionDecl function:
                    yield return Function(function);
                    break;
            }
        }
    }

    /// <summary>"param tau : ms", "state W[i,j]".</summary>
    private static string Detail(SourceText source, string word, string name, IReadOnlyList<Identifier> indices, UnitExpr? unit)
    {
        string indexed = indices.Count == 0 ? name : $"{name}[{string.Join(",", indices.Select(i => i.Name))}]";
        string text = $"{word} {indexed}";
        if (unit is not null && unit.Span.Start >= 0 && unit.Span.End <= source.Text.Length) text += " : " + source.Slice(unit.Span);
        return text;
    }

    /// <summary>False for the names the parser invents for missing tokens ("&lt;missing ID&gt;") and empty ones.</summary>
    private static bool Named(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_' || name[0] == '\u00B5' || name[0] == '\u03BC');
}
