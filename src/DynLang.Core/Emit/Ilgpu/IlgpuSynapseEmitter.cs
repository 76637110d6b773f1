using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Emit.Cpu;
using DynLang.Core.Emit.Shape;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Emit.Ilgpu;

/// <summary>
/// The ILGPU class of a synapse model (<c>{Model}SynapsesIlgpu</c>): per-synapse states in
/// accelerator buffers, the connectivity uploaded once (synapse → pre and post element, CSR rows
/// in both directions), <c>on pre</c>/<c>on post</c> as kernels over the rows of the step's spiking
/// elements (one group of threads per spike, one thread per synapse; writes to neuron variables are
/// atomic additions, <see cref="SynapseDeviceRule"/>), event-driven states in closed form as on the
/// CPU, summed variables as one thread per target element adding its synapses in ascending id (the
/// CPU's order: the same bits), delays as device rings of spike lists, and clock-driven states as one
/// thread per synapse (<c>IlgpuSynapseEmitter.ClockDriven.cs</c>). A network object: it acts in the
/// SynapticSums, Groups and Synapses phases, like the CPU class. The host code is in this file, the
/// kernels in <c>IlgpuSynapseEmitter.Kernels.cs</c>.
/// </summary>
internal sealed partial class IlgpuSynapseEmitter
{
    private readonly KernelModel _model;
    private readonly SynapseProgram _program;
    private readonly NumericType _t;

    public IlgpuSynapseEmitter(KernelModel model)
    {
        _model = model;
        _program = model.Synapse!;
        _t = NumericType.For(model.Precision);
    }

    public static string ClassName(KernelModel model) => SynapseEmitter.ClassName(model) + "Ilgpu";

    private string Class => ClassName(_model);

    private IEnumerable<KernelArray> States => _model.Arrays.Where(a => a.Role == ArrayRole.State);

    private IEnumerable<(string Name, SynapsePathway Pathway)> Pathways => SynapseDeviceRule.Pathways(_program);

    /// <summary>The ILGPU class of a side (its population's, or any device spike source).</summary>
    private static string SideType(SynapseSide side) => side.ClassName is null ? "IDeviceSpikeSource" : side.ClassName + "Ilgpu";

    private SynapseSide Side(string name) => name == "pre" ? _program.Pre : _program.Post;

    /// <summary>"post.ge" → the C# local post__ge (as in the CPU class).</summary>
    private static string Local(string name) => CSharpNames.Identifier(name.Replace(".", "__"));

    /// <summary>Whether a pathway's spikes come from the pre side ("pre") or the post side ("post"); its rows are the outgoing or incoming synapses.</summary>
    private static string RowStart(string pathway) => pathway == "pre" ? "__outStart" : "__inStart";

    private static string RowSynapses(string pathway) => pathway == "pre" ? "__outSynapses" : "__inSynapses";

    private bool NeedsOutgoing => _program.OnPre is not null || _program.Summed.Any(s => s.Scope == "pre");

    private bool NeedsIncoming => _program.OnPost is not null || _program.Summed.Any(s => s.Scope == "post");

    /// <summary>Neuron variables ("pre.v", "post.ge") any kernel reads or writes, with the side they belong to: each is a view in the kernels' arguments.</summary>
    private List<string> NeuronVariables()
    {
        var names = new List<string>();
        foreach (var (_, pathway) in Pathways)
            foreach (var assign in _program.EventDrivenUpdate.Concat(pathway.Body))
            {
                if (SynapseDeviceRule.IsNeuronVariable(assign.Target)) names.Add(assign.Target);
                names.AddRange(IrWalker.References(assign.Value).Where(r => r.Kind == SlotKind.Local && SynapseDeviceRule.IsNeuronVariable(r.Name)).Select(r => r.Name));
            }
        foreach (var summed in _program.Summed)
        {
            names.Add(summed.Scope + "." + summed.Target);
            names.AddRange(IrWalker.References(summed.Value).Where(r => r.Kind == SlotKind.Local && SynapseDeviceRule.IsNeuronVariable(r.Name)).Select(r => r.Name));
        }
        names.AddRange(ClockNeuronVariables());
        return names.Distinct().ToList();
    }

    private static string SideOf(string variable) => variable.Substring(0, variable.IndexOf('.'));

    private static string MemberOf(string variable) => variable.Substring(variable.IndexOf('.') + 1);

    private NumericType TypeOf(string variable) => NumericType.For(Side(SideOf(variable)).Precision);

    public void Emit(CodeWriter w)
    {
        EmitClassDocs(w);
        using (w.Block($"public sealed partial class {Class} : INetworkObject, IBackendObject, IDisposable"))
        {
            EmitFields(w);
            EmitConstructors(w);
            EmitProperties(w);
            foreach (var state in States)
                IlgpuHostCode.EmitArrayMembers(w, Class, state.Name, _t.Name, "Count", $"state {state.Name} of every synapse ({state.Unit}; line {state.Line}), in synapse order");
            foreach (var (name, _) in Pathways) EmitDelayMembers(w, name);
            EmitReset(w);
            EmitNetworkMembers(w);
            EmitUniforms(w);
            foreach (var (name, pathway) in Pathways) EmitDeliver(w, name, pathway);
            if (_program.Summed.Count > 0) EmitComputeSums(w);
            if (_program.Clock is { } clock) EmitClock(w, clock); // IlgpuSynapseEmitter.ClockDriven.cs
            foreach (var (name, pathway) in Pathways) EmitPathwayKernel(w, name, pathway);
            for (int k = 0; k < _program.Summed.Count; k++) EmitSumKernel(w, k, _program.Summed[k]);
            DeviceCode.EmitHelpers(w, _t, withNoise: HasClockNoise);
            w.Line();
            IlgpuHostCode.EmitAllocationHelpers(w, Class);
            IlgpuHostCode.EmitCopyHelpers(w, Class);
            IlgpuHostCode.EmitLaunchConfig(w);
            EmitLaunchers(w);
            EmitStructs(w);
        }
    }

    private void EmitClassDocs(CodeWriter w)
    {
        string pre = _program.Pre.ModelName ?? "any device spike source";
        string post = _program.Post.ModelName ?? "any device spike source";
        w.Doc("summary", $"Synapses {_model.Name} on an ILGPU accelerator ({ParametersEmitter.FileName(_model)}, line {_model.Line}) from {pre} to {post}: " +
                         $"the same model as <see cref=\"{SynapseEmitter.ClassName(_model)}\"/>, its pathways and sums as kernels.");
        var remarks = new List<string>
        {
            "States live in accelerator buffers (Upload/Download); the connectivity is uploaded once, with its rows in both directions.",
            "In a Network (Brian2's schedule): summed variables in SynapticSums, spikes delivered in Synapses (on pre before on post), read from the sides' device spike lists, no copy to the host.",
            "Order: the synapses of a spike run at once, one thread each; a neuron variable they write is an atomic addition, so the sum is the CPU class's, added in another order " +
            "(equal increments, as in CUBA, give the same bits; different ones may differ in the last bits). Summed variables add in ascending synapse id, as on the CPU: the same bits.",
        };
        remarks.Add(_model.UsesUnits ? "All values are in SI units; time is in seconds." : "The model has no units: time and all values are plain numbers.");
        w.Doc("remarks", string.Join("\n", remarks));
    }

    private void EmitFields(CodeWriter w)
    {
        w.Line("private readonly Accelerator __accelerator;");
        w.Line("private readonly IlgpuBackend __backend;");
        w.Line("private readonly __Launchers __launchers;");
        w.Line($"private readonly {SideType(_program.Pre)} __pre;");
        w.Line($"private readonly {SideType(_program.Post)} __post;");
        w.Line("// The kernels' arguments: not readonly, per-synapse delay steps are added when a run starts.");
        w.Line("private __Views __views;");
        foreach (var state in States) w.Line($"private readonly MemoryBuffer1D<{_t.Name}, Stride1D.Dense> {IlgpuHostCode.Buffer(state.Name)};");
        if (_program.HasEventDriven)
        {
            w.Line("// Time of each synapse's last event: event-driven states are exact functions of the time since.");
            w.Line("private readonly MemoryBuffer1D<double, Stride1D.Dense> __lastUpdate__buffer;");
        }
        w.Line("// The connectivity on the device: synapse → pre and post element, and the rows (CSR, ascending synapse ids) of each side.");
        w.Line("private readonly MemoryBuffer1D<int, Stride1D.Dense> __preIndex__buffer, __postIndex__buffer;");
        if (NeedsOutgoing) w.Line("private readonly MemoryBuffer1D<int, Stride1D.Dense> __outStart__buffer, __outSynapses__buffer;");
        if (NeedsIncoming) w.Line("private readonly MemoryBuffer1D<int, Stride1D.Dense> __inStart__buffer, __inSynapses__buffer;");
        foreach (var (side, _) in Pathways)
        {
            w.Line($"private double __{side}Delay;");
            w.Line($"private double[]? __{side}Delays;");
            w.Line($"// The {side}-synaptic delays of the current run: a ring of spike lists, and each synapse's delay in steps when they differ.");
            w.Line($"private DeviceSpikeRing? __{side}Ring;");
            w.Line($"private MemoryBuffer1D<int, Stride1D.Dense>? __{side}DelaySteps__buffer;");
            w.Line($"private int __{side}MinSteps, __{side}MaxSteps;");
            w.Line($"private double __{side}PreparedDt = double.NaN;");
            w.Line($"private bool __{side}Prepared;");
        }
        w.Line("private bool __disposed;");
        w.Line();
    }

    private List<(string Name, string Length, string Type)> Buffers()
    {
        var list = States.Select(s => (s.Name, "(long)connectivity.Count", _t.Name)).ToList();
        if (_program.HasEventDriven) list.Add(("__lastUpdate", "(long)connectivity.Count", "double"));
        list.Add(("__preIndex", "(long)connectivity.Count", "int"));
        list.Add(("__postIndex", "(long)connectivity.Count", "int"));
        if (NeedsOutgoing)
        {
            list.Add(("__outStart", "(long)connectivity.PreCount + 1", "int"));
            list.Add(("__outSynapses", "(long)connectivity.Count", "int"));
        }
        if (NeedsIncoming)
        {
            list.Add(("__inStart", "(long)connectivity.PostCount + 1", "int"));
            list.Add(("__inSynapses", "(long)connectivity.Count", "int"));
        }
        return list;
    }

    private static int SizeOf(string type) => type is "double" or "long" ? 8 : 4;

    /// <summary>The connectivity array a device buffer is uploaded from.</summary>
    private static string? UploadSource(string buffer) => buffer switch
    {
        "__preIndex" => "PreIndex",
        "__postIndex" => "PostIndex",
        "__outStart" => "OutgoingStart",
        "__outSynapses" => "OutgoingSynapses",
        "__inStart" => "IncomingStart",
        "__inSynapses" => "IncomingSynapses",
        _ => null,
    };

    private void EmitConstructors(CodeWriter w)
    {
        string parameters = ParametersEmitter.TypeName(_model);
        string preType = SideType(_program.Pre), postType = SideType(_program.Post);
        w.Doc("summary", "Synapses with the default parameters, at their initial values, on the accelerator of <paramref name=\"pre\"/> and <paramref name=\"post\"/>.");
        w.Line($"public {Class}({preType} pre, {postType} post, Connectivity connectivity) : this(pre, post, connectivity, new {parameters}()) {{ }}");
        w.Line();
        w.Doc("summary", "Synapses with the given parameters, at their initial values, on the accelerator of <paramref name=\"pre\"/> and <paramref name=\"post\"/> (both must be on the same one).");
        w.Doc("exception", "pre and post are on different accelerators, or the connectivity's sizes differ from theirs.", "cref=\"ArgumentException\"");
        w.Doc("exception", "the accelerator cannot hold the buffers (the message names each buffer and its size).", "cref=\"InsufficientMemoryException\"");
        using (w.Block($"public {Class}({preType} pre, {postType} post, Connectivity connectivity, {parameters} parameters)"))
        {
            w.Line("__pre = pre ?? throw new ArgumentNullException(nameof(pre));");
            w.Line("__post = post ?? throw new ArgumentNullException(nameof(post));");
            w.Line("Connectivity = connectivity ?? throw new ArgumentNullException(nameof(connectivity));");
            w.Line($"Name = {CSharpNames.StringLiteral(_model.Name)};");
            w.Line("// One accelerator for both sides: the kernels read both sides' buffers.");
            string preName = _program.Pre.ClassName is null ? "(pre is INetworkObject __a ? __a.Name : \"pre\")" : "pre.Name";
            string postName = _program.Post.ClassName is null ? "(post is INetworkObject __b ? __b.Name : \"post\")" : "post.Name";
            w.Line($"global::DynLang.Runtime.Backend.RequireSame(\"Synapses {_model.Name}\", {preName}, pre.Backend, {postName}, post.Backend);");
            SynapseClassParts.EmitConnectivityChecks(w);
            w.Line("__accelerator = pre.Accelerator;");
            w.Line("__backend = new IlgpuBackend(__accelerator);");
            w.Line("Parameters = parameters;");
            var buffers = Buffers();
            w.Line($"__CheckMemory(__accelerator, new (string, long, int)[] {{ {string.Join(", ", buffers.Select(b => $"(\"{b.Name.TrimStart('_')}\", {b.Length}, {SizeOf(b.Type)})"))} }});");
            w.Line("// A failed allocation frees the buffers made before it (they are not reachable from a failed constructor's caller).");
            using (w.Block("try"))
            {
                foreach (var (name, length, type) in buffers)
                    w.Line($"{IlgpuHostCode.Buffer(name)} = __Allocate<{type}>(__accelerator, \"{name.TrimStart('_')}\", {length});");
            }
            using (w.Block("catch"))
            {
                w.Line("__FreeBuffers();");
                w.Line("throw;");
            }
            w.Line("// The connectivity, once: the host copies stay with the Connectivity object.");
            foreach (var (name, _, _) in buffers)
                if (UploadSource(name) is { } source)
                    w.Line($"{IlgpuHostCode.Buffer(name)}.View.CopyFromCPU(__accelerator.DefaultStream, connectivity.{source});");
            var views = buffers.Select(b => $"{CSharpNames.Identifier(b.Name)} = {IlgpuHostCode.Buffer(b.Name)}.View").ToList();
            foreach (var variable in NeuronVariables())
                views.Add($"{Local(variable)} = {SideOf(variable)}.{IlgpuHostCode.Stem(MemberOf(variable))}Buffer.View");
            w.Line($"__views = new __Views {{ {string.Join(", ", views)} }};");
            w.Line("__launchers = __launcherCache.GetValue(__accelerator, a => new __Launchers(a));");
            w.Line("Reset();");
        }
        w.Line();
    }

    private void EmitProperties(CodeWriter w)
    {
        SynapseClassParts.EmitCommonProperties(w, _model, SideType(_program.Pre), SideType(_program.Post));
        w.Line();
        w.Doc("summary", "The accelerator holding the buffers and running the kernels.");
        w.Line("public Accelerator Accelerator => __accelerator;");
        w.Line();
        w.Doc("summary", "The ILGPU backend of <see cref=\"Accelerator\"/>.");
        w.Line("public global::DynLang.Runtime.Backend Backend => __backend;");
        w.Line();
        if (_program.HasEventDriven)
        {
            w.Doc("summary", "Time of each synapse's last event, copied from the device (waits for pending steps).");
            using (w.Block("public double[] DownloadLastUpdate()"))
            {
                w.Line("var values = new double[Count];");
                w.Line("__accelerator.DefaultStream.Synchronize();");
                w.Line("__lastUpdate__buffer.View.CopyToCPU(__accelerator.DefaultStream, values);");
                w.Line("__accelerator.DefaultStream.Synchronize();");
                w.Line("return values;");
            }
            w.Line();
        }
        w.Doc("summary", "Frees the accelerator buffers (the populations keep theirs).");
        using (w.Block("public void Dispose()"))
        {
            w.Line("if (__disposed) return;");
            w.Line("__disposed = true;");
            w.Line("__FreeBuffers();");
        }
        w.Line();
        using (w.Block("private void __FreeBuffers()"))
        {
            foreach (var (name, _, _) in Buffers()) w.Line($"{IlgpuHostCode.Buffer(name)}?.Dispose();");
            foreach (var (side, _) in Pathways)
            {
                w.Line($"__{side}Ring?.Dispose();");
                w.Line($"__{side}DelaySteps__buffer?.Dispose();");
            }
        }
        w.Line();
    }

    private void EmitDelayMembers(CodeWriter w, string side) =>
        SynapseClassParts.EmitDelayMembers(w, _model, CSharpNames.Capitalized(side), $"__{side}Prepared = false;");

    private void EmitParameterLocals(CodeWriter w)
    {
        w.Line("var __p = Parameters;");
        foreach (var parameter in _model.Parameters)
            w.Line($"double {CSharpNames.Identifier(parameter.Name)} = __p.{CSharpNames.Identifier(parameter.Name)};");
    }

    private void EmitReset(CodeWriter w)
    {
        w.Doc("summary", "Sets every synapse state to its initial value (from the current Parameters)" + (_program.HasEventDriven ? " and the last-update times to zero." : "."));
        using (w.Block("public void Reset()"))
        {
            if (States.Any(s => s.Initial is not null)) EmitParameterLocals(w);
            var printer = new ScalarPrinter(NumericType.Double, DeviceCode.Local);
            foreach (var state in States)
                w.Line($"__Fill({IlgpuHostCode.Buffer(state.Name)}, ({_t.Name})({(state.Initial is null ? "0" : printer.Print(state.Initial))}));");
            if (_program.HasEventDriven) w.Line("__lastUpdate__buffer.MemSetToZero();");
            w.Line("__accelerator.DefaultStream.Synchronize();");
        }
        w.Line();
    }

    private void EmitNetworkMembers(CodeWriter w)
    {
        w.Doc("summary", "Called by the network before each run: checks the parameters, and the delays against the time step (the CPU class's rule and messages); " +
                         "a delay ring is kept from run to run (spikes in flight arrive), and rebuilt only when the delays or dt changed.");
        using (w.Block("void INetworkObject.Prepare(double dt)"))
        {
            w.Line($"if (__disposed) throw new ObjectDisposedException({CSharpNames.StringLiteral(Class)});");
            w.Line("var __p = Parameters;");
            foreach (var required in ParametersEmitter.Required(_model))
            {
                string name = CSharpNames.Identifier(required.Name);
                w.Line($"if (double.IsNaN(__p.{name})) throw new InvalidOperationException($\"Parameter '{required.Name}' of synapses '{{Name}}' ({_model.Name}) has no value: set it in Parameters before running.\");");
            }
            foreach (var (side, _) in Pathways) w.Line($"__Prepare{CSharpNames.Capitalized(side)}Delays(dt);");
        }
        w.Line();
        foreach (var (side, _) in Pathways) EmitPrepareDelays(w, side);
        w.Line("void INetworkObject.Run(NetworkPhase phase, NetworkClock clock)");
        using (w.Block())
        {
            using (w.Block("switch (phase)"))
            {
                if (_program.Summed.Count > 0)
                {
                    w.Line("case NetworkPhase.SynapticSums:");
                    w.Line("    ComputeSums(clock);");
                    w.Line("    break;");
                }
                EmitClockPhase(w);
                if (Pathways.Any())
                {
                    w.Line("case NetworkPhase.Synapses:");
                    foreach (var (side, _) in Pathways) w.Line($"    Deliver{CSharpNames.Capitalized(side)}(clock);");
                    w.Line("    break;");
                }
            }
        }
        w.Line();
    }

    private void EmitPrepareDelays(CodeWriter w, string side)
    {
        string upper = CSharpNames.Capitalized(side);
        w.Doc("summary", $"The {side}-synaptic delays in steps for time step dt: none (all zero), one for all (a ring of spike lists), or one per synapse (the ring, and each synapse's steps on the device).");
        using (w.Block($"private void __Prepare{upper}Delays(double dt)"))
        {
            w.Line($"if (__{side}Prepared && __{side}PreparedDt == dt) return;");
            w.Line($"string what = $\"Synapses '{{Name}}' ({_model.Name}), {side}-synaptic delays\";");
            w.Line("int min, max;");
            w.Line("int[]? steps = null;");
            using (w.Block($"if (__{side}Delays is null)"))
                w.Line($"min = max = SpikeQueue.DelaySteps(__{side}Delay, dt, what);");
            using (w.Block("else"))
            {
                w.Line($"steps = SpikeQueue.DelayStepsOf(__{side}Delays, dt, what, out min, out max);");
                w.Line("if (steps.Length == 0) min = max = 0;");
                w.Line("// One delay after all: the homogeneous path (no per-synapse test in the kernel).");
                w.Line("if (min == max) steps = null;");
            }
            w.Line("// A ring that already has this length keeps its spikes in flight (a new run with the same delays).");
            w.Line($"if (max == 0) {{ __{side}Ring?.Dispose(); __{side}Ring = null; }}");
            w.Line($"else if (__{side}Ring is null || __{side}Ring.MaxDelaySteps != max) {{ __{side}Ring?.Dispose(); __{side}Ring = new DeviceSpikeRing(__accelerator, __{side}.Count, max, what); }}");
            w.Line($"__{side}DelaySteps__buffer?.Dispose();");
            w.Line($"__{side}DelaySteps__buffer = null;");
            using (w.Block("if (steps is not null)"))
            {
                w.Line($"__CheckMemory(__accelerator, new (string, long, int)[] {{ (\"{side}-synaptic delay steps\", steps.Length, 4) }});");
                w.Line($"__{side}DelaySteps__buffer = __Allocate<int>(__accelerator, \"{side}-synaptic delay steps\", steps.Length);");
                w.Line($"__{side}DelaySteps__buffer.View.CopyFromCPU(__accelerator.DefaultStream, steps);");
                w.Line("__accelerator.DefaultStream.Synchronize();");
            }
            w.Line($"__views.__{side}DelaySteps = __{side}DelaySteps__buffer is null ? default : __{side}DelaySteps__buffer.View;");
            w.Line($"__{side}MinSteps = min;");
            w.Line($"__{side}MaxSteps = max;");
            w.Line($"__{side}PreparedDt = dt;");
            w.Line($"__{side}Prepared = true;");
        }
        w.Line();
    }

    /// <summary>The kernels' uniforms for one step: dt, the event time, the parameters and those of the sides the model reads.</summary>
    private List<string> UniformNames()
    {
        var names = new List<string> { "dt", "t" };
        names.AddRange(_model.Parameters.Select(p => p.Name));
        names.AddRange(_program.PeerParameters);
        return names.Distinct().ToList();
    }

    private void EmitUniforms(CodeWriter w)
    {
        w.Doc("summary", "The uniforms of the kernels in step <paramref name=\"clock\"/> (the CPU class's conversions, so the kernels see the same values).");
        using (w.Block("private __Uniforms __UniformsAt(NetworkClock clock)"))
        {
            w.Line("var __p = Parameters;");
            string cast = _t.Precision == Precision.Float ? "(float)" : "";
            w.Line("var __u = new __Uniforms");
            w.Line("{");
            w.Indent();
            w.Line($"dt = {cast}clock.Dt,");
            w.Line($"t = {cast}clock.Time,");
            w.Line("__tEvent = clock.Time,");
            foreach (var parameter in _model.Parameters)
                w.Line($"{CSharpNames.Identifier(parameter.Name)} = {cast}__p.{CSharpNames.Identifier(parameter.Name)},");
            foreach (var peer in _program.PeerParameters)
                w.Line($"{Local(peer)} = {cast}__{SideOf(peer)}.Parameters.{CSharpNames.Identifier(MemberOf(peer))},");
            w.Line("__preCount = Connectivity.PreCount,");
            w.Line("__postCount = Connectivity.PostCount,");
            w.Outdent();
            w.Line("};");
            w.Line("return __u;");
        }
        w.Line();
    }

    private void EmitDeliver(CodeWriter w, string side, SynapsePathway pathway)
    {
        string upper = CSharpNames.Capitalized(side);
        w.Doc("summary", $"Queues 'on {side}' (line {pathway.Line}) for every synapse due now: the spikes of this step (no delay), " +
                         "of the step a ring slot holds (one delay for all), or of every delay in use, each launch running the synapses with that delay.");
        using (w.Block($"private void Deliver{upper}(NetworkClock clock)"))
        {
            w.Line($"if (!__{side}Prepared) throw new InvalidOperationException($\"Synapses '{{Name}}' were not prepared: run them in a Network, which prepares every object with its time step.\");");
            w.Line($"DeviceSpikeList spikes = __{side}.DeviceSpikes;");
            w.Line("var __u = __UniformsAt(clock);");
            w.Line($"var config = {string.Format(RowConfig, $"__{side}.Count")};");
            using (w.Block($"if (__{side}Ring is null)"))
            {
                w.Line($"__launchers.Deliver{upper}(config, __views, __u, spikes.Indices, spikes.Length, -1);");
                w.Line("return;");
            }
            w.Line($"__{side}Ring.Push(clock.Step, spikes);");
            using (w.Block($"if (__{side}DelaySteps__buffer is null)"))
            {
                w.Line($"DeviceSpikeList due = __{side}Ring.PushedAt(clock.Step, __{side}MaxSteps);");
                w.Line($"__launchers.Deliver{upper}(config, __views, __u, due.Indices, due.Length, -1);");
                w.Line("return;");
            }
            w.Line("// Per-synapse delays: the spikes of each delay in use, each launch delivering the synapses with that delay.");
            using (w.Block($"for (int d = __{side}MinSteps; d <= __{side}MaxSteps; d++)"))
            {
                w.Line($"DeviceSpikeList due = __{side}Ring.PushedAt(clock.Step, d);");
                w.Line($"__launchers.Deliver{upper}(config, __views, __u, due.Indices, due.Length, d);");
            }
        }
        w.Line();
    }

    private void EmitComputeSums(CodeWriter w)
    {
        w.Doc("summary", "Queues each summed variable: for every element, the sum over its synapses in ascending id (elements without synapses get 0).");
        using (w.Block("private void ComputeSums(NetworkClock clock)"))
        {
            w.Line("var __u = __UniformsAt(clock);");
            for (int k = 0; k < _program.Summed.Count; k++)
            {
                var summed = _program.Summed[k];
                string owner = $"__{summed.Scope}";
                w.Line($"// {summed.Scope}.{summed.Target} (line {summed.Line}): several synapse groups may sum into one input; the first of a step replaces it, the others add.");
                w.Line($"__u.__add{k} = {owner}.{summed.Target}__sumStamp == {owner}.StepIndex ? 1 : 0;");
                w.Line($"{owner}.{summed.Target}__sumStamp = {owner}.StepIndex;");
                w.Line($"__launchers.Sum{k}(__Config(__accelerator, {owner}.Count), __views, __u);");
            }
        }
        w.Line();
    }
}
