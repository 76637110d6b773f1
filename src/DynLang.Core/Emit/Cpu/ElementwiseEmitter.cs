using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DynLang.Core.Emit.Shape;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Emit.Cpu;

/// <summary>
/// Emits the class of a model with independent elements (<c>{Model}Population</c> for neurons,
/// <c>{Model}System</c> for scalar systems): structure-of-arrays state, Span accessors, and
/// <c>Step(dt)</c> with a SIMD body (<c>Vector&lt;T&gt;</c>), a scalar tail, and chunks spread
/// over the worker pool for large populations.
/// </summary>
internal sealed class ElementwiseEmitter
{
    private readonly KernelModel _model;
    private readonly ElementwiseProgram _program;
    private readonly NumericType _t;
    private readonly string _path;

    public ElementwiseEmitter(KernelModel model)
    {
        _model = model;
        _program = model.Elementwise!;
        _t = NumericType.For(model.Precision);
        _path = model.SourcePath.Replace("\"", "");
        (_body, _hoistedUniforms) = PrepareBody(model, _program);
        // The kernels also read the hoisted subexpressions, and with spikes the step's stamp and the refractory period.
        var hoisted = _hoistedUniforms.Select(u => CSharpNames.Identifier(u.Target))
            .Select(id => new UniformField(id, _t.Name, (_t.Precision == Precision.Float ? "(float)" : "") + id)).ToArray();
        var modelClass = ClassDescriptions.For(model).WithUniforms(hoisted);
        _modelUniforms = modelClass.Uniforms;
        var extras = new List<UniformField>();
        if (_program.HasSpikes) extras.Add(new UniformField("__step", _t.MaskElement, $"({_t.MaskElement})(StepIndex - __stampBase)"));
        if (_program.RefractoryStepsUniform is not null) extras.Add(new UniformField("__refractorySteps", _t.MaskElement, "__refractorySteps"));
        _class = modelClass.WithUniforms(extras.ToArray());
    }

    /// <summary>The class's description: the model's, with the uniforms this backend's kernels add.</summary>
    private readonly GeneratedClass _class;

    /// <summary>The uniforms of the model's values (without the spike stamp and refractory period).</summary>
    private readonly IReadOnlyList<UniformField> _modelUniforms;

    public static string ClassName(KernelModel model) =>
        CSharpNames.TypeName(model.Name) + (model.Kind == "neuron" ? "Population" : "System");

    private string Class => ClassName(_model);

    private IEnumerable<KernelArray> States => _model.Arrays.Where(a => a.Role == ArrayRole.State);

    private IEnumerable<KernelArray> Inputs => _model.Arrays.Where(a => a.Role == ArrayRole.Input);

    private bool HasSpikes => _program.HasSpikes;

    /// <summary>
    /// The integration step as the CPU kernels print it: in double kernels with the subexpressions
    /// that are the same for every element moved to _hoistedUniforms (UniformHoisting),
    /// in the fast math mode with integer powers as multiplications (IntegerPowers), then, in both
    /// modes, with repeated subexpressions computed once into __cse locals (CommonSubexpressions).
    /// None of these changes a value.
    /// </summary>
    private readonly List<IrAssign> _body;

    /// <summary>Subexpressions of the step that are the same for every element, computed once per step on the host.</summary>
    private readonly List<IrAssign> _hoistedUniforms;

    /// <summary>States the kernel stores every step and tests for NaN/infinity while storing them (the fused finite check).</summary>
    private HashSet<string> FusedFiniteStates => new HashSet<string>(_program.Stores.Select(s => s.State));

    private static (List<IrAssign> Body, List<IrAssign> HoistedUniforms) PrepareBody(KernelModel model, ElementwiseProgram program)
    {
        IReadOnlyList<IrAssign> body = program.Body;
        var hoisted = new List<IrAssign>();
        if (model.Precision == Precision.Double)
            (body, hoisted) = UniformHoisting.Hoist(body, allowCalls: model.MathMode == MathMode.Platform);
        if (model.MathMode == MathMode.Fast)
            body = body.Select(a => a with { Value = IntegerPowers.Expand(a.Value, complexBases: true) }).ToList();
        return (CommonSubexpressions.Hoist(body, program.StateLoads.Concat(program.InputLoads)), hoisted);
    }

    private bool HasRefractory => _program.RefractoryStepsUniform is not null;

    /// <summary>Events whose actions are resets of a spike: in a network they run in the Resets phase.</summary>
    private List<IrEvent> EmittingEvents => _program.Events.Where(e => e.EmitsSpike).ToList();

    /// <summary>The event whose actions a network runs in its Resets phase (Brian2's reset): <see cref="DeferredResets.Of"/>, shared with the ILGPU class.</summary>
    private IrEvent? DeferredEvent => DeferredResets.Of(_program);

    private bool HasDeferredResets => DeferredEvent is not null;

    public void Emit(CodeWriter w)
    {
        EmitClassDocs(w);
        string interfaces = "IRangeKernel, INetworkObject" + (HasSpikes ? ", ISpikeSource" : "");
        using (w.Block($"public sealed partial class {Class} : {interfaces}"))
        {
            EmitFields(w);
            EmitConstructors(w);
            EmitProperties(w);
            ReadoutEmitter.EmitElementwise(w, _model, Class);
            EmitReset(w);
            EmitStep(w);
            FiniteGuardEmission.EmitMembers(w, Class, States.Select(s => (s.Name, s.Name + "__data")), FusedFiniteStates);
            EmitNetworkMembers(w);
            EmitStepRange(w);
            if (HasSpikes) EmitCompactSpikes(w);
            if (HasDeferredResets) EmitApplyResets(w);
            if (_program.Propagator is not null)
                PropagatorEmission.EmitCompute(w, _program.Propagator, ParametersEmitter.TypeName(_model), _model.Parameters.Select(p => p.Name));
            if (HasSpikes) EmitRebase(w);
            EmitUniformsStruct(w);
        }
    }

    private void EmitClassDocs(CodeWriter w)
    {
        w.Doc("summary", $"{_class.What} ({_class.Origin}), integrated with solver {_model.Solver}.");
        var remarks = ClassPrinter.EquationRemarks(_class).ToList();
        remarks.Add($"Solver {_model.Solver}: {_model.SolverReason}");
        remarks.Add(_model.UsesUnits ? "All values are in SI units; time is in seconds." : "The model has no units: time and all values are plain numbers.");
        w.Doc("remarks", string.Join("\n", remarks));
    }

    private void EmitFields(CodeWriter w)
    {
        w.Doc("summary", "Estimated cost of one element's step in nanoseconds (the compiler's KernelCost): a step is split over the worker pool only when Count times this is worth a hand-off, so a small but costly population uses every core and a cheap one stays on the caller.");
        w.Line($"public const double EstimatedNanosecondsPerElement = {KernelCost.Literal(KernelCost.Of(_program, _model.MathMode))};");
        w.Line("// Elements per chunk in the current step (WorkerPool.ChunkSizeFor); results never depend on it.");
        w.Line("private int __grain = 1;");
        if (HasSpikes)
        {
            w.Line($"private const {_t.MaskElement} NeverSpiked = {_t.MaskElement}.MinValue / 4;");
        }
        w.Line();
        // Bug fix: arrays were "__{name}" (and their refs "__{name}0"), which met the generated "__u"
        // for a state u (Izhikevich) and made state v's ref "__v0" the field of an input v0.
        // Model names never contain "__", so "{name}__data" / "{name}__ref" cannot meet anything.
        w.Line("// Internal so that synapse classes generated from the same file read and write them directly.");
        foreach (var array in _class.Arrays) w.Line($"internal readonly {_t.Name}[] {array.Name}__data;");
        if (_model.Kind == "neuron")
        {
            w.Line("// For synapses' summed variables: the step index at which each input was last cleared for summing.");
            foreach (var input in Inputs) w.Line($"internal long {input.Name}__sumStamp = -1;");
        }
        if (HasSpikes)
        {
            w.Line($"private readonly {_t.MaskElement}[] __lastSpike;");
            w.Line("// Indices that spiked in the last step, ascending: each chunk of work writes its spikes at its own");
            w.Line("// offset (a chunk cannot have more spikes than elements), then CompactSpikes closes the gaps.");
            w.Line("private readonly int[] __spikeList;");
            w.Line("private int[] __chunkSpikeCounts;");
            if (HasDeferredResets)
            {
                w.Line("// True between a network's Groups phase (update and threshold) and its Resets phase.");
                w.Line("private bool __resetsPending;");
            }
            w.Line("private bool[]? __spikeFlags;");
            w.Line("private long __spikeFlagsStep = -1;");
            w.Line("// Step stamps are stored relative to __stampBase, which moves forward every 2^30 steps, so a");
            w.Line("// 32-bit stamp (float models) never overflows however long the run.");
            w.Line("private long __stampBase;");
            w.Line("private int __spikeCount;");
        }
        w.Line("private bool __deferResets;");
        StepGuardEmission.EmitField(w);
        w.Line("private __Uniforms __u;");
        if (_program.Propagator is { } propagator) PropagatorEmission.EmitFields(w, propagator, ParametersEmitter.TypeName(_model));
        w.Line();
    }

    private void EmitConstructors(CodeWriter w)
    {
        string parameters = ParametersEmitter.TypeName(_model);
        w.Doc("summary", $"Creates {(_model.Kind == "neuron" ? "a population of" : "an ensemble of")} <paramref name=\"count\"/> elements with the default parameters, at their initial values.");
        w.Line($"public {Class}(int count) : this(count, new {parameters}()) {{ }}");
        w.Line();
        w.Doc("summary", "Creates <paramref name=\"count\"/> elements with the given parameters, at their initial values.");
        using (w.Block($"public {Class}(int count, {parameters} parameters)"))
        {
            ClassPrinter.SizeChecks(w, _class);
            w.Line("Parameters = parameters;");
            foreach (var array in _class.Arrays) w.Line($"{array.Name}__data = new {_t.Name}[{array.Length}];");
            if (HasSpikes)
            {
                w.Line($"__lastSpike = new {_t.MaskElement}[count];");
                w.Line("__spikeList = new int[count];");
                w.Line("__chunkSpikeCounts = new int[1];");
            }
            w.Line($"Name = {CSharpNames.StringLiteral(_model.Name)};");
            w.Line("Reset();");
        }
        w.Line();
    }

    private void EmitProperties(CodeWriter w)
    {
        ClassPrinter.SizeProperties(w, _class, leadingBlank: false);
        w.Doc("summary", "Name in a network's progress messages and errors (the model name unless set).");
        w.Line("public string Name { get; set; }");
        w.Line();
        ClassPrinter.TimeProperties(w, _class);
        NoiseEmission.EmitSeed(w, _program);
        foreach (var array in States)
        {
            w.Line();
            w.Doc("summary", $"State {array.Name} of every element ({array.Unit}; line {array.Line}). Write to set initial conditions.");
            w.Line($"public Span<{_t.Name}> {CSharpNames.Identifier(array.Name)} => {array.Name}__data;");
        }
        foreach (var array in Inputs)
        {
            w.Line();
            w.Doc("summary", $"Input {array.Name} of every element ({array.Unit}; line {array.Line}): written by host code, held constant over each Step.");
            w.Line($"public Span<{_t.Name}> {CSharpNames.Identifier(array.Name)} => {array.Name}__data;");
        }
        if (!HasSpikes) { w.Line(); return; }
        w.Line();
        w.Doc("summary", "Number of elements that spiked in the last Step.");
        w.Line("public int SpikeCount => __spikeCount;");
        w.Line();
        w.Doc("summary", "Whether element <paramref name=\"index\"/> spiked in the last Step.");
        w.Line("public bool Spiked(int index) => StepIndex > 0 && __lastSpike[index] == StepIndex - 1 - __stampBase;");
        w.Line();
        w.Doc("summary", "Spike flags of the last Step, one per element (filled on first access after each Step).");
        using (w.Block("public ReadOnlySpan<bool> Spikes"))
        {
            using (w.Block("get"))
            {
                w.Line("__spikeFlags ??= new bool[Count];");
                using (w.Block("if (__spikeFlagsStep != StepIndex)"))
                {
                    w.Line("long last = StepIndex - 1 - __stampBase;");
                    w.Line("for (int i = 0; i < Count; i++) __spikeFlags[i] = StepIndex > 0 && __lastSpike[i] == last;");
                    w.Line("__spikeFlagsStep = StepIndex;");
                }
                w.Line("return __spikeFlags;");
            }
        }
        w.Line();
        w.Doc("summary", "Writes the indices of the elements that spiked in the last Step into <paramref name=\"destination\"/> (ascending) and returns how many there were.");
        using (w.Block("public int CopySpikeIndices(Span<int> destination)"))
        {
            w.Line("SpikesThisStep.CopyTo(destination);");
            w.Line("return __spikeCount;");
        }
        w.Line();
        w.Doc("summary", "Indices of the elements that spiked in the last Step, ascending (valid until the next Step).");
        w.Line("public ReadOnlySpan<int> SpikesThisStep => new ReadOnlySpan<int>(__spikeList, 0, __spikeCount);");
        w.Line();
    }

    private void EmitReset(CodeWriter w)
    {
        w.Doc("summary", "Sets every state to its initial value (computed from the current Parameters) and the time to zero. Inputs keep their values.");
        using (w.Block("public void Reset()"))
        {
            ClassPrinter.InitialValueLocals(w, _class);
            var printer = ClassPrinter.HostPrinter();
            foreach (var state in _class.States)
            {
                string value = ClassPrinter.InitialValue(state, printer);
                string cast = _t.Precision == Precision.Float ? "(float)" : "";
                w.Line($"{state.Name}__data.AsSpan().Fill({cast}({value}));");
            }
            if (HasSpikes)
            {
                w.Line("__lastSpike.AsSpan().Fill(NeverSpiked);");
                w.Line("__spikeCount = 0;");
                w.Line("__spikeFlagsStep = -1;");
                w.Line("__stampBase = 0;");
            }
            if (HasDeferredResets) w.Line("__resetsPending = false;");
            if (_model.Kind == "neuron") foreach (var input in Inputs) w.Line($"{input.Name}__sumStamp = -1;");
            w.Line("Time = 0;");
            w.Line("StepIndex = 0;");
        }
        w.Line();
    }

    private void EmitStep(CodeWriter w)
    {
        w.Doc("summary", "Advances every element by <paramref name=\"dt\"/>" + (_model.UsesUnits ? " seconds" : "") + $" with solver {_model.Solver}" +
                         (HasSpikes ? ", then checks the events (spikes are available until the next Step)." : "."));
        w.Doc("exception", "dt is not a positive finite number.", "cref=\"ArgumentOutOfRangeException\"");
        w.Doc("exception", "a parameter without default value has not been set.", "cref=\"InvalidOperationException\"");
        StepExtras.EmitBeforeStep(w, _model);
        using (w.Block("public void Step(double dt)"))
        using (StepGuardEmission.Guard(w, Class))
        {
            w.Line("StepCore(dt, deferResets: false);");
            FiniteGuardEmission.EmitAfterStep(w);
        }
        w.Line();
        w.Doc("summary", "One step; with <paramref name=\"deferResets\"/> the actions of spiking events wait for ApplyResets (a network's Resets phase).");
        using (w.Block("private void StepCore(double dt, bool deferResets)"))
        {
            var printer = ClassPrinter.HostPrinter();
            ClassPrinter.StepPrelude(w, _class, printer, HasDeferredResets ? new[] { "if (__resetsPending) ApplyResets();" } : new string[0]);
            if (_program.Propagator is { } propagator) PropagatorEmission.EmitLoad(w, propagator);
            if (HasRefractory)
            {
                w.Line("// Refractory period in steps, rounded as Brian2's timestep(): int((duration + 1e-3*dt)/dt), at most the");
                w.Line("// distance of a NeverSpiked stamp, so that an element that never spiked is never refractory (t_ref = ∞ too).");
                w.Line($"{_t.MaskElement} __refractorySteps = ({_t.MaskElement})DynLang.Runtime.RefractorySteps.Of(__refractoryDuration, dt, -(long)NeverSpiked);");
            }
            if (HasSpikes) w.Line("if (StepIndex - __stampBase >= 1L << 30) RebaseStamps();");
            // After every other uniform (propagator entries included), which they may read.
            ClassPrinter.HostUniforms(w, _hoistedUniforms, printer);
            ClassPrinter.UniformInitializer(w, "__u = new __Uniforms", _class.Uniforms);
            w.Line("__deferResets = deferResets;");
            if (_program.Stores.Count > 0) w.Line("__nonFinite = 0;");
            w.Line("var __pool = WorkerPool.Current;");
            w.Line($"int __chunkSize = __pool.ChunkSizeFor(Count, EstimatedNanosecondsPerElement, Vector<{_t.Name}>.Count);");
            w.Line("int __chunks = (int)(((long)Count + __chunkSize - 1) / __chunkSize);");
            w.Line("__grain = __chunkSize;");
            if (HasSpikes) w.Line("if (__chunkSpikeCounts.Length < __chunks) __chunkSpikeCounts = new int[__chunks]; // once per pool size");
            w.Line("if (__chunks > 1) __pool.Run(this, Count, __chunkSize);");
            w.Line("else StepRange(0, Count);");
            if (HasSpikes) w.Line("CompactSpikes(Math.Max(__chunks, 1));");
            if (HasDeferredResets) w.Line("__resetsPending = deferResets && __spikeCount > 0;");
            w.Line("StepIndex++;");
            w.Line("Time = t + dt;");
        }
        w.Line();
        w.Line("void IRangeKernel.Execute(int start, int end) => StepRange(start, end);");
        w.Line();
    }

    private void EmitNetworkMembers(CodeWriter w)
    {
        w.Line("void INetworkObject.Prepare(double dt)");
        w.Line("{");
        w.Line("    if (!(dt > 0) || double.IsInfinity(dt)) throw new ArgumentOutOfRangeException(nameof(dt), dt, \"The time step must be a positive finite number.\");");
        w.Line("}");
        w.Line();
        w.Line("// In a network (Brian2's schedule): update and threshold in the Groups phase, the spikes' resets in the");
        w.Line("// Resets phase, so that synapses acting in between see the state before the reset, as in Brian2.");
        using (w.Block("void INetworkObject.Run(NetworkPhase phase, NetworkClock clock)"))
        {
            using (w.Block("switch (phase)"))
            {
                w.Line("case NetworkPhase.Groups:");
                w.Indent();
                using (StepGuardEmission.Guard(w, Class))
                {
                    w.Line("StepCore(clock.Dt, deferResets: true);");
                    FiniteGuardEmission.EmitAfterNetworkStep(w);
                }
                w.Line("break;");
                w.Outdent();
                if (HasDeferredResets)
                {
                    w.Line("case NetworkPhase.Resets:");
                    w.Indent();
                    using (StepGuardEmission.Guard(w, Class))
                        w.Line("ApplyResets();");
                    w.Line("break;");
                    w.Outdent();
                }
            }
        }
        w.Line();
    }

    private void EmitCompactSpikes(CodeWriter w)
    {
        w.Doc("summary", "Moves each chunk's spikes next to the previous chunk's, keeping the ascending order.");
        HotPath.Mark(w);
        using (w.Block("private void CompactSpikes(int chunks)"))
        {
            w.Line("int n = 0;");
            using (w.Block("for (int c = 0; c < chunks; c++)"))
            {
                w.Line("int count = __chunkSpikeCounts[c];");
                w.Line("int from = c * __grain;");
                w.Line("if (count > 0 && from != n) Array.Copy(__spikeList, from, __spikeList, n, count);");
                w.Line("n += count;");
            }
            w.Line("__spikeCount = n;");
        }
        w.Line();
    }

    private void EmitApplyResets(CodeWriter w)
    {
        w.Doc("summary", "Runs the actions of the spiking events (the resets) for the elements that spiked in the last step, on their current state.");
        HotPath.Mark(w);
        using (w.Block("private void ApplyResets()"))
        {
            w.Line("if (!__resetsPending) return;");
            w.Line("__resetsPending = false;");
            w.Line("__Uniforms __uniforms = __u;");
            ClassPrinter.UniformLocals(w, _modelUniforms);
            foreach (var array in States.Concat(Inputs))
                w.Line($"ref {_t.Name} {array.Name}__ref = ref MemoryMarshal.GetArrayDataReference({array.Name}__data);");
            var deferred = DeferredEvent!;
            var assigned = new HashSet<string>(deferred.Actions.Select(a => a.Target));
            using (w.Block("for (int __k = 0; __k < __spikeCount; __k++)"))
            {
                w.Line("int __i = __spikeList[__k];");
                var declared = new HashSet<string>();
                foreach (var state in _program.StateLoads)
                {
                    string local = state + "__new";
                    declared.Add(local);
                    w.Line($"{_t.Name} {CSharpNames.Identifier(local)} = Unsafe.Add(ref {state}__ref, __i);");
                }
                foreach (var input in _program.InputLoads)
                {
                    declared.Add(input);
                    w.Line($"{_t.Name} {CSharpNames.Identifier(input)} = Unsafe.Add(ref {input}__ref, __i);");
                }
                var printer = new ScalarPrinter(_t, r => CSharpNames.Identifier(r.Name)) { MathMode = _model.MathMode };
                foreach (var assign in _program.EventLocals)
                    EmitAssign(w, assign, printer.Print(assign.Value), declared, assign.Value.IsCondition ? "bool" : _t.Name);
                foreach (var action in deferred.Actions) EmitAssign(w, action, printer.Print(action.Value), declared, _t.Name);
                foreach (var (state, local) in _program.Stores.Where(s => assigned.Contains(s.Local)))
                    w.Line($"Unsafe.Add(ref {state}__ref, __i) = {CSharpNames.Identifier(local)};");
            }
        }
        w.Line();
    }

    private void EmitRebase(CodeWriter w)
    {
        w.Doc("summary", "Moves the stamp origin so that the current step is 2^29 after it; stamps that fall before the origin become 'never'.");
        using (w.Block("private void RebaseStamps()"))
        {
            w.Line("long shift = StepIndex - __stampBase - (1L << 29);");
            w.Line($"for (int i = 0; i < Count; i++) __lastSpike[i] = ({_t.MaskElement})Math.Max(__lastSpike[i] - shift, NeverSpiked);");
            w.Line("__stampBase += shift;");
        }
        w.Line();
    }

    private void EmitUniformsStruct(CodeWriter w)
    {
        w.Doc("summary", "Values shared by all elements during one Step, copied to each worker.");
        using (w.Block("private struct __Uniforms"))
        {
            ClassPrinter.UniformFields(w, _class.Uniforms);
        }
    }

    // ---- the kernel ---------------------------------------------------------------------------

    private void EmitStepRange(CodeWriter w)
    {
        w.Doc("summary", "Steps elements [start, end): a SIMD body over Vector<T>.Count elements at a time, then a scalar tail.");
        // Bug fix: the range bounds were "start"/"end", which a parameter or state of those names redeclared.
        HotPath.Mark(w);
        using (w.Block("private void StepRange(int __start, int __end)"))
        {
            w.Line("__Uniforms __uniforms = __u;");
            ClassPrinter.UniformLocals(w, _class.Uniforms);
            if (HasSpikes)
            {
                w.Line("// Spikes of this chunk go to __spikeList[__start + k], k = 0, 1, … in ascending index order.");
                w.Line("int __spikes = 0;");
                w.Line("int[] __list = __spikeList;");
            }
            if (HasDeferredResets) w.Line("bool __defer = __deferResets;");
            foreach (var array in States.Concat(Inputs))
                w.Line($"ref {_t.Name} {array.Name}__ref = ref MemoryMarshal.GetArrayDataReference({array.Name}__data);");
            if (HasSpikes) w.Line($"ref {_t.MaskElement} __lastSpike0 = ref MemoryMarshal.GetArrayDataReference(__lastSpike);");
            NoiseEmission.EmitRangeLocals(w, _program);
            if (_program.Stores.Count > 0)
            {
                w.Line("// The fused finite check: false once a stored state is NaN or infinite (x - x is 0 only for finite x).");
                w.Line("bool __finite = true;");
            }
            w.Line("int __i = __start;");
            if (CanVectorize()) EmitVectorLoop(w);
            EmitScalarLoop(w);
            if (HasSpikes) w.Line("__chunkSpikeCounts[__start / __grain] = __spikes;");
            if (_program.Stores.Count > 0) w.Line("if (!__finite) __nonFinite = 1;");
        }
        w.Line();
    }

    private bool CanVectorize() =>
        _body.All(a => VectorPrinter.CanVectorize(a.Value))
        && _program.Events.All(e => VectorPrinter.CanVectorize(e.Condition) && e.Actions.All(a => VectorPrinter.CanVectorize(a.Value)));

    private void EmitScalarLoop(CodeWriter w)
    {
        using (w.Block("for (; __i < __end; __i++)"))
        {
            foreach (var name in _program.StateLoads.Concat(_program.InputLoads))
                w.Line($"{_t.Name} {CSharpNames.Identifier(name)} = Unsafe.Add(ref {name}__ref, __i);");
            if (HasRefractory)
                w.Line($"bool {ElementwiseProgram.NotRefractoryLocal} = __step - Unsafe.Add(ref __lastSpike0, __i) >= __refractorySteps;");
            var printer = new ScalarPrinter(_t, r => CSharpNames.Identifier(r.Name)) { MathMode = _model.MathMode };
            var declared = new HashSet<string>(_program.StateLoads.Concat(_program.InputLoads));
            foreach (var assign in _body.Concat(_program.EventLocals))
                EmitAssign(w, assign, printer.Print(assign.Value), declared, assign.Value.IsCondition ? "bool" : _t.Name);
            var emitting = EmittingEvents;
            if (emitting.Count > 0) w.Line("bool __spiked = false;");
            foreach (var ev in _program.Events)
            {
                LineDirective(w, ev.Line);
                w.Line($"if ({printer.Print(ev.Condition)})");
                w.Directive("#line default");
                using (w.Block())
                {
                    // Locals assigned in an event are declared before it (they are state locals already).
                    if (ev == DeferredEvent)
                    {
                        using (w.Block("if (!__defer)"))
                            foreach (var action in ev.Actions) EmitAssign(w, action, printer.Print(action.Value), declared, _t.Name);
                    }
                    else
                    {
                        foreach (var action in ev.Actions) EmitAssign(w, action, printer.Print(action.Value), declared, _t.Name);
                    }
                    if (ev.EmitsSpike || ev.StartsRefractory) w.Line("Unsafe.Add(ref __lastSpike0, __i) = __step;");
                    if (ev.EmitsSpike) w.Line("__spiked = true;");
                }
            }
            if (emitting.Count > 0)
            {
                using (w.Block("if (__spiked)"))
                {
                    w.Line("__list[__start + __spikes++] = __i;");
                }
            }
            foreach (var (state, local) in _program.Stores)
                w.Line($"Unsafe.Add(ref {state}__ref, __i) = {CSharpNames.Identifier(local)};");
            foreach (var (_, local) in _program.Stores)
                w.Line($"__finite &= {_t.Name}.IsFinite({CSharpNames.Identifier(local)});");
        }
    }

    private void EmitVectorLoop(CodeWriter w)
    {
        var constants = new SortedDictionary<string, (string Name, double Value)>(System.StringComparer.Ordinal);
        var usedUniforms = new SortedSet<string>(System.StringComparer.Ordinal);
        string Constant(double value)
        {
            string key = value.ToString("R", CultureInfo.InvariantCulture);
            if (!constants.TryGetValue(key, out var entry))
            {
                entry = ($"__c{constants.Count}", value);
                constants[key] = entry;
            }
            return entry.Name;
        }
        string Reference(IrRef r)
        {
            if (r.Kind == SlotKind.Local) return CSharpNames.Identifier(r.Name);
            usedUniforms.Add(r.Name);
            return r.Name + "__v";
        }
        var printer = new VectorPrinter(_t, Reference, Constant) { MathMode = _model.MathMode };
        // The body is assembled first (to learn which constants and uniforms it uses); it goes two levels deeper: if { for {.
        var body = CodeWriter.StartingAt(w.IndentLevel + 2);
        foreach (var name in _program.StateLoads.Concat(_program.InputLoads))
            body.Line($"var {CSharpNames.Identifier(name)} = Vector.LoadUnsafe(ref {name}__ref, (nuint)__i);");
        if (HasSpikes) body.Line($"var __lastSpikeLanes = Vector.LoadUnsafe(ref __lastSpike0, (nuint)__i);");
        if (HasRefractory)
            body.Line($"var {ElementwiseProgram.NotRefractoryLocal} = Vector.GreaterThanOrEqual(__stepVector - __lastSpikeLanes, __refractoryStepsVector);");
        var declared = new HashSet<string>(_program.StateLoads.Concat(_program.InputLoads));
        foreach (var assign in _body.Concat(_program.EventLocals)) EmitAssign(body, assign, printer.Print(assign.Value), declared, "var");
        var emitting = EmittingEvents;
        if (emitting.Count > 0) body.Line($"var __spikedLanes = {_t.MaskVector}.Zero;");
        int index = 0;
        foreach (var ev in _program.Events)
        {
            string fire = $"__fire{index}";
            LineDirective(body, ev.Line);
            body.Line($"var {fire} = {printer.Print(ev.Condition)};");
            body.Directive("#line default");
            using (body.Block($"if ({fire} != {_t.MaskVector}.Zero)"))
            {
                void Actions(CodeWriter target)
                {
                    foreach (var action in ev.Actions)
                    {
                        LineDirective(target, action.Line);
                        target.Line($"{CSharpNames.Identifier(action.Target)} = Vector.ConditionalSelect({fire}, {printer.Print(action.Value)}, {CSharpNames.Identifier(action.Target)});");
                        target.Directive("#line default");
                    }
                }
                if (ev == DeferredEvent)
                {
                    using (body.Block("if (!__defer)")) Actions(body);
                }
                else
                {
                    Actions(body);
                }
                if (ev.EmitsSpike || ev.StartsRefractory)
                {
                    body.Line($"__lastSpikeLanes = Vector.ConditionalSelect({fire}, __stepVector, __lastSpikeLanes);");
                    body.Line("__lastSpikeLanes.StoreUnsafe(ref __lastSpike0, (nuint)__i);");
                }
                if (ev.EmitsSpike) body.Line($"__spikedLanes |= {fire};");
            }
            index++;
        }
        if (emitting.Count > 0)
        {
            // Rare (a spike is an exception per element and step): list the firing lanes in order.
            using (body.Block($"if (__spikedLanes != {_t.MaskVector}.Zero)"))
            {
                using (body.Block($"for (int __l = 0; __l < {_t.Vector}.Count; __l++)"))
                {
                    body.Line("if (__spikedLanes[__l] == 0) continue;");
                    body.Line("__list[__start + __spikes++] = __i + __l;");
                }
            }
        }
        foreach (var (state, local) in _program.Stores)
            body.Line($"{CSharpNames.Identifier(local)}.StoreUnsafe(ref {state}__ref, (nuint)__i);");
        foreach (var (_, local) in _program.Stores)
            body.Line($"__finiteLanes &= Vector.Equals({CSharpNames.Identifier(local)} - {CSharpNames.Identifier(local)}, {_t.Vector}.Zero);");

        using (w.Block("if (Vector.IsHardwareAccelerated)"))
        {
            foreach (var uniform in usedUniforms)
                w.Line($"var {uniform}__v = new {_t.Vector}({CSharpNames.Identifier(uniform)});");
            foreach (var constant in constants.Values.OrderBy(c => c.Name, System.StringComparer.Ordinal))
                w.Line($"var {constant.Name} = new {_t.Vector}({_t.Literal(constant.Value)});");
            if (HasSpikes) w.Line($"var __stepVector = new {_t.MaskVector}(__step);");
            if (HasRefractory) w.Line($"var __refractoryStepsVector = new {_t.MaskVector}(__refractorySteps);");
            if (_program.Stores.Count > 0) w.Line($"var __finiteLanes = {_t.MaskVector}.AllBitsSet;");
            w.Line($"for (; __i <= __end - {_t.Vector}.Count; __i += {_t.Vector}.Count)");
            w.Line("{");
            w.Directive(body.ToString().TrimEnd('\n'));
            w.Line("}");
            if (_program.Stores.Count > 0) w.Line($"if (__finiteLanes != {_t.MaskVector}.AllBitsSet) __finite = false;");
        }
    }

    /// <summary>Writes <c>type name = value;</c> (or a reassignment) with a #line mapping to the .dyn.</summary>
    private void EmitAssign(CodeWriter w, IrAssign assign, string value, HashSet<string> declared, string type)
    {
        if (assign.Comment is not null) w.Line("// " + assign.Comment);
        LineDirective(w, assign.Line);
        string name = CSharpNames.Identifier(assign.Target);
        w.Line(declared.Add(assign.Target) ? $"{type} {name} = {value};" : $"{name} = {value};");
        if (assign.Line > 0) w.Directive("#line default");
    }

    private void LineDirective(CodeWriter w, int line)
    {
        if (line > 0) w.Directive($"#line {line} \"{_path}\"");
    }
}
