using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Emit.Cpu;
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
    }

    public static string ClassName(KernelModel model) => IndexedEmitter.ClassName(model) + "Ilgpu";

    private string Class => ClassName(_model);

    private IEnumerable<KernelArray> AllArrays => _model.Arrays.Concat(_program.Temporaries);

    private static string SizeField(string set) => "__size_" + set;

    private static string SizeProperty(string set) => "Size" + CSharpNames.Capitalized(set);

    private List<string> UniformNames() => DeviceCode.UniformNames(_model, _program.Uniforms.Select(u => u.Target));

    private static string Length(KernelArray array) =>
        array.IndexSets.Count == 0 ? "1" : string.Join(" * ", array.IndexSets.Select(s => $"(long){SizeField(s)}"));

    public void Emit(CodeWriter w)
    {
        w.Doc("summary", $"The {_model.Kind} {_model.Name} on an ILGPU accelerator ({ParametersEmitter.FileName(_model)}, line {_model.Line}), integrated with solver {_model.Solver}: " +
                         $"the same step as <see cref=\"{IndexedEmitter.ClassName(_model)}\"/>, one grid-stride kernel per loop nest.");
        w.Doc("remarks", "Arrays live in accelerator buffers, row-major over their index sets (the last index varies fastest): copy them in and out with the Upload/Download methods. Step(dt) only queues the kernels; downloads wait for them.");
        using (w.Block($"public sealed partial class {Class} : IDisposable"))
        {
            w.Line("private readonly Accelerator __accelerator;");
            w.Line("private readonly __Launchers __launchers;");
            w.Line("private readonly KernelConfig[] __configs;");
            w.Line("private readonly __Views __views;");
            foreach (var set in _model.IndexSets) w.Line($"private readonly int {SizeField(set)};");
            foreach (var array in AllArrays) w.Line($"private readonly MemoryBuffer1D<{_t.Name}, Stride1D.Dense> {IlgpuHostCode.Buffer(array.Name)};");
            w.Line("private bool __disposed;");
            StepGuardEmission.EmitField(w);
            w.Line();
            EmitConstructors(w);
            EmitProperties(w);
            foreach (var array in _model.Arrays)
            {
                string role = array.Role switch { ArrayRole.State => "state", ArrayRole.Input => "input", _ => "parameter array" };
                string shape = array.IndexSets.Count == 0 ? "a single value" : $"row-major over [{string.Join(", ", array.IndexSets)}]";
                IlgpuHostCode.EmitArrayMembers(w, Class, array.Name, _t.Name, Length(array), $"{role} {array.Name} ({array.Unit}; line {array.Line}; {shape})");
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
        string sizes = string.Join(", ", _model.IndexSets.Select(s => $"int {CSharpNames.Identifier(s)}"));
        string sizeArgs = string.Join(", ", _model.IndexSets.Select(CSharpNames.Identifier));
        string separator = sizes.Length == 0 ? "" : ", ";
        w.Doc("summary", "Creates the model on <paramref name=\"accelerator\"/> with the default parameters; the other arguments are the sizes of the index sets.");
        w.Line($"public {Class}(Accelerator accelerator{separator}{sizes}) : this(accelerator{separator}{sizeArgs}, new {parameters}()) {{ }}");
        w.Line();
        w.Doc("summary", "Creates the model on <paramref name=\"accelerator\"/> with the given parameters; the other arguments are the sizes of the index sets.");
        w.Doc("exception", "the accelerator cannot hold the buffers (the message gives the sizes asked for).", "cref=\"InsufficientMemoryException\"");
        using (w.Block($"public {Class}(Accelerator accelerator{separator}{sizes}, {parameters} parameters)"))
        {
            w.Line("__accelerator = accelerator ?? throw new ArgumentNullException(nameof(accelerator));");
            foreach (var set in _model.IndexSets)
            {
                string name = CSharpNames.Identifier(set);
                w.Line($"if ({name} < 0) throw new ArgumentOutOfRangeException(nameof({name}), {name}, \"The size of index set '{set}' must be zero or more.\");");
                w.Line($"{SizeField(set)} = {name};");
            }
            w.Line("Parameters = parameters;");
            int size = _t.Precision == Precision.Float ? 4 : 8;
            w.Line($"__CheckMemory(accelerator, new (string, long, int)[] {{ {string.Join(", ", AllArrays.Select(a => $"(\"{a.Name}\", {Length(a)}, {size})"))} }});");
            w.Line("// A failed allocation frees the buffers made before it (they are not reachable from a failed constructor's caller).");
            using (w.Block("try"))
            {
                foreach (var array in AllArrays)
                    w.Line($"{IlgpuHostCode.Buffer(array.Name)} = __Allocate<{_t.Name}>(accelerator, \"{array.Name}\", {Length(array)});");
            }
            using (w.Block("catch"))
            {
                w.Line("__FreeBuffers();");
                w.Line("throw;");
            }
            w.Line($"__views = new __Views {{ {string.Join(", ", AllArrays.Select(a => $"{a.Name}__view = {IlgpuHostCode.Buffer(a.Name)}.View"))} }};");
            w.Line("__launchers = __launcherCache.GetValue(accelerator, a => new __Launchers(a));");
            string extents = string.Join(", ", _program.Nests.Select(n => $"__Config(accelerator, {OuterExtent(n)})"));
            w.Line($"__configs = new KernelConfig[] {{ {extents} }};");
            foreach (var array in AllArrays.Where(a => a.Role != ArrayRole.State))
                w.Line($"{IlgpuHostCode.Buffer(array.Name)}.MemSetToZero();");
            w.Line("Reset();");
        }
        w.Line();
    }

    /// <summary>Iterations of a nest's outermost loop (one for a nest without loops).</summary>
    private static string OuterExtent(LoopNest nest) => nest.Loops.Count == 0 ? "1" : SizeField(nest.Loops[0].IndexSet);

    private void EmitProperties(CodeWriter w)
    {
        w.Doc("summary", "The accelerator holding the buffers and running the kernels.");
        w.Line("public Accelerator Accelerator => __accelerator;");
        w.Line();
        w.Doc("summary", "The parameters used by the next Step (SI units).");
        w.Line($"public {ParametersEmitter.TypeName(_model)} Parameters {{ get; set; }}");
        w.Line();
        w.Doc("summary", "Time: the sum of the dt of every Step since construction or Reset.");
        w.Line("public double Time { get; private set; }");
        w.Line();
        w.Doc("summary", "Number of Steps since construction or Reset.");
        w.Line("public long StepIndex { get; private set; }");
        w.Line();
        foreach (var set in _model.IndexSets)
        {
            w.Doc("summary", $"Size of index set '{set}'.");
            w.Line($"public int {SizeProperty(set)} => {SizeField(set)};");
            w.Line();
        }
        w.Doc("summary", "Waits until every queued step has run.");
        w.Line("public void Synchronize() => __accelerator.DefaultStream.Synchronize();");
        w.Line();
        w.Doc("summary", "Frees the accelerator buffers.");
        using (w.Block("public void Dispose()"))
        {
            w.Line("if (__disposed) return;");
            w.Line("__disposed = true;");
            w.Line("__FreeBuffers();");
        }
        w.Line();
        using (w.Block("private void __FreeBuffers()"))
        {
            foreach (var array in AllArrays) w.Line($"{IlgpuHostCode.Buffer(array.Name)}?.Dispose();");
        }
        w.Line();
    }

    private void EmitParameterLocals(CodeWriter w)
    {
        w.Line("var __p = Parameters;");
        foreach (var parameter in _model.Parameters)
            w.Line($"double {CSharpNames.Identifier(parameter.Name)} = __p.{CSharpNames.Identifier(parameter.Name)};");
    }

    private void EmitReset(CodeWriter w)
    {
        w.Doc("summary", "Sets states to their initial values (zero where none is written) and the time to zero. Inputs and parameter arrays keep their values.");
        using (w.Block("public void Reset()"))
        {
            var states = _model.Arrays.Where(a => a.Role == ArrayRole.State).ToList();
            if (states.Any(s => s.Initial is not null)) EmitParameterLocals(w);
            IlgpuHostCode.EmitFillStates(w, states, _t.Name);
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
            IlgpuHostCode.EmitStepGuards(w, Class);
            EmitParameterLocals(w);
            IlgpuHostCode.EmitRequiredParameterChecks(w, _model);
            w.Line("double t = Time;");
            var printer = new ScalarPrinter(NumericType.Double, DeviceCode.Local);
            foreach (var uniform in _program.Uniforms)
                w.Line($"double {CSharpNames.Identifier(uniform.Target)} = {printer.Print(uniform.Value)};");
            w.Line("var __uniforms = new __Uniforms");
            w.Line("{");
            w.Indent();
            string cast = _t.Precision == Precision.Float ? "(float)" : "";
            foreach (var name in UniformNames()) w.Line($"{CSharpNames.Identifier(name)} = {cast}{CSharpNames.Identifier(name)},");
            foreach (var set in _model.IndexSets) w.Line($"{SizeField(set)} = {SizeField(set)},");
            w.Outdent();
            w.Line("};");
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
            foreach (var name in UniformNames()) w.Line($"{_t.Name} {CSharpNames.Identifier(name)} = __uniforms.{CSharpNames.Identifier(name)};");
            foreach (var set in _model.IndexSets) w.Line($"int {SizeField(set)} = __uniforms.{SizeField(set)};");
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

    private void EmitStructs(CodeWriter w)
    {
        w.Doc("summary", "The kernels' arrays (views of the buffers). Public only because ILGPU's CPU accelerator launches kernels from a dynamic assembly that must see their argument types; not for use.");
        w.Line("[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]");
        using (w.Block("public struct __Views"))
        {
            foreach (var array in AllArrays) IlgpuHostCode.ArgumentField(w, $"public ArrayView1D<{_t.Name}, Stride1D.Dense> {array.Name}__view;");
        }
        w.Line();
        w.Doc("summary", "Values shared by all iterations during one step (kernel arguments), and the index set sizes. Public for ILGPU's launchers; not for use.");
        w.Line("[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]");
        using (w.Block("public struct __Uniforms"))
        {
            foreach (var name in UniformNames()) IlgpuHostCode.ArgumentField(w, $"public {_t.Name} {CSharpNames.Identifier(name)};");
            foreach (var set in _model.IndexSets) IlgpuHostCode.ArgumentField(w, $"public int {SizeField(set)};");
        }
    }
}
