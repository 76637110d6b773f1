using System.Collections.Generic;
using DynLang.Core.Text;
using DynLang.Core.Units;

namespace DynLang.Core.Navigation;

/// <summary>What a name in a .dyn file declares or refers to, as the editor shows it.</summary>
public enum NavSymbolKind
{
    /// <summary>A model (<c>neuron LIF</c>), also named in a synapse's header (<c>pre LIF</c>).</summary>
    Model,
    /// <summary>A <c>param</c>.</summary>
    Parameter,
    /// <summary>A <c>state</c> (a rule's weight matrix included).</summary>
    State,
    /// <summary>An <c>input</c>, in the header or the body.</summary>
    Input,
    /// <summary>An algebraic definition <c>name = expr</c>.</summary>
    Definition,
    /// <summary>An <c>energy</c>.</summary>
    Energy,
    /// <summary>An <c>invariant</c>.</summary>
    Invariant,
    /// <summary>A user <c>function</c>, at file level or in a model.</summary>
    Function,
    /// <summary>A parameter of a user function.</summary>
    FunctionParameter,
    /// <summary>t, dt, pi, e, inf.</summary>
    BuiltinValue,
    /// <summary>exp, sqrt, sum, …</summary>
    BuiltinFunction,
    /// <summary>White noise <c>xi</c>, <c>xi_1</c>.</summary>
    Noise,
}

/// <summary>
/// One named thing of a file. Symbols are per file: <c>pre.v</c> in a synapse resolves to the
/// same <see cref="NavSymbol"/> as <c>v</c>'s declaration in the neuron model.
/// </summary>
public sealed class NavSymbol
{
    internal NavSymbol(string name, NavSymbolKind kind, TextSpan? declarationSpan, string? modelName)
    {
        Name = name;
        Kind = kind;
        DeclarationSpan = declarationSpan;
        ModelName = modelName;
    }

    /// <summary>The name as written.</summary>
    public string Name { get; }

    /// <summary>What it is.</summary>
    public NavSymbolKind Kind { get; }

    /// <summary>The span of the declaring name; null for built-ins, which have no declaration in the file.</summary>
    public TextSpan? DeclarationSpan { get; }

    /// <summary>The model that declares it (null for models, file-level functions and built-ins).</summary>
    public string? ModelName { get; }

    /// <summary>The unit after the colon, exactly as written (<c>mV</c>, <c>nA</c>); null when none is written.</summary>
    public string? UnitText { get; internal set; }

    /// <summary>The value after <c>=</c> as written (a parameter's default, a state's initial value); null when none.</summary>
    public string? ValueText { get; internal set; }

    /// <summary>The dimension the unit checker gave it; null when it is unknown (not bound, or an error).</summary>
    public Dimension? Dimension { get; internal set; }

    /// <summary>A function's parameter names (user functions), in order.</summary>
    public IReadOnlyList<string> Parameters { get; internal set; } = System.Array.Empty<string>();

    /// <summary>The word used in hovers and messages: "parameter", "state", "built-in function", …</summary>
    public string KindWord => Kind switch
    {
        NavSymbolKind.Model => "model",
        NavSymbolKind.Parameter => "parameter",
        NavSymbolKind.State => "state",
        NavSymbolKind.Input => "input",
        NavSymbolKind.Definition => "definition",
        NavSymbolKind.Energy => "energy",
        NavSymbolKind.Invariant => "invariant",
        NavSymbolKind.Function => "function",
        NavSymbolKind.FunctionParameter => "function parameter",
        NavSymbolKind.BuiltinValue => "built-in value",
        NavSymbolKind.BuiltinFunction => "built-in function",
        _ => "noise",
    };

    /// <inheritdoc/>
    public override string ToString() => $"{KindWord} {Name}";
}

/// <summary>Why a name is left unresolved on purpose (or that it should not be).</summary>
public enum Unresolved
{
    /// <summary>Resolved: the occurrence has a symbol.</summary>
    No,
    /// <summary>An index variable (<c>i</c> in <c>x[i]</c>, <c>sum(j, …)</c>): local to one equation.</summary>
    IndexVariable,
    /// <summary>A unit used as a value (<c>1/ms</c>).</summary>
    Unit,
    /// <summary>A grid axis of a field (<c>x</c> in <c>d(u)/d(x)</c>).</summary>
    GridAxis,
    /// <summary>A name in a file-level function's body that is neither a parameter nor a built-in: it means what the calling model says.</summary>
    CallerScope,
    /// <summary>The compiler reports this name as undefined (or cannot tell: the model or peer is missing).</summary>
    Undefined,
}

/// <summary>One occurrence of a name: where, what it resolves to, and whether it is the declaration.</summary>
/// <param name="Span">The name's span (for <c>pre.v</c>, the span of <c>v</c>).</param>
/// <param name="Symbol">What it resolves to; null when <paramref name="Reason"/> says why not.</param>
/// <param name="IsDeclaration">True at the declaring name.</param>
/// <param name="Reason">Why it is unresolved (<see cref="Unresolved.No"/> when resolved).</param>
public readonly record struct Occurrence(TextSpan Span, NavSymbol? Symbol, bool IsDeclaration, Unresolved Reason);
