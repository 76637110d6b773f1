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
