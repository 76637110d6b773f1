using System.Collections.Generic;

namespace DynLang.Core.Lowering.Ir;

/// <summary><c>target = value</c>; <see cref="Line"/> (1-based, 0 = none) maps generated code back to the .dyn.</summary>
public sealed record IrAssign(string Target, IrExpr Value, int Line = 0, string? Comment = null);

/// <summary><c>array[indices] = value</c> in an indexed program.</summary>
public sealed record IrStore(string Array, IReadOnlyList<IrIndex> Indices, IrExpr Value, int Line = 0, string? Comment = null);

/// <summary>
/// The per-step program of a model whose elements are independent (a neuron population, an
/// ensemble of scalar systems): host-side uniforms, then the same straight-line code for every
/// element — which is what makes SIMD and threads safe.
/// </summary>
public sealed class ElementwiseProgram
{
    /// <summary>Values computed on the host once per step, in order.</summary>
    public List<IrAssign> Uniforms { get; } = new();

    /// <summary>State arrays read into locals of the same name at the start of each element.</summary>
    public List<string> StateLoads { get; } = new();

    /// <summary>Input arrays read into locals of the same name.</summary>
    public List<string> InputLoads { get; } = new();

    /// <summary>The integration step, in order.</summary>
    public List<IrAssign> Body { get; } = new();

    /// <summary>Locals the events read (definitions at the updated state), computed after <see cref="Body"/> and again when resets are deferred.</summary>
    public List<IrAssign> EventLocals { get; } = new();

    /// <summary>Events checked after the integration step, in order.</summary>
    public List<IrEvent> Events { get; } = new();

    /// <summary>(state, local) pairs written back at the end.</summary>
    public List<(string State, string Local)> Stores { get; } = new();

    /// <summary>The uniform holding the refractory period in steps (null: no refractoriness).</summary>
    public string? RefractoryStepsUniform { get; set; }

    /// <summary>True when an event emits spikes (the model keeps a last-spike step per element).</summary>
    public bool HasSpikes { get; set; }

    /// <summary>Per-element local that is true when the element is not refractory (defined by the emitter).</summary>
    public const string NotRefractoryLocal = "__notRefractory";

    /// <summary>The exact solver's propagator, when it is the same for every element.</summary>
    public PropagatorBlock? Propagator { get; set; }

    /// <summary>
    /// Noise symbols drawn by the program (<see cref="IrNormal"/> streams 0, 1, … in this order);
    /// empty for deterministic models. Non-empty means the class gets a <c>Seed</c>.
    /// </summary>
    public List<string> Noises { get; } = new();

    /// <summary>The differentiable spike declared with <c>surrogate …</c> (TorchSharp backend), or null.</summary>
    public SurrogateSpec? Surrogate { get; set; }
}

/// <summary>
/// A propagator computed on the host and cached until dt or the parameters change: from
/// symbolic formulas when they exist and are well-conditioned, otherwise as the matrix
/// exponential of <see cref="Matrix"/>·dt.
/// </summary>
public sealed class PropagatorBlock
{
    /// <summary>True when closed-form entries exist (the states can be ordered triangularly).</summary>
    public bool HasSymbolic { get; set; }

    /// <summary>Closed-form entries (host code, double precision), named as the outputs.</summary>
    public List<IrAssign> Symbolic { get; } = new();

    /// <summary>Differences of eigenvalues the formulas divide by: near zero (relative to 1/dt), the matrix exponential is used.</summary>
    public List<IrExpr> Denominators { get; } = new();

    /// <summary>Size of the augmented matrix M = [[A, I], [0, 0]].</summary>
    public int Size { get; set; }

    /// <summary>Non-zero entries of M (row, column, value); the propagator is exp(M·dt).</summary>
    public List<(int Row, int Column, IrExpr Value)> Matrix { get; } = new();

    /// <summary>The uniforms holding the propagator: (name, row, column) of exp(M·dt).</summary>
    public List<(string Name, int Row, int Column)> Outputs { get; } = new();

    /// <summary>Uniforms computed on the host from the outputs and the parameters, after them (folded forcing).</summary>
    public List<IrAssign> Derived { get; } = new();
}

/// <summary>An event: when <see cref="Condition"/> holds for an element, run <see cref="Actions"/> on it.</summary>
/// <param name="Condition">When the event fires (including <c>and not refractory</c>).</param>
/// <param name="Actions">Assignments to state locals, in order.</param>
/// <param name="EmitsSpike">True for <c>emit spike</c>.</param>
/// <param name="StartsRefractory">True for <c>refractory …</c>.</param>
/// <param name="Line">Line of the <c>on</c> block.</param>
/// <param name="Margin">
/// For a threshold written as one comparison (<c>v &gt; v_th</c>): u = v − v_th, positive when it
/// fires (before refractoriness). The differentiable spike is a function of u. Null otherwise.
/// </param>
public sealed record IrEvent(IrExpr Condition, IReadOnlyList<IrAssign> Actions, bool EmitsSpike, bool StartsRefractory, int Line, IrExpr? Margin = null);

/// <summary>
/// The per-step program of an indexed model (rules, systems over index sets): loop nests over
/// index sets, each writing arrays. Loop nests run one after another; within one nest the
/// iterations are independent, so the outermost loop may be split across threads.
/// </summary>
public sealed class IndexedProgram
{
    /// <summary>Values computed on the host once per step, in order.</summary>
    public List<IrAssign> Uniforms { get; } = new();

    /// <summary>Scratch arrays (definitions, stage derivatives) allocated once.</summary>
    public List<KernelArray> Temporaries { get; } = new();

    /// <summary>The loop nests, in order.</summary>
    public List<LoopNest> Nests { get; } = new();

    /// <summary>
    /// Noise symbols drawn by the program (<see cref="IrNormal"/> streams 0, 1, … in this order,
    /// each draw keyed by its element's flat index); empty for deterministic models. Non-empty
    /// means the class gets a <c>Seed</c>.
    /// </summary>
    public List<string> Noises { get; } = new();
}

/// <summary>Nested loops (outermost first) with straight-line locals and stores in the innermost body.</summary>
public sealed record LoopNest(IReadOnlyList<IrLoop> Loops, IReadOnlyList<IrAssign> Locals, IReadOnlyList<IrStore> Stores, string Comment);

/// <summary>The backward pass a model's spiking threshold gets in the TorchSharp backend's differentiable step.</summary>
public enum SurrogateKind
{
    /// <summary><c>surrogate fast_sigmoid(slope = k)</c>: forward Heaviside, backward 1/(1 + k|u|)².</summary>
    FastSigmoid,
    /// <summary><c>surrogate arctan(slope = α)</c>: forward Heaviside, backward (α/2)/(1 + (π α u/2)²).</summary>
    Arctan,
    /// <summary><c>surrogate log_sum_exp(temperature = ε)</c>: forward and backward σ(u/ε) = d/du ε·log(1 + e^(u/ε)); ε → 0 is the hard threshold.</summary>
    LogSumExp,
}

/// <summary>
/// <c>surrogate …</c> in a neuron: the differentiable spike of the TorchSharp backend. The CPU and
/// ILGPU backends ignore it (their spikes are not differentiated).
/// </summary>
/// <param name="Kind">Which function.</param>
/// <param name="Uniform">The uniform holding its slope (1/unit of the threshold margin) or temperature (unit of the margin).</param>
/// <param name="Line">Line of the declaration.</param>
public sealed record SurrogateSpec(SurrogateKind Kind, string Uniform, int Line);
