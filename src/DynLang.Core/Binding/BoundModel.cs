using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Ast;
using DynLang.Core.Text;

namespace DynLang.Core.Binding;

/// <summary>A model with every name resolved: what the unit checker, the symbolic checks and the lowering read.</summary>
public sealed class BoundModel
{
    internal BoundModel(ModelDecl syntax) => Syntax = syntax;

    /// <summary>The model as written.</summary>
    public ModelDecl Syntax { get; }

    /// <summary>The model's name.</summary>
    public string Name => Syntax.Name.Name;

    /// <summary>The model's kind.</summary>
    public ModelKind Kind => Syntax.Kind;

    /// <summary>Parameters in declaration order.</summary>
    public List<ParameterSymbol> Parameters { get; } = new();

    /// <summary>States in declaration order (a rule's weight matrix first).</summary>
    public List<StateSymbol> States { get; } = new();

    /// <summary>Inputs in declaration order (signature first).</summary>
    public List<InputSymbol> Inputs { get; } = new();

    /// <summary>Definitions in dependency order (each after everything it uses).</summary>
    public List<DefinitionSymbol> Definitions { get; } = new();

    /// <summary>Energies and invariants.</summary>
    public List<NamedQuantitySymbol> Quantities { get; } = new();

    /// <summary>Noise symbols used.</summary>
    public List<NoiseSymbol> Noises { get; } = new();

    /// <summary>Differential equations in source order.</summary>
    public List<BoundEquation> Equations { get; } = new();

    /// <summary>Event blocks in source order.</summary>
    public List<BoundEvent> Events { get; } = new();

    /// <summary>A synapse's pre-synaptic neuron model (null: not named, or not found — then an error was reported).</summary>
    public BoundModel? PreModel { get; internal set; }

    /// <summary>A synapse's post-synaptic neuron model.</summary>
    public BoundModel? PostModel { get; internal set; }

    /// <summary>A synapse's header names a pre model (<c>pre A</c>); without one, any spike source can be the pre side.</summary>
    public bool NamesPre { get; internal set; }

    /// <summary>A synapse's header names a post model.</summary>
    public bool NamesPost { get; internal set; }

    /// <summary>A synapse's summed variables (<c>post.I = w*g (summed)</c>), in source order.</summary>
    public List<BoundSummed> Summed { get; } = new();

    /// <summary>Assertions in source order.</summary>
    public List<BoundAssertion> Assertions { get; } = new();

    /// <summary>Distinct index sets (after unification), in order of first declaration.</summary>
    public List<IndexSet> IndexSets { get; } = new();

    /// <summary>The solver declaration, if any.</summary>
    public SolverDecl? Solver { get; internal set; }

    /// <summary>The time step written in the model (<c>solver euler (dt = 0.1 ms)</c>), bound; null if none.</summary>
    public BoundExpr? DeclaredTimeStep { get; internal set; }

    /// <summary>The <c>surrogate …</c> declaration, if any (checked: a known function on a spiking neuron).</summary>
    public SurrogateDecl? Surrogate { get; internal set; }

    /// <summary>Which surrogate <see cref="Surrogate"/> names.</summary>
    public Lowering.Ir.SurrogateKind SurrogateKind { get; internal set; }

    /// <summary>The surrogate's slope or temperature, bound (a constant of parameters); null without a valid surrogate.</summary>
    public BoundExpr? SurrogateValue { get; internal set; }

    /// <summary>The spiking event whose threshold the surrogate differentiates.</summary>
    public BoundEvent? SurrogateEvent { get; internal set; }

    /// <summary>The precision declaration, if any ("float" or "double").</summary>
    public PrecisionDecl? Precision { get; internal set; }

    /// <summary>The math declaration, if any ("platform" or "fast"; see <see cref="Lowering.Ir.MathModes.Resolve"/>).</summary>
    public MathDecl? Math { get; internal set; }

    /// <summary>True when a unit appears anywhere: then everything is dimension-checked and time is in seconds.</summary>
    public bool UsesUnits { get; internal set; }

    /// <summary>Time <c>t</c>.</summary>
    public BuiltinSymbol Time { get; internal set; } = null!;

    /// <summary>Step <c>dt</c>.</summary>
    public BuiltinSymbol TimeStep { get; internal set; } = null!;

    /// <summary>True when the model has a refractory statement.</summary>
    public bool HasRefractory => Events.Any(e => e.Statements.OfType<BoundRefractory>().Any());

    /// <summary>Index sets of the model in declaration order, as distinct roots.</summary>
    internal void CollectIndexSets(IEnumerable<IndexSet> sets)
    {
        foreach (var set in sets)
        {
            var root = set.Root;
            if (!IndexSets.Contains(root)) IndexSets.Add(root);
        }
    }
}

/// <summary><c>dX[i..]/dt = rhs</c>.</summary>
public sealed class BoundEquation
{
    internal BoundEquation(OdeEquation syntax, StateSymbol state, IReadOnlyList<IndexVariable> indices, BoundExpr rhs)
    {
        Syntax = syntax;
        State = state;
        Indices = indices;
        Rhs = rhs;
    }

    /// <summary>The equation as written.</summary>
    public OdeEquation Syntax { get; }

    /// <summary>The state it integrates.</summary>
    public StateSymbol State { get; }

    /// <summary>The index variables on the left-hand side.</summary>
    public IReadOnlyList<IndexVariable> Indices { get; }

    /// <summary>The right-hand side.</summary>
    public BoundExpr Rhs { get; }

    /// <summary>True when flagged <c>(unless refractory)</c>.</summary>
    public bool UnlessRefractory => Syntax.Flags.Any(f => f.Kind == EquationFlagKind.UnlessRefractory);

    /// <summary>
    /// True when flagged <c>(clock_driven)</c>: for synapses, integrated every step (their default);
    /// for neurons, integrated every step even while the neuron is refractory.
    /// </summary>
    public bool ClockDriven => Syntax.Flags.Any(f => f.Kind == EquationFlagKind.ClockDriven);

    /// <summary>True when flagged <c>(event_driven)</c>: a synapse variable advanced analytically at each event.</summary>
    public bool EventDriven => Syntax.Flags.Any(f => f.Kind == EquationFlagKind.EventDriven);
}

/// <summary><c>post.x = expression (summed)</c>: each step, x of every post element is the sum of the expression over its synapses.</summary>
public sealed class BoundSummed
{
    internal BoundSummed(Definition syntax, ExternalSymbol target, BoundExpr value)
    {
        Syntax = syntax;
        Target = target;
        Value = value;
    }

    /// <summary>The definition as written.</summary>
    public Definition Syntax { get; }

    /// <summary>The variable of the pre or post model that receives the sum.</summary>
    public ExternalSymbol Target { get; }

    /// <summary>The per-synapse value summed.</summary>
    public BoundExpr Value { get; }
}

/// <summary>What fires an event.</summary>
public enum EventTriggerKind
{
    /// <summary>A condition checked after each step.</summary>
    Condition,
    /// <summary>A pre-synaptic spike.</summary>
    Pre,
    /// <summary>A post-synaptic spike.</summary>
    Post,
}

/// <summary><c>on trigger { … }</c>.</summary>
public sealed class BoundEvent
{
    internal BoundEvent(EventBlock syntax, EventTriggerKind trigger, BoundExpr? condition, IReadOnlyList<BoundStatement> statements)
    {
        Syntax = syntax;
        Trigger = trigger;
        Condition = condition;
        Statements = statements;
    }

    /// <summary>The block as written.</summary>
    public EventBlock Syntax { get; }

    /// <summary>What fires it.</summary>
    public EventTriggerKind Trigger { get; }

    /// <summary>The condition (condition triggers only).</summary>
    public BoundExpr? Condition { get; }

    /// <summary>The statements in order.</summary>
    public IReadOnlyList<BoundStatement> Statements { get; }
}

/// <summary>A statement in an event block.</summary>
public abstract class BoundStatement
{
    private protected BoundStatement(TextSpan span) => Span = span;

    /// <summary>Where it is written.</summary>
    public TextSpan Span { get; }
}

/// <summary><c>v = v_reset</c>, <c>w += 1</c>.</summary>
public sealed class BoundAssignment : BoundStatement
{
    internal BoundAssignment(BoundSymbolRef target, AssignOp op, BoundExpr value, TextSpan span) : base(span)
    {
        Target = target;
        Op = op;
        Value = value;
    }

    /// <summary>What is assigned.</summary>
    public BoundSymbolRef Target { get; }

    /// <summary>=, +=, -=, *=, /=.</summary>
    public AssignOp Op { get; }

    /// <summary>The value.</summary>
    public BoundExpr Value { get; }
}

/// <summary><c>emit spike</c>.</summary>
public sealed class BoundEmit : BoundStatement
{
    internal BoundEmit(string eventName, TextSpan span) : base(span) => EventName = eventName;

    /// <summary>The emitted event's name.</summary>
    public string EventName { get; }
}

/// <summary><c>refractory t_ref</c>.</summary>
public sealed class BoundRefractory : BoundStatement
{
    internal BoundRefractory(BoundExpr duration, TextSpan span) : base(span) => Duration = duration;

    /// <summary>The period.</summary>
    public BoundExpr Duration { get; }
}

/// <summary><c>assert …</c>.</summary>
public sealed class BoundAssertion
{
    internal BoundAssertion(AssertDecl syntax, string? predicate, IReadOnlyList<BoundExpr> arguments, BoundExpr? condition)
    {
        Syntax = syntax;
        Predicate = predicate;
        Arguments = arguments;
        Condition = condition;
    }

    /// <summary>The assertion as written.</summary>
    public AssertDecl Syntax { get; }

    /// <summary>symmetric, gradient_flow, sign_preserving … (null for a condition).</summary>
    public string? Predicate { get; }

    /// <summary>The predicate's arguments.</summary>
    public IReadOnlyList<BoundExpr> Arguments { get; }

    /// <summary>The condition of <c>assert cond</c>.</summary>
    public BoundExpr? Condition { get; }
}
