using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Emit.Cpu;
using DynLang.Core.Emit.Shape;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Emit.Torch;

/// <summary>
/// Emits <c>{Model}Torch</c> for a model over index sets (rules, indexed systems): each array is
/// a tensor shaped by its index sets (<c>W</c>: [i, j]); each loop nest of the program becomes
/// whole-tensor operations. Inside a nest over loops (l1 … ln) an element <c>x[j]</c> is a view of
/// x broadcast to rank n (size 1 on the loops it does not use, permuted when its indices come in
/// another order); <c>sum(j, …)</c> appends j as a further axis, expands the body to the full
/// shape (so a body constant in j counts |j| times) and reduces it. The same two modes as the
/// elementwise class: <c>Step</c> (no_grad, results copied into the arrays) and
/// <c>StepDifferentiable</c> (arrays replaced by new tensors that carry the autograd history).
/// </summary>
internal sealed class TorchIndexedEmitter
{
    private readonly KernelModel _model;
    private readonly IndexedProgram _program;

    public TorchIndexedEmitter(KernelModel model)
    {
        _model = model;
        _program = model.Indexed!;
        _class = ClassDescriptions.For(model);
    }

    private readonly GeneratedClass _class;

    /// <summary>True when every nest can be written as tensor operations (stores over exactly the nest's loops, in order).</summary>
    public static bool Supports(KernelModel model) =>
        // White noise (IrNormal) has no tensor form yet: a noisy indexed model gets no Torch class
        // (TorchPrinter.CanPrint says so too; the explicit test keeps the policy visible).
        model.Indexed is { Noises.Count: 0 } program && program.Nests.All(nest =>
            nest.Locals.All(a => TorchPrinter.CanPrint(a.Value, indexed: true))
            && nest.Stores.All(s => TorchPrinter.CanPrint(s.Value, indexed: true)
                                    && s.Indices.Count == nest.Loops.Count
                                    && s.Indices.Select((index, k) => index.Offset == 0 && index.LoopVariable == nest.Loops[k].Variable).All(ok => ok)));

    private string Class => TorchEmitter.ClassName(_model);

    private string ParameterTensorsClass => CSharpNames.TypeName(_model.Name) + "ParameterTensors";

    private string DType => _model.Precision == Precision.Float ? "ScalarType.Float32" : "ScalarType.Float64";

    private IEnumerable<KernelArray> AllArrays => _model.Arrays.Concat(_program.Temporaries);

    private static string Id(string name) => CSharpNames.Identifier(name);

    private static string SizeField(string set) => ClassDescriptions.IndexSizeField(set);

    private static string Shape(IEnumerable<string> sets)
    {
        var list = sets.ToList();
        return list.Count == 0 ? "new long[] { 1 }" : $"new long[] {{ {string.Join(", ", list.Select(SizeField))} }}";
    }

    public void Emit(CodeWriter w)
    {
        TorchElementwiseEmitter.EmitParameterTensors(w, _model, Class);
        w.Line();
        w.Doc("summary", $"{_class.What} as TorchSharp tensors ({_class.Origin}), solver {_model.Solver}.");
        var remarks = new List<string>
        {
            "Each array is a tensor shaped by its index sets (a single value: shape [1]), dtype " + (_model.Precision == Precision.Float ? "float32" : "float64") + ".",
            "Step(dt) updates the state tensors in place (no autograd graph); StepDifferentiable(dt) replaces them with new tensors that carry the history.",
        };
        remarks.AddRange(ClassPrinter.EquationRemarks(_class));
        w.Doc("remarks", string.Join("\n", remarks));
        using (w.Block($"public sealed partial class {Class} : IDisposable"))
        {
            ClassPrinter.SizeFields(w, _class);
            foreach (var array in _class.Arrays) w.Line($"private Tensor {array.Name}__data;");
            StepGuardEmission.EmitField(w);
            w.Line();
            EmitConstructors(w);
            EmitProperties(w);
            EmitReset(w);
            EmitStep(w, differentiable: false);
            EmitStep(w, differentiable: true);
            EmitHelpers(w);
        }
    }

    private void EmitConstructors(CodeWriter w)
    {
        string parameters = ParametersEmitter.TypeName(_model);
        string sizes = GeneratedClass.List(_class.SizeParameterList, "");
        string sizeArgs = GeneratedClass.List(_class.SizeArgumentList, "");
        if (sizes.Length > 0) { sizes += ", "; sizeArgs += ", "; }
        w.Doc("summary", "Creates the model with the default parameters on <paramref name=\"device\"/> (null: the CPU); the other arguments are the sizes of the index sets.");
        w.Line($"public {Class}({sizes}Device? device = null) : this({sizeArgs}new {parameters}(), device) {{ }}");
        w.Line();
        w.Doc("summary", "Creates the model with the given parameters on <paramref name=\"device\"/> (null: the CPU); the other arguments are the sizes of the index sets.");
        using (w.Block($"public {Class}({sizes}{parameters} parameters, Device? device = null)"))
        {
            ClassPrinter.SizeChecks(w, _class);
            w.Line("Parameters = parameters;");
            TorchElementwiseEmitter.EmitLoadGuarded(w, Class, () =>
            {
                foreach (var array in _class.Arrays)
                    w.Line($"{array.Name}__data = torch.zeros({Shape(array.IndexSets)}, dtype: {DType}, device: Device);");
            });
        }
        w.Line();
    }

    private void EmitProperties(CodeWriter w)
    {
        TorchElementwiseEmitter.EmitTensorProperties(w, _class, "The element type of the arrays (from the model's precision).");
        ClassPrinter.SizeProperties(w, _class);
        foreach (var array in _model.Arrays)
        {
            string role = array.Role switch { ArrayRole.State => "State", ArrayRole.Input => "Input", _ => "Parameter array" };
            string shape = array.IndexSets.Count == 0 ? "[1]" : $"[{string.Join(", ", array.IndexSets)}]";
            w.Line();
            w.Doc("summary", $"{role} {array.Name} ({array.Unit}, SI; line {array.Line}): a tensor of shape {shape}.");
            w.Doc("exception", "the tensor's shape, dtype or device is not the model's (the message names them).", "cref=\"ArgumentException\"");
            w.Line($"public Tensor {Id(array.Name)} {{ get => {array.Name}__data; set => {array.Name}__data = __Checked(value, {CSharpNames.StringLiteral(array.Name)}, {Shape(array.IndexSets)}); }}");
        }
        w.Line();
    }

    private void EmitReset(CodeWriter w)
    {
        w.Doc("summary", "Sets states to their initial values (zero where none is written) and the time to zero. Inputs and parameter arrays keep their values.");
        using (w.Block("public void Reset()"))
        {
            var states = _class.States.ToList();
            ClassPrinter.InitialValueLocals(w, _class);
            var host = ClassPrinter.HostPrinter();
            using (w.Block("using (torch.no_grad())"))
            {
                foreach (var state in states)
                {
                    w.Line($"{state.Name}__data = __Own({state.Name}__data);");
                    w.Line($"{state.Name}__data.fill_({ClassPrinter.InitialValue(state, host, "0.0")});");
                }
            }
            w.Line("Time = 0;");
            w.Line("StepIndex = 0;");
        }
        w.Line();
    }

    private void EmitStep(CodeWriter w, bool differentiable)
    {
        if (differentiable)
            w.Doc("summary", "Advances the model by <paramref name=\"dt\"/> out of place: each array gets a new tensor computed with autograd-tracked operations, " +
                             "so a loss can be differentiated with respect to the initial states, the inputs and ParameterTensors.");
        else
            w.Doc("summary", $"Advances the model by <paramref name=\"dt\"/> with solver {_model.Solver}, in place (no autograd graph; a state that requires grad is first replaced by a detached copy).");
        w.Doc("exception", "dt is not a positive finite number.", "cref=\"ArgumentOutOfRangeException\"");
        using (w.Block(differentiable ? "public void StepDifferentiable(double dt)" : "public void Step(double dt)"))
        using (StepGuardEmission.Guard(w, Class))
        {
            ClassPrinter.StepPrelude(w, _class, ClassPrinter.HostPrinter());
            System.Func<IrRef, TorchCode> uniformRef = r => new TorchCode(Id(r.Name), false);
            if (differentiable)
            {
                foreach (var parameter in _model.Parameters)
                    w.Line($"Tensor {parameter.Name}__t = __Parameter(ParameterTensors.{Id(parameter.Name)}, {Id(parameter.Name)}, {CSharpNames.StringLiteral(parameter.Name)});");
                uniformRef = r => r.Name is "dt" or "t" ? new TorchCode(Id(r.Name), false) : new TorchCode(r.Name + "__t", true);
                var uniformPrinter = new TorchPrinter(uniformRef);
                foreach (var uniform in _program.Uniforms) w.Line($"Tensor {uniform.Target}__t = {uniformPrinter.Tensor(uniform.Value)};");
            }
            else
            {
                foreach (var state in _model.Arrays.Where(a => a.Role == ArrayRole.State)) w.Line($"{state.Name}__data = __Own({state.Name}__data);");
                w.Line("using var __noGrad = torch.no_grad();");
                w.Line("using var __scope = torch.NewDisposeScope();");
            }
            for (int k = 0; k < _program.Nests.Count; k++) EmitNest(w, _program.Nests[k], k, uniformRef, differentiable);
            w.Line("StepIndex++;");
            w.Line("Time = t + dt;");
        }
        w.Line();
    }

    private void EmitNest(CodeWriter w, LoopNest nest, int index, System.Func<IrRef, TorchCode> uniformRef, bool differentiable)
    {
        w.Line($"// {nest.Comment}: loops [{string.Join(", ", nest.Loops.Select(l => l.Variable))}] as whole tensors");
        var axes = new List<IrLoop>(nest.Loops);
        var locals = new Dictionary<string, string>();
        TorchPrinter? printer = null;
        string Load(IrLoad load) => View(load, axes);
        string Sum(IrSum sum)
        {
            int outer = axes.Count;
            axes.AddRange(sum.Over);
            string body = printer!.Tensor(sum.Body);
            string shape = $"new long[] {{ {string.Join(", ", axes.Select(a => SizeField(a.IndexSet)))} }}";
            string dims = string.Join(", ", Enumerable.Range(outer, sum.Over.Count).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            axes.RemoveRange(outer, sum.Over.Count);
            return $"{body}.expand({shape}).sum(new long[] {{ {dims} }})";
        }
        printer = new TorchPrinter(r => r.Kind == SlotKind.Local ? new TorchCode(locals.TryGetValue(r.Name, out var local) ? local : Id(r.Name), true) : uniformRef(r), Load, Sum);
        foreach (var assign in nest.Locals)
        {
            string name = $"__n{index}_{assign.Target.Replace(".", "_")}";
            w.Line($"Tensor {name} = {printer.Tensor(assign.Value)};");
            locals[assign.Target] = name;
        }
        foreach (var store in nest.Stores)
        {
            var array = AllArrays.First(a => a.Name == store.Array);
            string value = printer.Tensor(store.Value);
            w.Line(differentiable
                ? $"{store.Array}__data = {value}.expand({Shape(array.IndexSets)}).contiguous();"
                : $"{store.Array}__data.copy_({value});");
        }
    }

    /// <summary>Array element [indices] as a view broadcast over the current axes.</summary>
    private string View(IrLoad load, IReadOnlyList<IrLoop> axes)
    {
        var array = AllArrays.First(a => a.Name == load.Array);
        var positions = load.Indices.Select(i => axes.ToList().FindIndex(a => a.Variable == i.LoopVariable)).ToList();
        var order = Enumerable.Range(0, positions.Count).OrderBy(d => positions[d]).ToList();
        string text = $"{load.Array}__data";
        if (order.Where((d, k) => d != k).Any()) text += $".permute(new long[] {{ {string.Join(", ", order)} }})";
        var shape = axes.Select((a, p) => positions.Contains(p) ? SizeField(array.IndexSets[positions.IndexOf(p)]) : "1").ToList();
        return $"{text}.reshape(new long[] {{ {string.Join(", ", shape)} }})";
    }

    private void EmitHelpers(CodeWriter w)
    {
        w.Doc("summary", "Disposes the array tensors.");
        using (w.Block("public void Dispose()"))
        {
            foreach (var array in AllArrays) w.Line($"{array.Name}__data.Dispose();");
        }
        w.Line();
        w.Line("private Tensor __T(double value) => torch.tensor(value, dtype: DType, device: Device);");
        w.Line();
        w.Line("private Tensor __B(bool value) => torch.tensor(value, device: Device);");
        w.Line();
        TorchElementwiseEmitter.EmitSharedHelpers(w);
        using (w.Block("private Tensor __Checked(Tensor value, string name, long[] shape)"))
        {
            w.Line("if (value is null) throw new ArgumentNullException(name);");
            w.Line("if (value.shape.AsSpan().SequenceEqual(shape) && value.dtype == DType && __SameDevice(value)) return value;");
            w.Line($"throw new ArgumentException($\"{Class}.{{name}}: expected a tensor of shape [{{string.Join(\", \", shape)}}], dtype {{DType}}, device {{Device}}; found shape [{{string.Join(\", \", value.shape)}}], dtype {{value.dtype}}, device {{value.device}}.\", name);");
        }
        w.Line();
        using (w.Block("private Tensor __Parameter(Tensor? value, double fallback, string name)"))
        {
            w.Line("if (value is null) return __T(fallback);");
            w.Line("if (value.dim() == 0 && value.dtype == DType && __SameDevice(value)) return value;");
            w.Line($"throw new ArgumentException($\"{Class}.ParameterTensors.{{name}}: expected a tensor of shape [], dtype {{DType}}, device {{Device}}; found shape [{{string.Join(\", \", value.shape)}}], dtype {{value.dtype}}, device {{value.device}}.\", name);");
        }
        w.Line();
    }
}
