using System.Linq;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Emit.Cpu;

/// <summary>
/// Emits <c>{Model}Parameters</c>: an immutable record struct of the scalar parameters in SI
/// units, with the defaults written in the model. A default computed from other parameters
/// follows them unless it is set itself.
/// </summary>
internal static class ParametersEmitter
{
    public static string TypeName(KernelModel model) => CSharpNames.TypeName(model.Name) + "Parameters";

    /// <param name="w">The writer.</param>
    /// <param name="model">The model.</param>
    /// <param name="partial">
    /// Declare the struct partial (only when another generated file adds to it, the UnitsNet
    /// accessors: without them the text stays exactly as before).
    /// </param>
    public static void Emit(CodeWriter w, KernelModel model, bool partial = false)
    {
        string type = TypeName(model);
        w.Doc("summary", $"Parameters of {model.Kind} {model.Name} ({FileName(model)}, line {model.Line}), in SI units.");
        w.Doc("remarks", "Immutable: change a value with a 'with' expression, e.g. 'population.Parameters = population.Parameters with { … }'.\n" +
                         "A parameter without a default is NaN until set; Step throws while one is unset.");
        using (w.Block($"public readonly {(partial ? "partial " : "")}record struct {type}"))
        {
            w.Doc("summary", "Parameters with the defaults written in the model.");
            w.Line($"public {type}() {{ }}");
            var printer = new ScalarPrinter(NumericType.Double, r => CSharpNames.Identifier(r.Name));
            foreach (var parameter in model.Parameters)
            {
                w.Line();
                string name = CSharpNames.Identifier(parameter.Name);
                string doc = $"{parameter.DeclaredText} — unit: {parameter.Unit} (line {parameter.Line}).";
                if (parameter.IsDerived)
                {
                    string backing = "__" + parameter.Name;
                    w.Line($"private readonly double? {backing};");
                    w.Line();
                    w.Doc("summary", doc + " Computed from the parameters it names unless set.");
                    w.Line($"public double {name} {{ get => {backing} ?? {printer.Print(parameter.Default)}; init => {backing} = value; }}");
                }
                else
                {
                    w.Doc("summary", doc);
                    w.Line($"public double {name} {{ get; init; }} = {printer.Print(parameter.Default)};");
                }
            }
        }
    }

    public static string FileName(KernelModel model) => System.IO.Path.GetFileName(model.SourcePath);

    /// <summary>Parameters that have no default (NaN until set).</summary>
    public static System.Collections.Generic.IEnumerable<KernelParameter> Required(KernelModel model) =>
        model.Parameters.Where(p => p.Default is IrConstant c && double.IsNaN(c.Value));
}
