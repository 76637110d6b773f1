using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Emit.Cpu;
using DynLang.Core.Emit.Shape;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Emit.Ilgpu;

/// <summary>
/// The ILGPU class of a model with independent elements (<c>{Model}PopulationIlgpu</c>,
/// <c>{Model}SystemIlgpu</c>): states and inputs in accelerator buffers, one grid-stride kernel
/// per step running the same IR as the CPU class's scalar loop (update, events, refractoriness,
/// spike flags and last-spike steps), and spike indices read back lazily on first access.
/// Host-side work (parameters, uniforms, the exact solver's propagator) is the CPU class's code.
/// </summary>
internal sealed partial class IlgpuElementwiseEmitter
{
    private readonly KernelModel _model;
    private readonly ElementwiseProgram _program;
    private readonly NumericType _t;

    public IlgpuElementwiseEmitter(KernelModel model)
    {
        _model = model;
        _program = model.Elementwise!;
        _t = NumericType.For(model.Precision);
        _class = Describe(model, _program);
    }

    /// <summary>The class's description with this backend's members: last-spike and spike-flag buffers, step counters in the uniforms.</summary>
    private readonly GeneratedClass _class;

    private static GeneratedClass Describe(KernelModel model, ElementwiseProgram program)
    {
        var c = ClassDescriptions.For(model);
        var extent = new[] { "Count" };
        bool hasRefractory = program.RefractoryStepsUniform is not null;
        bool hasStamps = program.HasSpikes || hasRefractory || program.Events.Any(e => e.StartsRefractory);
        if (hasStamps)
            c = c.WithArrays(new ClassArray("__lastSpike", ArrayKind.Extra, extent, new string[0], null, "", 0, "long", "last spike steps",
                "Step index of each element's last spike (or refractory start); 64-bit on the device, so it never needs rebasing."));
        if (program.HasSpikes)
            c = c.WithArrays(new ClassArray("__spiked", ArrayKind.Extra, extent, new string[0], null, "", 0, "int", "spike flags",
                "1 where the element spiked in the last step: written for every element by every step, read back on demand."));
        var uniforms = new List<UniformField> { new("__count", "int", "Count") };
        if (hasStamps) uniforms.Add(new UniformField("__step", "long", "StepIndex"));
        if (hasRefractory) uniforms.Add(new UniformField("__refractorySteps", "long", "__refractorySteps"));
        if (program.Noises.Count > 0)
        {
            uniforms.Add(new UniformField("__seed", "ulong", "Seed"));
            uniforms.Add(new UniformField("__stepIndex", "long", "StepIndex"));
        }
        // In a network the spiking event's actions wait for the Resets phase (__ResetKernel).
        if (DeferredResets.Of(program) is not null) uniforms.Add(new UniformField("__deferResets", "int", "deferResets ? 1 : 0"));
        // Network.CheckFinite on the device: the kernel notes the first network step that stored a non-finite state.
        if (program.Stores.Count > 0)
        {
            uniforms.Add(new UniformField("__checkFinite", "int", "checkFinite ? 1 : 0"));
            uniforms.Add(new UniformField("__networkStep", "long", "networkStep"));
        }
        return c.WithUniforms(uniforms.ToArray());
    }

    /// <summary>The name of an array's view in <c>__Views</c> (the kernel reads <c>__views.v[__i]</c>).</summary>
    private static string View(ClassArray array) => CSharpNames.Identifier(array.Name);

    public static string ClassName(KernelModel model) => ElementwiseEmitter.ClassName(model) + "Ilgpu";

    private string Class => ClassName(_model);

    private IEnumerable<ClassArray> Arrays => _class.ModelArrays;

    private bool HasSpikes => _program.HasSpikes;

    private bool HasRefractory => _program.RefractoryStepsUniform is not null;

    /// <summary>Elements keep a last-spike step when they spike or become refractory.</summary>
    private bool HasStamps => HasSpikes || HasRefractory || _program.Events.Any(e => e.StartsRefractory);

    private bool HasNoise => _program.Noises.Count > 0;

    public void Emit(CodeWriter w)
    {
        w.Doc("summary", $"{_class.What} on an ILGPU accelerator ({_class.Origin}), integrated with solver {_model.Solver}: " +
                         $"the same step as <see cref=\"{ElementwiseEmitter.ClassName(_model)}\"/>, as one grid-stride kernel.");
        w.Doc("remarks", "States and inputs live in accelerator buffers: copy them in and out with the Upload/Download methods. " +
                         "Step(dt) only queues the kernel; downloads and spike queries wait for it. " +
                         "A network object: in a Network it runs Brian2's schedule on the device, its spikes a device list that synapse kernels read." +
                         (_model.UsesUnits ? "\nAll values are in SI units; time is in seconds." : ""));
        string interfaces = "IDisposable" + (HasSpikes ? ", ISpikeSource" : "") + NetworkInterfaces;
        using (w.Block($"public sealed partial class {Class} : {interfaces}"))
        {
            EmitFields(w);
            EmitConstructors(w);
            EmitProperties(w);
            foreach (var array in Arrays)
                IlgpuHostCode.EmitArrayMembers(w, Class, array.Name, _t.Name, "Count", array.Description);
            if (HasSpikes) EmitSpikeMembers(w);
            EmitReset(w);
            EmitStep(w);
            EmitNetworkMembers(w);
            EmitKernel(w);
            if (HasDeferredResets) EmitResetKernel(w);
            if (_program.Propagator is not null)
                PropagatorEmission.EmitCompute(w, _program.Propagator, ParametersEmitter.TypeName(_model), _model.Parameters.Select(p => p.Name));
            DeviceCode.EmitHelpers(w, _t, HasNoise);
            w.Line();
            IlgpuHostCode.EmitAllocationHelpers(w, Class);
            IlgpuHostCode.EmitCopyHelpers(w, Class);
            IlgpuHostCode.EmitLaunchConfig(w);
            var kernels = new List<(string, string, string)> { ("Step", "__Kernel", IlgpuHostCode.ViewsAndUniforms) };
            if (HasDeferredResets) kernels.Add(("Reset", "__ResetKernel", IlgpuHostCode.ViewsAndUniforms + ", " + IlgpuHostCode.SpikeListArguments));
            IlgpuHostCode.EmitLauncherCache(w, kernels);
            EmitStructs(w);
        }
    }

    private void EmitFields(CodeWriter w)
    {
        if (HasStamps) w.Line("private const long NeverSpiked = long.MinValue / 4;");
        IlgpuHostCode.EmitFields(w, _class);
        if (HasSpikes)
        {
            w.Line("// Host copies of the spike flags and the spiking indices, filled once per step when first asked for.");
            w.Line("private readonly int[] __flagsHost;");
            w.Line("private readonly bool[] __spikeFlags;");
            w.Line("private readonly int[] __spikeList;");
            w.Line("private int __spikeCount;");
            w.Line("private long __spikesReadAt = -1;");
        }
        if (_program.Propagator is { } propagator) PropagatorEmission.EmitFields(w, propagator, ParametersEmitter.TypeName(_model));
        EmitNetworkFields(w);
        StepGuardEmission.EmitField(w);
        w.Line();
    }

    private void EmitConstructors(CodeWriter w)
    {
        string parameters = ParametersEmitter.TypeName(_model);
        w.Doc("summary", "Creates <paramref name=\"count\"/> elements on <paramref name=\"accelerator\"/> with the default parameters, at their initial values.");
        w.Line($"public {Class}(Accelerator accelerator, int count) : this(accelerator, count, new {parameters}()) {{ }}");
        w.Line();
        w.Doc("summary", "Creates <paramref name=\"count\"/> elements on <paramref name=\"accelerator\"/> with the given parameters, at their initial values.");
        w.Doc("exception", "the accelerator cannot hold the buffers (the message gives the sizes asked for).", "cref=\"InsufficientMemoryException\"");
        using (w.Block($"public {Class}(Accelerator accelerator, int count, {parameters} parameters)"))
        {
            w.Line("__accelerator = accelerator ?? throw new ArgumentNullException(nameof(accelerator));");
            ClassPrinter.SizeChecks(w, _class);
            w.Line("Parameters = parameters;");
            IlgpuHostCode.EmitAllocation(w, _class, EmitNetworkAllocation);
            if (HasSpikes)
            {
                w.Line("__flagsHost = new int[count];");
                w.Line("__spikeFlags = new bool[count];");
                w.Line("__spikeList = new int[count];");
            }
            w.Line($"__views = {IlgpuHostCode.ViewsInitializer(_class, View, ExtraViews.Select(v => (v.Name, v.Initializer)))};");
            w.Line("__launchers = __launcherCache.GetValue(accelerator, a => new __Launchers(a));");
            w.Line("__config = __Config(accelerator, count);");
            w.Line("__backend = new IlgpuBackend(accelerator);");
            foreach (var input in _class.Inputs)
                w.Line($"{IlgpuHostCode.Buffer(input.Name)}.MemSetToZero();");
            w.Line($"Name = {CSharpNames.StringLiteral(_model.Name)};");
            w.Line("Reset();");
        }
        w.Line();
    }

    private void EmitProperties(CodeWriter w)
    {
        IlgpuHostCode.EmitAcceleratorProperty(w, "kernel");
        ClassPrinter.SizeProperties(w, _class, leadingBlank: false);
        w.Doc("summary", "Name in messages (the model name unless set).");
        w.Line("public string Name { get; set; }");
        w.Line();
        ClassPrinter.TimeProperties(w, _class);
        w.Line();
        if (HasNoise)
        {
            w.Doc("summary", "Seed of the white noise: the same draws as the CPU class with the same Seed (a pure function of seed, noise, element and step). Default 0; Reset() keeps it.");
            w.Line("public ulong Seed { get; set; }");
            w.Line();
        }
        IlgpuHostCode.EmitDisposal(w, _class, beforeDispose: HasSpikes ? "__recorder?.Drain(); // monitors get every spike recorded before the buffers go" : null, freeExtra: EmitNetworkFree);
    }

    private void EmitSpikeMembers(CodeWriter w)
    {
        w.Doc("summary", "Number of elements that spiked in the last Step (reads the spike flags back once per step).");
        w.Line("public int SpikeCount { get { __ReadSpikes(); return __spikeCount; } }");
        w.Line();
        w.Doc("summary", "Whether element <paramref name=\"index\"/> spiked in the last Step.");
        w.Line("public bool Spiked(int index) { __ReadSpikes(); return __spikeFlags[index]; }");
        w.Line();
        w.Doc("summary", "Spike flags of the last Step, one per element.");
        w.Line("public ReadOnlySpan<bool> Spikes { get { __ReadSpikes(); return __spikeFlags; } }");
        w.Line();
        w.Doc("summary", "Indices of the elements that spiked in the last Step, ascending (valid until the next Step).");
        w.Line("public ReadOnlySpan<int> SpikesThisStep { get { __ReadSpikes(); return new ReadOnlySpan<int>(__spikeList, 0, __spikeCount); } }");
        w.Line();
        w.Doc("summary", "Writes the indices of the elements that spiked in the last Step into <paramref name=\"destination\"/> (ascending) and returns how many there were.");
        using (w.Block("public int CopySpikeIndices(Span<int> destination)"))
        {
            w.Line("SpikesThisStep.CopyTo(destination);");
            w.Line("return __spikeCount;");
        }
        w.Line();
        w.Doc("summary", "Copies the spike flags of the last step to the host and lists the spiking indices in ascending order (once per step).");
        using (w.Block("private void __ReadSpikes()"))
        {
            w.Line("if (__spikesReadAt == StepIndex) return;");
            w.Line("__spikesReadAt = StepIndex;");
            w.Line("int n = 0;");
            using (w.Block("if (StepIndex > 0 && Count > 0)"))
            {
                w.Line("__accelerator.DefaultStream.Synchronize();");
                w.Line("__spiked__buffer.View.CopyToCPU(__accelerator.DefaultStream, new Span<int>(__flagsHost));");
                w.Line("__accelerator.DefaultStream.Synchronize();");
                using (w.Block("for (int i = 0; i < Count; i++)"))
                {
                    w.Line("bool spiked = __flagsHost[i] != 0;");
                    w.Line("__spikeFlags[i] = spiked;");
                    w.Line("if (spiked) __spikeList[n++] = i;");
                }
            }
            w.Line("else Array.Clear(__spikeFlags);");
            w.Line("__spikeCount = n;");
        }
        w.Line();
    }

    private void EmitReset(CodeWriter w)
    {
        w.Doc("summary", "Sets every state to its initial value (computed from the current Parameters) and the time to zero. Inputs keep their values.");
        using (w.Block("public void Reset()"))
        {
            IlgpuHostCode.EmitFillStates(w, _class);
            if (HasStamps) w.Line("__Fill(__lastSpike__buffer, NeverSpiked);");
            if (HasSpikes)
            {
                w.Line("__spiked__buffer.MemSetToZero();");
                w.Line("__spikesReadAt = -1;");
            }
            if (HasFiniteCheck) w.Line("__Fill(__firstNonFinite__buffer, long.MaxValue);");
            w.Line("__accelerator.DefaultStream.Synchronize();");
            w.Line("Time = 0;");
            w.Line("StepIndex = 0;");
        }
        w.Line();
    }

    private void EmitStep(CodeWriter w)
    {
        w.Doc("summary", "Queues one step of every element by <paramref name=\"dt\"/>" + (_model.UsesUnits ? " seconds" : "") + $" with solver {_model.Solver}" +
                         (HasSpikes ? ", then the events; the spikes are read back when first asked for." : "."));
        w.Doc("exception", "dt is not a positive finite number.", "cref=\"ArgumentOutOfRangeException\"");
        w.Doc("exception", "a parameter without default value has not been set.", "cref=\"InvalidOperationException\"");
        StepExtras.EmitBeforeStep(w, _model);
        using (w.Block("public void Step(double dt)"))
        using (StepGuardEmission.Guard(w, Class))
            w.Line("__StepCore(dt, deferResets: false, checkFinite: false, networkStep: 0);");
        w.Line();
        w.Doc("summary", "One step; with <paramref name=\"deferResets\"/> (a network) the spiking event's actions wait for the Resets phase.");
        using (w.Block("private void __StepCore(double dt, bool deferResets, bool checkFinite, long networkStep)"))
        {
            IlgpuHostCode.EmitStepPrelude(w, _class, Class);
            if (_program.Propagator is { } propagator) PropagatorEmission.EmitLoad(w, propagator);
            if (HasRefractory)
            {
                w.Line("// Refractory period in steps, rounded as Brian2's timestep(): int((duration + 1e-3*dt)/dt).");
                w.Line("long __refractorySteps = DynLang.Runtime.RefractorySteps.Of(__refractoryDuration, dt, -NeverSpiked); // never-spiked elements are never refractory");
            }
            ClassPrinter.UniformInitializer(w, "var __uniforms = new __Uniforms", _class.Uniforms);
            if (HasSpikes) w.Line("__deviceSpikes.Clear();");
            if (HasDeferredResets) w.Line("__lastUniforms = __uniforms;");
            w.Line("if (Count > 0) __launchers.Step(__config, __views, __uniforms);");
            w.Line("StepIndex++;");
            w.Line("Time = t + dt;");
        }
        w.Line();
    }

    /// <summary>
    /// The kernel: a grid-stride loop whose body is the CPU class's scalar loop body, statement for
    /// statement (same IR, same printer order), with array views instead of spans.
    /// </summary>
    private void EmitKernel(CodeWriter w)
    {
        w.Doc("summary", "One step of elements Grid.GlobalIndex.X, + stride, …: the CPU class's scalar loop body on the device.");
        using (w.Block("private static void __Kernel(__Views __views, __Uniforms __uniforms)"))
        {
            ClassPrinter.UniformLocals(w, _class.Uniforms);
            using (w.Block($"for (int __i = {DeviceCode.GridStart}; __i < __count; __i += {DeviceCode.GridStride})"))
            {
                foreach (var name in _program.StateLoads.Concat(_program.InputLoads))
                    w.Line($"{_t.Name} {CSharpNames.Identifier(name)} = __views.{CSharpNames.Identifier(name)}[__i];");
                if (HasRefractory)
                    w.Line($"bool {ElementwiseProgram.NotRefractoryLocal} = __step - __views.__lastSpike[__i] >= __refractorySteps;");
                var printer = DeviceCode.Printer(_t, DeviceCode.Local);
                var declared = new HashSet<string>(_program.StateLoads.Concat(_program.InputLoads));
                foreach (var assign in _program.Body.Concat(_program.EventLocals))
                    Assign(w, assign, printer.Print(assign.Value), declared, assign.Value.IsCondition ? "bool" : _t.Name);
                if (HasSpikes) w.Line("int __spikedNow = 0;");
                foreach (var ev in _program.Events)
                {
                    using (w.Block($"if ({printer.Print(ev.Condition)})"))
                    {
                        if (ReferenceEquals(ev, DeferredEvent))
                        {
                            w.Line("// In a network the reset waits for the Resets phase (__ResetKernel).");
                            using (w.Block("if (__deferResets == 0)"))
                                foreach (var action in ev.Actions) w.Line($"{CSharpNames.Identifier(action.Target)} = {printer.Print(action.Value)};");
                        }
                        else
                        {
                            foreach (var action in ev.Actions) Assign(w, action, printer.Print(action.Value), declared, _t.Name);
                        }
                        if (ev.EmitsSpike || ev.StartsRefractory) w.Line("__views.__lastSpike[__i] = __step;");
                        if (ev.EmitsSpike) w.Line("__spikedNow = 1;");
                    }
                }
                if (HasSpikes)
                {
                    w.Line("__views.__spiked[__i] = __spikedNow;");
                    EmitSpikeAppend(w);
                }
                foreach (var (state, local) in _program.Stores)
                    w.Line($"__views.{CSharpNames.Identifier(state)}[__i] = {CSharpNames.Identifier(local)};");
                EmitFiniteNote(w);
            }
        }
        w.Line();
    }

    private static void Assign(CodeWriter w, IrAssign assign, string value, HashSet<string> declared, string type)
    {
        if (assign.Comment is not null) w.Line("// " + assign.Comment);
        string name = CSharpNames.Identifier(assign.Target);
        w.Line(declared.Add(assign.Target) ? $"{type} {name} = {value};" : $"{name} = {value};");
    }

    private void EmitStructs(CodeWriter w) =>
        IlgpuHostCode.EmitArgumentStructs(w, _class, View, "kernel's", "Values shared by all elements during one step (kernel arguments). Public for ILGPU's launchers; not for use.",
            ExtraViews.Select(v => v.Declaration));
}
