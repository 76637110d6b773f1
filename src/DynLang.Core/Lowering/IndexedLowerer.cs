using System;
using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Binding;
using DynLang.Core.Lowering.Ir;
using DynLang.Core.Lowering.Solvers;

namespace DynLang.Core.Lowering;

/// <summary>
/// Lowers a model over index sets (rules, indexed systems) into loop nests. Definitions are
/// computed into scratch arrays first (so every equation reads the values of the step's start);
/// stage states and derivative estimates live in scratch arrays <c>s{s}__X</c>, <c>k{s}__X</c>
/// (generated fields are prefixed with "__", so they never meet a model's names).
/// An Euler step whose equations each read their own state only at their own element is done in
/// place, in one pass — the cheap and common case of plasticity rules.
/// </summary>
internal sealed class IndexedLowerer
{
    private readonly BoundModel _model;
    private readonly SourceLines _lines;
    private readonly ExpressionLowerer.LowerDerivative? _differentiate;
    private readonly IndexedProgram _program = new();
    private readonly HashSet<string> _temporaries = new(StringComparer.Ordinal);

    public IndexedLowerer(BoundModel model, SourceLines lines, ExpressionLowerer.LowerDerivative? differentiate)
    {
        _model = model;
        _lines = lines;
        _differentiate = differentiate;
    }

    public IndexedProgram Lower(SolverKind solver)
    {
        foreach (var noise in _model.Noises)
            throw new LoweringException(_model.Syntax.Name.Span,
                "white noise needs a stochastic solver (euler_maruyama, heun), which arrives in a later version");
        var equations = _model.Equations;
        switch (solver)
        {
            case SolverKind.Euler when CanUpdateInPlace(equations):
                ComputeDefinitions(equations.Select(e => e.Rhs), 1);
                foreach (var equation in equations)
                {
                    var lowerer = StageLowerer(1, "t");
                    var rhs = lowerer.Lower(equation.Rhs);
                    var target = Load(equation.State.Name, equation.Indices);
                    Nest(equation, Array.Empty<IrAssign>(), new[]
                    {
                        Store(equation.State.Name, equation, Add(target, Mul(Uniform("dt"), rhs)), "euler, in place"),
                    }, $"euler step of {equation.State.Name}, in place");
                }
                break;
            case SolverKind.Euler:
            {
                var k1 = Derivatives(equations, 1, "t", scaled: false);
                foreach (var equation in equations)
                {
                    var state = equation.State;
                    Nest(equation, Array.Empty<IrAssign>(), new[]
                    {
                        Store(state.Name, equation, Add(Load(state.Name, equation.Indices), Mul(Uniform("dt"), Load(k1[state], equation.Indices))), "euler"),
                    }, $"euler update of {state.Name}");
                }
                break;
            }
            case SolverKind.Rk2:
            {
                var k1 = Derivatives(equations, 1, "t", scaled: true);
                StageStates(equations, 2, k1, 0.5);
                string tHalf = TimeUniform("t__half", 0.5);
                ComputeDefinitions(equations.Select(e => e.Rhs), 2);
                foreach (var equation in equations)
                {
                    var rhs = StageLowerer(2, tHalf).Lower(equation.Rhs);
                    Nest(equation, Array.Empty<IrAssign>(), new[]
                    {
                        Store(equation.State.Name, equation, Add(Load(equation.State.Name, equation.Indices), Mul(Uniform("dt"), rhs)),
                            "rk2 (midpoint)"),
                    }, $"rk2 update of {equation.State.Name}");
                }
                break;
            }
            case SolverKind.Rk4:
            {
                var k1 = Derivatives(equations, 1, "t", scaled: true);
                StageStates(equations, 2, k1, 0.5);
                string tHalf = TimeUniform("t__half", 0.5);
                var k2 = Derivatives(equations, 2, tHalf, scaled: true);
                StageStates(equations, 3, k2, 0.5);
                var k3 = Derivatives(equations, 3, tHalf, scaled: true);
                StageStates(equations, 4, k3, 1.0);
                var k4 = Derivatives(equations, 4, TimeUniform("t__end", 1.0), scaled: true);
                foreach (var equation in equations)
                {
                    var s = equation.State;
                    var idx = equation.Indices;
                    IrExpr sum = Add(Add(Add(Div(Load(k1[s], idx), 6), Div(Load(k2[s], idx), 3)), Div(Load(k3[s], idx), 3)),
                        Div(Load(k4[s], idx), 6));
                    Nest(equation, Array.Empty<IrAssign>(), new[]
                    {
                        Store(s.Name, equation, Add(sum, Load(s.Name, idx)), "rk4: k1/6 + k2/3 + k3/3 + k4/6 + x"),
                    }, $"rk4 update of {s.Name}");
                }
                break;
            }
            default:
                throw new LoweringException(_model.Solver?.Name.Span ?? _model.Syntax.Name.Span,
                    $"solver {solver.Name()} is not generated for indexed models yet; use euler, rk2 or rk4");
        }
        return _program;
    }

    /// <summary>
    /// In place is safe when each equation reads its own state only at its own element and
    /// reads no other state (definitions were computed before, from the step's start values).
    /// </summary>
    private static bool CanUpdateInPlace(IReadOnlyList<BoundEquation> equations)
    {
        var states = new HashSet<Symbol>(equations.Select(e => e.State));
        foreach (var equation in equations)
        {
            foreach (var node in BoundWalker.DescendantsAndSelf(equation.Rhs))
            {
                if (node is not BoundSymbolRef { Symbol: StateSymbol state } reference) continue;
                if (!states.Contains(state)) continue;
                if (state != equation.State) return false;
                if (reference.Indices.Count != equation.Indices.Count) return false;
                for (int k = 0; k < reference.Indices.Count; k++)
                {
                    if (reference.Indices[k].Offset != 0 || reference.Indices[k].Variable != equation.Indices[k]) return false;
                }
            }
        }
        return true;
    }

    /// <summary>Scratch arrays <c>k{stage}__X</c> = [dt*] f(stage values).</summary>
    private Dictionary<StateSymbol, string> Derivatives(IReadOnlyList<BoundEquation> equations, int stage, string time, bool scaled)
    {
        ComputeDefinitions(equations.Select(e => e.Rhs), stage);
        var result = new Dictionary<StateSymbol, string>();
        foreach (var equation in equations)
        {
            var state = equation.State;
            string name = $"k{stage}__{state.Name}";
            Temporary(name, state.IndexSets);
            var rhs = StageLowerer(stage, time).Lower(equation.Rhs);
            if (scaled) rhs = Mul(Uniform("dt"), rhs);
            Nest(equation, Array.Empty<IrAssign>(), new[] { Store(name, equation, rhs, scaled ? $"k{stage} = dt*f" : "f") },
                $"stage {stage} derivative of {state.Name}");
            result[state] = name;
        }
        return result;
    }

    private void StageStates(IReadOnlyList<BoundEquation> equations, int stage, Dictionary<StateSymbol, string> k, double fraction)
    {
        foreach (var equation in equations)
        {
            var state = equation.State;
            string name = StageArray(state, stage);
            Temporary(name, state.IndexSets);
            IrExpr increment = fraction == 1.0 ? Load(k[state], equation.Indices) : Div(Load(k[state], equation.Indices), 1 / fraction);
            Nest(equation, Array.Empty<IrAssign>(), new[] { Store(name, equation, Add(Load(state.Name, equation.Indices), increment)) },
                $"stage {stage} value of {state.Name}");
        }
    }

    /// <summary>Loop nests filling the definitions the expressions need, from stage values.</summary>
    private void ComputeDefinitions(IEnumerable<BoundExpr> roots, int stage)
    {
        string time = stage switch { 1 => "t", 4 => "t__end", _ => "t__half" };
        foreach (var definition in BoundWalker.RequiredDefinitions(roots))
        {
            string name = DefinitionArray(definition);
            Temporary(name, definition.IndexSets.Select(s => s).ToList());
            var value = StageLowerer(stage, time).Lower(definition.Value);
            var loops = definition.IndexVariables.Select(v => new IrLoop(v.Name, v.Set!.Root.Name)).ToList();
            var indices = definition.IndexVariables.Select(v => new IrIndex(v.Name, 0)).ToList();
            _program.Nests.Add(new LoopNest(loops, Array.Empty<IrAssign>(),
                new[] { new IrStore(name, indices, value, _lines.LineOf(definition.Syntax.Span.Start), definition.Name) },
                $"definition {definition.Name}" + (stage > 1 ? $" (stage {stage})" : "")));
        }
    }

    private ExpressionLowerer StageLowerer(int stage, string time) =>
        new(reference =>
        {
            var indices = reference.Indices.Select(i => new IrIndex(i.Variable.Name, i.Offset)).ToList();
            return reference.Symbol switch
            {
                // Bug fix: a state without an equation has no stage arrays (it is constant over the step).
                StateSymbol state => new IrLoad(stage == 1 || state.Equation is null ? state.Name : StageArray(state, stage), indices),
                InputSymbol input => new IrLoad(input.Name, indices),
                ParameterSymbol { Rank: 0 } parameter => Uniform(parameter.Name),
                ParameterSymbol parameter => new IrLoad(parameter.Name, indices),
                DefinitionSymbol definition => new IrLoad(DefinitionArray(definition), indices),
                BuiltinSymbol { Name: "dt" } => Uniform("dt"),
                BuiltinSymbol { Name: "t" } => Uniform(time),
                _ => throw new LoweringException(reference.Span, $"'{reference.Symbol.Name}' cannot be used in generated code yet"),
            };
        }, _differentiate);

    private static string StageArray(StateSymbol state, int stage) => $"s{stage}__{state.Name}";

    private static string DefinitionArray(DefinitionSymbol definition) => "def__" + definition.Name;

    private void Temporary(string name, IReadOnlyList<IndexSet> sets)
    {
        if (_temporaries.Add(name))
            _program.Temporaries.Add(new KernelArray(name, ArrayRole.Temporary, sets.Select(s => s.Root.Name).ToList(), null, "", 0));
    }

    private void Nest(BoundEquation equation, IReadOnlyList<IrAssign> locals, IReadOnlyList<IrStore> stores, string comment)
    {
        var loops = equation.Indices.Select(v => new IrLoop(v.Name, v.Set!.Root.Name)).ToList();
        _program.Nests.Add(new LoopNest(loops, locals, stores, comment));
    }

    private IrStore Store(string array, BoundEquation equation, IrExpr value, string? comment = null) =>
        new(array, equation.Indices.Select(v => new IrIndex(v.Name, 0)).ToList(), value, _lines.LineOf(equation.Syntax.Span.Start), comment);

    private string TimeUniform(string name, double fraction)
    {
        if (!_program.Uniforms.Any(u => u.Target == name))
            _program.Uniforms.Add(new IrAssign(name, Add(Uniform("t"), Mul(new IrConstant(fraction), Uniform("dt")))));
        return name;
    }

    private static IrExpr Load(string array, IReadOnlyList<IndexVariable> indices) =>
        new IrLoad(array, indices.Select(v => new IrIndex(v.Name, 0)).ToList());

    private static IrRef Uniform(string name) => new(name, SlotKind.Uniform);

    private static IrExpr Add(IrExpr a, IrExpr b) => new IrBinary(IrBinaryOp.Add, a, b);

    private static IrExpr Mul(IrExpr a, IrExpr b) => new IrBinary(IrBinaryOp.Multiply, a, b);

    private static IrExpr Div(IrExpr a, double b) => new IrBinary(IrBinaryOp.Divide, a, new IrConstant(b));
}
