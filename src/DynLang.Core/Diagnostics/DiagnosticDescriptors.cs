using System.Collections.Generic;
using System.Linq;

namespace DynLang.Core.Diagnostics;

/// <summary>
/// Every DynLang diagnostic id, in one place. Ids are reserved in blocks:
/// <list type="table">
/// <item><term>DL0001–DL0099</term><description>syntax (lexer and parser)</description></item>
/// <item><term>DL0100–DL0199</term><description>names, declarations and model structure</description></item>
/// <item><term>DL0200–DL0299</term><description>units and dimensions</description></item>
/// <item><term>DL0300–DL0399</term><description>solvers, events and code generation</description></item>
/// <item><term>DL0400–DL0499</term><description>symbolic checks (symmetry, invariants, gradient flow, signs, stability)</description></item>
/// <item><term>DL0500–DL0599</term><description>C# call-site analyzers</description></item>
/// <item><term>DL0900–DL0999</term><description>project-level and internal errors</description></item>
/// </list>
/// Each id has a page <c>docs/diagnostics/DLxxxx.md</c> and a line in the generator's
/// <c>AnalyzerReleases.*.md</c>; tests hold all three lists equal.
/// </summary>
public static class DiagnosticDescriptors
{
    private const string Syntax = "DynLang.Syntax";
    private const string Names = "DynLang.Names";
    private const string Units = "DynLang.Units";
    private const string Solvers = "DynLang.Solvers";
    private const string Checks = "DynLang.Checks";
    private const string Analyzers = "DynLang.Analyzers";
    private const string Internal = "DynLang.Internal";

    private static readonly List<DiagnosticDescriptor> AllList = new();

    // ---- DL0001–DL0099: syntax --------------------------------------------------------------

    /// <summary>The parser could not read the text.</summary>
    public static readonly DiagnosticDescriptor SyntaxError = Add("DL0001", "Syntax error",
        "{0}", Syntax, DiagnosticSeverity.Error);

    /// <summary>A character that no token can start with.</summary>
    public static readonly DiagnosticDescriptor InvalidCharacter = Add("DL0002", "Invalid character",
        "unexpected character '{0}'", Syntax, DiagnosticSeverity.Error);

    /// <summary>Nesting deeper than the compiler's stages can walk safely (parentheses, unary
    /// operators, definition chains, unit factors); reported instead of a stack overflow.</summary>
    public static readonly DiagnosticDescriptor NestingTooDeep = Add("DL0003", "Nested too deeply",
        "{0}", Syntax, DiagnosticSeverity.Error);

    /// <summary>A number literal that no double can hold (1e309 would become infinity).</summary>
    public static readonly DiagnosticDescriptor NumberOutOfRange = Add("DL0004", "Number out of range",
        "{0}", Syntax, DiagnosticSeverity.Error);

    // ---- DL0100–DL0199: names and structure -------------------------------------------------

    /// <summary>A name that is declared nowhere in scope.</summary>
    public static readonly DiagnosticDescriptor UndefinedName = Add("DL0100", "Undefined name",
        "'{0}' is not defined in {1}{2}", Names, DiagnosticSeverity.Error);

    /// <summary>The same name declared twice in one model.</summary>
    public static readonly DiagnosticDescriptor DuplicateDeclaration = Add("DL0101", "Duplicate declaration",
        "'{0}' is already declared in {1} (line {2})", Names, DiagnosticSeverity.Error);

    /// <summary>A function called with the wrong number of arguments.</summary>
    public static readonly DiagnosticDescriptor WrongArity = Add("DL0102", "Wrong number of arguments",
        "'{0}' takes {1}, found {2}", Names, DiagnosticSeverity.Error);

    /// <summary>A call of something that is not a function.</summary>
    public static readonly DiagnosticDescriptor UnknownFunction = Add("DL0103", "Unknown function",
        "'{0}' is not a function{1}", Names, DiagnosticSeverity.Error);

    /// <summary>A scalar state with no initial value.</summary>
    public static readonly DiagnosticDescriptor MissingInitialValue = Add("DL0104", "Missing initial value",
        "state '{0}' has no initial value; write 'state {0} = <value>'", Names, DiagnosticSeverity.Error);

    /// <summary>A state that nothing changes.</summary>
    public static readonly DiagnosticDescriptor StateWithoutEquation = Add("DL0105", "State without equation",
        "state '{0}' has no equation 'd{0}/dt = ...' and no event assigns it; it stays at its initial value", Names,
        DiagnosticSeverity.Warning);

    /// <summary><c>dx/dt</c> where x is not a state.</summary>
    public static readonly DiagnosticDescriptor EquationForNonState = Add("DL0106", "Equation for a name that is not a state",
        "'d{0}/dt' needs a state '{0}', but {1}", Names, DiagnosticSeverity.Error);

    /// <summary>An equation whose left side is not of the form dx/dt.</summary>
    public static readonly DiagnosticDescriptor InvalidDerivative = Add("DL0107", "Malformed derivative",
        "expected a time derivative 'dx/dt', found '{0}'", Names, DiagnosticSeverity.Error);

    /// <summary>Two equations for the same state.</summary>
    public static readonly DiagnosticDescriptor DuplicateEquation = Add("DL0108", "Duplicate equation",
        "state '{0}' already has an equation (line {1})", Names, DiagnosticSeverity.Error);

    /// <summary>A name used with the wrong number of indices.</summary>
    public static readonly DiagnosticDescriptor IndexCountMismatch = Add("DL0109", "Wrong number of indices",
        "'{0}' is declared with {1}, but written with {2}", Names, DiagnosticSeverity.Error);

    /// <summary>An index that is neither on the left-hand side nor summed over.</summary>
    public static readonly DiagnosticDescriptor UnboundIndex = Add("DL0110", "Unbound index",
        "index '{0}' is not bound here: it must appear on the left-hand side or be summed over with sum({0}, ...)",
        Names, DiagnosticSeverity.Error);

    /// <summary>Definitions or parameter defaults that depend on themselves.</summary>
    public static readonly DiagnosticDescriptor CyclicDefinition = Add("DL0111", "Cyclic definition",
        "'{0}' depends on itself: {1}", Names, DiagnosticSeverity.Error);

    /// <summary>An assignment to something that cannot be assigned.</summary>
    public static readonly DiagnosticDescriptor ReadOnlyAssignment = Add("DL0112", "Assignment to a read-only name",
        "cannot assign to {0} '{1}'{2}", Names, DiagnosticSeverity.Error);

    /// <summary>A construct that the model kind does not allow.</summary>
    public static readonly DiagnosticDescriptor NotAllowedInKind = Add("DL0113", "Not allowed in this kind of model",
        "{0} is not allowed in a {1} model{2}", Names, DiagnosticSeverity.Error);

    /// <summary>A solver name that does not exist.</summary>
    public static readonly DiagnosticDescriptor UnknownSolver = Add("DL0114", "Unknown solver",
        "unknown solver '{0}'; expected one of {1}", Names, DiagnosticSeverity.Error);

    /// <summary>The same model name in two files of one project.</summary>
    public static readonly DiagnosticDescriptor DuplicateModel = Add("DL0115", "Duplicate model",
        "model '{0}' is also declared in {1}; model names must be unique in a project", Names, DiagnosticSeverity.Error);

    /// <summary>A precision other than float or double.</summary>
    public static readonly DiagnosticDescriptor InvalidPrecision = Add("DL0116", "Invalid precision",
        "precision must be 'float' or 'double', found '{0}'", Names, DiagnosticSeverity.Error);

    /// <summary>A flag that does not apply where it is written.</summary>
    public static readonly DiagnosticDescriptor FlagNotApplicable = Add("DL0117", "Flag does not apply",
        "'{0}' {1}", Names, DiagnosticSeverity.Error);

    /// <summary>A model header whose signature or target does not fit its kind.</summary>
    public static readonly DiagnosticDescriptor InvalidModelHeader = Add("DL0118", "Invalid model header",
        "{0}", Names, DiagnosticSeverity.Error);

    /// <summary>A declaration that reuses a built-in or generated name.</summary>
    public static readonly DiagnosticDescriptor ReservedName = Add("DL0119", "Reserved name",
        "'{0}' is reserved ({1}); choose another name", Names, DiagnosticSeverity.Error);

    /// <summary>An assertion that DynLang does not know how to check.</summary>
    public static readonly DiagnosticDescriptor UnknownAssertion = Add("DL0120", "Unknown assertion",
        "unknown assertion '{0}'; expected one of {1}, or a condition", Names, DiagnosticSeverity.Error);

    /// <summary>A solver option that does not exist or has a wrong value.</summary>
    public static readonly DiagnosticDescriptor InvalidSolverOption = Add("DL0121", "Invalid solver option",
        "{0}", Names, DiagnosticSeverity.Error);

    /// <summary>A name used as a value that is not one (a function, an index, a model).</summary>
    public static readonly DiagnosticDescriptor NotAValue = Add("DL0122", "Not a value",
        "'{0}' is {1}, not a value{2}", Names, DiagnosticSeverity.Error);

    /// <summary>A name used where its kind is not allowed (a state in a parameter default).</summary>
    public static readonly DiagnosticDescriptor NotAllowedHere = Add("DL0123", "Name not allowed here",
        "'{0}' is {1}; {2} can use only {3}", Names, DiagnosticSeverity.Error);

    /// <summary>Something in index position that is not an index variable (plus or minus a whole number).</summary>
    public static readonly DiagnosticDescriptor InvalidIndex = Add("DL0124", "Invalid index",
        "'{0}' cannot be used as an index: {1}", Names, DiagnosticSeverity.Error);

    /// <summary>An index variable bound twice in one scope.</summary>
    public static readonly DiagnosticDescriptor IndexAlreadyBound = Add("DL0125", "Index already in use",
        "index '{0}' is already in use here ({1}); choose another letter", Names, DiagnosticSeverity.Error);

    /// <summary>A synapse's pre or post model that is not a neuron model of the same file.</summary>
    public static readonly DiagnosticDescriptor UnknownSynapseModel = Add("DL0126", "Unknown pre- or post-synaptic model",
        "{0}", Names, DiagnosticSeverity.Error);

    /// <summary><c>pre.x</c> / <c>post.x</c> naming a variable the neuron model does not have.</summary>
    public static readonly DiagnosticDescriptor UnknownPeerVariable = Add("DL0127", "Unknown variable of the pre- or post-synaptic model",
        "'{0}.{1}': {2}", Names, DiagnosticSeverity.Error);

    /// <summary>A summed variable whose target or form is not allowed.</summary>
    public static readonly DiagnosticDescriptor InvalidSummedVariable = Add("DL0128", "Invalid summed variable",
        "{0}", Names, DiagnosticSeverity.Error);

    /// <summary>A <c>math</c> member naming a mode other than platform or fast.</summary>
    public static readonly DiagnosticDescriptor UnknownMathMode = Add("DL0129", "Unknown math mode",
        "unknown math mode '{0}'; expected 'platform' or 'fast'{1}", Names, DiagnosticSeverity.Error);

    // ---- DL0200–DL0299: units ---------------------------------------------------------------

    /// <summary>A unit name that the unit catalog does not know.</summary>
    public static readonly DiagnosticDescriptor UnknownUnit = Add("DL0200", "Unknown unit",
        "'{0}' is not a unit{1}", Units, DiagnosticSeverity.Error);

    /// <summary>Operands or sides whose dimensions disagree.</summary>
    public static readonly DiagnosticDescriptor UnitMismatch = Add("DL0201", "Unit mismatch",
        "unit mismatch {0}: expected {1}, found {2}", Units, DiagnosticSeverity.Error);

    /// <summary>The right-hand side of dx/dt with the wrong unit.</summary>
    public static readonly DiagnosticDescriptor EquationUnitMismatch = Add("DL0202", "Equation unit mismatch",
        "the right-hand side of d{0}/dt must have the unit of {0} per time, {1}, found {2}", Units, DiagnosticSeverity.Error);

    /// <summary>exp, ln, sin … of a quantity that has a unit.</summary>
    public static readonly DiagnosticDescriptor DimensionfulArgument = Add("DL0203", "Argument must be dimensionless",
        "the argument of {0} must be dimensionless, found {1}", Units, DiagnosticSeverity.Error);

    /// <summary>A quantity with a unit raised to a non-constant power.</summary>
    public static readonly DiagnosticDescriptor InvalidExponent = Add("DL0204", "Invalid exponent",
        "{0}", Units, DiagnosticSeverity.Error);

    /// <summary>A declaration whose unit cannot be told.</summary>
    public static readonly DiagnosticDescriptor CannotInferUnit = Add("DL0205", "Cannot infer unit",
        "cannot tell the unit of {0} '{1}': {2}", Units, DiagnosticSeverity.Error);

    // ---- DL0300–DL0399: solvers, events and code generation ----------------------------------

    /// <summary>solver exact on equations that are not linear.</summary>
    public static readonly DiagnosticDescriptor ExactSolverNotApplicable = Add("DL0300", "Exact solver not applicable",
        "solver exact needs equations that are linear in the states with coefficients constant over a step: {0}",
        Solvers, DiagnosticSeverity.Error);

    /// <summary>A model kind or construct whose code generation comes later.</summary>
    public static readonly DiagnosticDescriptor NotGeneratedYet = Add("DL0301", "No code generated yet",
        "{0}", Solvers, DiagnosticSeverity.Warning);

    /// <summary>Which solver was chosen when none is named, and why.</summary>
    public static readonly DiagnosticDescriptor SolverChosen = Add("DL0302", "Solver chosen",
        "no solver named: using {0} ({1})", Solvers, DiagnosticSeverity.Info);

    /// <summary>A refractory period that is not a constant over the population.</summary>
    public static readonly DiagnosticDescriptor InvalidRefractory = Add("DL0303", "Invalid refractory period",
        "{0}", Solvers, DiagnosticSeverity.Error);

    /// <summary>A number used where a condition is needed, or the reverse.</summary>
    public static readonly DiagnosticDescriptor TypeMismatch = Add("DL0304", "Condition or number expected",
        "{0}", Solvers, DiagnosticSeverity.Error);

    /// <summary>Noise (xi) with a solver that cannot integrate it, or in a model kind without stochastic solvers.</summary>
    public static readonly DiagnosticDescriptor NoiseNeedsSdeSolver = Add("DL0305", "Noise needs a stochastic solver",
        "{0}", Solvers, DiagnosticSeverity.Error);

    /// <summary>A construct that the code generator cannot handle yet.</summary>
    public static readonly DiagnosticDescriptor CannotGenerate = Add("DL0307", "Cannot generate code",
        "no code is generated for {0}: {1}", Solvers, DiagnosticSeverity.Error);

    /// <summary>White noise that does not enter an equation as f + g·xi (g free of noise).</summary>
    public static readonly DiagnosticDescriptor NoiseNotLinear = Add("DL0308", "Noise must enter linearly",
        "the noise must enter d{0}/dt linearly, as f + g*xi with f and g free of noise: {1}", Solvers, DiagnosticSeverity.Error);

    /// <summary>euler_maruyama (or euler) on noise whose coefficient depends on the states or on t.</summary>
    public static readonly DiagnosticDescriptor MultiplicativeNoise = Add("DL0309", "Multiplicative noise needs heun",
        "solver {0} integrates additive noise only: {1}; use heun (Stratonovich) for multiplicative noise", Solvers, DiagnosticSeverity.Error);

    /// <summary>Event-driven synapse equations that have no closed form DynLang can evaluate per event.</summary>
    public static readonly DiagnosticDescriptor EventDrivenNotSolvable = Add("DL0310", "Event-driven equation not solvable",
        "'{0}' is event-driven, so it is advanced in closed form from its last update at each event; {1}",
        Solvers, DiagnosticSeverity.Error);

    /// <summary>solver exponential_euler on an equation that is not linear in its own state.</summary>
    public static readonly DiagnosticDescriptor ExponentialEulerNotApplicable = Add("DL0311", "Exponential Euler not applicable",
        "solver exponential_euler needs every equation linear in its own state (conditionally linear): {0}", Solvers, DiagnosticSeverity.Error);

    /// <summary>A field's boundary that is unknown, malformed, or that its operators cannot honour.</summary>
    public static readonly DiagnosticDescriptor InvalidBoundary = Add("DL0320", "Invalid field boundary",
        "boundary '{0}' cannot be generated: {1}", Solvers, DiagnosticSeverity.Error);

    /// <summary>A <c>surrogate …</c> declaration that cannot apply (unknown function, wrong option, no single threshold comparison).</summary>
    public static readonly DiagnosticDescriptor InvalidSurrogate = Add("DL0330", "Invalid surrogate",
        "invalid surrogate: {0}", Solvers, DiagnosticSeverity.Error);

    /// <summary>A synapse model whose pathways cannot run on an accelerator (a neuron variable set other
    /// than by one addition): with ILGPU referenced it gets its CPU class only, and this says why.</summary>
    public static readonly DiagnosticDescriptor NoDeviceClass = Add("DL0340", "No ILGPU class for this synapse",
        "synapse '{0}' gets no ILGPU class: {1}", Solvers, DiagnosticSeverity.Info);

    /// <summary>A field model with a construct that has no continuous form (the time step dt): with
    /// TorchSharp referenced it gets its Torch class but no physics-informed residual class, and this says why.</summary>
    public static readonly DiagnosticDescriptor NoPinnClass = Add("DL0350", "No PINN class for this field",
        "field '{0}' gets no {0}Pinn class: {1}", Solvers, DiagnosticSeverity.Info);

    // ---- DL0400–DL0499: symbolic checks ----------------------------------------------------
    // Each check has three ids: proven (Info), does not hold (Warning), undecided (Warning), so
    // each verdict's severity can be configured on its own in .editorconfig.

    /// <summary>A check that cannot run on what the model says (wrong kind of name, no equation…).</summary>
    public static readonly DiagnosticDescriptor CheckNotApplicable = Add("DL0400", "Check cannot run",
        "cannot check {0}: {1}", Checks, DiagnosticSeverity.Warning);

    /// <summary>An assert on parameters that holds at their defaults.</summary>
    public static readonly DiagnosticDescriptor ConditionHolds = Add("DL0401", "Assertion holds",
        "'{0}' holds at the default parameters ({1})", Checks, DiagnosticSeverity.Info);

    /// <summary>An assert on parameters that fails at their defaults.</summary>
    public static readonly DiagnosticDescriptor ConditionFails = Add("DL0402", "Assertion fails",
        "'{0}' does not hold at the default parameters ({1})", Checks, DiagnosticSeverity.Warning);

    /// <summary>assert symmetric(W) proven.</summary>
    public static readonly DiagnosticDescriptor SymmetryProven = Add("DL0410", "Symmetry proven",
        "symmetric({0}) proven: {1}", Checks, DiagnosticSeverity.Info);

    /// <summary>assert symmetric(W) disproven.</summary>
    public static readonly DiagnosticDescriptor SymmetryViolated = Add("DL0411", "Update breaks symmetry",
        "symmetric({0}) does not hold: {1}", Checks, DiagnosticSeverity.Warning);

    /// <summary>assert symmetric(W) undecided.</summary>
    public static readonly DiagnosticDescriptor SymmetryUndecided = Add("DL0412", "Symmetry undecided",
        "symmetric({0}) could not be decided: {1}", Checks, DiagnosticSeverity.Warning);

    /// <summary>An invariant proven conserved.</summary>
    public static readonly DiagnosticDescriptor InvariantProven = Add("DL0420", "Invariant proven",
        "invariant {0} proven: {1}", Checks, DiagnosticSeverity.Info);

    /// <summary>An invariant that the dynamics do not conserve.</summary>
    public static readonly DiagnosticDescriptor InvariantViolated = Add("DL0421", "Invariant not conserved",
        "invariant {0} is not conserved: {1}", Checks, DiagnosticSeverity.Warning);

    /// <summary>An invariant whose conservation could not be decided.</summary>
    public static readonly DiagnosticDescriptor InvariantUndecided = Add("DL0422", "Invariant undecided",
        "invariant {0} could not be decided: {1}", Checks, DiagnosticSeverity.Warning);

    /// <summary>assert gradient_flow proven.</summary>
    public static readonly DiagnosticDescriptor GradientFlowProven = Add("DL0430", "Gradient flow proven",
        "gradient flow proven: {0}", Checks, DiagnosticSeverity.Info);

    /// <summary>assert gradient_flow disproven (a curl component).</summary>
    public static readonly DiagnosticDescriptor GradientFlowViolated = Add("DL0431", "Not a gradient flow",
        "not a gradient flow: {0}", Checks, DiagnosticSeverity.Warning);

    /// <summary>assert gradient_flow undecided.</summary>
    public static readonly DiagnosticDescriptor GradientFlowUndecided = Add("DL0432", "Gradient flow undecided",
        "gradient flow could not be decided: {0}", Checks, DiagnosticSeverity.Warning);

    /// <summary>assert sign_preserving(W) proven.</summary>
    public static readonly DiagnosticDescriptor SignPreservationProven = Add("DL0440", "Sign preservation proven",
        "sign_preserving({0}) proven: {1}", Checks, DiagnosticSeverity.Info);

    /// <summary>assert sign_preserving(W) disproven.</summary>
    public static readonly DiagnosticDescriptor SignPreservationViolated = Add("DL0441", "Update can flip signs",
        "sign_preserving({0}) does not hold: {1}", Checks, DiagnosticSeverity.Warning);

    /// <summary>assert sign_preserving(W) undecided.</summary>
    public static readonly DiagnosticDescriptor SignPreservationUndecided = Add("DL0442", "Sign preservation undecided",
        "sign_preserving({0}) could not be decided: {1}", Checks, DiagnosticSeverity.Warning);

    /// <summary>A time step known at build time within the explicit solver's stability bound.</summary>
    public static readonly DiagnosticDescriptor StepWithinStabilityBound = Add("DL0450", "Time step stable",
        "{0}", Checks, DiagnosticSeverity.Info);

    /// <summary>A time step known at build time beyond the explicit solver's stability bound.</summary>
    public static readonly DiagnosticDescriptor StepBeyondStabilityBound = Add("DL0451", "Time step unstable",
        "{0}", Checks, DiagnosticSeverity.Warning);

    /// <summary>A stability bound that cannot be computed.</summary>
    public static readonly DiagnosticDescriptor StabilityUndecided = Add("DL0452", "Stability undecided",
        "{0}", Checks, DiagnosticSeverity.Info);

    /// <summary>An exact propagator that divides by a difference of rates which vanishes at the defaults.</summary>
    public static readonly DiagnosticDescriptor ExactSolverHazard = Add("DL0460", "Exact solver divides by zero at the defaults",
        "{0}", Checks, DiagnosticSeverity.Warning);

    // ---- DL0500–DL0599: C# call-site analyzers ---------------------------------------------

    /// <summary>A constant time step passed to a generated Step beyond its solver's stability bound.</summary>
    public static readonly DiagnosticDescriptor StepCallBeyondStabilityBound = Add("DL0501", "Time step beyond the stability bound",
        "{0}", Analyzers, DiagnosticSeverity.Warning);

    // ---- DL0900–DL0999: project-level and internal -------------------------------------------

    /// <summary>A failure inside DynLang itself; reported instead of crashing the build.</summary>
    public static readonly DiagnosticDescriptor InternalError = Add("DL0900", "Internal compiler error",
        "internal error while {0}: {1}. The other models are unaffected; please report this with the .dyn file",
        Internal, DiagnosticSeverity.Error);

    /// <summary>An MSBuild option of DynLang with an invalid value.</summary>
    public static readonly DiagnosticDescriptor InvalidBuildOption = Add("DL0901", "Invalid build option",
        "{0}", Internal, DiagnosticSeverity.Error);

    /// <summary>A stage of the compiler would exceed its documented size or work budget (inlining,
    /// unit powers, propagator size, TorchSharp affine split, name suggestions); the model is refused
    /// with this located error instead of hanging the build.</summary>
    public static readonly DiagnosticDescriptor BudgetExceeded = Add("DL0902", "Compilation budget exceeded",
        "{0}", Internal, DiagnosticSeverity.Error);

    /// <summary>The project references ILGPU but not DynLang.Ilgpu, the device runtime the ILGPU classes
    /// use: no ILGPU class is generated (they would not compile), and this says why.</summary>
    public static readonly DiagnosticDescriptor IlgpuRuntimeMissing = Add("DL0903", "ILGPU backend needs DynLang.Ilgpu",
        "{0}", Internal, DiagnosticSeverity.Warning);

    /// <summary>The language server's compile of an open file ran past its time budget (2 s by default); the
    /// compile goes on and its diagnostics replace this one when it ends. Only the editor reports it.</summary>
    public static readonly DiagnosticDescriptor SlowCompile = Add("DL0904", "Compile past the editor's time budget",
        "compiling this file took longer than {0} s; its diagnostics follow when the compile ends, and the editor keeps answering meanwhile",
        Internal, DiagnosticSeverity.Warning);

    /// <summary>Every descriptor, ordered by id.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All => AllList.OrderBy(d => d.Id, System.StringComparer.Ordinal).ToList();

    /// <summary>The descriptor of an id (throws for unknown ids: a programming error).</summary>
    public static DiagnosticDescriptor Get(string id) => AllList.First(d => d.Id == id);

    private static DiagnosticDescriptor Add(string id, string title, string format, string category,
        DiagnosticSeverity severity)
    {
        var descriptor = new DiagnosticDescriptor(id, title, format, category, severity);
        AllList.Add(descriptor);
        return descriptor;
    }
}
