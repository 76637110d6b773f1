using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Emit.Cpu;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Emit.Ilgpu;

// The ILGPU population as a network object: its spikes on the device as a DeviceSpikeList (which
// synapse kernels read), batched spike recording for monitors, and Brian2's schedule — update and
// threshold in Groups, the resets of the spiking elements in Resets (a second kernel over the
// spike list), as the CPU class does.
internal sealed partial class IlgpuElementwiseEmitter
{
    /// <summary>
    /// The event whose actions a network runs in its Resets phase: the CPU class's rule
    /// (<see cref="DeferredResets.Of"/>), so both backends reset at the same point of the schedule.
    /// </summary>
    private IrEvent? DeferredEvent => DeferredResets.Of(_program);

    private bool HasDeferredResets => DeferredEvent is not null;

    private string NetworkInterfaces => ", INetworkObject, IBackendObject" + (HasFiniteCheck ? ", IRecorder" : "") + (HasSpikes ? ", IDeviceSpikeSource, ISpikeBatchSource" : "");

    /// <summary>A model that stores states checks them for Network.CheckFinite (on the device: noted in the kernel, read every 256 steps and when the run ends).</summary>
    private bool HasFiniteCheck => _program.Stores.Count > 0;

    /// <summary>Network steps between two reads of the device's non-finite note (each read waits for the device).</summary>
    private const int FiniteCheckInterval = 256;

    private IEnumerable<KernelArray> Inputs => _model.Arrays.Where(a => a.Role == ArrayRole.Input);

    /// <summary>Views of the device spike list in the kernels' arguments (the list owns its buffers).</summary>
    private IEnumerable<(string Name, string Initializer, string Declaration)> ExtraViews
    {
        get
        {
            if (HasSpikes)
            {
                yield return ("__spikeIndices", "__deviceSpikes.Indices", "public ArrayView1D<int, Stride1D.Dense> __spikeIndices;");
                yield return ("__spikeLength", "__deviceSpikes.Length", "public ArrayView1D<int, Stride1D.Dense> __spikeLength;");
            }
            if (HasFiniteCheck)
                yield return ("__firstNonFinite", "__firstNonFinite__buffer.View", "public ArrayView1D<long, Stride1D.Dense> __firstNonFinite;");
        }
    }

    private void EmitNetworkFields(CodeWriter w)
    {
        w.Line("private readonly IlgpuBackend __backend;");
        if (HasSpikes)
        {
            w.Line("// This step's spikes on the device, appended by the kernel: what synapse kernels read.");
            w.Line("private readonly DeviceSpikeList __deviceSpikes;");
            w.Line("// Spikes recorded on the device for monitors (created when the first one attaches).");
            w.Line("private DeviceSpikeRecorder? __recorder;");
        }
        if (HasDeferredResets) w.Line("private __Uniforms __lastUniforms;");
        if (HasFiniteCheck)
        {
            w.Line("// The first network step whose update stored a NaN or infinity (long.MaxValue: none), and whether a check is pending.");
            w.Line("private readonly MemoryBuffer1D<long, Stride1D.Dense> __firstNonFinite__buffer;");
            w.Line("private bool __finiteCheckPending;");
            w.Line("private readonly long[] __finiteNote = new long[1]; // the note's host copy (a check allocates nothing)");
        }
        if (_model.Kind == "neuron")
        {
            w.Line("// For synapses' summed variables: the step index at which each input was last replaced by a sum.");
            foreach (var input in Inputs) w.Line($"internal long {input.Name}__sumStamp = -1;");
        }
    }

    /// <summary>Inside the constructor's try: the device spike list (its allocation is checked and named like the buffers').</summary>
    private void EmitNetworkAllocation(CodeWriter w)
    {
        if (HasSpikes) w.Line($"__deviceSpikes = new DeviceSpikeList(accelerator, count, {CSharpNames.StringLiteral(Class + " spike list")});");
        if (HasFiniteCheck) w.Line("__firstNonFinite__buffer = __Allocate<long>(accelerator, \"non-finite note\", 1);");
    }

    private void EmitNetworkFree(CodeWriter w)
    {
        if (HasFiniteCheck) w.Line("__firstNonFinite__buffer?.Dispose();");
        if (!HasSpikes) return;
        w.Line("__deviceSpikes?.Dispose();");
        w.Line("__recorder?.Dispose();");
    }

    private void EmitNetworkMembers(CodeWriter w)
    {
        w.Doc("summary", "The ILGPU backend of <see cref=\"Accelerator\"/>: synapses and inputs of one network share it.");
        w.Line("public global::DynLang.Runtime.Backend Backend => __backend;");
        w.Line();
        if (HasSpikes)
        {
            w.Doc("summary", "This step's spikes on the device (unordered; valid from the Groups phase until the next step): what synapse kernels read.");
            w.Line("public DeviceSpikeList DeviceSpikes => __deviceSpikes;");
            w.Line();
            w.Doc("summary", "Records every step's spikes on the device from now on and hands them to <paramref name=\"sink\"/> in batches (spike and rate monitors attach themselves).");
            using (w.Block("public void AttachSpikeSink(ISpikeSink sink)"))
            {
                w.Line($"__recorder ??= new DeviceSpikeRecorder(__accelerator, Count, {CSharpNames.StringLiteral(Class + " spike recorder")});");
                w.Line("__recorder.AddSink(sink);");
            }
            w.Line();
            w.Doc("summary", "Downloads the recorded spikes and delivers them to the sinks (nothing after Dispose, which delivers them first).");
            using (w.Block("public void DrainSpikes()"))
            {
                w.Line("if (!__disposed) __recorder?.Drain();");
            }
            w.Line();
        }
        w.Line("void INetworkObject.Prepare(double dt)");
        using (w.Block())
        {
            w.Line("if (!(dt > 0) || double.IsInfinity(dt)) throw new ArgumentOutOfRangeException(nameof(dt), dt, \"The time step must be a positive finite number.\");");
            w.Line($"if (__disposed) throw new ObjectDisposedException({CSharpNames.StringLiteral(Class)});");
        }
        w.Line();
        w.Line("// In a network (Brian2's schedule): update and threshold in the Groups phase, the spikes' resets in the");
        w.Line("// Resets phase (a kernel over the device spike list), so that synapses acting in between see the state");
        w.Line("// before the reset, as on the CPU. Network.CheckFinite: the kernel notes the first step that stored a NaN or");
        w.Line("// infinity; the host reads the note every 256 steps and when the run ends (IRecorder.Flush), not every step.");
        using (w.Block("void INetworkObject.Run(NetworkPhase phase, NetworkClock clock)"))
        {
            using (w.Block("switch (phase)"))
            {
                w.Line("case NetworkPhase.Groups:");
                w.Indent();
                using (StepGuardEmission.Guard(w, Class))
                {
                    w.Line($"__StepCore(clock.Dt, deferResets: {(HasDeferredResets ? "true" : "false")}, checkFinite: clock.CheckFinite, networkStep: clock.Step);");
                    if (HasFiniteCheck)
                    {
                        w.Line("__finiteCheckPending |= clock.CheckFinite;");
                        w.Line($"if (clock.CheckFinite && clock.Step % {FiniteCheckInterval} == {FiniteCheckInterval - 1}) __CheckFinite(clock.Dt);");
                    }
                    if (HasSpikes) w.Line("if (__recorder is not null && __recorder.HasSinks) __recorder.Record(clock.Step, __deviceSpikes);");
                }
                w.Line("break;");
                w.Outdent();
                if (HasDeferredResets)
                {
                    w.Line("case NetworkPhase.Resets:");
                    w.Line("    // A grid-stride loop over the spike list (at most Count entries): the step kernel's launch shape.");
                    w.Line("    if (Count > 0) __launchers.Reset(__config, __views, __lastUniforms, __deviceSpikes.Indices, __deviceSpikes.Length);");
                    w.Line("    break;");
                }
            }
        }
        w.Line();
        if (HasFiniteCheck) EmitFiniteCheck(w);
    }

    /// <summary>The kernel's lines after the events: the element's spike appended to the device list.</summary>
    private static void EmitSpikeAppend(CodeWriter w)
    {
        using (w.Block("if (__spikedNow != 0)"))
        {
            w.Line("// Appended in no fixed order: the host sorts when it reads (SpikesThisStep, monitors); synapses need no order.");
            w.Line("int __slot = Atomic.Add(ref __views.__spikeLength[0], 1);");
            w.Line("__views.__spikeIndices[__slot] = __i;");
        }
    }

    /// <summary>
    /// The deferred reset on the device: for each element of the spike list, the CPU class's
    /// ApplyResets body (states loaded as they are now, after the synapses; the event's actions;
    /// the states it assigns stored).
    /// </summary>
    private void EmitResetKernel(CodeWriter w)
    {
        var deferred = DeferredEvent!;
        var assigned = new HashSet<string>(deferred.Actions.Select(a => a.Target));
        w.Doc("summary", $"The actions of the spiking event (line {deferred.Line}) for the elements in the spike list: Brian2's reset, after the synapses.");
        using (w.Block("private static void __ResetKernel(__Views __views, __Uniforms __uniforms, ArrayView1D<int, Stride1D.Dense> spikes, ArrayView1D<int, Stride1D.Dense> spikeLength)"))
        {
            Shape.ClassPrinter.UniformLocals(w, _class.Uniforms);
            w.Line("int __n = spikeLength[0];");
            using (w.Block($"for (int __k = {DeviceCode.GridStart}; __k < __n; __k += {DeviceCode.GridStride})"))
            {
                w.Line("int __i = spikes[__k];");
                var declared = new HashSet<string>();
                foreach (var state in _program.StateLoads)
                {
                    string local = state + "__new";
                    declared.Add(local);
                    w.Line($"{_t.Name} {CSharpNames.Identifier(local)} = __views.{CSharpNames.Identifier(state)}[__i];");
                }
                foreach (var input in _program.InputLoads)
                {
                    declared.Add(input);
                    w.Line($"{_t.Name} {CSharpNames.Identifier(input)} = __views.{CSharpNames.Identifier(input)}[__i];");
                }
                var printer = DeviceCode.Printer(_t, DeviceCode.Local);
                foreach (var assign in _program.EventLocals)
                    Assign(w, assign, printer.Print(assign.Value), declared, assign.Value.IsCondition ? "bool" : _t.Name);
                foreach (var action in deferred.Actions) Assign(w, action, printer.Print(action.Value), declared, _t.Name);
                foreach (var (state, local) in _program.Stores.Where(s => assigned.Contains(s.Local)))
                    w.Line($"__views.{CSharpNames.Identifier(state)}[__i] = {CSharpNames.Identifier(local)};");
            }
        }
        w.Line();
    }

    /// <summary>
    /// Network.CheckFinite on the device: the host reads the kernel's note every 256 network steps
    /// and when the run ends (IRecorder.Flush), and throws the CPU class's NonFiniteStateException,
    /// naming the state, the first non-finite element (as it is now) and the step it first appeared.
    /// </summary>
    private void EmitFiniteCheck(CodeWriter w)
    {
        w.Line($"void IRecorder.Flush() {{ if (__finiteCheckPending && !__disposed) __CheckFinite(double.NaN); }}");
        w.Line();
        w.Doc("summary", "Reads the device's non-finite note (waits for the device); throws NonFiniteStateException when a step stored a NaN or infinity.");
        using (w.Block("private void __CheckFinite(double dt)"))
        {
            w.Line("__finiteCheckPending = false;");
            w.Line("__accelerator.DefaultStream.Synchronize();");
            w.Line("__firstNonFinite__buffer.View.CopyToCPU(__accelerator.DefaultStream, __finiteNote);");
            w.Line("__accelerator.DefaultStream.Synchronize();");
            w.Line("long step = __finiteNote[0];");
            w.Line("if (step == long.MaxValue) return;");
            w.Line("__Fill(__firstNonFinite__buffer, long.MaxValue); // reported once");
            w.Line("double time = double.IsNaN(dt) ? double.NaN : (step + 1) * dt;");
            foreach (var (state, _) in _program.Stores)
            {
                string stem = IlgpuHostCode.Stem(state);
                using (w.Block())
                {
                    w.Line($"var values = Download{stem}();");
                    w.Line("int element = FiniteGuard.FirstNonFinite<" + _t.Name + ">(values);");
                    w.Line($"if (element >= 0) throw new NonFiniteStateException({CSharpNames.StringLiteral(Class)}, {CSharpNames.StringLiteral(state)}, element, step + 1, time, values[element]);");
                }
            }
        }
        w.Line();
    }

    /// <summary>The kernel's line after the stores: the fused finite test of the CPU class (x − x is 0 only for finite x), noted with the network step.</summary>
    private void EmitFiniteNote(CodeWriter w)
    {
        if (!HasFiniteCheck) return;
        string zero = _t.Literal(0);
        string test = string.Join(" && ", _program.Stores.Select(s => $"{CSharpNames.Identifier(s.Local)} - {CSharpNames.Identifier(s.Local)} == {zero}"));
        w.Line($"if (__checkFinite != 0 && !({test})) Atomic.Min(ref __views.__firstNonFinite[0], __networkStep);");
    }
}
