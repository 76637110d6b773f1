using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Emit.Cpu;
using DynLang.Core.Emit.Shape;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Emit.Torch;

/// <summary>
/// Emits <c>{Model}Torch</c> for a model with independent elements (neurons, ensembles of
/// systems): each state and input is a 1-D tensor of length Count on one device, and the step
/// is the same IR as the CPU kernel, printed as tensor operations.
/// <list type="bullet">
/// <item><c>Step(dt)</c>: in place, under no_grad, temporaries disposed; linear relaxations run as
/// one fused <c>lerp_</c> (<see cref="AffineUpdate"/>), resets as <c>masked_fill_</c>.</item>
/// <item><c>StepDifferentiable(dt)</c>: out of place, every value a new tensor, so autograd can
/// differentiate through any number of steps; parameters may be tensors
/// (<c>{Model}ParameterTensors</c>); the spike is the declared surrogate.</item>
/// </list>
/// </summary>
internal sealed class TorchElementwiseEmitter
{
    private readonly KernelModel _model;
    private readonly ElementwiseProgram _program;
    private readonly NumericType _t;

    public TorchElementwiseEmitter(KernelModel model)
    {
        _model = model;
        _program = model.Elementwise!;
        _t = NumericType.For(model.Precision);
        _class = ClassDescriptions.For(model);
    }

    private readonly GeneratedClass _class;

    private string Class => TorchEmitter.ClassName(_model);

    private string ParameterTensorsClass => CSharpNames.TypeName(_model.Name) + "ParameterTensors";

    private string DType => _model.Precision == Precision.Float ? "ScalarType.Float32" : "ScalarType.Float64";

    private IEnumerable<KernelArray> States => _model.Arrays.Where(a => a.Role == ArrayRole.State);

    private IEnumerable<KernelArray> Inputs => _model.Arrays.Where(a => a.Role == ArrayRole.Input);

    private bool HasSpikes => _program.HasSpikes;

    private bool HasRefractory => _program.RefractoryStepsUniform is not null;

    private static string Id(string name) => CSharpNames.Identifier(name);

    public void Emit(CodeWriter w)
    {
        EmitParameterTensors(w, _model, Class);
        w.Line();
        w.Doc("summary", $"{_class.What} as TorchSharp tensors ({_class.Origin}), solver {_model.Solver}.");
        var remarks = new List<string>
        {
            "Each state and input is a 1-D tensor of length Count, dtype " + (_model.Precision == Precision.Float ? "float32" : "float64") + ", on the device given at construction.",
            "Step(dt) updates the state tensors in place (no autograd graph; linear relaxations fused into one lerp_).",
            "StepDifferentiable(dt) computes new state tensors out of place, so gradients flow through any number of steps.",
        };
        remarks.AddRange(ClassPrinter.EquationRemarks(_class));
        w.Doc("remarks", string.Join("\n", remarks));
        using (w.Block($"public sealed partial class {Class} : IDisposable"))
        {
            EmitFields(w);
            EmitConstructors(w);
            EmitProperties(w);
            EmitReset(w);
            EmitStep(w);
            EmitStepDifferentiable(w);
            EmitHelpers(w);
            if (_program.Propagator is not null)
                PropagatorEmission.EmitCompute(w, _program.Propagator, ParametersEmitter.TypeName(_model), _model.Parameters.Select(p => p.Name));
        }
    }

    /// <summary>
    /// The constructor's tensor allocations: the device, then <paramref name="body"/>, then Reset, in a try whose
    /// catch turns a failure to load libtorch (the first tensor operation loads it) into one message saying what to install.
    /// </summary>
    internal static void EmitLoadGuarded(CodeWriter w, string className, System.Action body)
    {
        using (w.Block("try"))
        {
            w.Line("Device = device ?? torch.CPU;");
            body();
            w.Line("Reset();");
        }
        using (w.Block($"catch (Exception __loadError) when (TorchLoadFailure.Explain(__loadError, nameof({className})) is {{ }} __explained)"))
            w.Line("throw __explained;");
    }

    /// <summary>The common properties of the TorchSharp classes: Device, DType, Parameters, Time, StepIndex, ParameterTensors.</summary>
    internal static void EmitTensorProperties(CodeWriter w, GeneratedClass c, string dtypeDoc, string? parametersDoc = null)
    {
        w.Doc("summary", "The device every tensor of the model lives on.");
        w.Line("public Device Device { get; }");
        w.Line();
        w.Doc("summary", dtypeDoc);
        w.Line($"public ScalarType DType => {(c.Numeric.Precision == Precision.Float ? "ScalarType.Float32" : "ScalarType.Float64")};");
        w.Line();
        ClassPrinter.TimeProperties(w, c, "step", parametersDoc);
        w.Line();
        w.Doc("summary", "Parameters as tensors for StepDifferentiable (null entries use Parameters).");
        w.Line($"public {CSharpNames.TypeName(c.ModelName)}ParameterTensors ParameterTensors {{ get; }} = new();");
    }

    /// <summary><c>{Model}ParameterTensors</c>: one nullable tensor per parameter (shared by the elementwise and indexed classes).</summary>
    internal static void EmitParameterTensors(CodeWriter w, KernelModel model, string className)
    {
        w.Doc("summary", $"Parameters of {model.Name} as tensors, for gradients with respect to them in {className}.StepDifferentiable.");
        w.Doc("remarks", "A null entry uses the value in Parameters (a constant). A tensor is a scalar (0-dimensional)" +
                         (model.Shape == KernelShape.Elementwise ? " or one value per element (shape [Count])" : "") + ",\n" +
                         "of the model's dtype and device; set requires_grad on it to learn it. Step (in place) always uses Parameters.");
        using (w.Block($"public sealed class {CSharpNames.TypeName(model.Name)}ParameterTensors"))
        {
            foreach (var parameter in model.Parameters)
            {
                w.Doc("summary", $"{parameter.DeclaredText} — unit: {parameter.Unit}, in SI (line {parameter.Line}); null: Parameters.{parameter.Name}.");
                w.Line($"public Tensor? {Id(parameter.Name)} {{ get; set; }}");
                w.Line();
            }
        }
    }

    private void EmitFields(CodeWriter w)
    {
        if (HasSpikes)
        {
            w.Doc("summary", "Last-spike step of an element that never spiked (far enough back for any refractory period).");
            w.Line("private const long NeverSpiked = long.MinValue / 4;");
        }
        foreach (var array in _class.Arrays) w.Line($"private Tensor {array.Name}__data;");
        StepGuardEmission.EmitField(w);
        if (HasSpikes)
        {
            w.Line("private readonly Tensor __lastSpike;");
            w.Line("private readonly Tensor __spikes;");
        }
        if (_program.Propagator is { } propagator) PropagatorEmission.EmitFields(w, propagator, ParametersEmitter.TypeName(_model));
        w.Line();
    }

    private void EmitConstructors(CodeWriter w)
    {
        string parameters = ParametersEmitter.TypeName(_model);
        w.Doc("summary", "Creates <paramref name=\"count\"/> elements with the default parameters on <paramref name=\"device\"/> (null: the CPU), at their initial values.");
        w.Line($"public {Class}(int count, Device? device = null) : this(count, new {parameters}(), device) {{ }}");
        w.Line();
        w.Doc("summary", "Creates <paramref name=\"count\"/> elements with the given parameters on <paramref name=\"device\"/> (null: the CPU), at their initial values.");
        using (w.Block($"public {Class}(int count, {parameters} parameters, Device? device = null)"))
        {
            ClassPrinter.SizeChecks(w, _class);
            w.Line("Parameters = parameters;");
            EmitLoadGuarded(w, Class, () =>
            {
                foreach (var array in _class.Arrays)
                    w.Line($"{array.Name}__data = torch.zeros(new long[] {{ {array.Length} }}, dtype: {DType}, device: Device);");
                if (HasSpikes)
                {
                    w.Line("__lastSpike = torch.full(new long[] { Count }, NeverSpiked, dtype: ScalarType.Int64, device: Device);");
                    w.Line("__spikes = torch.zeros(new long[] { Count }, dtype: ScalarType.Bool, device: Device);");
                }
            });
        }
        w.Line();
    }

    private void EmitProperties(CodeWriter w)
    {
        ClassPrinter.SizeProperties(w, _class, leadingBlank: false);
        EmitTensorProperties(w, _class, "The element type of the state and input tensors (from the model's precision).");
        foreach (var array in States.Concat(Inputs))
        {
            string role = array.Role == ArrayRole.State ? "State" : "Input";
            string extra = array.Role == ArrayRole.State
                ? "Step updates this tensor in place; StepDifferentiable replaces it with a new tensor that carries the autograd history."
                : "Held constant over each step; may require grad for StepDifferentiable.";
            w.Line();
            w.Doc("summary", $"{role} {array.Name} of every element ({array.Unit}, SI; line {array.Line}): a tensor of shape [Count]. {extra}");
            w.Doc("exception", "the tensor's shape, dtype or device is not the model's (the message names them).", "cref=\"ArgumentException\"");
            w.Line($"public Tensor {Id(array.Name)} {{ get => {array.Name}__data; set => {array.Name}__data = __Checked(value, {CSharpNames.StringLiteral(array.Name)}); }}");
        }
        if (HasSpikes)
        {
            w.Line();
            w.Doc("summary", "Which elements spiked in the last step: a bool tensor of shape [Count] (overwritten by the next step).");
            w.Line("public Tensor Spikes => __spikes;");
            w.Line();
            w.Doc("summary", "Number of elements that spiked in the last step (copies one number from the device).");
            w.Line("public int SpikeCount => (int)__spikes.sum().item<long>();");
        }
        w.Line();
    }

    private void EmitReset(CodeWriter w)
    {
        w.Doc("summary", "Sets every state to its initial value (from the current Parameters), forgets spikes, and sets the time to zero. Inputs keep their values.");
        using (w.Block("public void Reset()"))
        {
            ClassPrinter.InitialValueLocals(w, _class);
            var host = ClassPrinter.HostPrinter();
            using (w.Block("using (torch.no_grad())"))
            {
                foreach (var state in _class.States)
                {
                    w.Line($"{state.Name}__data = __Own({state.Name}__data);");
                    w.Line($"{state.Name}__data.fill_({ClassPrinter.InitialValue(state, host, "0.0")});");
                }
                if (HasSpikes)
                {
                    w.Line("__lastSpike.fill_(NeverSpiked);");
                    w.Line("__spikes.zero_();");
                }
            }
            w.Line("Time = 0;");
            w.Line("StepIndex = 0;");
        }
        w.Line();
    }

    /// <summary>dt check, parameters, uniforms and propagator as host doubles, exactly as the CPU class computes them.</summary>
    private void EmitHostPrelude(CodeWriter w)
    {
        ClassPrinter.StepPrelude(w, _class, ClassPrinter.HostPrinter());
        if (_program.Propagator is { } propagator) PropagatorEmission.EmitLoad(w, propagator);
        if (HasRefractory)
        {
            w.Line("// Refractory period in steps, rounded as Brian2's timestep(): int((duration + 1e-3*dt)/dt).");
            w.Line("long __refractorySteps = DynLang.Runtime.RefractorySteps.Of(__refractoryDuration, dt, -NeverSpiked); // never-spiked elements are never refractory");
        }
    }

    // ---- in-place step ------------------------------------------------------------------------

    private void EmitStep(CodeWriter w)
    {
        w.Doc("summary", "Advances every element by <paramref name=\"dt\"/>" + (_model.UsesUnits ? " seconds" : "") + $" with solver {_model.Solver}, in place: " +
                         "the state tensors keep their identity, no autograd graph is built (a state that requires grad is first replaced by a detached copy)" +
                         (HasSpikes ? "; then checks the events (Spikes holds the result until the next step)." : "."));
        w.Doc("exception", "dt is not a positive finite number.", "cref=\"ArgumentOutOfRangeException\"");
        w.Doc("exception", "a parameter without default value has not been set.", "cref=\"InvalidOperationException\"");
        using (w.Block("public void Step(double dt)"))
        using (StepGuardEmission.Guard(w, Class))
        {
            EmitHostPrelude(w);
            foreach (var state in States) w.Line($"{state.Name}__data = __Own({state.Name}__data);");
            w.Line("using var __noGrad = torch.no_grad();");
            w.Line("using var __scope = torch.NewDisposeScope();");
            new InPlaceBody(this).Emit(w);
            w.Line("StepIndex++;");
            w.Line("Time = t + dt;");
        }
        w.Line();
    }

    /// <summary>The in-place body: fusion decisions, dead-local elimination, then the statements.</summary>
    private sealed class InPlaceBody
    {
        private readonly TorchElementwiseEmitter _e;
        private readonly ElementwiseProgram _p;
        private readonly TorchPrinter _printer;
        /// <summary>Fused updates by body index: state name, coefficient and rest.</summary>
        private readonly Dictionary<int, (string State, IrExpr Coefficient, IrExpr Remainder)> _fused = new();
        /// <summary>Body indices of the refractory freeze of a fused state (folded into its lerp_).</summary>
        private readonly Dictionary<int, string> _folded = new();

        public InPlaceBody(TorchElementwiseEmitter emitter)
        {
            _e = emitter;
            _p = emitter._program;
            _printer = new TorchPrinter(r => new TorchCode(Id(r.Name), r.Kind == SlotKind.Local));
        }

        public void Emit(CodeWriter w)
        {
            DecideFusions();
            var live = LiveAssignments();
            foreach (var name in _p.StateLoads.Concat(_p.InputLoads)) w.Line($"Tensor {Id(name)} = {name}__data;");
            if (_e.HasRefractory)
                w.Line($"Tensor {ElementwiseProgram.NotRefractoryLocal} = __lastSpike.le(StepIndex - __refractorySteps);");
            var declared = new HashSet<string>(_p.StateLoads.Concat(_p.InputLoads));
            // Locals that are the state's own storage (updated in place): no copy at the end.
            var storage = new Dictionary<string, string>();
            // Locals holding a tensor this step created (safe to change in place).
            var owned = new HashSet<string>();
            for (int k = 0; k < _p.Body.Count; k++)
            {
                var assign = _p.Body[k];
                if (_folded.ContainsKey(k)) continue;
                if (_fused.TryGetValue(k, out var fused))
                {
                    EmitFused(w, assign, fused, k);
                    declared.Add(assign.Target);
                    storage[assign.Target] = fused.State;
                    owned.Add(assign.Target);
                    continue;
                }
                if (!live.Contains(k)) continue;
                Assign(w, assign.Target, assign.Value, declared, assign.Comment);
                storage.Remove(assign.Target);
                if (assign.Value is IrRef) owned.Remove(assign.Target);
                else owned.Add(assign.Target);
            }
            foreach (var assign in _p.EventLocals)
            {
                Assign(w, assign.Target, assign.Value, declared, assign.Comment);
                storage.Remove(assign.Target);
                owned.Remove(assign.Target); // events may read it after an action changed its source
            }
            EmitEvents(w, declared, storage, owned);
            foreach (var (state, local) in _p.Stores)
            {
                if (storage.TryGetValue(local, out var s) && s == state) continue;
                w.Line($"{state}__data.copy_({Id(local)});");
            }
        }

        private void Assign(CodeWriter w, string target, IrExpr value, HashSet<string> declared, string? comment)
        {
            if (comment is not null) w.Line("// " + comment);
            string text = _printer.Tensor(value);
            w.Line(declared.Add(target) ? $"Tensor {Id(target)} = {text};" : $"{Id(target)} = {text};");
        }

        private void EmitFused(CodeWriter w, IrAssign assign, (string State, IrExpr Coefficient, IrExpr Remainder) fused, int index)
        {
            string x = Id(fused.State);
            string weight = $"__w_{fused.State}";
            bool frozen = _folded.ContainsValue(fused.State);
            w.Line($"// {fused.State}' = c·{fused.State} + r run as one fused {fused.State}.lerp_(r/w, w) with w = 1 − c" + (frozen ? "; refractory elements lerp towards themselves (frozen)." : "."));
            if (assign.Comment is not null) w.Line("// " + assign.Comment);
            w.Line($"double {weight} = 1.0 - ({_printer.Print(fused.Coefficient).Text});");
            var rest = _printer.Print(fused.Remainder);
            string end = $"__end_{fused.State}";
            using (w.Block($"if ({weight} != 0)"))
            {
                if (!rest.IsTensor) w.Line($"Tensor {end} = __T(({rest.Text}) / {weight});");
                else if (AffineInOneTensor(fused.Remainder) is { } affine)
                {
                    // r = a·y + b: the target r/w = y·(a/w) + b/w in two passes, the scale folded on the host.
                    string scaled = $"{Id(affine.Local)}.mul(({_printer.Print(affine.Coefficient).Text}) / {weight})";
                    w.Line(affine.Constant is IrConstant { Value: 0 }
                        ? $"Tensor {end} = {scaled};"
                        : $"Tensor {end} = {scaled}.add_(({_printer.Print(affine.Constant).Text}) / {weight});");
                }
                else if (fused.Remainder is IrRef) w.Line($"Tensor {end} = {rest.Text} / {weight};");
                else w.Line($"Tensor {end} = {rest.Text}.div_({weight});");
                if (frozen) w.Line($"{end} = torch.where({ElementwiseProgram.NotRefractoryLocal}, {end}, {x});");
                w.Line($"{x}.lerp_({end}, {weight});");
            }
            using (w.Block("else"))
            {
                string increment = rest.IsTensor ? rest.Text : $"__T({rest.Text})";
                w.Line(frozen
                    ? $"{x}.add_(torch.where({ElementwiseProgram.NotRefractoryLocal}, {increment}, __T(0.0)));"
                    : $"{x}.add_({increment});");
            }
            w.Line($"Tensor {Id(assign.Target)} = {x};");
        }

        /// <summary>r = a·y + b with y the only per-element value r reads and a, b uniform; null otherwise.</summary>
        private static (string Local, IrExpr Coefficient, IrExpr Constant)? AffineInOneTensor(IrExpr rest)
        {
            var locals = TorchPrinter.LocalsRead(rest).Distinct().ToList();
            if (locals.Count != 1) return null;
            var split = AffineUpdate.Split(rest, locals[0], new Dictionary<string, IrExpr>(), r => r.Kind == SlotKind.Uniform);
            if (split is null || TorchPrinter.LocalsRead(split.Value.Remainder).Any()) return null;
            return (locals[0], split.Value.Coefficient, split.Value.Remainder);
        }

        private void EmitEvents(CodeWriter w, HashSet<string> declared, Dictionary<string, string> storage, HashSet<string> owned)
        {
            var emitting = new List<string>();
            int index = 0;
            // A definition the events read that is another local itself would see an in-place reset.
            bool aliased = _p.EventLocals.Any(a => a.Value is IrRef { Kind: SlotKind.Local });
            foreach (var ev in _p.Events)
            {
                string fire = $"__fire{index++}";
                w.Line($"Tensor {fire} = {_printer.Tensor(ev.Condition)};");
                foreach (var action in ev.Actions)
                {
                    var value = _printer.Print(action.Value);
                    string target = Id(action.Target);
                    if (!aliased && owned.Contains(action.Target) && !value.IsTensor)
                    {
                        w.Line($"{target}.masked_fill_({fire}, {value.Text});");
                    }
                    else
                    {
                        string text = value.IsTensor ? value.Text : $"__T({value.Text})";
                        w.Line($"{target} = torch.where({fire}, {text}, {target});");
                        storage.Remove(action.Target);
                        owned.Add(action.Target);
                    }
                }
                if (ev.EmitsSpike || ev.StartsRefractory) w.Line($"__lastSpike.masked_fill_({fire}, StepIndex);");
                if (ev.EmitsSpike) emitting.Add(fire);
            }
            if (!_e.HasSpikes) return;
            if (emitting.Count == 0) w.Line("__spikes.zero_();");
            else w.Line($"__spikes.copy_({emitting[0]}{string.Join("", emitting.Skip(1).Select(f => $".logical_or({f})"))});");
        }

        // ---- analysis ----

        private void DecideFusions()
        {
            var assignments = _p.Body.GroupBy(a => a.Target).ToDictionary(g => g.Key, g => g.Count());
            var definitions = new Dictionary<string, IrExpr>();
            for (int k = 0; k < _p.Body.Count; k++)
            {
                var assign = _p.Body[k];
                string? state = _p.StateLoads.FirstOrDefault(s => s + "__new" == assign.Target);
                if (state is not null && IsFirstAssignment(k) && TryFuse(k, state, definitions) is { } split)
                    _fused[k] = (state, split.Coefficient, split.Remainder);
                if (assignments[assign.Target] == 1) definitions[assign.Target] = assign.Value;
            }
        }

        private bool IsFirstAssignment(int k) => _p.Body.Take(k).All(a => a.Target != _p.Body[k].Target);

        private (IrExpr Coefficient, IrExpr Remainder)? TryFuse(int k, string state, Dictionary<string, IrExpr> definitions)
        {
            var split = AffineUpdate.Split(_p.Body[k].Value, state, definitions, r => r.Kind == SlotKind.Uniform);
            if (split is null) return null;
            string target = _p.Body[k].Target;
            // Updating x in place is safe only if nothing after reads the old x (directly or through a
            // local that is x itself), except the refractory freeze, which is folded into the lerp_.
            var aliases = new HashSet<string> { state };
            foreach (var a in _p.Body.Take(k))
                if (a.Value is IrRef { Kind: SlotKind.Local } r && aliases.Contains(r.Name)) aliases.Add(a.Target);
            int? freeze = null;
            for (int j = k + 1; j < _p.Body.Count; j++)
            {
                var a = _p.Body[j];
                bool isFreeze = a.Target == target && a.Value is IrSelect
                {
                    Condition: IrRef { Name: ElementwiseProgram.NotRefractoryLocal },
                    WhenTrue: IrRef whenTrue,
                    WhenFalse: IrRef whenFalse,
                } && whenTrue.Name == target && whenFalse.Name == state;
                if (isFreeze && freeze is null) { freeze = j; continue; }
                if (a.Target == target) return null;
                if (TorchPrinter.LocalsRead(a.Value).Any(aliases.Contains)) return null;
            }
            var later = _p.EventLocals.Select(a => a.Value)
                .Concat(_p.Events.SelectMany(e => e.Actions.Select(a => a.Value).Append(e.Condition)));
            if (later.Any(e => TorchPrinter.LocalsRead(e).Any(aliases.Contains))) return null;
            if (_p.Stores.Any(s => aliases.Contains(s.Local) && s.Local != target)) return null;
            if (freeze is { } f) _folded[f] = state;
            return split;
        }

        /// <summary>Body indices whose value is read (backward liveness from the events and stores).</summary>
        private HashSet<int> LiveAssignments()
        {
            var needed = new HashSet<string>();
            foreach (var (_, local) in _p.Stores) needed.Add(local);
            foreach (var e in _p.EventLocals.Select(a => a.Value).Concat(_p.Events.SelectMany(e => e.Actions.Select(a => a.Value).Append(e.Condition))))
                needed.UnionWith(TorchPrinter.LocalsRead(e));
            var live = new HashSet<int>();
            for (int k = _p.Body.Count - 1; k >= 0; k--)
            {
                var assign = _p.Body[k];
                if (_folded.ContainsKey(k)) continue;
                if (!needed.Contains(assign.Target) && !_fused.ContainsKey(k)) continue;
                live.Add(k);
                needed.Remove(assign.Target);
                var reads = _fused.TryGetValue(k, out var fused)
                    ? TorchPrinter.LocalsRead(fused.Coefficient).Concat(TorchPrinter.LocalsRead(fused.Remainder)).Append(fused.State)
                    : TorchPrinter.LocalsRead(assign.Value);
                needed.UnionWith(reads);
            }
            return live;
        }
    }

    // ---- differentiable step ------------------------------------------------------------------

    /// <summary>Uniform names that stay host doubles in the differentiable step (everything else becomes a tensor).</summary>
    private static bool IsHostUniform(string name) => name is "dt" or "t";

    private void EmitStepDifferentiable(CodeWriter w)
    {
        var surrogateEvent = _program.Surrogate is null ? null : _program.Events.FirstOrDefault(e => e.EmitsSpike && e.Margin is not null);
        string returns = HasSpikes ? "Tensor" : "void";
        w.Doc("summary", "Advances every element by <paramref name=\"dt\"/>" + (_model.UsesUnits ? " seconds" : "") +
                         " out of place: each state property gets a new tensor computed with autograd-tracked operations (none in place), " +
                         "so a loss of the states after any number of steps can be differentiated with respect to the initial states, the inputs and ParameterTensors.");
        if (HasSpikes)
        {
            string how = _program.Surrogate?.Kind switch
            {
                SurrogateKind.FastSigmoid => "forward exactly 0 or 1, backward the fast sigmoid 1/(1 + k|u|)² of the margin u (surrogate fast_sigmoid)",
                SurrogateKind.Arctan => "forward exactly 0 or 1, backward (α/2)/(1 + (π α u/2)²) of the margin u (surrogate arctan)",
                SurrogateKind.LogSumExp => "σ(u/ε) of the margin u, forward and backward: the soft threshold (surrogate log_sum_exp)",
                _ => "exactly 0 or 1 with zero gradient (the model declares no surrogate)",
            };
            string reset = _program.Surrogate?.Kind == SurrogateKind.LogSumExp
                ? "Resets use it: x' = x·(1 − s) + value·s."
                : "Resets are the hard threshold's (no gradient through the reset, as snnTorch's detached reset); the surrogate acts through this tensor.";
            w.Doc("returns", $"The spike of each element as a float tensor of shape [Count]: {how}. {reset}");
        }
        w.Doc("exception", "dt is not a positive finite number.", "cref=\"ArgumentOutOfRangeException\"");
        w.Doc("exception", "a parameter tensor has the wrong shape, dtype or device.", "cref=\"ArgumentException\"");
        using (w.Block($"public {returns} StepDifferentiable(double dt)"))
        using (StepGuardEmission.Guard(w, Class))
        {
            EmitHostPrelude(w);
            // Parameters and uniforms as tensors (parameter tensors carry gradients into the step).
            foreach (var parameter in _model.Parameters)
                w.Line($"Tensor {parameter.Name}__t = __Parameter(ParameterTensors.{Id(parameter.Name)}, {Id(parameter.Name)}, {CSharpNames.StringLiteral(parameter.Name)});");
            var uniformPrinter = new TorchPrinter(r => r.Kind == SlotKind.Uniform && !IsHostUniform(r.Name)
                ? new TorchCode(r.Name + "__t", true)
                : new TorchCode(Id(r.Name), false));
            foreach (var uniform in _program.Uniforms)
                w.Line($"Tensor {uniform.Target}__t = {uniformPrinter.Tensor(uniform.Value)};");
            if (_program.Propagator is { } propagator) EmitPropagatorTensors(w, propagator, uniformPrinter);

            var printer = new TorchPrinter(r => r.Kind == SlotKind.Local
                ? new TorchCode(Id(r.Name), true)
                : IsHostUniform(r.Name) ? new TorchCode(Id(r.Name), false) : new TorchCode(r.Name + "__t", true));
            foreach (var name in _program.StateLoads.Concat(_program.InputLoads)) w.Line($"Tensor {Id(name)} = {name}__data;");
            if (HasRefractory)
                w.Line($"Tensor {ElementwiseProgram.NotRefractoryLocal} = __lastSpike.le(StepIndex - __refractorySteps);");
            var declared = new HashSet<string>(_program.StateLoads.Concat(_program.InputLoads));
            foreach (var assign in _program.Body.Concat(_program.EventLocals))
            {
                if (assign.Comment is not null) w.Line("// " + assign.Comment);
                string text = printer.Tensor(assign.Value);
                w.Line(declared.Add(assign.Target) ? $"Tensor {Id(assign.Target)} = {text};" : $"{Id(assign.Target)} = {text};");
            }
            string? spikeOut = null;
            var emitting = new List<string>();
            int index = 0;
            foreach (var ev in _program.Events)
            {
                string fire = $"__fire{index}";
                w.Line($"Tensor {fire} = {printer.Tensor(ev.Condition)};");
                string? spike = null;
                if (ev == surrogateEvent) spike = EmitSurrogate(w, ev, index, fire, printer);
                // The soft threshold resets smoothly (x' = x·(1 − s) + value·s, the exact derivative of
                // its forward). A surrogate spike's reset is the hard one, as snnTorch's detached reset:
                // otherwise (value − x)·s'(u) would leak into the gradient of every subthreshold step.
                bool softReset = spike is not null && _program.Surrogate!.Kind == SurrogateKind.LogSumExp;
                if (spike is not null && !softReset)
                    w.Line("// Reset as the hard threshold (the surrogate acts only through the returned spike).");
                foreach (var action in ev.Actions)
                {
                    string target = Id(action.Target);
                    var value = printer.Print(action.Value);
                    w.Line(softReset
                        ? $"{target} = {target} * (1.0 - {spike}) + {value.Text} * {spike};"
                        : $"{target} = torch.where({fire}, {(value.IsTensor ? value.Text : $"__T({value.Text})")}, {target});");
                }
                if (ev.EmitsSpike || ev.StartsRefractory) w.Line($"__lastSpike.masked_fill_({fire}, StepIndex);");
                if (ev.EmitsSpike)
                {
                    emitting.Add(fire);
                    spikeOut ??= spike ?? $"{fire}.to_type(DType)";
                }
                index++;
            }
            foreach (var (state, local) in _program.Stores) w.Line($"{state}__data = {Id(local)};");
            if (HasSpikes)
            {
                using (w.Block("using (torch.no_grad())"))
                {
                    if (emitting.Count == 0) w.Line("__spikes.zero_();");
                    else w.Line($"__spikes.copy_({emitting[0]}{string.Join("", emitting.Skip(1).Select(f => $".logical_or({f})"))});");
                }
            }
            w.Line("StepIndex++;");
            w.Line("Time = t + dt;");
            if (HasSpikes) w.Line($"return {spikeOut ?? "torch.zeros(new long[] { Count }, dtype: DType, device: Device)"};");
        }
        w.Line();
    }

    /// <summary>The differentiable spike s of the surrogate event; returns its local's name.</summary>
    private string EmitSurrogate(CodeWriter w, IrEvent ev, int index, string fire, TorchPrinter printer)
    {
        var surrogate = _program.Surrogate!;
        string u = $"__u{index}", soft = $"__soft{index}", s = $"__s{index}";
        string k = Id(surrogate.Uniform);
        string gate = HasRefractory ? $" * {ElementwiseProgram.NotRefractoryLocal}.to_type(DType)" : "";
        w.Line($"// Surrogate spike (line {surrogate.Line}) of the margin u = {(ev.Margin is null ? "" : "threshold difference")}:");
        w.Line($"Tensor {u} = {printer.Tensor(ev.Margin!)};");
        switch (surrogate.Kind)
        {
            case SurrogateKind.FastSigmoid:
                w.Line("// soft(u) = u/(1 + k|u|), soft'(u) = 1/(1 + k|u|)²; s = H(u) + (soft − soft.detach()): forward H, backward soft'.");
                w.Line($"Tensor {soft} = {u} / (torch.abs({u}) * {k} + 1.0);");
                w.Line($"Tensor {s} = {fire}.to_type(DType) + ({soft} - {soft}.detach()){gate};");
                break;
            case SurrogateKind.Arctan:
                w.Line("// soft(u) = atan(π α u/2)/π, soft'(u) = (α/2)/(1 + (π α u/2)²); s = H(u) + (soft − soft.detach()).");
                w.Line($"Tensor {soft} = torch.atan({u} * (Math.PI * {k} / 2.0)) / Math.PI;");
                w.Line($"Tensor {s} = {fire}.to_type(DType) + ({soft} - {soft}.detach()){gate};");
                break;
            default:
                w.Line("// s = σ(u/ε) = d/du ε·log(1 + e^(u/ε)) (log-sum-exp of 0 and u/ε): smooth forward and backward; ε → 0 is the hard threshold.");
                w.Line($"Tensor {s} = torch.sigmoid({u} / {k}){gate};");
                break;
        }
        return s;
    }

    private void EmitPropagatorTensors(CodeWriter w, PropagatorBlock block, TorchPrinter printer)
    {
        if (block.HasSymbolic)
        {
            w.Line("// The exact propagator from its closed form, as tensors (differentiable in the parameter tensors).");
            foreach (var entry in block.Symbolic) w.Line($"Tensor {entry.Target}__t = {printer.Tensor(entry.Value)};");
        }
        else
        {
            // No closed form (the states are coupled in a cycle): libtorch's matrix exponential of
            // M·dt, differentiable in M's entries. Per-element parameter tensors would need one
            // matrix per element, so they must be scalars here.
            w.Line("// The propagator has no closed form: exp(M·dt) by __Expm, differentiable in the parameter tensors (scalars).");
            foreach (var parameter in _model.Parameters)
                w.Line($"if ({parameter.Name}__t.dim() != 0) throw new ArgumentException(\"{Class}.ParameterTensors.{parameter.Name}: the exact propagator of {_model.Name} has no closed form, so parameter tensors must be scalars (shape []); found shape [\" + string.Join(\", \", {parameter.Name}__t.shape) + \"].\", \"{parameter.Name}\");");
            var entries = new string[block.Size * block.Size];
            foreach (var (row, column, value) in block.Matrix) entries[row * block.Size + column] = $"{printer.Tensor(value)} * dt";
            w.Line($"Tensor __M__t = torch.stack(new Tensor[] {{ {string.Join(", ", entries.Select(e => e ?? "__T(0.0)"))} }}).reshape({block.Size}, {block.Size});");
            w.Line("Tensor __E__t = __Expm(__M__t);");
            foreach (var output in block.Outputs) w.Line($"Tensor {output.Name}__t = __E__t[{output.Row}, {output.Column}];");
        }
        foreach (var derived in block.Derived) w.Line($"Tensor {derived.Target}__t = {printer.Tensor(derived.Value)};");
    }

    // ---- helpers ------------------------------------------------------------------------------

    private void EmitHelpers(CodeWriter w)
    {
        w.Doc("summary", "Disposes the state and input tensors.");
        using (w.Block("public void Dispose()"))
        {
            foreach (var array in States.Concat(Inputs)) w.Line($"{array.Name}__data.Dispose();");
            if (HasSpikes)
            {
                w.Line("__lastSpike.Dispose();");
                w.Line("__spikes.Dispose();");
            }
        }
        w.Line();
        w.Line("private Tensor __T(double value) => torch.tensor(value, dtype: DType, device: Device);");
        w.Line();
        w.Line("private Tensor __B(bool value) => torch.tensor(value, device: Device);");
        w.Line();
        EmitSharedHelpers(w);
        if (_program.Propagator is { HasSymbolic: false }) EmitExpm(w);
        using (w.Block("private Tensor __Checked(Tensor value, string name)"))
        {
            w.Line("if (value is null) throw new ArgumentNullException(name);");
            w.Line("bool shapeOk = value.dim() == 1 && value.shape[0] == Count;");
            w.Line("if (shapeOk && value.dtype == DType && __SameDevice(value)) return value;");
            w.Line($"throw new ArgumentException($\"{Class}.{{name}}: expected a tensor of shape [{{Count}}], dtype {{DType}}, device {{Device}}; found shape [{{string.Join(\", \", value.shape)}}], dtype {{value.dtype}}, device {{value.device}}.\", name);");
        }
        w.Line();
        using (w.Block("private Tensor __Parameter(Tensor? value, double fallback, string name)"))
        {
            w.Line("if (value is null) return __T(fallback);");
            w.Line("bool shapeOk = value.dim() == 0 || (value.dim() == 1 && value.shape[0] == Count);");
            w.Line("if (shapeOk && value.dtype == DType && __SameDevice(value)) return value;");
            w.Line($"throw new ArgumentException($\"{Class}.ParameterTensors.{{name}}: expected a tensor of shape [] or [{{Count}}], dtype {{DType}}, device {{Device}}; found shape [{{string.Join(\", \", value.shape)}}], dtype {{value.dtype}}, device {{value.device}}.\", name);");
        }
        w.Line();
    }

    /// <summary>
    /// exp(m) for StepDifferentiable, differentiable in m: scaling and squaring with an 18-term Taylor
    /// series. Not torch.matrix_exp: for the small norms of one time step libtorch picks a low-degree
    /// approximant that is ~1e-12 off (measured on a damped oscillator, where the CPU's Padé is within
    /// 1e-16), which 300 steps turn into 3e-10.
    /// </summary>
    private static void EmitExpm(CodeWriter w)
    {
        w.Line("// exp(m): m scaled by 2^-s to a norm of at most 1/2, Taylor to degree 18 (remainder below 1e-22), squared s times.");
        using (w.Block("private Tensor __Expm(Tensor m)"))
        {
            w.Line("double norm;");
            w.Line("using (torch.no_grad()) norm = m.abs().sum(new long[] { 0 }).max().item<double>();");
            w.Line("int s = norm > 0.5 ? (int)Math.Ceiling(Math.Log(norm / 0.5, 2)) : 0;");
            w.Line("Tensor a = m / Math.Pow(2, s);");
            w.Line("Tensor term = torch.eye(m.shape[0], dtype: DType, device: Device);");
            w.Line("Tensor result = term;");
            w.Line("for (int k = 1; k <= 18; k++) { term = term.matmul(a) / (double)k; result = result + term; }");
            w.Line("for (int k = 0; k < s; k++) result = result.matmul(result);");
            w.Line("return result;");
        }
        w.Line();
    }

    /// <summary>Helpers both TorchSharp classes use: exprel, detaching a tracked state, the device check.</summary>
    /// <param name="w">The writer.</param>
    /// <param name="own">Also __Own (the stepping classes; the Pinn class never works in place).</param>
    internal static void EmitSharedHelpers(CodeWriter w, bool own = true)
    {
        w.Line("// (e^x - 1)/x, 1 at 0; the division uses 1 where x is 0 so that no NaN reaches the gradient.");
        using (w.Block("private static Tensor __Exprel(Tensor x)"))
        {
            w.Line("var zero = x.eq(0);");
            w.Line("var safe = torch.where(zero, torch.ones_like(x), x);");
            w.Line("return torch.where(zero, torch.ones_like(x), torch.expm1(safe) / safe);");
        }
        w.Line();
        if (own)
        {
            w.Line("// A tensor that requires grad (the result of StepDifferentiable) is replaced by a detached copy before in-place work.");
            w.Line("private static Tensor __Own(Tensor value) => value.requires_grad ? value.detach().clone() : value;");
            w.Line();
        }
        w.Line("private bool __SameDevice(Tensor value) => value.device_type == Device.type && (value.device_index == Device.index || value.device_index < 0 || Device.index < 0);");
        w.Line();
    }
}
