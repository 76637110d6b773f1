using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DynLang.Core.Emit.Cpu;
using DynLang.Core.Lowering.Fields;
using DynLang.Core.Emit.Shape;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Emit.Torch;

/// <summary>
/// The TorchSharp class of a field (<c>{Model}Torch</c>): each state a tensor of shape [nx], [ny, nx]
/// or [nz, ny, nx] (numpy's C order, as the CPU class's arrays), and the same passes as the CPU
/// class (<see cref="FieldProgram"/>) as whole-tensor operations. A pass pads each array it reads
/// at an offset by the stencil radius, axis by axis in the CPU's order (x, then y, then z):
/// periodic sides copy the cells of the other end, neumann sides the mirrored cells
/// (<c>flip</c>), dirichlet sides the value; a load at an offset is then a <c>narrow</c> of the
/// padded tensor. Everything is out of place, so one code path serves both modes:
/// <c>Step</c> runs it under <c>no_grad</c> with host parameters and copies the new values into
/// the state tensors; <c>StepDifferentiable</c> runs it with parameters as tensors
/// (<c>ParameterTensors</c>) and replaces the state tensors, so gradients reach D, the initial
/// states and the boundary values.
/// </summary>
internal sealed class TorchFieldEmitter
{
    private static readonly string[] SizeNames = ClassDescriptions.GridSizes;

    private readonly KernelModel _model;
    private readonly FieldProgram _program;

    public TorchFieldEmitter(KernelModel model)
    {
        _model = model;
        _program = model.Field!;
        _class = ClassDescriptions.For(model);
    }

    private readonly GeneratedClass _class;

    private string Class => TorchEmitter.ClassName(_model);

    private string ParameterTensorsClass => CSharpNames.TypeName(_model.Name) + "ParameterTensors";

    private string DType => _model.Precision == Precision.Float ? "ScalarType.Float32" : "ScalarType.Float64";

    private int Dims => _program.Dims;

    private int MinimumSize => 2 * _program.Radius + 1;

    private IEnumerable<KernelArray> States => _model.Arrays.Where(a => a.Role == ArrayRole.State);

    private static string Id(string name) => CSharpNames.Identifier(name);

    /// <summary>Tensor dimension of grid axis a (0 = x): the last dimension is x.</summary>
    private int Dim(int axis) => Dims - 1 - axis;

    /// <summary>True when every pass can be written as tensor operations (no noise, no sums).</summary>
    public static bool Supports(KernelModel model) =>
        model.Field is { } program && program.Sweeps.All(s => s.Locals.All(l => Printable(l.Value)))
        && program.Uniforms.All(u => Printable(u.Value));

    private static bool Printable(IrExpr expr) => global::DynLang.Core.Diagnostics.StackGuard.Checked(expr) switch
    {
        IrNormal or IrSum => false,
        IrUnary unary => Printable(unary.Operand),
        IrBinary binary => Printable(binary.Left) && Printable(binary.Right),
        IrCall call => call.Arguments.All(Printable),
        IrSelect select => Printable(select.Condition) && Printable(select.WhenTrue) && Printable(select.WhenFalse),
        _ => true,
    };

    public void Emit(CodeWriter w)
    {
        TorchElementwiseEmitter.EmitParameterTensors(w, _model, Class);
        w.Line();
        string shape = "[" + string.Join(", ", SizeNames.Take(Dims).Reverse()) + "]";
        w.Doc("summary", $"{_class.What} as TorchSharp tensors ({_class.Origin}) on a {Dims}D grid, solver {_model.Solver}.");
        var remarks = new List<string>
        {
            $"Each state is a tensor of shape {shape} (x fastest, as the CPU class's arrays), dtype " + (_model.Precision == Precision.Float ? "float32" : "float64") + ", on the device given at construction.",
            "Step(dt) overwrites the state tensors (no autograd graph). StepDifferentiable(dt) replaces them with new tensors that carry the autograd history.",
        };
        remarks.AddRange(ClassPrinter.EquationRemarks(_class));
        w.Doc("remarks", string.Join("\n", remarks));
        using (w.Block($"public sealed partial class {Class} : IDisposable"))
        {
            ClassPrinter.SizeFields(w, _class);
            w.Line("private readonly long[] __shape;");
            foreach (var state in States) w.Line($"private Tensor {state.Name}__data;");
            StepGuardEmission.EmitField(w);
            w.Line();
            EmitConstructors(w);
            EmitProperties(w);
            EmitReset(w);
            EmitStep(w);
            EmitAdvance(w, tensors: false);
            EmitAdvance(w, tensors: true);
            EmitHelpers(w);
        }
    }

    private void EmitConstructors(CodeWriter w)
    {
        string parameters = ParametersEmitter.TypeName(_model);
        var names = SizeNames.Take(Dims).ToList();
        string sizes = _class.SizeParameterList + ", ";
        string sizeArgs = _class.SizeArgumentList + ", ";
        w.Doc("summary", $"Creates the field with the default parameters on a grid of {string.Join(" × ", names)} cells on <paramref name=\"device\"/> (null: the CPU).");
        w.Line($"public {Class}({sizes}Device? device = null) : this({sizeArgs}new {parameters}(), device) {{ }}");
        w.Line();
        w.Doc("summary", $"Creates the field with the given parameters on a grid of {string.Join(" × ", names)} cells on <paramref name=\"device\"/> (null: the CPU).");
        ClassPrinter.SizeChecksDoc(w, _class);
        using (w.Block($"public {Class}({sizes}{parameters} parameters, Device? device = null)"))
        {
            ClassPrinter.SizeChecks(w, _class);
            w.Line($"__shape = new long[] {{ {string.Join(", ", names.AsEnumerable().Reverse())} }};");
            w.Line("Parameters = parameters;");
            TorchElementwiseEmitter.EmitLoadGuarded(w, Class, () =>
            {
                foreach (var state in States) w.Line($"{state.Name}__data = torch.zeros(__shape, dtype: {DType}, device: Device);");
            });
        }
        w.Line();
    }

    private void EmitProperties(CodeWriter w)
    {
        TorchElementwiseEmitter.EmitTensorProperties(w, _class, "The element type of the state tensors (from the model's precision).",
            "The parameters used by Step, and by StepDifferentiable where ParameterTensors has no entry (SI units).");
        w.Line();
        w.Doc("summary", "When true (the default), a step throws if dt is beyond the solver's stability bound (computed from Parameters, as the CPU class does); set false to step anyway.");
        w.Line("public bool CheckStability { get; set; } = true;");
        ClassPrinter.SizeProperties(w, _class);
        foreach (var state in States)
        {
            w.Line();
            w.Doc("summary", $"State {state.Name} ({state.Unit}, SI; line {state.Line}): a tensor of the grid's shape, x fastest. Step overwrites it; StepDifferentiable replaces it.");
            w.Doc("exception", "the tensor's shape, dtype or device is not the model's (the message names them).", "cref=\"ArgumentException\"");
            w.Line($"public Tensor {Id(state.Name)} {{ get => {state.Name}__data; set => {state.Name}__data = __Checked(value, {CSharpNames.StringLiteral(state.Name)}); }}");
        }
        w.Line();
    }

    private void EmitReset(CodeWriter w)
    {
        w.Doc("summary", "Sets every cell of every state to its initial value (zero where none is written) and the time to zero.");
        using (w.Block("public void Reset()"))
        {
            ClassPrinter.InitialValueLocals(w, _class);
            var printer = ClassPrinter.HostPrinter();
            foreach (var state in _class.States)
            {
                w.Line($"{state.Name}__data = __Own({state.Name}__data);");
                w.Line($"using (torch.no_grad()) {state.Name}__data.fill_({ClassPrinter.InitialValue(state, printer, "0.0")});");
            }
            w.Line("Time = 0;");
            w.Line("StepIndex = 0;");
        }
        w.Line();
    }

    private void EmitStep(CodeWriter w)
    {
        w.Doc("summary", $"Advances the field by <paramref name=\"dt\"/> with solver {_model.Solver}, overwriting the state tensors (no autograd).");
        w.Doc("exception", "dt is not a positive finite number, or (with CheckStability) beyond the stability bound.", "cref=\"ArgumentOutOfRangeException\"");
        w.Doc("exception", "A parameter without a default is unset.", "cref=\"InvalidOperationException\"");
        using (w.Block("public void Step(double dt)"))
        using (StepGuardEmission.Guard(w, Class))
        {
            w.Line("__Check(dt);");
            foreach (var state in States) w.Line($"{state.Name}__data = __Own({state.Name}__data);");
            w.Line("using (torch.no_grad())");
            w.Line("using (var __scope = torch.NewDisposeScope())");
            using (w.Block())
            {
                w.Line("var __fresh = __AdvanceHost(dt);");
                for (int k = 0; k < _program.Swaps.Count; k++) w.Line($"{_program.Swaps[k].State}__data.copy_(__fresh[{k}]);");
            }
            w.Line("StepIndex++;");
            w.Line("Time += dt;");
        }
        w.Line();
        w.Doc("summary", $"Advances the field by <paramref name=\"dt\"/> out of place: each state becomes a new tensor carrying the autograd history (parameters from ParameterTensors where set).");
        w.Doc("exception", "dt is not a positive finite number, or (with CheckStability) beyond the stability bound.", "cref=\"ArgumentOutOfRangeException\"");
        w.Doc("exception", "A parameter tensor is not a scalar of the model's dtype and device.", "cref=\"ArgumentException\"");
        using (w.Block("public void StepDifferentiable(double dt)"))
        using (StepGuardEmission.Guard(w, Class))
        {
            w.Line("__Check(dt);");
            w.Line("var __fresh = __AdvanceTensors(dt);");
            for (int k = 0; k < _program.Swaps.Count; k++) w.Line($"{_program.Swaps[k].State}__data = __fresh[{k}];");
            w.Line("StepIndex++;");
            w.Line("Time += dt;");
        }
        w.Line();
        // dt, required parameters and stability, from the host Parameters, with the CPU class's messages.
        using (w.Block("private void __Check(double dt)"))
        {
            ClassPrinter.DtCheck(w);
            ClassPrinter.ParameterLocals(w, _class, discardWhenNone: true);
            ClassPrinter.RequiredParameterChecks(w, _class);
            if (_program.Stability.Count == 0) return;
            w.Line("double t = Time;");
            var printer = ClassPrinter.HostPrinter();
            ClassPrinter.HostUniforms(w, _class.HostUniforms, printer);
            EmitStabilityCheck(w, printer);
        }
        w.Line();
    }

    private void EmitStabilityCheck(CodeWriter w, ScalarPrinter printer)
    {
        string limit = NumericType.HostLiteral(_program.DiffusionLimit);
        string limitText = _program.DiffusionLimit.ToString("G6", CultureInfo.InvariantCulture);
        string dx = _program.SpacingParameter is { } s ? Id(s) : "1.0";
        using (w.Block("if (CheckStability)"))
        {
            int k = 0;
            foreach (var term in _program.Stability)
            {
                string c = $"__c{k++}";
                w.Line($"double {c} = {printer.Print(term.Coefficient)};");
                if (term.IsDiffusion)
                {
                    w.Line($"if ({c} > 0 && {c} * dt / ({dx} * {dx}) > {limit})");
                    w.Line($"    throw new ArgumentOutOfRangeException(nameof(dt), dt, $\"{_model.Name}: dt = {{dt:G6}} is beyond the stability bound of solver {_model.Solver} for d{term.State}/dt: " +
                           $"the diffusion number D·dt/dx² = {{{c} * dt / ({dx} * {dx}):G6}} exceeds {limitText} (D = {{{c}:G6}}, dx = {{{dx}:G6}}); the largest stable dt is {{{limit} * {dx} * {dx} / {c}:G6}}. Set CheckStability = false to step anyway.\");");
                }
                else
                {
                    w.Line($"if (Math.Abs({c}) * dt / {dx} > 1.0)");
                    w.Line($"    throw new ArgumentOutOfRangeException(nameof(dt), dt, $\"{_model.Name}: dt = {{dt:G6}} is beyond the CFL bound for d{term.State}/dt: " +
                           $"|c|·dt/dx = {{Math.Abs({c}) * dt / {dx}:G6}} exceeds 1 (c = {{{c}:G6}}, dx = {{{dx}:G6}}); the largest stable dt is {{{dx} / Math.Abs({c}):G6}}. Set CheckStability = false to step anyway.\");");
                }
            }
        }
    }

    /// <summary>
    /// One step as tensor operations; returns the new values of the swapped states, in the order of
    /// <see cref="FieldProgram.Swaps"/>. With <paramref name="tensors"/> the parameters (and what
    /// derives from them) are tensors, so autograd sees them; otherwise host doubles.
    /// </summary>
    private void EmitAdvance(CodeWriter w, bool tensors)
    {
        var tensorNames = new HashSet<string>();
        using (w.Block($"private Tensor[] {(tensors ? "__AdvanceTensors" : "__AdvanceHost")}(double dt)"))
        {
            w.Line("var __p = Parameters;");
            foreach (var parameter in _model.Parameters)
            {
                string name = Id(parameter.Name);
                if (tensors)
                {
                    w.Line($"Tensor {name} = __Parameter(ParameterTensors.{name}, __p.{name}, {CSharpNames.StringLiteral(parameter.Name)});");
                    tensorNames.Add(parameter.Name);
                }
                else w.Line($"double {name} = __p.{name};");
            }
            if (_model.Parameters.Count == 0) w.Line("_ = __p;");
            w.Line("double t = Time;");
            var uniformPrinter = new TorchPrinter(r => new TorchCode(Id(r.Name), tensorNames.Contains(r.Name)));
            foreach (var uniform in _program.Uniforms)
            {
                var code = uniformPrinter.Print(uniform.Value);
                w.Line($"{(code.IsTensor ? "Tensor" : "double")} {Id(uniform.Target)} = {code.Text};");
                if (code.IsTensor) tensorNames.Add(uniform.Target);
            }
            foreach (var state in _program.States) w.Line($"Tensor __a_{state} = {state}__data;");
            foreach (var temporary in _program.Temporaries) w.Line($"Tensor __a_{temporary} = null!;");
            for (int k = 0; k < _program.Sweeps.Count; k++) EmitSweep(w, k, _program.Sweeps[k], tensorNames);
            w.Line($"return new Tensor[] {{ {string.Join(", ", _program.Swaps.Select(s => "__a_" + s.NewValues))} }};");
        }
        w.Line();
    }

    private void EmitSweep(CodeWriter w, int index, FieldSweep sweep, HashSet<string> outerTensors)
    {
        w.Line($"// Pass {index}: {sweep.Comment}");
        using (w.Block())
        {
            var loads = sweep.Locals.SelectMany(l => Loads(l.Value)).ToList();
            var padded = loads.Where(l => l.Indices.Any(i => i.Offset != 0)).Select(l => l.Array).Distinct().ToList();
            foreach (var array in padded) EmitPad(w, array);
            var locals = new HashSet<string>();
            var printer = new TorchPrinter(
                r => r.Kind == SlotKind.Local
                    ? new TorchCode("__l_" + r.Name, locals.Contains(r.Name))
                    : new TorchCode(Id(r.Name), outerTensors.Contains(r.Name)),
                load: Load);
            foreach (var local in sweep.Locals)
            {
                var code = printer.Print(local.Value);
                w.Line($"{(code.IsTensor ? "Tensor" : "double")} __l_{local.Target} = {code.Text};");
                if (code.IsTensor) locals.Add(local.Target);
            }
            foreach (var (array, local) in sweep.Stores)
                w.Line($"__a_{array} = __Cells({(locals.Contains(local) ? "__l_" + local : $"__T(__l_{local})")});");
        }
    }

    /// <summary>The array padded by the stencil radius on every side, axis by axis (x first, as the CPU's __At maps coordinates).</summary>
    private void EmitPad(CodeWriter w, string array)
    {
        int r = _program.Radius;
        string p = "__pad_" + array;
        w.Line($"Tensor {p} = __a_{array};");
        for (int axis = 0; axis < Dims; axis++)
        {
            int dim = Dim(axis);
            string n = "__" + SizeNames[axis];
            string Side(bool low)
            {
                var boundary = low ? _program.Low[axis] : _program.High[axis];
                return boundary.Kind switch
                {
                    FieldBoundaryKind.Periodic => low ? $"{p}.narrow({dim}, {n} - {r}, {r})" : $"{p}.narrow({dim}, 0, {r})",
                    // Cell-centred mirror: the cell at −k is the cell at k − 1.
                    FieldBoundaryKind.Neumann => low ? $"{p}.narrow({dim}, 0, {r}).flip({dim})" : $"{p}.narrow({dim}, {n} - {r}, {r}).flip({dim})",
                    _ => $"(torch.zeros_like({p}.narrow({dim}, 0, {r})) + {Id(FieldLowerer.BoundaryUniform(axis, low))})",
                };
            }
            w.Line($"{p} = torch.cat(new Tensor[] {{ {Side(true)}, {p}, {Side(false)} }}, {dim});");
        }
    }

    private string Load(IrLoad load)
    {
        if (load.Indices.All(i => i.Offset == 0)) return "__a_" + load.Array;
        string text = "__pad_" + load.Array;
        for (int axis = 0; axis < Dims; axis++)
        {
            string variable = "xyz"[axis].ToString();
            int offset = load.Indices.FirstOrDefault(i => i.LoopVariable == variable)?.Offset ?? 0;
            text += $".narrow({Dim(axis)}, {_program.Radius + offset}, __{SizeNames[axis]})";
        }
        return text;
    }

    private static IEnumerable<IrLoad> Loads(IrExpr expr) => global::DynLang.Core.Diagnostics.StackGuard.Checked(expr) switch
    {
        IrLoad load => new[] { load },
        IrUnary unary => Loads(unary.Operand),
        IrBinary binary => Loads(binary.Left).Concat(Loads(binary.Right)),
        IrCall call => call.Arguments.SelectMany(Loads),
        IrSelect select => Loads(select.Condition).Concat(Loads(select.WhenTrue)).Concat(Loads(select.WhenFalse)),
        _ => Enumerable.Empty<IrLoad>(),
    };

    private void EmitHelpers(CodeWriter w)
    {
        w.Doc("summary", "Disposes the state tensors.");
        using (w.Block("public void Dispose()"))
        {
            foreach (var state in States) w.Line($"{state.Name}__data.Dispose();");
        }
        w.Line();
        w.Line("private Tensor __T(double value) => torch.tensor(value, dtype: DType, device: Device);");
        w.Line();
        w.Line("private Tensor __B(bool value) => torch.tensor(value, device: Device);");
        w.Line();
        w.Line("// A value the same in every cell (a derivative of parameters only) broadcast to the grid.");
        w.Line("private Tensor __Cells(Tensor value) => value.dim() == __shape.Length ? value : value.expand(__shape);");
        w.Line();
        TorchElementwiseEmitter.EmitSharedHelpers(w);
        using (w.Block("private Tensor __Checked(Tensor value, string name)"))
        {
            w.Line("if (value is null) throw new ArgumentNullException(name);");
            w.Line("bool shapeOk = global::System.Linq.Enumerable.SequenceEqual(value.shape, __shape);");
            w.Line("if (shapeOk && value.dtype == DType && __SameDevice(value)) return value;");
            w.Line($"throw new ArgumentException($\"{Class}.{{name}}: expected a tensor of shape [{{string.Join(\", \", __shape)}}], dtype {{DType}}, device {{Device}}; found shape [{{string.Join(\", \", value.shape)}}], dtype {{value.dtype}}, device {{value.device}}.\", name);");
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
