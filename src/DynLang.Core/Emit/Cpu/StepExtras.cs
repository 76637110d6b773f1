using System.Globalization;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Emit.Cpu;

/// <summary>
/// What goes with <c>Step(dt)</c> in every model class: the stability bound attribute read by the
/// C# call-site analyzer, and <c>DefaultTimeStep</c> with a parameterless <c>Step()</c> when the
/// model names its time step (<c>solver euler (dt = 0.1 ms)</c>).
/// </summary>
internal static class StepExtras
{
    public static void EmitBeforeStep(CodeWriter w, KernelModel model)
    {
        if (model.DefaultTimeStep is { } dt)
        {
            var printer = new ScalarPrinter(NumericType.Double, r => "Parameters." + CSharpNames.Identifier(r.Name));
            w.Doc("summary", "The time step written in the model, computed from the current Parameters" + (model.UsesUnits ? " (seconds)." : "."));
            w.Line($"public double DefaultTimeStep => {printer.Print(dt)};");
            w.Line();
            w.Doc("summary", "Advances by <see cref=\"DefaultTimeStep\"/>.");
            w.Line("public void Step() => Step(DefaultTimeStep);");
            w.Line();
        }
        if (model.StabilityBound is { } bound)
        {
            string max = bound.MaxTimeStep.ToString("R", CultureInfo.InvariantCulture);
            if (max.IndexOfAny(new[] { '.', 'E', 'e' }) < 0) max += ".0";
            w.Line($"[StabilityBound({max}, {CSharpNames.StringLiteral(bound.Description)})]");
        }
    }
}
