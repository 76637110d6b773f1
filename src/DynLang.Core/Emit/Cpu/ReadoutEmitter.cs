using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Emit.Cpu;

/// <summary>
/// Emits the members that evaluate a model's definitions, invariants and energies on the current
/// state (<see cref="KernelReadout"/>), in double, from the states, inputs and parameters as they are
/// between steps (<c>t</c> is <c>Time</c>):
/// <list type="bullet">
/// <item>elementwise classes: <c>double H(int element)</c> and <c>void H(Span&lt;double&gt; destination)</c> (every element);</item>
/// <item>indexed classes: <c>double E()</c> for a scalar; <c>double[] y()</c> and <c>void y(Span&lt;double&gt; destination)</c>
/// (row-major over the definition's indices) for an indexed definition; sums run in index order, as in Step.</item>
/// </list>
/// They are not on the hot path: an indexed readout allocates the arrays of the indexed definitions it uses.
/// </summary>
internal static class ReadoutEmitter
{
    public static void EmitElementwise(CodeWriter w, KernelModel model, string className)
    {
        string parameters = ParametersEmitter.TypeName(model);
        string path = model.SourcePath.Replace("\"", "");
        EmitUnreadable(w, model, className);
        foreach (var readout in Readable(model, className))
        {
            string name = CSharpNames.Identifier(readout.Name);
            string core = readout.Name + "__At";
            string what = Describe(readout);
            w.Doc("summary", $"{what}: its value for element <paramref name=\"element\"/> on the current state, parameters and inputs, computed in double" +
                             (model.UsesUnits ? " (SI units)." : "."));
            w.Doc("exception", "element is not in [0, Count).", "cref=\"ArgumentOutOfRangeException\"");
            using (w.Block($"public double {name}(int element)"))
            {
                w.Line("if ((uint)element >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(element), element, \"The element index must be in [0, Count).\");");
                w.Line($"return {core}(element, Parameters);");
            }
            w.Line();
            w.Doc("summary", $"{what}: its value for every element on the current state, written to <paramref name=\"destination\"/> (Count values), computed in double.");
            w.Doc("exception", "destination does not hold exactly Count values.", "cref=\"ArgumentException\"");
            using (w.Block($"public void {name}(Span<double> destination)"))
            {
                w.Line($"if (destination.Length != Count) throw new ArgumentException($\"destination has {{destination.Length}} values; {readout.Name} needs one per element ({{Count}}).\", nameof(destination));");
                w.Line("var __p = Parameters;");
                w.Line($"for (int __i = 0; __i < Count; __i++) destination[__i] = {core}(__i, __p);");
            }
            w.Line();
            w.Doc("summary", $"{readout.Name} of element __i with parameters __p.");
            using (w.Block($"private double {core}(int __i, in {parameters} __p)"))
            {
                var used = UsedReferences(readout);
                foreach (var parameter in model.Parameters.Where(p => used.Contains(p.Name)))
                    w.Line($"double {CSharpNames.Identifier(parameter.Name)} = __p.{CSharpNames.Identifier(parameter.Name)};");
                if (used.Contains("t")) w.Line("double t = Time;");
                foreach (var array in model.Arrays.Where(a => a.Role is ArrayRole.State or ArrayRole.Input && used.Contains(a.Name)))
                    w.Line($"double {CSharpNames.Identifier(array.Name)} = {array.Name}__data[__i];");
                var printer = new ScalarPrinter(NumericType.Double, r => CSharpNames.Identifier(r.Name));
                foreach (var step in readout.Steps)
                {
                    w.Line($"// definition {step.Name}");
                    Mapped(w, path, step.Line, $"double {CSharpNames.Identifier(step.Name)} = {printer.Print(step.Value)};");
                }
                Mapped(w, path, readout.Line, $"return {printer.Print(readout.Value)};");
            }
            w.Line();
        }
    }

    public static void EmitIndexed(CodeWriter w, KernelModel model, string className, IReadOnlyList<KernelArray> arrays)
    {
        string path = model.SourcePath.Replace("\"", "");
        EmitUnreadable(w, model, className);
        foreach (var readout in Readable(model, className))
        {
            string name = CSharpNames.Identifier(readout.Name);
            string what = Describe(readout);
            if (readout.Loops.Count == 0)
            {
                w.Doc("summary", $"{what}: its value on the current state, parameters and inputs, computed in double" +
                                 (readout.Steps.Any(s => s.Loops.Count > 0) ? " (allocates the arrays of the indexed definitions it uses)." : "."));
                using (w.Block($"public double {name}()"))
                    EmitIndexedBody(w, model, readout, arrays, path, destination: null);
                w.Line();
                continue;
            }
            string sets = string.Join(", ", readout.Loops.Select(l => l.IndexSet));
            string length = string.Join(" * ", readout.Loops.Select(l => IndexedEmitter.SizeField(l.IndexSet)));
            string into = readout.Name + "__Into";
            w.Doc("summary", $"{what}: a new array of its values on the current state, row-major over [{sets}], computed in double.");
            using (w.Block($"public double[] {name}()"))
            {
                w.Line($"var __result = new double[{length}];");
                w.Line($"{into}(__result);");
                w.Line("return __result;");
            }
            w.Line();
            w.Doc("summary", $"{what}: its values on the current state written to <paramref name=\"destination\"/>, row-major over [{sets}], computed in double.");
            w.Doc("exception", "destination does not hold exactly one value per element.", "cref=\"ArgumentException\"");
            using (w.Block($"public void {name}(Span<double> destination)"))
            {
                w.Line($"if (destination.Length != {length}) throw new ArgumentException($\"destination has {{destination.Length}} values; {readout.Name} has {{{length}}}.\", nameof(destination));");
                w.Line($"{into}(destination);");
            }
            w.Line();
            w.Doc("summary", $"Writes {readout.Name} on the current state into __destination.");
            using (w.Block($"private void {into}(Span<double> __destination)"))
                EmitIndexedBody(w, model, readout, arrays, path, destination: "__destination");
            w.Line();
        }
    }

    private static void EmitIndexedBody(CodeWriter w, KernelModel model, KernelReadout readout, IReadOnlyList<KernelArray> arrays,
        string path, string? destination)
    {
        var used = UsedReferences(readout);
        if (model.Parameters.Any(p => used.Contains(p.Name))) w.Line("var __p = Parameters;");
        foreach (var parameter in model.Parameters.Where(p => used.Contains(p.Name)))
            w.Line($"double {CSharpNames.Identifier(parameter.Name)} = __p.{CSharpNames.Identifier(parameter.Name)};");
        if (used.Contains("t")) w.Line("double t = Time;");
        var steps = readout.Steps.ToDictionary(s => s.Name, s => new KernelArray(s.Name, ArrayRole.Temporary,
            s.Loops.Select(l => l.IndexSet).ToList(), null, "", s.Line));
        bool isFloat = model.Precision == Precision.Float;
        string Load(IrLoad load)
        {
            var indices = load.Indices.Select(i => i.Offset == 0 ? IndexedEmitter.LoopVariable(i.LoopVariable)
                : $"{IndexedEmitter.LoopVariable(i.LoopVariable)} {(i.Offset > 0 ? "+" : "-")} {System.Math.Abs(i.Offset)}").ToList();
            if (steps.TryGetValue(load.Array, out var step))
                return step.IndexSets.Count == 0 ? load.Array + "__value" : $"{load.Array}__value[{IndexedEmitter.FlatIndex(step, indices)}]";
            var array = arrays.First(a => a.Name == load.Array);
            string element = $"{array.Name}__data[{IndexedEmitter.FlatIndex(array, indices)}]";
            return isFloat ? $"((double){element})" : element;
        }
        int sums = 0;
        var printer = new ScalarPrinter(NumericType.Double, r => CSharpNames.Identifier(r.Name), Load);
        printer.SumHandler = sum => EmitSum(w, sum, printer, ref sums);
        foreach (var step in readout.Steps)
        {
            w.Line($"// definition {step.Name}" + (step.Loops.Count > 0 ? $", over [{string.Join(", ", step.Loops.Select(l => l.IndexSet))}]" : ""));
            if (step.Loops.Count == 0)
            {
                string scalar = printer.Print(step.Value);
                Mapped(w, path, step.Line, $"double {step.Name}__value = {scalar};");
                continue;
            }
            w.Line($"var {step.Name}__value = new double[{string.Join(" * ", step.Loops.Select(l => IndexedEmitter.SizeField(l.IndexSet)))}];");
            var closers = OpenLoops(w, step.Loops);
            string value = printer.Print(step.Value);
            Mapped(w, path, step.Line, $"{Load(new IrLoad(step.Name, step.Loops.Select(l => new IrIndex(l.Variable, 0)).ToList()))} = {value};");
            for (int k = closers.Count - 1; k >= 0; k--) closers[k].Dispose();
        }
        if (destination is null)
        {
            string value = printer.Print(readout.Value);
            Mapped(w, path, readout.Line, $"return {value};");
            return;
        }
        var target = new KernelArray(readout.Name, ArrayRole.Temporary, readout.Loops.Select(l => l.IndexSet).ToList(), null, "", readout.Line);
        var loops = OpenLoops(w, readout.Loops);
        string result = printer.Print(readout.Value);
        string flat = IndexedEmitter.FlatIndex(target, readout.Loops.Select(l => IndexedEmitter.LoopVariable(l.Variable)).ToList());
        Mapped(w, path, readout.Line, $"{destination}[{flat}] = {result};");
        for (int k = loops.Count - 1; k >= 0; k--) loops[k].Dispose();
    }

    private static List<System.IDisposable> OpenLoops(CodeWriter w, IReadOnlyList<IrLoop> loops) =>
        loops.Select(loop =>
        {
            string variable = IndexedEmitter.LoopVariable(loop.Variable);
            return w.Block($"for (int {variable} = 0; {variable} < {IndexedEmitter.SizeField(loop.IndexSet)}; {variable}++)");
        }).ToList();

    /// <summary>Writes the loop of a sum (in index order, double accumulator) before the statement that uses it.</summary>
    private static string EmitSum(CodeWriter w, IrSum sum, ScalarPrinter printer, ref int counter)
    {
        string accumulator = $"__sum{counter++}";
        w.Line($"double {accumulator} = 0;");
        var closers = OpenLoops(w, sum.Over);
        w.Line($"{accumulator} = {accumulator} + {printer.Print(sum.Body)};");
        for (int k = closers.Count - 1; k >= 0; k--) closers[k].Dispose();
        return accumulator;
    }

    /// <summary>Names of the locals and uniforms the readout reads (states, inputs, parameters, t).</summary>
    private static HashSet<string> UsedReferences(KernelReadout readout) =>
        new(readout.Steps.Select(s => s.Value).Append(readout.Value).SelectMany(IrWalker.References).Select(r => r.Name),
            System.StringComparer.Ordinal);

    /// <summary>Readouts that can be members: a member may not be named as its class.</summary>
    private static IEnumerable<KernelReadout> Readable(KernelModel model, string className) =>
        model.Readouts.Where(r => r.Name != className);

    private static void EmitUnreadable(CodeWriter w, KernelModel model, string className)
    {
        foreach (var readout in model.Readouts.Where(r => r.Name == className))
            w.Line($"// {readout.Role} {readout.Name}: no member reads it (a member cannot be named as its class).");
        foreach (var quantity in model.Unreadable)
            w.Line($"// {quantity.Name}: no member reads it ({quantity.Reason}).");
    }

    private static string Describe(KernelReadout readout) =>
        $"{char.ToUpperInvariant(readout.Role[0])}{readout.Role.Substring(1)} <c>{readout.DeclaredText}</c> ({readout.Unit}; line {readout.Line})";

    /// <summary>Writes a statement wrapped in #line, so a debugger shows the .dyn line.</summary>
    private static void Mapped(CodeWriter w, string path, int line, string statement)
    {
        if (line > 0) w.Directive($"#line {line} \"{path}\"");
        w.Line(statement);
        if (line > 0) w.Directive("#line default");
    }
}
