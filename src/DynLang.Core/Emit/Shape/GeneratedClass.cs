using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Emit.Cpu;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Emit.Shape;

/// <summary>
/// The backend-neutral description of one generated model class: what every backend's class of
/// the model has in common (its sizes and their checks, its arrays, the parameters it must refuse
/// while unset, the host uniforms of a step and the uniform values its kernels read). Built once
/// per <see cref="KernelModel"/> by <see cref="ClassDescriptions.For"/>; each backend prints it its
/// own way (CPU: arrays and spans; ILGPU: accelerator buffers and views; TorchSharp: tensors),
/// with the parts they all print alike in <see cref="ClassPrinter"/>.
/// <para>
/// Extending it: a backend that needs more members appends them to its copy
/// (<see cref="WithArrays"/>: e.g. an ILGPU class's last-spike and spike-flag buffers, with
/// <see cref="ClassArray.ElementType"/> and <see cref="ClassArray.Label"/> set and
/// <see cref="ArrayKind.Extra"/>; <see cref="WithUniforms"/>: e.g. <c>__count</c>, <c>__step</c>),
/// and prints the copy. A new shape (say, synapses) adds one case to
/// <see cref="ClassDescriptions.For"/> that fills this record from its program (its sizes with
/// their checks, its arrays with their extents, its host uniforms); a new backend for an existing
/// shape is one emitter that reads the description and prints its own members from it, reusing
/// <see cref="ClassPrinter"/> for the file, the parameter locals, the checks and the uniforms.
/// </para>
/// </summary>
/// <param name="Model">The lowered model (the emitters still read its program for the kernels).</param>
/// <param name="What">The class in words: "A population of LIF neurons", "The rule Oja", "The field heat".</param>
/// <param name="Origin">Where the model is declared: "LIF.dyn, line 3".</param>
/// <param name="ParametersType">The parameters struct every backend's class takes (<c>{Model}Parameters</c>).</param>
/// <param name="Numeric">The element type of the model's arrays.</param>
/// <param name="Sizes">The constructor's size arguments, in order (<c>count</c>; index sets; <c>nx, ny, nz</c>).</param>
/// <param name="SizeChecks">Argument checks of the constructor, before anything is allocated (exact messages).</param>
/// <param name="SizeChecksDoc">The constructor's <c>ArgumentOutOfRangeException</c> doc text, null where it has none.</param>
/// <param name="SizeAssignments">Statements that store the checked sizes (<c>Count = count;</c>, <c>__size_i = i;</c>).</param>
/// <param name="SizeFields">Private int fields holding the sizes (<c>__size_i</c>, <c>__nx</c>); none for Count.</param>
/// <param name="SizeProperties">Public size members (<c>Count</c>, <c>SizeI</c>, <c>Nx</c>, <c>CellCount</c>).</param>
/// <param name="Arrays">Every array the class holds: the model's (states, inputs, parameter arrays), the step's scratch arrays, and whatever a backend appended.</param>
/// <param name="RequiredParameters">Parameters without a default: a step refuses to run while one is NaN.</param>
/// <param name="HostUniforms">Values computed once per step on the host, as doubles (the program's uniforms, in order).</param>
/// <param name="Uniforms">The uniform struct the kernels read: dt, t, parameters, program (and propagator) uniforms, then backend extras.</param>
/// <param name="Equations">The model's equations as written, for the class's remarks.</param>
internal sealed record GeneratedClass(
    KernelModel Model,
    string What,
    string Origin,
    string ParametersType,
    NumericType Numeric,
    IReadOnlyList<SizeArgument> Sizes,
    IReadOnlyList<ArgumentCheck> SizeChecks,
    string? SizeChecksDoc,
    IReadOnlyList<string> SizeAssignments,
    IReadOnlyList<string> SizeFields,
    IReadOnlyList<SizeProperty> SizeProperties,
    IReadOnlyList<ClassArray> Arrays,
    IReadOnlyList<string> RequiredParameters,
    IReadOnlyList<IrAssign> HostUniforms,
    IReadOnlyList<UniformField> Uniforms,
    IReadOnlyList<string> Equations)
{
    /// <summary>The model name as written (messages, Name properties).</summary>
    public string ModelName => Model.Name;

    /// <summary>The constructor's size parameters: "int count", "int i, int j", "int nx, int ny" ("" for none).</summary>
    public string SizeParameterList => string.Join(", ", Sizes.Select(s => "int " + s.Name));

    /// <summary>The same names as arguments of a chained constructor call: "count", "i, j".</summary>
    public string SizeArgumentList => string.Join(", ", Sizes.Select(s => s.Name));

    /// <summary>The model's own arrays (states, inputs, parameter arrays): the public API.</summary>
    public IEnumerable<ClassArray> ModelArrays => Arrays.Where(a => a.Kind is ArrayKind.State or ArrayKind.Input or ArrayKind.Parameter);

    /// <summary>The states.</summary>
    public IEnumerable<ClassArray> States => Arrays.Where(a => a.Kind == ArrayKind.State);

    /// <summary>The inputs.</summary>
    public IEnumerable<ClassArray> Inputs => Arrays.Where(a => a.Kind == ArrayKind.Input);

    /// <summary>A copy with <paramref name="extra"/> arrays appended (backend members: spike flags, last-spike steps, …).</summary>
    public GeneratedClass WithArrays(params ClassArray[] extra) => this with { Arrays = Arrays.Concat(extra).ToList() };

    /// <summary>A copy with <paramref name="extra"/> uniform fields appended (a name already there is not added twice).</summary>
    public GeneratedClass WithUniforms(params UniformField[] extra) =>
        this with { Uniforms = Uniforms.Concat(extra.Where(e => Uniforms.All(u => u.Name != e.Name))).ToList() };

    /// <summary>
    /// Joins the non-empty parts of a parameter or argument list with ", " (so that a backend can put
    /// its own arguments around <see cref="SizeParameterList"/>, which may be empty).
    /// </summary>
    public static string List(params string[] parts) => string.Join(", ", parts.Where(p => p.Length > 0));
}

/// <summary>What an array of a generated class holds.</summary>
internal enum ArrayKind
{
    /// <summary>A state of the model (public, set to its initial value by Reset).</summary>
    State,
    /// <summary>An input of the model (public, written by host code).</summary>
    Input,
    /// <summary>A parameter array of the model (public, written by host code).</summary>
    Parameter,
    /// <summary>Scratch storage of the step (stages, new values): private.</summary>
    Scratch,
    /// <summary>A member a backend appended (spike flags, last-spike steps, synapse lists): private.</summary>
    Extra,
}

/// <summary>One array of a generated class.</summary>
/// <param name="Name">The .dyn name, or for an extra the member stem ("__lastSpike").</param>
/// <param name="Kind">What it holds.</param>
/// <param name="Extent">Size members whose product is its length ("Count"; "__size_i", "__size_j"; "__nx", "__ny", "__nz"); empty: a single value.</param>
/// <param name="IndexSets">For indexed models, the index sets it is row-major over (empty otherwise).</param>
/// <param name="Initial">Initial value of a state (a host expression of the parameters), null for zero.</param>
/// <param name="Unit">Unit in words ("" for scratch and extras).</param>
/// <param name="Line">Declaration line (0 for scratch and extras).</param>
/// <param name="ElementType">Element type of an extra ("long", "int"); null: the model's type.</param>
/// <param name="Label">Name in messages ("last spike steps"); null: <see cref="Name"/>.</param>
/// <param name="Comment">A comment a backend prints above the array's field (what an extra is for), or null.</param>
internal sealed record ClassArray(
    string Name,
    ArrayKind Kind,
    IReadOnlyList<string> Extent,
    IReadOnlyList<string> IndexSets,
    IrExpr? Initial,
    string Unit,
    int Line,
    string? ElementType = null,
    string? Label = null,
    string? Comment = null)
{
    /// <summary>The length as an int expression of the size members.</summary>
    public string Length => Extent.Count == 0 ? "1" : string.Join(" * ", Extent);

    /// <summary>The length as a long expression (no overflow for large products).</summary>
    public string LongLength => Extent.Count == 0 ? "1" : string.Join(" * ", Extent.Select(e => "(long)" + e));

    /// <summary>The element type, given the model's.</summary>
    public string TypeFor(NumericType numeric) => ElementType ?? numeric.Name;

    /// <summary>The name in messages and allocation errors.</summary>
    public string MessageName => Label ?? Name;

    /// <summary>The kind in words: "state", "input", "parameter array", "scratch array".</summary>
    public string KindText => Kind switch
    {
        ArrayKind.State => "state",
        ArrayKind.Input => "input",
        ArrayKind.Parameter => "parameter array",
        ArrayKind.Scratch => "scratch array",
        _ => MessageName,
    };

    /// <summary>For docs: "state v (volt; line 4)".</summary>
    public string Description => $"{KindText} {Name} ({Unit}; line {Line})";
}

/// <summary>A size argument of the constructors.</summary>
/// <param name="Name">The C# parameter name ("count", "i", "nx").</param>
internal sealed record SizeArgument(string Name);

/// <summary>A public size member.</summary>
/// <param name="Name">Property name ("Count", "SizeI", "Nx").</param>
/// <param name="Value">Expression for an expression-bodied property; null for an auto-property set by the constructor (Count).</param>
/// <param name="Doc">Its doc summary.</param>
internal sealed record SizeProperty(string Name, string? Value, string Doc);

/// <summary>A constructor argument check: <c>if (Condition) throw new ArgumentOutOfRangeException(nameof(Parameter), Value, Message);</c>.</summary>
internal sealed record ArgumentCheck(string Condition, string Parameter, string Value, string Message);

/// <summary>A field of a uniform struct: every kernel thread reads it; the host sets it once per step.</summary>
/// <param name="Name">Field (and kernel local) name, a C# identifier.</param>
/// <param name="Type">Its C# type (the model's type for values of the model; "int", "long" for counters).</param>
/// <param name="HostValue">What the host stores into it (a local of the step converted to Type, or a member).</param>
internal sealed record UniformField(string Name, string Type, string HostValue);
