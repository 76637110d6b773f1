using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Emit.Cpu;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Emit.Shape;

/// <summary>
/// What the CPU and ILGPU synapse classes share, printed once: the members a synapse group has on
/// every backend (connectivity, count, name, parameters, sides), the connectivity's size checks
/// with their messages, the delay members of a pathway, and which variables a body loads and stores.
/// Each backend adds its own storage and loops around them.
/// </summary>
internal static class SynapseClassParts
{
    /// <summary>Synapse states and pre/post variables a body reads or writes (loads), and those it writes (stores), in first-use order.</summary>
    public static (List<string> Loads, List<string> Stores) Variables(KernelModel model, IEnumerable<IrAssign> body)
    {
        var states = new HashSet<string>(model.Arrays.Where(a => a.Role == ArrayRole.State).Select(s => s.Name));
        bool IsVariable(string name) => states.Contains(name) || name.StartsWith("pre.", System.StringComparison.Ordinal) || name.StartsWith("post.", System.StringComparison.Ordinal);
        var loads = new List<string>();
        var stores = new List<string>();
        foreach (var assign in body)
        {
            foreach (var reference in IrWalker.References(assign.Value))
                if (reference.Kind == SlotKind.Local && IsVariable(reference.Name) && !loads.Contains(reference.Name)) loads.Add(reference.Name);
            if (!IsVariable(assign.Target)) continue;
            if (!loads.Contains(assign.Target)) loads.Add(assign.Target);
            if (!stores.Contains(assign.Target)) stores.Add(assign.Target);
        }
        return (loads, stores);
    }

    /// <summary>The connectivity's pre and post counts against the sides' (an ArgumentException naming both).</summary>
    public static void EmitConnectivityChecks(CodeWriter w)
    {
        foreach (var (side, member) in new[] { ("pre", "PreCount"), ("post", "PostCount") })
        {
            w.Line($"if (connectivity.{member} != {side}.Count)");
            w.Line($"    throw new ArgumentException($\"Connectivity '{{connectivity.Name}}' has {{connectivity.{member}}} {side}-synaptic elements, but the {side}-synaptic population has {{{side}.Count}}.\", nameof(connectivity));");
        }
    }

    /// <summary>Connectivity, Count, Name, Parameters, Pre and Post; <paramref name="preType"/>/<paramref name="postType"/> are the backend's side types.</summary>
    /// <param name="spikesOnlyPreClass">
    /// The pre population class when the class holds its pre side as a plain spike source (the
    /// model reads nothing of it): Pre then gives the population, and throws for another source.
    /// </param>
    public static void EmitCommonProperties(CodeWriter w, KernelModel model, string preType, string postType, string? spikesOnlyPreClass = null)
    {
        w.Doc("summary", "Which pre element connects to which post element (synapse k: PreIndex[k] → PostIndex[k]).");
        w.Line("public Connectivity Connectivity { get; }");
        w.Line();
        w.Doc("summary", "Number of synapses.");
        w.Line("public int Count => Connectivity.Count;");
        w.Line();
        w.Doc("summary", "Name in a network's progress messages and errors (the model name unless set).");
        w.Line("public string Name { get; set; }");
        w.Line();
        w.Doc("summary", "The parameters (SI units), read at every step.");
        w.Line($"public {ParametersEmitter.TypeName(model)} Parameters {{ get; set; }}");
        w.Line();
        w.Doc("summary", "The pre-synaptic population.");
        if (spikesOnlyPreClass is null)
        {
            w.Line($"public {preType} Pre => __pre;");
        }
        else
        {
            w.Doc("exception", "the pre side is another spike source (PreSource gives it).", "cref=\"InvalidOperationException\"");
            w.Line($"public {spikesOnlyPreClass} Pre => __pre as {spikesOnlyPreClass} ?? throw new InvalidOperationException($\"Synapses '{{Name}}': the pre-synaptic side is a spike source ({{__pre.GetType().Name}}), not a {spikesOnlyPreClass}; PreSource gives it.\");");
            w.Line();
            w.Doc("summary", "The pre-synaptic spike source: the population, or the source given instead (e.g. a distributed population's spikes on every rank).");
            w.Line("public ISpikeSource PreSource => __pre;");
        }
        w.Line();
        w.Doc("summary", "The post-synaptic population.");
        w.Line($"public {postType} Post => __post;");
    }

    /// <summary>
    /// {Side}Delay and Set{Side}Delays of a pathway ("Pre" or "Post"); <paramref name="invalidate"/>
    /// is the statement that makes the backend rebuild its delivery when they change.
    /// </summary>
    public static void EmitDelayMembers(CodeWriter w, KernelModel model, string side, string invalidate)
    {
        string lower = side.ToLowerInvariant();
        string unit = model.UsesUnits ? " in seconds" : "";
        w.Doc("summary", $"Delay{unit} of every synapse's {lower}-synaptic pathway (default 0: delivered in the step of the spike). A whole number of time steps, checked when the network starts.");
        using (w.Block($"public double {side}Delay"))
        {
            w.Line($"get => __{lower}Delay;");
            w.Line($"set {{ __{lower}Delay = value; __{lower}Delays = null; {invalidate} }}");
        }
        w.Line();
        w.Doc("summary", $"Per-synapse delays{unit} of the {lower}-synaptic pathway, in synapse order (copied). Each a whole number of time steps, checked when the network starts.");
        w.Doc("exception", "the length differs from Count.", "cref=\"ArgumentException\"");
        using (w.Block($"public void Set{side}Delays(ReadOnlySpan<double> delays)"))
        {
            w.Line($"if (delays.Length != Count) throw new ArgumentException($\"{{Name}}: {lower}-synaptic delays have {{delays.Length}} values for {{Count}} synapses.\", nameof(delays));");
            w.Line($"__{lower}Delays = delays.ToArray();");
            w.Line(invalidate);
        }
        w.Line();
    }
}
