using DynLang.Core.Binding;
using DynLang.Core.Diagnostics;
using DynLang.Core.Syntax;
using DynLang.Core.Text;
using DynLang.Core.Units;

namespace DynLang.Core.Tests.TestSupport;

/// <summary>Runs the front end (parse, bind, unit check) on a snippet.</summary>
internal static class Compile
{
    public static (BoundModel Model, IReadOnlyList<Diagnostic> Diagnostics) Bind(string text)
    {
        var source = new SourceText("test.dyn", text);
        var diagnostics = new DiagnosticBag(source);
        var tree = SyntaxTree.Parse(source, diagnostics);
        var model = Binder.Bind(tree.Root.Models.Single(), tree.Root.Functions, diagnostics);
        UnitChecker.Check(model, diagnostics);
        return (model, diagnostics.Items);
    }

    public static BoundModel BindClean(string text)
    {
        var (model, diagnostics) = Bind(text);
        var problems = diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        return model;
    }
}
