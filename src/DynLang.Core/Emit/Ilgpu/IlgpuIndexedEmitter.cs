using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Emit.Cpu;
using DynLang.Core.Emit.Shape;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Emit.Ilgpu;

/// <summary>
/// The ILGPU class of a model over index sets (<c>{Model}RuleIlgpu</c>, <c>{Model}SystemIlgpu</c>):
/// every array (states, inputs, parameter arrays, the step's temporaries) in an accelerator buffer,
/// and one grid-stride kernel per loop nest of the program — the outermost loop spread over the
/// threads, inner loops and sums sequential in index order as on the CPU, so every element is
/// computed by the same operations in the same order. Nests run one after another on one stream.
/// </summary>
internal sealed class IlgpuIndexedEmitter
{
    private readonly KernelModel _model;
    private readonly IndexedProgram _program;
    private readonly NumericType _t;

    public IlgpuIndexedEmitter(KernelModel model)
    {
        _model = model;
        _program = model.Indexed!;
        _t = NumericType.For(model.Precision);
        // The kernels read the index set sizes from the uniforms too.
        _class = ClassDescriptions.For(model);
        _class = _class.WithUniforms(_class.SizeFields.Select(f => new UniformField(f, "int", f)).ToArray());
    }

    private readonly GeneratedClass _class;

    /// <summary>The name of an array's view in <c>__Views</c>.</summary>
    private static string View(ClassArray array) => array.Name + "__view";

    public static string ClassName(KernelModel model) => IndexedEmitter.ClassName(model) + "Ilgpu";

    private string Class => ClassName(_model);

    private IEnumerable<KernelArray> AllArrays => _model.Arrays.Concat(_program.Temporaries);

    private static string SizeField(string set) => ClassDescriptions.IndexSizeField(set);

    public void Emit(CodeWriter w)
    {
        w.Doc("summary", $"{_class.What} on an ILGPU accelerator ({_class.Origin}), integrated with solver {_model.Solver}: " +
                         $"the same step as <see cref=\"{IndexedEmitter.ClassName(_model)}\"/>, one grid-stride kernel per loop nest.");
        w.Doc("remarks", "Arrays live in accelerator buffers, row-major over their index sets (the last index varies fastest): copy them in and out with the Upload/Download methods. Step(dt) only queues the kernels; downloads wait for them.");
        using (w.Block($"public sealed partial class {Class} : IDisposable"))
        {
            IlgpuHostCode.EmitFields(w, _class, "KernelConfig[]");
            ClassPrinter.SizeFields(w, _class);
            StepGuardEmission.EmitField(w);
            w.Line();
            EmitConstructors(w);
            EmitProperties(w);
            foreach (var array in _class.ModelArrays)
            {
                string shape = array.IndexSets.Count == 0 ? "a single value" : $"row-major over [{string.Join(", ", array.IndexSets)}]";
                IlgpuHostCode.EmitArrayMembers(w, Class, array.Name, _t.Name, array.LongLength, $"{array.KindText} {array.Name} ({array.Unit}; line {array.Line}; {shape})");
            }
            EmitReset(w);
            EmitStep(w);
            for (int k = 0; k < _program.Nests.Count; k++) EmitNest(w, k, _program.Nests[k]);
            DeviceCode.EmitHelpers(w, _t, withNoise: false);
            w.Line();
            IlgpuHostCode.EmitAllocationHelpers(w, Class);
            IlgpuHostCode.EmitCopyHelpers(w, Class);
            IlgpuHostCode.EmitLaunchConfig(w);
            IlgpuHostCode.EmitLauncherCache(w, _program.Nests.Select((_, k) => ($"Nest{k}", $"__Nest{k}")).ToList());
            EmitStructs(w);
        }
    }

    private void EmitConstructors(CodeWriter w)
    {
        string parameters = ParametersEmitter.TypeName(_model);
        string sizes = GeneratedClass.List("Accelerator accelerator", _class.SizeParameterList);
        string sizeArgs = GeneratedClass.List("accelerator", _class.SizeArgumentList);
        w.Doc("summary", "Creates the model on <paramref name=\"accelerator\"/> with the default parameters; the other arguments are the sizes of the index sets.");
        w.Line($"public {Class}({sizes}) : this({sizeArgs}, new {parameters}()) {{ }}");
        w.Line();
        w.Doc("summary", "Creates the model on <paramref name=\"accelerator\"/> with the given parameters; the other arguments are the sizes of the index sets.");
        w.Doc("exception", "the accelerator cannot hold the buffers (the message gives the sizes asked for).", "cref=\"InsufficientMemoryException\"");
        using (w.Block($"public {Class}({sizes}, {parameters} parameters)"))
        {
            w.Line("__accelerator = accelerator ?? throw new ArgumentNullException(nameof(accelerator));");
            ClassPrinter.SizeChecks(w, _class);
            w.Line("Parameters = parameters;");
            IlgpuHostCode.EmitAllocation(w, _class);
            w.Line($"__views = {IlgpuHostCode.ViewsInitializer(_class, View)};");
            w.Line("__launchers = __launcherCache.GetValue(accelerator, a => new __Launchers(a));");
            string extents = string.Join(", ", _program.Nests.Select(n => $"__Config(accelerator, {OuterExtent(n)})"));
            w.Line($"__configs = new KernelConfig[] {{ {extents} }};");
            foreach (var array in _class.Arrays.Where(a => a.Kind != ArrayKind.State))
                w.Line($"{IlgpuHostCode.Buffer(array.Name)}.MemSetToZero();");
            w.Line("Reset();");
        }
        w.Line();
    }

    /// <summary>Iterations of a nest's outermost loop (one for a nest without loops).</summary>
    private static string OuterExtent(LoopNest nest) => nest.Loops.Count == 0 ? "1" : SizeField(nest.Loops[0].IndexSet);

    private void EmitProperties(CodeWriter w)
    {
        IlgpuHostCode.EmitAcceleratorProperty(w, "kernels");
        ClassPrinter.TimeProperties(w, _class);
        ClassPrinter.SizeProperties(w, _class);
        w.Line();
        IlgpuHostCode.EmitDisposal(w, _class);
    }

    private void EmitReset(CodeWriter w)
    {
        w.Doc("summary", "Sets states to their initial values (zero where none is written) and the time to zero. Inputs and parameter arrays keep their values.");
        using (w.Block("public void Reset()"))
        {
            IlgpuHostCode.EmitFillStates(w, _class);
            w.Line("__accelerator.DefaultStream.Synchronize();");
            w.Line("Time = 0;");
            w.Line("StepIndex = 0;");
        }
        w.Line();
    }

    private void EmitStep(CodeWriter w)
    {
        w.Doc("summary", $"Queues one step of the model by <paramref name=\"dt\"/> with solver {_model.Solver} (one kernel per loop nest, in order).");
        w.Doc("exception", "dt is not a positive finite number.", "cref=\"ArgumentOutOfRangeException\"");
        StepExtras.EmitBeforeStep(w, _model);
        using (w.Block("public void Step(double dt)"))
        using (StepGuardEmission.Guard(w, Class))
        {
            IlgpuHostCode.EmitStepPrelude(w, _class, Class);
            ClassPrinter.UniformInitializer(w, "var __uniforms = new __Uniforms", _class.Uniforms);
            for (int k = 0; k < _program.Nests.Count; k++)
            {
                var nest = _program.Nests[k];
                w.Line($"// {nest.Comment}");
                w.Line($"if ({OuterExtent(nest)} > 0) __launchers.Nest{k}(__configs[{k}], __views, __uniforms);");
            }
            w.Line("StepIndex++;");
            w.Line("Time = t + dt;");
        }
        w.Line();
    }

    private void EmitNest(CodeWriter w, int index, LoopNest nest)
    {
        w.Doc("summary", $"{nest.Comment}: the outermost loop over the grid's threads (grid stride), the rest as on the CPU.");
        using (w.Block($"private static void __Nest{index}(__Views __views, __Uniforms __uniforms)"))
        {
            ClassPrinter.UniformLocals(w, _class.Uniforms);
            var closers = new List<System.IDisposable>();
            if (nest.Loops.Count == 0)
                closers.Add(w.Block($"for (int __once = {DeviceCode.GridStart}; __once < 1; __once += {DeviceCode.GridStride})"));
            for (int k = 0; k < nest.Loops.Count; k++)
            {
                var loop = nest.Loops[k];
                string variable = LoopVariable(loop.Variable);
                closers.Add(k == 0
                    ? w.Block($"for (int {variable} = {DeviceCode.GridStart}; {variable} < {SizeField(loop.IndexSet)}; {variable} += {DeviceCode.GridStride})")
                    : w.Block($"for (int {variable} = 0; {variable} < {SizeField(loop.IndexSet)}; {variable}++)"));
            }
            int sumCounter = 0;
            var printer = DeviceCode.Printer(_t, DeviceCode.Local, Load);
            printer.SumHandler = sum => EmitSum(w, sum, printer, ref sumCounter);
            foreach (var local in nest.Locals)
                w.Line($"{_t.Name} {CSharpNames.Identifier(local.Target)} = {printer.Print(local.Value)};");
            foreach (var store in nest.Stores)
            {
                if (store.Comment is not null) w.Line("// " + store.Comment);
                string value = printer.Print(store.Value);
                w.Line($"{Load(new IrLoad(store.Array, store.Indices))} = {value};");
            }
            for (int k = closers.Count - 1; k >= 0; k--) closers[k].Dispose();
        }
        w.Line();
    }

    /// <summary>Writes the loop of a sum before the statement that uses it (sequential, index order, as on the CPU); returns its accumulator.</summary>
    private string EmitSum(CodeWriter w, IrSum sum, ScalarPrinter printer, ref int counter)
    {
        string accumulator = $"__sum{counter++}";
        w.Line($"{_t.Name} {accumulator} = 0;");
        var closers = new List<System.IDisposable>();
        foreach (var loop in sum.Over)
        {
            string variable = LoopVariable(loop.Variable);
            closers.Add(w.Block($"for (int {variable} = 0; {variable} < {SizeField(loop.IndexSet)}; {variable}++)"));
        }
        w.Line($"{accumulator} = {accumulator} + {printer.Print(sum.Body)};");
        for (int k = closers.Count - 1; k >= 0; k--) closers[k].Dispose();
        return accumulator;
    }

    private string Load(IrLoad load)
    {
        var array = AllArrays.First(a => a.Name == load.Array);
        var indices = load.Indices.Select(i => i.Offset == 0 ? LoopVariable(i.LoopVariable)
            : $"{LoopVariable(i.LoopVariable)} {(i.Offset > 0 ? "+" : "-")} {System.Math.Abs(i.Offset)}").ToList();
        return $"__views.{array.Name}__view[{FlatIndex(array, indices)}]";
    }

    /// <summary>Row-major flat index, as the CPU class computes it: ((a)*size1 + b)*size2 + c.</summary>
    private static string FlatIndex(KernelArray array, IReadOnlyList<string> indices)
    {
        if (array.IndexSets.Count == 0) return "0";
        string text = indices[0];
        for (int k = 1; k < indices.Count; k++) text = $"({text}) * {SizeField(array.IndexSets[k])} + {indices[k]}";
        return text;
    }

    private static string LoopVariable(string name) => "__" + name;

    private void EmitStructs(CodeWriter w) =>
        IlgpuHostCode.EmitArgumentStructs(w, _class, View, "kernels'", "Values shared by all iterations during one step (kernel arguments), and the index set sizes. Public for ILGPU's launchers; not for use.");
}
