using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Emit.Cpu;

/// <summary>
/// Emits <c>{Model}Synapses</c>: per-synapse state arrays over a <c>Connectivity</c>, the
/// pathways that run <c>on pre</c> / <c>on post</c> for every synapse a spike reaches (through a
/// <c>SlicedDelivery</c>, which applies the delays), event-driven states in closed form,
/// clock-driven states stepped over all synapses, and summed variables. The class is a network
/// object: it acts in the SynapticSums, Groups and Synapses phases of Brian2's schedule. Its
/// loops run on the worker pool when large enough, split so that results do not change
/// (<see cref="SynapseSplitRule"/>; the partial files hold each kind of loop).
/// </summary>
internal sealed partial class SynapseEmitter
{
    private readonly KernelModel _model;
    private readonly SynapseProgram _program;
    private readonly NumericType _t;
    private readonly string _path;
    private readonly SplitPlan? _prePlan, _postPlan;
    private readonly List<SplitPlan> _summedPlans;

    public SynapseEmitter(KernelModel model)
    {
        _model = model;
        _program = model.Synapse!;
        _t = NumericType.For(model.Precision);
        _path = model.SourcePath.Replace("\"", "");
        _prePlan = _program.OnPre is { } onPre ? PlanOf("pre", onPre) : null;
        _postPlan = _program.OnPost is { } onPost ? PlanOf("post", onPost) : null;
        _summedPlans = _program.Summed.Select(summed => SynapseSplitRule.ForSummed(_program, summed, Loads(summed))).ToList();
    }

    private SplitPlan PlanOf(string source, SynapsePathway pathway)
    {
        var (variables, stores) = Variables(PathwayBody(pathway));
        return SynapseSplitRule.ForPathway(_program, source, variables, stores);
    }

    private SplitPlan PlanOf(string side) => (side == "pre" ? _prePlan : _postPlan)!;

    public static string ClassName(KernelModel model) => CSharpNames.TypeName(model.Name) + "Synapses";

    private string Class => ClassName(_model);

    private IEnumerable<KernelArray> States => _model.Arrays.Where(a => a.Role == ArrayRole.State);

    private static string SideType(SynapseSide side) => side.ClassName ?? "ISpikeSource";

    /// <summary>
    /// The type of the pre-synaptic side as this class holds it: the population class, or
    /// <c>ISpikeSource</c> when no code of the synapse touches the pre-synaptic model
    /// (<see cref="PreIsSpikesOnly"/>), so that any source of as many elements can feed it.
    /// </summary>
    private string PreType => PreIsSpikesOnly ? "ISpikeSource" : SideType(_program.Pre);

    /// <summary>
    /// True when the pre side names a neuron model but nothing of the synapse reads or writes that
    /// model's variables or parameters: only its spikes matter. Such a synapse also takes any
    /// <c>ISpikeSource</c> of as many elements as its pre side — a distributed network passes the
    /// spikes of the population on every rank (DynLang.Distributed), which arrive late by the
    /// exchange interval (<c>ILateSpikeSource</c>) and are pushed as such.
    /// </summary>
    private bool PreIsSpikesOnly => _program.Pre.ClassName is not null && !TouchesPreModel();

    /// <summary>True when the pre side may be any spike source (no pre model in the header, or one nothing reads): its spikes may then come late.</summary>
    private bool PreTakesAnySource => _program.Pre.ClassName is null || PreIsSpikesOnly;

    private bool TouchesPreModel()
    {
        static bool IsPre(string name) => name.StartsWith("pre.", System.StringComparison.Ordinal);
        if (_program.PeerParameters.Any(IsPre)) return true;
        if (_program.Summed.Any(s => s.Scope == "pre" || Loads(s).Any(IsPre))) return true;
        foreach (var pathway in new[] { _program.OnPre, _program.OnPost })
            if (pathway is not null && Variables(PathwayBody(pathway)).Loads.Any(IsPre)) return true;
        return _program.Clock is { } clock && ClockNeuronVariables(clock).Any(IsPre);
    }

    /// <summary>Locals and uniforms "post.ge" / "pre.tau" are the C# locals post__ge / pre__tau.</summary>
    private static string Local(string name) => CSharpNames.Identifier(name.Replace(".", "__"));

    private ScalarPrinter Printer => new(_t, r => Local(r.Name)) { MathMode = _model.MathMode };

    public void Emit(CodeWriter w)
    {
        EmitClassDocs(w);
        using (w.Block($"public sealed partial class {Class} : INetworkObject, IParallelLoops, IRangeKernel"))
        {
            EmitFields(w);
            EmitSplitFields(w);
            EmitConstructors(w);
            EmitProperties(w);
            EmitSplitProperties(w);
            if (_program.Clock is { Noises.Count: > 0 } noisy)
            {
                NoiseEmission.EmitSeed(w, noisy.Noises, "synapse");
                w.Line();
            }
            if (_program.OnPre is not null) EmitDelayMembers(w, "Pre");
            if (_program.OnPost is not null) EmitDelayMembers(w, "Post");
            EmitReset(w);
            EmitNetworkMembers(w);
            if (_program.OnPre is not null) EmitPathway(w, "Pre", _program.OnPre);
            if (_program.OnPost is not null) EmitPathway(w, "Post", _program.OnPost);
            if (_program.Clock is not null) EmitClock(w, _program.Clock);
            if (_program.Clock?.Propagator is { } propagator)
                PropagatorEmission.EmitCompute(w, propagator, ParametersEmitter.TypeName(_model), _model.Parameters.Select(p => p.Name));
            if (_program.Summed.Count > 0) EmitSummed(w);
            EmitJobs(w);
        }
    }

    private void EmitClassDocs(CodeWriter w)
    {
        string pre = _program.Pre.ModelName ?? "any spike source";
        string post = _program.Post.ModelName ?? "any spike source";
        w.Doc("summary", $"Synapses {_model.Name} ({ParametersEmitter.FileName(_model)}, line {_model.Line}) from {pre} to {post}: one set of states per synapse of a Connectivity.");
        var remarks = new List<string> { "Equations and events:" };
        remarks.AddRange(_model.EquationTexts.Select(e => "  " + e));
        if (_program.Clock is not null) remarks.Add($"Clock-driven equations: solver {_model.Solver}: {_model.SolverReason}");
        remarks.Add("In a Network (Brian2's schedule): summed variables in the SynapticSums phase, clock-driven states in Groups, " +
                    "spikes delivered in Synapses (on pre before on post), each pathway in Brian2's order: spikes ascending, then synapses by index.");
        remarks.Add("Threads: large loops run on WorkerPool.Current, split so that every neuron element is written by one thread in that same order: " +
                    "the results are the same bits for any number of threads (docs/networks.md, \"Threads\").");
        remarks.Add(_model.UsesUnits ? "All values are in SI units; time is in seconds." : "The model has no units: time and all values are plain numbers.");
        w.Doc("remarks", string.Join("\n", remarks));
    }

    private void EmitFields(CodeWriter w)
    {
        w.Line($"private readonly {PreType} __pre;");
        w.Line($"private readonly {SideType(_program.Post)} __post;");
        foreach (var state in States) w.Line($"internal readonly {_t.Name}[] {state.Name}__data;");
        if (_program.HasEventDriven)
        {
            w.Line("// Time of each synapse's last event: event-driven states are exact functions of the time since.");
            w.Line("private readonly double[] __lastUpdate;");
        }
        if (_program.Clock?.Propagator is { } propagator) PropagatorEmission.EmitFields(w, propagator, ParametersEmitter.TypeName(_model));
        foreach (var side in Pathways())
        {
            w.Line($"private double __{side}Delay;");
            w.Line($"private double[]? __{side}Delays;");
            w.Line($"private SlicedRows __{side}Rows;");
            w.Line($"private SlicedDelivery? __{side}Delivery;");
            w.Line($"private double __{side}DeliveryDt = double.NaN;");
        }
        w.Line();
    }

    private IEnumerable<string> Pathways()
    {
        if (_program.OnPre is not null) yield return "pre";
        if (_program.OnPost is not null) yield return "post";
    }

    private void EmitConstructors(CodeWriter w)
    {
        string parameters = ParametersEmitter.TypeName(_model);
        string preType = PreType, postType = SideType(_program.Post);
        w.Doc("summary", "Synapses with the default parameters, at their initial values.");
        w.Doc("param", PreIsSpikesOnly
            ? $"The pre-synaptic population (its spikes trigger 'on pre'), or any spike source of as many elements: nothing of the synapse reads the {_program.Pre.ModelName} model, only its spikes (a distributed network passes the population's spikes on every rank)."
            : "The pre-synaptic population (its spikes trigger 'on pre').", "name=\"pre\"");
        w.Doc("param", "The post-synaptic population.", "name=\"post\"");
        w.Doc("param", "Which pre element connects to which post element; synapse k is the k-th pair.", "name=\"connectivity\"");
        w.Line($"public {Class}({preType} pre, {postType} post, Connectivity connectivity) : this(pre, post, connectivity, new {parameters}()) {{ }}");
        w.Line();
        w.Doc("summary", "Synapses with the given parameters, at their initial values.");
        w.Doc("exception", "the connectivity's sizes differ from the populations'.", "cref=\"ArgumentException\"");
        using (w.Block($"public {Class}({preType} pre, {postType} post, Connectivity connectivity, {parameters} parameters)"))
        {
            w.Line("__pre = pre ?? throw new ArgumentNullException(nameof(pre));");
            w.Line("__post = post ?? throw new ArgumentNullException(nameof(post));");
            w.Line("Connectivity = connectivity ?? throw new ArgumentNullException(nameof(connectivity));");
            w.Line($"Name = {CSharpNames.StringLiteral(_model.Name)};");
            Shape.SynapseClassParts.EmitConnectivityChecks(w);
            w.Line("Parameters = parameters;");
            foreach (var state in States) w.Line($"{state.Name}__data = new {_t.Name}[connectivity.Count];");
            if (_program.HasEventDriven) w.Line("__lastUpdate = new double[connectivity.Count];");
            if (Pathways().Any() || SplitSummedScopes().Any())
            {
                w.Line("// The rows and slices of the loops, built with the object (they depend on the connectivity only)");
                w.Line("// for the pool of this thread; a run on a pool of another size cuts them again in Prepare.");
            }
            foreach (var side in Pathways())
            {
                var plan = PlanOf(side);
                string slices = plan.Split ? "SynapseParallelism.SliceCount(WorkerPool.Current, connectivity.Count)" : "1";
                w.Line($"__{side}Rows = new SlicedRows(connectivity, {(side == "post" ? "true" : "false")}, {(plan.ByPost ? "true" : "false")}, {slices});");
            }
            foreach (var scope in SplitSummedScopes())
                w.Line($"{SumSlicesField(scope)} = new SynapseSlices(connectivity, {(scope == "post" ? "true" : "false")}, SynapseParallelism.SumSliceCount(WorkerPool.Current, connectivity.Count), listSynapses: true);");
            w.Line("Reset();");
        }
        w.Line();
    }

    private void EmitProperties(CodeWriter w)
    {
        Shape.SynapseClassParts.EmitCommonProperties(w, _model, SideType(_program.Pre), SideType(_program.Post),
            PreIsSpikesOnly ? _program.Pre.ClassName : null);
        foreach (var state in States)
        {
            w.Line();
            w.Doc("summary", $"State {state.Name} of every synapse ({state.Unit}; line {state.Line}), in synapse order. Write to set initial values (e.g. weights loaded from a file).");
            w.Line($"public Span<{_t.Name}> {CSharpNames.Identifier(state.Name)} => {state.Name}__data;");
        }
        if (_program.HasEventDriven)
        {
            w.Line();
            w.Doc("summary", "Time of each synapse's last event (event-driven states are brought up to date from it at the next event).");
            w.Line("public ReadOnlySpan<double> LastUpdate => __lastUpdate;");
        }
        w.Line();
    }

    private void EmitDelayMembers(CodeWriter w, string side) =>
        Shape.SynapseClassParts.EmitDelayMembers(w, _model, side, $"__{side.ToLowerInvariant()}Delivery = null;");

    private void EmitReset(CodeWriter w)
    {
        w.Doc("summary", "Sets every synapse state to its initial value (from the current Parameters)" + (_program.HasEventDriven ? " and the last-update times to zero." : "."));
        using (w.Block("public void Reset()"))
        {
            if (States.Any(s => s.Initial is not null)) EmitParameterLocals(w, NumericType.Double);
            var printer = new ScalarPrinter(NumericType.Double, r => Local(r.Name));
            foreach (var state in States)
            {
                string value = state.Initial is null ? "0" : printer.Print(state.Initial);
                string cast = _t.Precision == Precision.Float ? "(float)" : "";
                w.Line($"{state.Name}__data.AsSpan().Fill({cast}({value}));");
            }
            if (_program.HasEventDriven) w.Line("__lastUpdate.AsSpan().Clear();");
        }
        w.Line();
    }

    private void EmitParameterLocals(CodeWriter w, NumericType type)
    {
        w.Line("var __p = Parameters;");
        string cast = type.Precision == Precision.Float ? "(float)" : "";
        foreach (var parameter in _model.Parameters)
            w.Line($"{type.Name} {CSharpNames.Identifier(parameter.Name)} = {cast}__p.{CSharpNames.Identifier(parameter.Name)};");
        foreach (var name in _program.PeerParameters)
        {
            int dot = name.IndexOf('.');
            string side = name.Substring(0, dot), variable = name.Substring(dot + 1);
            w.Line($"{type.Name} {Local(name)} = {cast}__{side}.Parameters.{CSharpNames.Identifier(variable)};");
        }
    }

    private void EmitNetworkMembers(CodeWriter w)
    {
        w.Doc("summary", "Called by the network before each run: checks the parameters, and the delays against the time step; " +
                         "cuts the loops into slices again if the pool this thread runs on (WorkerPool.Current) has another size. " +
                         "A delivery is kept from run to run (spikes in flight arrive), and rebuilt only when the delays or dt changed.");
        using (w.Block("void INetworkObject.Prepare(double dt)"))
        {
            w.Line("var __p = Parameters;");
            foreach (var required in ParametersEmitter.Required(_model))
            {
                string name = CSharpNames.Identifier(required.Name);
                w.Line($"if (double.IsNaN(__p.{name})) throw new InvalidOperationException($\"Parameter '{required.Name}' of synapses '{{Name}}' ({_model.Name}) has no value: set it in Parameters before running.\");");
            }
            w.Line("// Slices per loop for this pool: results do not depend on the count, only the speed does.");
            w.Line("__sliceCount = SynapseParallelism.SliceCount(WorkerPool.Current, Connectivity.Count);");
            foreach (var side in Pathways())
            {
                var plan = PlanOf(side);
                // A pathway that must stay on one thread keeps one slice: its events in Brian2's order.
                if (plan.Split)
                    w.Line($"if (__{side}Rows.SliceCount != __sliceCount) __{side}Rows = new SlicedRows(Connectivity, {(side == "post" ? "true" : "false")}, {(plan.ByPost ? "true" : "false")}, __sliceCount);");
                using (w.Block($"if (__{side}Delivery is null || !(__{side}DeliveryDt == dt))"))
                {
                    using (w.Block("try"))
                    {
                        w.Line($"__{side}Delivery = __{side}Delays is null");
                        w.Line($"    ? new SlicedDelivery(__{side}Rows, __{side}Delay, dt)");
                        w.Line($"    : new SlicedDelivery(__{side}Rows, __{side}Delays, dt);");
                        w.Line($"__{side}DeliveryDt = dt;");
                    }
                    using (w.Block("catch (ArgumentException e)"))
                        w.Line($"throw ErrorContext.Prefix(e, $\"Synapses '{{Name}}' ({_model.Name}), {side}-synaptic delays\");");
                }
                if (plan.Split) w.Line($"else __{side}Delivery.UseRows(__{side}Rows); // keeps the spikes in flight");
                if (side == "pre" && PreTakesAnySource)
                {
                    w.Line("// A late source (the spikes of a population on every rank) exchanges them as rarely as the shortest delay allows.");
                    w.Line($"LateSpikes.Require(__pre, this, \"pre\", $\"{{Name}} ({_model.Name}), on pre\", __preDelivery!);");
                }
            }
            if (SplitSummedScopes().Any())
            {
                w.Line("int __sumSlices = SynapseParallelism.SumSliceCount(WorkerPool.Current, Connectivity.Count);");
                foreach (var scope in SplitSummedScopes())
                {
                    string field = SumSlicesField(scope);
                    w.Line($"if ({field}.Count != __sumSlices) {field} = new SynapseSlices(Connectivity, {(scope == "post" ? "true" : "false")}, __sumSlices, listSynapses: true);");
                }
            }
        }
        w.Line();
        using (w.Block("void INetworkObject.Run(NetworkPhase phase, NetworkClock clock)"))
        {
            using (w.Block("switch (phase)"))
            {
                if (_program.Summed.Count > 0)
                {
                    w.Line("case NetworkPhase.SynapticSums:");
                    w.Line("    ComputeSums(clock);");
                    w.Line("    break;");
                }
                if (_program.Clock is not null)
                {
                    w.Line("case NetworkPhase.Groups:");
                    w.Line("    StepClockDriven(clock);");
                    w.Line("    break;");
                }
                if (Pathways().Any())
                {
                    w.Line("case NetworkPhase.Synapses:");
                    foreach (var side in Pathways()) w.Line($"    Deliver{CSharpNames.Capitalized(side)}(clock);");
                    w.Line("    break;");
                }
            }
        }
        w.Line();
    }

    // ---- helpers shared by the loops -----------------------------------------------------------

    private void EmitTimeLocals(CodeWriter w)
    {
        w.Line("// Events happen at the time of the step that delivers them (Brian2: t = step·dt).");
        w.Line("double t__event = clock.Time;");
        string cast = _t.Precision == Precision.Float ? "(float)" : "";
        w.Line($"{_t.Name} t = {cast}clock.Time;");
        w.Line($"{_t.Name} dt = {cast}clock.Dt;");
    }

    private static void EmitIndexSpans(CodeWriter w)
    {
        w.Line("ReadOnlySpan<int> __preIndex = Connectivity.PreIndex;");
        w.Line("ReadOnlySpan<int> __postIndex = Connectivity.PostIndex;");
    }

    /// <summary>Synapse states and pre/post variables a body reads or writes (loads), and those it writes (stores), in first-use order.</summary>
    private (List<string> Loads, List<string> Stores) Variables(IEnumerable<IrAssign> body) => Shape.SynapseClassParts.Variables(_model, body);

    private void EmitLoads(CodeWriter w, IEnumerable<string> loads)
    {
        foreach (var name in loads) w.Line($"{_t.Name} {Local(name)} = {Element(name)};");
    }

    private void EmitStores(CodeWriter w, IEnumerable<string> stores)
    {
        foreach (var name in stores)
        {
            var side = SideOf(name);
            string cast = side is not null && side.Precision != _t.Precision ? $"({NumericType.For(side.Precision).Name})" : "";
            w.Line($"{Element(name, forStore: true)} = {cast}{Local(name)};");
        }
    }

    private SynapseSide? SideOf(string name) =>
        name.StartsWith("pre.", System.StringComparison.Ordinal) ? _program.Pre
        : name.StartsWith("post.", System.StringComparison.Ordinal) ? _program.Post : null;

    /// <summary>The array element a variable lives in: w__data[__s], __post.ge__data[__j], __pre.v__data[__i].</summary>
    private string Element(string name, bool forStore = false)
    {
        var side = SideOf(name);
        if (side is null) return $"{ArrayLocal(name)}[__s]";
        string element = $"{ArrayLocal(name)}[{(side == _program.Pre && name.StartsWith("pre.", System.StringComparison.Ordinal) ? "__i" : "__j")}]";
        return !forStore && side.Precision != _t.Precision ? $"({_t.Name}){element}" : element;
    }

    /// <summary>The local holding the array of a variable (read once before the loop: the JIT does not hoist another object's field).</summary>
    private static string ArrayLocal(string name) => name.Replace(".", "__") + "__array";

    private void EmitArrayLocals(CodeWriter w, IEnumerable<string> variables)
    {
        foreach (var name in variables.Distinct())
        {
            var side = SideOf(name);
            if (side is null)
            {
                w.Line($"{_t.Name}[] {ArrayLocal(name)} = {name}__data;");
                continue;
            }
            int dot = name.IndexOf('.');
            w.Line($"{NumericType.For(side.Precision).Name}[] {ArrayLocal(name)} = __{name.Substring(0, dot)}.{name.Substring(dot + 1)}__data;");
        }
    }

    /// <summary>
    /// The pre and post indices of synapse __s, each only when a variable of that side is used and
    /// the side is not <paramref name="loopSide"/> (whose index is the loop variable itself).
    /// </summary>
    private static void EmitIndexLoads(CodeWriter w, IEnumerable<string> variables, string? loopSide = null)
    {
        var list = variables.ToList();
        if (loopSide != "pre" && list.Any(n => n.StartsWith("pre.", System.StringComparison.Ordinal))) w.Line("int __i = __preIndex[__s];");
        if (loopSide != "post" && list.Any(n => n.StartsWith("post.", System.StringComparison.Ordinal))) w.Line("int __j = __postIndex[__s];");
    }

    private void LineDirective(CodeWriter w, int line)
    {
        if (line > 0) w.Directive($"#line {line} \"{_path}\"");
    }
}
