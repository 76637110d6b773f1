using System.Collections.Generic;

namespace DynLang.Core.Lowering.Ir;

/// <summary>Floating-point type of a model's kernels.</summary>
public enum Precision
{
    /// <summary>64-bit IEEE (C# double): the default.</summary>
    Double,
    /// <summary>32-bit IEEE (C# float).</summary>
    Float,
}

/// <summary>Which generated class shape a model gets.</summary>
public enum KernelShape
{
    /// <summary>Independent elements (neurons, an ensemble of scalar systems).</summary>
    Elementwise,
    /// <summary>Arrays over index sets (rules, indexed systems).</summary>
    Indexed,
    /// <summary>Per-synapse state between two populations, with event code run per delivered spike.</summary>
    Synapse,
    /// <summary>A PDE on a grid: stencil passes over every cell (Lowering/Fields).</summary>
    Field,
}

/// <summary>A scalar parameter of the parameters struct.</summary>
/// <param name="Name">The .dyn name.</param>
/// <param name="Default">Default value in SI (an expression of other parameters for derived ones).</param>
/// <param name="IsDerived">True when the default follows other parameters unless set.</param>
/// <param name="Unit">The unit in words for the docs ("s", "V", "1").</param>
/// <param name="DeclaredText">The declaration as written, for the XML doc.</param>
/// <param name="Line">Declaration line.</param>
public sealed record KernelParameter(string Name, IrExpr Default, bool IsDerived, string Unit, string DeclaredText, int Line)
{
    /// <summary>
    /// The checked dimension, or null when unit checking could not infer it (the typed UnitsNet
    /// accessors of <see cref="Emit.UnitsNet.UnitsNetEmitter"/> need it).
    /// </summary>
    public Units.Dimension? Dimension { get; init; }
}

/// <summary>What an array holds.</summary>
public enum ArrayRole
{
    /// <summary>A state (integrated).</summary>
    State,
    /// <summary>An input (written by host code).</summary>
    Input,
    /// <summary>An indexed parameter (written by host code, constant).</summary>
    Parameter,
    /// <summary>Scratch storage of the step (definitions, stages).</summary>
    Temporary,
}

/// <summary>
/// A per-element or per-index array: for elementwise models one value per element; for indexed
/// models row-major over <see cref="IndexSets"/> (empty = a single value).
/// </summary>
/// <param name="Name">The .dyn name (temporaries start with "__").</param>
/// <param name="Role">What it holds.</param>
/// <param name="IndexSets">Index sets, outermost first.</param>
/// <param name="Initial">Initial value (a uniform expression of parameters), null for zero.</param>
/// <param name="Unit">Unit in words.</param>
/// <param name="Line">Declaration line.</param>
public sealed record KernelArray(string Name, ArrayRole Role, IReadOnlyList<string> IndexSets, IrExpr? Initial, string Unit, int Line);

/// <summary>The lowered model: everything an emitter needs, nothing it must re-derive.</summary>
public sealed class KernelModel
{
    /// <summary>Model name.</summary>
    public string Name { get; init; } = "";

    /// <summary>"neuron", "system", "rule".</summary>
    public string Kind { get; init; } = "";

    /// <summary>Namespace of the generated types.</summary>
    public string Namespace { get; init; } = "";

    /// <summary>The .dyn file path (for #line and docs).</summary>
    public string SourcePath { get; init; } = "";

    /// <summary>Declaration line of the model.</summary>
    public int Line { get; init; }

    /// <summary>float or double.</summary>
    public Precision Precision { get; init; }

    /// <summary>
    /// Which math functions the CPU kernels call (the model's <c>math</c> member, else the project's
    /// default); host-side code (parameters, uniforms, propagators) and the ILGPU and TorchSharp
    /// classes always use their platform's functions.
    /// </summary>
    public MathMode MathMode { get; init; }

    /// <summary>Elementwise or indexed.</summary>
    public KernelShape Shape { get; init; }

    /// <summary>Solver used, and why it was chosen.</summary>
    public string Solver { get; init; } = "";

    /// <summary>One sentence on the solver choice (goes into the class docs).</summary>
    public string SolverReason { get; init; } = "";

    /// <summary>Whether the model is written with units (time in seconds).</summary>
    public bool UsesUnits { get; init; }

    /// <summary>Scalar parameters in declaration order.</summary>
    public List<KernelParameter> Parameters { get; } = new();

    /// <summary>States, inputs and indexed parameters in declaration order.</summary>
    public List<KernelArray> Arrays { get; } = new();

    /// <summary>Index sets (indexed models).</summary>
    public List<string> IndexSets { get; } = new();

    /// <summary>The program of an elementwise model.</summary>
    public ElementwiseProgram? Elementwise { get; init; }

    /// <summary>The program of an indexed model.</summary>
    public IndexedProgram? Indexed { get; init; }

    /// <summary>The program of a synapse model.</summary>
    public SynapseProgram? Synapse { get; init; }

    /// <summary>The program of a field model.</summary>
    public Fields.FieldProgram? Field { get; init; }

    /// <summary>The time step written in the model (a uniform expression of parameters), or null.</summary>
    public IrExpr? DefaultTimeStep { get; set; }

    /// <summary>The explicit solver's stability bound at the default parameters (for the C# call-site analyzer).</summary>
    public Checks.StabilityBound? StabilityBound { get; set; }

    /// <summary>The equations as written (for the class's doc comment).</summary>
    public List<string> EquationTexts { get; } = new();

    /// <summary>Definitions, invariants and energies readable on the current state (CPU classes of elementwise and indexed models).</summary>
    public List<KernelReadout> Readouts { get; } = new();

    /// <summary>Definitions, invariants and energies that get no readout member, with the reason (class remarks).</summary>
    public List<UnreadableQuantity> Unreadable { get; } = new();
}
