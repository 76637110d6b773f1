using System.Collections.Generic;
using DynLang.Core.Ast;
using DynLang.Core.Text;
using DynLang.Core.Units;

namespace DynLang.Core.Binding;

/// <summary>What a name in a model refers to.</summary>
public enum SymbolKind
{
    /// <summary>A <c>param</c>.</summary>
    Parameter,
    /// <summary>A <c>state</c>.</summary>
    State,
    /// <summary>An <c>input</c> (declared in the body or in the signature).</summary>
    Input,
    /// <summary>An algebraic definition <c>name = expr</c>.</summary>
    Definition,
    /// <summary>t, dt, pi, e, inf.</summary>
    Builtin,
    /// <summary>White noise <c>xi</c>, <c>xi_1</c>, <c>xi[k]</c>.</summary>
    Noise,
    /// <summary>An <c>energy E = …</c> declaration.</summary>
    Energy,
    /// <summary>An <c>invariant C = …</c> declaration.</summary>
    Invariant,
    /// <summary>A variable of another model (<c>pre.v</c>, <c>post.ge</c>), resolved when networks are built.</summary>
    External,
}

/// <summary>
/// A named quantity of a model. Its <see cref="Dimension"/> is filled in by the unit checker
/// (declared unit, or inferred from the value).
/// </summary>
public abstract class Symbol
{
    private protected Symbol(string name, SymbolKind kind, TextSpan declarationSpan, IReadOnlyList<IndexSet> indexSets)
    {
        Name = name;
        Kind = kind;
        DeclarationSpan = declarationSpan;
        IndexSets = indexSets;
    }

    /// <summary>The name as written.</summary>
    public string Name { get; }

    /// <summary>What kind of symbol.</summary>
    public SymbolKind Kind { get; }

    /// <summary>Where it is declared (the name's span).</summary>
    public TextSpan DeclarationSpan { get; }

    /// <summary>One index set per index position; empty for scalars.</summary>
    public IReadOnlyList<IndexSet> IndexSets { get; }

    /// <summary>Number of indices.</summary>
    public int Rank => IndexSets.Count;

    /// <summary>The SI dimension (dimensionless until the unit checker has run).</summary>
    public Dimension Dimension { get; internal set; }

    /// <summary>Whether the dimension is known (declared or inferred).</summary>
    public bool DimensionKnown { get; internal set; }

    /// <summary>The unit written after a colon, if any.</summary>
    public UnitExpr? DeclaredUnit { get; internal init; }

    /// <summary>A word for messages: "parameter", "state", …</summary>
    public string KindWord => Kind switch
    {
        SymbolKind.Parameter => "parameter",
        SymbolKind.State => "state",
        SymbolKind.Input => "input",
        SymbolKind.Definition => "definition",
        SymbolKind.Noise => "noise",
        SymbolKind.Energy => "energy",
        SymbolKind.Invariant => "invariant",
        SymbolKind.External => "variable of another model",
        _ => "built-in",
    };

    /// <summary>The kind with its article: "a parameter", "an input", "an energy".</summary>
    public string KindWithArticle => ("aeiou".IndexOf(KindWord[0]) >= 0 ? "an " : "a ") + KindWord;

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>A <c>param</c>: scalar (in the parameters struct) or indexed (an array the host fills).</summary>
public sealed class ParameterSymbol : Symbol
{
    internal ParameterSymbol(VariableItem syntax, IReadOnlyList<IndexSet> sets)
        : base(syntax.Name.Name, SymbolKind.Parameter, syntax.Name.Span, sets)
    {
        Syntax = syntax;
        DeclaredUnit = syntax.Unit;
    }

    /// <summary>The declaration.</summary>
    public VariableItem Syntax { get; }

    /// <summary>The default value, bound (null: none written; zero for arrays).</summary>
    public BoundExpr? Default { get; internal set; }

    /// <summary>The declared range, bound.</summary>
    public (BoundExpr Low, BoundExpr High)? Range { get; internal set; }

    /// <summary>True when the default refers to other parameters (so it follows them unless set).</summary>
    public bool IsDerived { get; internal set; }

    /// <summary>Declaration flags (symmetric, positive, …).</summary>
    public IReadOnlyList<DeclFlagKind> Flags => FlagKinds(Syntax);

    internal static List<DeclFlagKind> FlagKinds(VariableItem item)
    {
        var list = new List<DeclFlagKind>();
        foreach (var flag in item.Flags) list.Add(flag.Kind);
        return list;
    }
}

/// <summary>A <c>state</c>: integrated by the solver or changed by events.</summary>
public sealed class StateSymbol : Symbol
{
    internal StateSymbol(VariableItem syntax, IReadOnlyList<IndexSet> sets)
        : base(syntax.Name.Name, SymbolKind.State, syntax.Name.Span, sets)
    {
        Syntax = syntax;
        DeclaredUnit = syntax.Unit;
    }

    /// <summary>The declaration.</summary>
    public VariableItem Syntax { get; }

    /// <summary>The initial value, bound (null: zero, for indexed states the host fills).</summary>
    public BoundExpr? Initial { get; internal set; }

    /// <summary>The declared range (<c>state v = 0 mV in [-90 mV, 40 mV]</c>), bound: where the
    /// stability check evaluates coefficients that depend on the state.</summary>
    public (BoundExpr Low, BoundExpr High)? Range { get; internal set; }

    /// <summary>The equation dX/dt, once bound.</summary>
    public BoundEquation? Equation { get; internal set; }

    /// <summary>Declaration flags.</summary>
    public IReadOnlyList<DeclFlagKind> Flags => ParameterSymbol.FlagKinds(Syntax);
}

/// <summary>An <c>input</c>: written by host code, constant over a step.</summary>
public sealed class InputSymbol : Symbol
{
    internal InputSymbol(string name, TextSpan span, IReadOnlyList<IndexSet> sets, UnitExpr? unit)
        : base(name, SymbolKind.Input, span, sets)
    {
        DeclaredUnit = unit;
    }
}

/// <summary>An algebraic definition: <c>name = expr</c> or <c>y[i] = sum(j, W[i,j]*x[j])</c>.</summary>
public sealed class DefinitionSymbol : Symbol
{
    internal DefinitionSymbol(Definition syntax, IReadOnlyList<IndexSet> sets, IReadOnlyList<IndexVariable> indexVariables)
        : base(syntax.Target.Name.Name, SymbolKind.Definition, syntax.Target.Name.Span, sets)
    {
        Syntax = syntax;
        IndexVariables = indexVariables;
        DeclaredUnit = syntax.Unit;
    }

    /// <summary>The definition as written.</summary>
    public Definition Syntax { get; }

    /// <summary>The index variables of the left-hand side.</summary>
    public IReadOnlyList<IndexVariable> IndexVariables { get; }

    /// <summary>The bound right-hand side.</summary>
    public BoundExpr Value { get; internal set; } = null!;
}

/// <summary>Built-in values: time <c>t</c>, step <c>dt</c>, <c>pi</c>, <c>e</c>, <c>inf</c>.</summary>
public sealed class BuiltinSymbol : Symbol
{
    internal BuiltinSymbol(string name, double value) : base(name, SymbolKind.Builtin, default, System.Array.Empty<IndexSet>())
    {
        Value = value;
    }

    /// <summary>The constant's value (NaN for t and dt, which vary).</summary>
    public double Value { get; }

    /// <summary>True for t and dt.</summary>
    public bool IsTimeLike => Name is "t" or "dt";
}

/// <summary>White noise: <c>xi</c>, <c>xi_2</c>, <c>xi[k]</c> (unit s^-1/2 in models with units).</summary>
public sealed class NoiseSymbol : Symbol
{
    internal NoiseSymbol(string name, IReadOnlyList<IndexSet> sets) : base(name, SymbolKind.Noise, default, sets)
    {
    }
}

/// <summary>
/// A set of indices (neurons, inputs, rows…) whose size is given at run time. Index variables
/// (<c>i</c>, <c>j</c>) range over sets; two variables used at the same declared position share
/// the set, which is how <c>W[i,j]</c> with <c>s[j]</c> makes W square.
/// </summary>
public sealed class IndexSet
{
    private static int _created;

    internal IndexSet(string name)
    {
        Name = name;
        Order = System.Threading.Interlocked.Increment(ref _created);
    }

    /// <summary>Creation order: when two sets are unified, the one declared first names the result.</summary>
    internal int Order { get; }

    /// <summary>The index variable that first named this set in a declaration.</summary>
    public string Name { get; }

    internal IndexSet? Parent { get; set; }

    /// <summary>The representative after unification.</summary>
    public IndexSet Root
    {
        get
        {
            var set = this;
            while (set.Parent is not null) set = set.Parent;
            return set;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Root.Name;
}

/// <summary>An index variable in one equation's scope (<c>i</c> in <c>ds[i]/dt</c>, <c>k</c> in <c>sum(k, …)</c>).</summary>
public sealed class IndexVariable
{
    internal IndexVariable(string name, IndexSet? set)
    {
        Name = name;
        Set = set;
    }

    /// <summary>The variable's name.</summary>
    public string Name { get; }

    /// <summary>The set it ranges over (null until its first use decides it).</summary>
    public IndexSet? Set { get; internal set; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary><c>energy E = …</c> or <c>invariant H = …</c>: a named scalar function of the state.</summary>
public sealed class NamedQuantitySymbol : Symbol
{
    internal NamedQuantitySymbol(Identifier name, SymbolKind kind, UnitExpr? unit, Member syntax)
        : base(name.Name, kind, name.Span, System.Array.Empty<IndexSet>())
    {
        DeclaredUnit = unit;
        Syntax = syntax;
    }

    /// <summary>The declaration.</summary>
    public Member Syntax { get; }

    /// <summary>The bound value.</summary>
    public BoundExpr Value { get; internal set; } = null!;
}

/// <summary>
/// <c>pre.v</c> or <c>post.ge</c> in a synapse: a variable of the pre- or post-synaptic neuron
/// model, resolved against the models of the same file.
/// </summary>
public sealed class ExternalSymbol : Symbol
{
    internal ExternalSymbol(string scope, string name, TextSpan span, Symbol? target, BoundModel? owner)
        : base(name, SymbolKind.External, span, System.Array.Empty<IndexSet>())
    {
        Scope = scope;
        Target = target;
        Owner = owner;
    }

    /// <summary>"pre" or "post".</summary>
    public string Scope { get; }

    /// <summary>The state, input or parameter of the other model (null when it could not be resolved; an error was reported).</summary>
    public Symbol? Target { get; }

    /// <summary>The pre- or post-synaptic model (null when unresolved).</summary>
    public BoundModel? Owner { get; }

    /// <summary>True for the pre-synaptic side.</summary>
    public bool IsPre => Scope == "pre";

    /// <summary>Same variable of the same side (symbols are created per use).</summary>
    public bool SameVariable(ExternalSymbol other) => other.Scope == Scope && other.Name == Name;
}
