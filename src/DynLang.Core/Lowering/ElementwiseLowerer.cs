using System;
using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Ast;
using DynLang.Core.Binding;
using DynLang.Core.Lowering.Ir;
using DynLang.Core.Lowering.Solvers;

namespace DynLang.Core.Lowering;

/// <summary>
/// Lowers a model whose elements are independent (neurons; scalar systems as ensembles) into
/// one straight-line program per element: solver stages, refractory freezing, events.
/// Local names: a state <c>x</c> at stage s is <c>x__s{s}</c> (stage 1 is <c>x</c> itself),
/// its derivative estimate <c>dx__k{s}</c>, its new value <c>x__new</c>.
/// </summary>
internal sealed class ElementwiseLowerer
{
    private readonly BoundModel _model;
    private readonly SourceLines _lines;
    private readonly ExpressionLowerer.LowerDerivative? _differentiate;
    private readonly ElementwiseProgram _program = new();
    private readonly HashSet<string> _uniformNames = new(StringComparer.Ordinal);

    private readonly IReadOnlyList<BoundEquation> _equations;

    /// <param name="model">The model.</param>
    /// <param name="lines">Line lookup for #line mapping.</param>
    /// <param name="differentiate">Lowers d(E)/d(x).</param>
    /// <param name="equations">The equations integrated every step (default: all; a synapse's clock-driven ones).</param>
    public ElementwiseLowerer(BoundModel model, SourceLines lines, ExpressionLowerer.LowerDerivative? differentiate,
        IReadOnlyList<BoundEquation>? equations = null)
    {
        _equations = equations ?? model.Equations;
        _model = model;
        _lines = lines;
        _differentiate = differentiate;
    }

    public ElementwiseProgram Lower(SolverKind solver, ExactPropagation? exact, IElementwiseSolver? prepared = null)
    {
        foreach (var state in _model.States) _program.StateLoads.Add(state.Name);
        foreach (var input in _model.Inputs) _program.InputLoads.Add(input.Name);

        var equations = _equations;
        switch (solver)
        {
            case SolverKind.Euler:
                LowerEuler(equations);
                break;
            case SolverKind.Rk2:
                LowerRk2(equations);
                break;
            case SolverKind.Rk4:
                LowerRk4(equations);
                break;
            case SolverKind.Exact when exact is not null:
                exact.Emit(_program, this);
                break;
            // exponential_euler, euler_maruyama, heun: prepared by analysis (Solvers/ExponentialEuler.cs, StochasticSolver.cs).
            case SolverKind.ExponentialEuler or SolverKind.EulerMaruyama or SolverKind.Heun when prepared is not null:
                prepared.Emit(_program, this);
                break;
            default:
                throw new LoweringException(_model.Solver?.Name.Span ?? _model.Syntax.Name.Span,
                    $"solver {solver.Name()} is not generated yet");
        }
        // States without an equation keep their value until an event changes it.
        foreach (var state in _model.States.Where(s => !IsIntegrated(s)))
            Add(NewLocal(state), Ref(state.Name), 0);
        ApplyRefractoryFreeze();
        LowerEvents();
        foreach (var state in _model.States.Where(s => IsIntegrated(s) || IsAssignedByEvent(s)))
            _program.Stores.Add((state.Name, NewLocal(state)));
        return _program;
    }

    // ---- explicit solvers ---------------------------------------------------------------------

    private void LowerEuler(IReadOnlyList<BoundEquation> equations)
    {
        var k = Derivatives(equations, stage: 1, s => s.Name, "t");
        foreach (var equation in equations)
        {
            var state = equation.State;
            Add(NewLocal(state), Add(Ref(state.Name), Mul(Uniform("dt"), Ref(k[state]))), equation.Syntax.Span.Start,
                $"euler: {state.Name} + dt*f");
        }
    }

    private void LowerRk2(IReadOnlyList<BoundEquation> equations)
    {
        // Midpoint rule in Brian2's form: k = dt*f(x, t); x' = x + dt*f(x + k/2, t + dt/2).
        var k1 = ScaledDerivatives(equations, 1, s => s.Name, "t");
        foreach (var equation in equations)
            Add(StageLocal(equation.State, 2), Add(Ref(equation.State.Name), Div(Ref(k1[equation.State]), 2)), equation.Syntax.Span.Start);
        var f2 = Derivatives(equations, 2, s => StageLocal(s, 2), TimeUniform("t__half", 0.5));
        foreach (var equation in equations)
        {
            var state = equation.State;
            Add(NewLocal(state), Add(Ref(state.Name), Mul(Uniform("dt"), Ref(f2[state]))), equation.Syntax.Span.Start,
                $"rk2 (midpoint): {state.Name} + dt*f(midpoint)");
        }
    }

    private void LowerRk4(IReadOnlyList<BoundEquation> equations)
    {
        // Classic RK4 in Brian2's form: k_i = dt*f(...), x' = k1/6 + k2/3 + k3/3 + k4/6 + x.
        var k1 = ScaledDerivatives(equations, 1, s => s.Name, "t");
        StageStates(equations, 2, k1, half: true);
        string tHalf = TimeUniform("t__half", 0.5);
        var k2 = ScaledDerivatives(equations, 2, s => StageLocal(s, 2), tHalf);
        StageStates(equations, 3, k2, half: true);
        var k3 = ScaledDerivatives(equations, 3, s => StageLocal(s, 3), tHalf);
        StageStates(equations, 4, k3, half: false);
        var k4 = ScaledDerivatives(equations, 4, s => StageLocal(s, 4), TimeUniform("t__end", 1.0));
        foreach (var equation in equations)
        {
            var s = equation.State;
            IrExpr sum = Add(Add(Add(Div(Ref(k1[s]), 6), Div(Ref(k2[s]), 3)), Div(Ref(k3[s]), 3)), Div(Ref(k4[s]), 6));
            Add(NewLocal(s), Add(sum, Ref(s.Name)), equation.Syntax.Span.Start, $"rk4: k1/6 + k2/3 + k3/3 + k4/6 + {s.Name}");
        }
    }

    private void StageStates(IReadOnlyList<BoundEquation> equations, int stage, Dictionary<StateSymbol, string> k, bool half)
    {
        foreach (var equation in equations)
        {
            var state = equation.State;
            IrExpr increment = half ? Div(Ref(k[state]), 2) : Ref(k[state]);
            Add(StageLocal(state, stage), Add(Ref(state.Name), increment), equation.Syntax.Span.Start);
        }
    }

    /// <summary>k_s = dt*f(stage values) for every equation.</summary>
    private Dictionary<StateSymbol, string> ScaledDerivatives(IReadOnlyList<BoundEquation> equations, int stage,
        Func<StateSymbol, string> stateLocal, string time)
    {
        var f = Derivatives(equations, stage, stateLocal, time, "f");
        var k = new Dictionary<StateSymbol, string>();
        foreach (var equation in equations)
        {
            var state = equation.State;
            string name = $"{state.Name}__k{stage}";
            Add(name, Mul(Uniform("dt"), Ref(f[state])), equation.Syntax.Span.Start);
            k[state] = name;
        }
        return k;
    }

    /// <summary>Locals holding f(stage values) for every equation (with the definitions they need).</summary>
    internal Dictionary<StateSymbol, string> Derivatives(IReadOnlyList<BoundEquation> equations, int stage,
        Func<StateSymbol, string> stateLocal, string time, string prefix = "f")
    {
        var lowerer = StageLowerer(stage, stateLocal, time);
        EmitDefinitions(equations.Select(e => e.Rhs), stage, lowerer);
        var result = new Dictionary<StateSymbol, string>();
        foreach (var equation in equations)
        {
            string name = $"{equation.State.Name}__{prefix}{stage}";
            Add(name, lowerer.Lower(equation.Rhs), equation.Syntax.Span.Start,
                stage == 1 ? $"d{equation.State.Name}/dt" : null);
            result[equation.State] = name;
        }
        return result;
    }

    /// <summary>An expression lowerer that reads states from the given stage locals.</summary>
    internal ExpressionLowerer StageLowerer(int stage, Func<StateSymbol, string> stateLocal, string time) =>
        new(reference => reference.Symbol switch
        {
            // Bug fix: a state without an equation (changed only by events) has no stage locals
            // x__s2…; the solver stages read its value at the step's start. Events (Post) still
            // read x__new, which an earlier event of the same step may have changed.
            StateSymbol state => Ref(stage != Post && !IsIntegrated(state) ? state.Name : stateLocal(state)),
            // A synapse's pre.x / post.x: a local (or, for a parameter, a uniform) named "pre.x", loaded by the synapse emitter.
            ExternalSymbol { Target: ParameterSymbol } external => Uniform(external.Scope + "." + external.Name),
            ExternalSymbol external => Ref(external.Scope + "." + external.Name),
            InputSymbol input => Ref(input.Name),
            ParameterSymbol parameter => Uniform(parameter.Name),
            DefinitionSymbol definition => Ref(DefinitionLocal(definition, stage)),
            BuiltinSymbol { Name: "dt" } => Uniform("dt"),
            BuiltinSymbol { Name: "t" } => Uniform(time),
            // The drift of a stochastic equation is its right-hand side with the noise at zero;
            // the stochastic solvers add the noise terms (Solvers/StochasticSolver.cs).
            NoiseSymbol when stage != Post => new IrConstant(0),
            NoiseSymbol => throw new LoweringException(reference.Span, "white noise can be used only in differential equations, not in events"),
            _ => throw new LoweringException(reference.Span, $"'{reference.Symbol.Name}' cannot be used in generated code yet"),
        }, _differentiate);

    private readonly Dictionary<(DefinitionSymbol, int), string> _definitionLocals = new();

    private static string DefinitionLocal(DefinitionSymbol definition, int stage) =>
        stage switch
        {
            1 => definition.Name,
            Post => definition.Name + "__post",
            _ => $"{definition.Name}__s{stage}",
        };

    private const int Post = 99;

    /// <summary>Emits the definitions the given expressions need at one stage (each once).</summary>
    internal void EmitDefinitions(IEnumerable<BoundExpr> roots, int stage, ExpressionLowerer lowerer)
    {
        foreach (var definition in BoundWalker.RequiredDefinitions(roots))
        {
            if (_definitionLocals.ContainsKey((definition, stage))) continue;
            string name = DefinitionLocal(definition, stage);
            _definitionLocals[(definition, stage)] = name;
            Add(name, lowerer.Lower(definition.Value), definition.Syntax.Span.Start, stage == 1 ? definition.Name : null);
        }
    }

    // ---- refractoriness and events ------------------------------------------------------------

    /// <summary>
    /// Brian2's semantics: while refractory, equations flagged (unless refractory) keep their
    /// value. DynLang's default when no equation is flagged (unless refractory): every equation
    /// is frozen except those flagged (clock_driven).
    /// </summary>
    private void ApplyRefractoryFreeze()
    {
        var refractory = _model.Events.SelectMany(e => e.Statements).OfType<BoundRefractory>().FirstOrDefault();
        if (refractory is null) return;
        var lowerer = new ExpressionLowerer(reference => reference.Symbol is ParameterSymbol p
            ? Uniform(p.Name)
            : throw new LoweringException(reference.Span, "a refractory period may use only parameters"), _differentiate);
        AddUniform("__refractoryDuration", lowerer.Lower(refractory.Duration), refractory.Span.Start);
        _program.RefractoryStepsUniform = "__refractorySteps";
        bool anyFlagged = _equations.Any(e => e.UnlessRefractory);
        foreach (var equation in _equations.Where(e => e.UnlessRefractory || (!anyFlagged && !e.ClockDriven)))
        {
            var state = equation.State;
            Add(NewLocal(state), new IrSelect(Ref(ElementwiseProgram.NotRefractoryLocal), Ref(NewLocal(state)), Ref(state.Name)),
                equation.Syntax.Span.Start, $"{state.Name} is frozen while refractory");
        }
    }

    private void LowerEvents()
    {
        var lowerer = StageLowerer(Post, NewLocal, "t__end");
        var roots = _model.Events.Where(e => e.Condition is not null).Select(e => e.Condition!)
            .Concat(_model.Events.SelectMany(e => e.Statements).OfType<BoundAssignment>().Select(a => a.Value));
        // The definitions events read go to their own list: in a network the resets run in a later
        // phase than the update (Brian2's schedule) and recompute them from the state at that time.
        _eventLocals = true;
        EmitDefinitions(roots, Post, lowerer);
        _eventLocals = false;
        bool refractory = _program.RefractoryStepsUniform is not null;
        foreach (var block in _model.Events.Where(e => e.Trigger == EventTriggerKind.Condition && e.Condition is not null))
        {
            IrExpr condition = lowerer.Lower(block.Condition!);
            IrExpr? margin = Margin(block.Condition!, lowerer);
            if (refractory) condition = new IrBinary(IrBinaryOp.And, condition, Ref(ElementwiseProgram.NotRefractoryLocal));
            var actions = new List<IrAssign>();
            bool emits = false, startsRefractory = false;
            foreach (var statement in block.Statements)
            {
                switch (statement)
                {
                    case BoundAssignment assignment when assignment.Target.Symbol is StateSymbol state:
                    {
                        IrExpr value = lowerer.Lower(assignment.Value);
                        IrExpr current = Ref(NewLocal(state));
                        value = assignment.Op switch
                        {
                            AssignOp.Add => new IrBinary(IrBinaryOp.Add, current, value),
                            AssignOp.Subtract => new IrBinary(IrBinaryOp.Subtract, current, value),
                            AssignOp.Multiply => new IrBinary(IrBinaryOp.Multiply, current, value),
                            AssignOp.Divide => new IrBinary(IrBinaryOp.Divide, current, value),
                            _ => value,
                        };
                        actions.Add(new IrAssign(NewLocal(state), value, _lines.LineOf(assignment.Span.Start)));
                        break;
                    }
                    case BoundEmit:
                        emits = true;
                        break;
                    case BoundRefractory:
                        startsRefractory = true;
                        break;
                }
            }
            if (emits) _program.HasSpikes = true;
            if (startsRefractory && !emits) _program.HasSpikes = true; // the last-spike step also times refractoriness
            _program.Events.Add(new IrEvent(condition, actions, emits, startsRefractory, _lines.LineOf(block.Syntax.Span.Start), margin));
        }
        if (_model.Surrogate is { } surrogate && _model.SurrogateValue is { } surrogateValue)
        {
            var parameters = new ExpressionLowerer(reference => reference.Symbol is ParameterSymbol p
                ? Uniform(p.Name)
                : throw new LoweringException(reference.Span, "a surrogate's slope or temperature may use only parameters"), _differentiate);
            AddUniform("__surrogate", parameters.Lower(surrogateValue), surrogate.Span.Start, $"surrogate {surrogate.Name.Name}");
            _program.Surrogate = new SurrogateSpec(_model.SurrogateKind, "__surrogate", _lines.LineOf(surrogate.Span.Start));
        }
    }

    /// <summary>u with "fires ⇔ u &gt; 0" for a threshold written as one comparison (a &gt; b: a − b; a &lt; b: b − a), else null.</summary>
    private static IrExpr? Margin(BoundExpr condition, ExpressionLowerer lowerer) =>
        condition is BoundBinary { Op: BinaryOp.Greater or BinaryOp.GreaterOrEqual or BinaryOp.Less or BinaryOp.LessOrEqual } comparison
            ? comparison.Op is BinaryOp.Greater or BinaryOp.GreaterOrEqual
                ? new IrBinary(IrBinaryOp.Subtract, lowerer.Lower(comparison.Left), lowerer.Lower(comparison.Right))
                : new IrBinary(IrBinaryOp.Subtract, lowerer.Lower(comparison.Right), lowerer.Lower(comparison.Left))
            : null;

    /// <summary>True for states whose equation this program integrates.</summary>
    internal bool IsIntegrated(StateSymbol state) => _equations.Any(e => e.State == state);

    private bool IsAssignedByEvent(StateSymbol state) =>
        _model.Events.SelectMany(e => e.Statements).OfType<BoundAssignment>().Any(a => a.Target.Symbol == state);

    // ---- helpers ------------------------------------------------------------------------------

    internal static string NewLocal(StateSymbol state) => state.Name + "__new";

    internal static string StageLocal(StateSymbol state, int stage) => $"{state.Name}__s{stage}";

    private bool _eventLocals;

    internal void Add(string target, IrExpr value, int offset, string? comment = null) =>
        (_eventLocals ? _program.EventLocals : _program.Body)
            .Add(new IrAssign(target, value, offset > 0 || comment is not null ? _lines.LineOf(offset) : 0, comment));

    internal void AddUniform(string name, IrExpr value, int offset, string? comment = null)
    {
        if (_uniformNames.Add(name)) _program.Uniforms.Add(new IrAssign(name, value, _lines.LineOf(offset), comment));
    }

    /// <summary>A uniform holding t + fraction*dt.</summary>
    private string TimeUniform(string name, double fraction)
    {
        AddUniform(name, Add(Uniform("t"), Mul(new IrConstant(fraction), Uniform("dt"))), 0);
        return name;
    }

    internal static IrRef Ref(string name) => new(name, SlotKind.Local);

    internal static IrRef Uniform(string name) => new(name, SlotKind.Uniform);

    private static IrExpr Add(IrExpr a, IrExpr b) => new IrBinary(IrBinaryOp.Add, a, b);

    private static IrExpr Mul(IrExpr a, IrExpr b) => new IrBinary(IrBinaryOp.Multiply, a, b);

    private static IrExpr Div(IrExpr a, double b) => new IrBinary(IrBinaryOp.Divide, a, new IrConstant(b));
}
