using System.Collections.Generic;

namespace DynLang.Core.Lowering.Ir;

/// <summary>
/// One side of a synapse model: the generated population class of the neuron model named in
/// the header, or any spike source (<c>ISpikeSource</c>) when the header names none.
/// </summary>
/// <param name="ModelName">The neuron model (null: any spike source).</param>
/// <param name="ClassName">Its generated population class (null: any spike source).</param>
/// <param name="Precision">The population's floating-point type (loads and stores convert).</param>
public sealed record SynapseSide(string? ModelName, string? ClassName, Precision Precision);

/// <summary>
/// Code run for each synapse a spike reaches (<c>on pre</c> or <c>on post</c>). Locals: a
/// synapse state <c>w</c> is the local <c>w</c>; a variable of the pre or post model is the
/// local <c>pre.v</c> / <c>post.ge</c> (the emitter loads and stores what the body uses).
/// </summary>
/// <param name="Body">The statements, in order, as assignments to locals.</param>
/// <param name="Line">Line of the <c>on</c> block.</param>
public sealed record SynapsePathway(IReadOnlyList<IrAssign> Body, int Line);

/// <summary><c>post.x = value (summed)</c>: the sum over each element's synapses replaces x every step.</summary>
/// <param name="Scope">"pre" or "post": the side whose variable receives the sum.</param>
/// <param name="Target">The variable's name in that model.</param>
/// <param name="Value">The per-synapse value (locals as in <see cref="SynapsePathway"/>).</param>
/// <param name="Line">Line of the definition.</param>
public sealed record SummedVariable(string Scope, string Target, IrExpr Value, int Line);

/// <summary>The lowered synapse model: pathways, event-driven and clock-driven states, summed variables.</summary>
public sealed class SynapseProgram
{
    /// <summary>The pre-synaptic side.</summary>
    public SynapseSide Pre { get; init; } = new(null, null, Precision.Double);

    /// <summary>The post-synaptic side.</summary>
    public SynapseSide Post { get; init; } = new(null, null, Precision.Double);

    /// <summary>Event-driven states, advanced in closed form over <c>__delta</c> (time since the synapse's last update) before each event.</summary>
    public List<IrAssign> EventDrivenUpdate { get; } = new();

    /// <summary>True when the synapse keeps a last-update time (it has event-driven states).</summary>
    public bool HasEventDriven => EventDrivenUpdate.Count > 0;

    /// <summary><c>on pre</c>, or null.</summary>
    public SynapsePathway? OnPre { get; set; }

    /// <summary><c>on post</c>, or null.</summary>
    public SynapsePathway? OnPost { get; set; }

    /// <summary>Clock-driven states integrated every step over all synapses (null: none).</summary>
    public ElementwiseProgram? Clock { get; set; }

    /// <summary>Summed variables, in source order.</summary>
    public List<SummedVariable> Summed { get; } = new();

    /// <summary>Parameters of the pre or post model read by the synapse ("pre.tau"), as uniforms.</summary>
    public List<string> PeerParameters { get; } = new();
}
