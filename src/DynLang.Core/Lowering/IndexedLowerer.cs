using System;
using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Binding;
using DynLang.Core.Lowering.Ir;
using DynLang.Core.Lowering.Solvers;
using DynLang.Core.Symbolic;
using Expr = DynLang.Core.Symbolic.Expr;

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

    /// <param name="solver">The solver.</param>
    /// <param name="stochastic">The split equations of a model with noise (euler_maruyama, heun), else null.</param>
    public IndexedProgram Lower(SolverKind solver, StochasticSystem? stochastic = null)
    {
        var equations = _model.Equations;
        switch (solver)
        {
            case SolverKind.EulerMaruyama or SolverKind.Heun when stochastic is not null:
                LowerStochastic(stochastic, solver == SolverKind.Heun);
                break;
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
    /// euler_maruyama and heun over loop nests, the formulas of <see cref="StochasticSolver"/>
    /// (Brian2's), computed from the values at the step's start:
    /// <code>
    /// xi__dW[n…]          = sqrt(dt)*N(0,1), keyed by (Seed, stream, flat index of the noise element, step)
    /// k1__x[i…]           = f(x, t)                     (the right-hand side with the noise at zero)
    /// x__g_xi[i…]         = g(x, t)                     (the coefficient of xi[…])
    /// heun, per noise:    x__support_xi = x + x__g_xi*dW;  x__gsupport_xi = g(x__support_xi, t + dt)
    /// x[i…] = x + dt*f + Σ g*dW                      (euler_maruyama)
    /// x[i…] = x + dt*f + Σ .5*dW*(g + g_support)     (heun)
    /// </code>
    /// Every value an update reads is in a scratch array filled before it, so the updates are in place.
    /// </summary>
    private void LowerStochastic(StochasticSystem system, bool heun)
    {
        var equations = system.Equations;
        var noises = _model.Noises;
        _program.Noises.AddRange(noises.Select(n => n.Name));
        var f = Derivatives(equations, 1, "t", scaled: false);
        _program.Uniforms.Add(new IrAssign(StochasticSolver.SqrtDtUniform, new IrCall(IrFunction.Sqrt, new IrExpr[] { Uniform("dt") })));

        // One Wiener increment per noise element and step, shared by every equation that reads it.
        var increment = new string?[noises.Count];
        for (int k = 0; k < noises.Count; k++)
        {
            int user = Enumerable.Range(0, equations.Count).Where(e => system.NoiseTerms[e][k] is not null).DefaultIfEmpty(-1).First();
            if (user < 0) continue;
            string name = $"{noises[k].Name}__dW";
            increment[k] = name;
            Temporary(name, noises[k].IndexSets);
            var sets = noises[k].IndexSets.Select(set => set.Root.Name).ToList();
            var loops = sets.Select((set, d) => new IrLoop($"n{d}", set)).ToList();
            var indices = loops.Select(l => new IrIndex(l.Variable, 0)).ToList();
            var draw = new IrNormal(k, indices, sets);
            _program.Nests.Add(new LoopNest(loops, Array.Empty<IrAssign>(),
                new[] { new IrStore(name, indices, Mul(Uniform(StochasticSolver.SqrtDtUniform), draw), _lines.LineOf(equations[user].Syntax.Span.Start),
                    $"sqrt(dt)*N(0,1), keyed by the flat index of the element of {noises[k].Name} (stream {k})") },
                $"Wiener increments of {noises[k].Name}"));
        }

        // g_k(x, t) for every equation and noise.
        var g = new string?[equations.Count, noises.Count];
        for (int e = 0; e < equations.Count; e++)
        {
            for (int k = 0; k < noises.Count; k++)
            {
                if (system.NoiseTerms[e][k] is not { } term) continue;
                var equation = equations[e];
                string name = $"{equation.State.Name}__g_{noises[k].Name}";
                g[e, k] = name;
                Temporary(name, equation.State.IndexSets);
                Nest(equation, Array.Empty<IrAssign>(), new[] { Store(name, equation, FromSymbolic(term, equation, s => s.Name, "t"), "g") },
                    $"noise term of d{equation.State.Name}/dt: coefficient of {system.NoiseAt[e][k]}");
            }
        }

        var support = new string?[equations.Count, noises.Count];
        if (heun)
        {
            string tEnd = TimeUniform("t__end", 1.0);
            for (int k = 0; k < noises.Count; k++)
            {
                if (increment[k] is null) continue;
                var supportOf = new Dictionary<StateSymbol, string>();
                for (int e = 0; e < equations.Count; e++)
                {
                    if (g[e, k] is not { } gk) continue;
                    var equation = equations[e];
                    string name = $"{equation.State.Name}__support_{noises[k].Name}";
                    Temporary(name, equation.State.IndexSets);
                    Nest(equation, Array.Empty<IrAssign>(), new[]
                    {
                        Store(name, equation, Add(Load(equation.State.Name, equation.Indices), Mul(Load(gk, equation.Indices), NoiseIncrement(system, e, k, increment[k]!))),
                            "x_support = x + g*dW"),
                    }, $"heun: {equation.State.Name} moved by the noise term of {noises[k].Name} alone");
                    supportOf[equation.State] = name;
                }
                for (int e = 0; e < equations.Count; e++)
                {
                    if (system.NoiseTerms[e][k] is not { } term) continue;
                    var equation = equations[e];
                    string name = $"{equation.State.Name}__gsupport_{noises[k].Name}";
                    support[e, k] = name;
                    Temporary(name, equation.State.IndexSets);
                    var value = FromSymbolic(term, equation, state => supportOf.TryGetValue(state, out var s) ? s : state.Name, tEnd);
                    Nest(equation, Array.Empty<IrAssign>(), new[] { Store(name, equation, value, "g_support") },
                        $"heun: the noise term of d{equation.State.Name}/dt at the support values, t + dt");
                }
            }
        }

        for (int e = 0; e < equations.Count; e++)
        {
            var equation = equations[e];
            var state = equation.State;
            IrExpr value = Add(Load(state.Name, equation.Indices), Mul(Uniform("dt"), Load(f[state], equation.Indices)));
            for (int k = 0; k < noises.Count; k++)
            {
                if (g[e, k] is not { } gk) continue;
                var dW = NoiseIncrement(system, e, k, increment[k]!);
                IrExpr term = heun
                    ? Mul(Mul(new IrConstant(0.5), dW), Add(Load(gk, equation.Indices), Load(support[e, k]!, equation.Indices)))
                    : Mul(Load(gk, equation.Indices), dW);
                value = Add(value, term);
            }
            Nest(equation, Array.Empty<IrAssign>(), new[]
            {
                Store(state.Name, equation, value, heun ? "heun: x + dt*f + Σ .5*dW*(g + g_support)" : "euler_maruyama: x + dt*f + Σ g*dW"),
            }, $"{(heun ? "heun" : "euler_maruyama")} update of {state.Name}");
        }
    }

    /// <summary>The Wiener increment of noise <paramref name="k"/> at the element equation <paramref name="e"/> reads.</summary>
    private static IrExpr NoiseIncrement(StochasticSystem system, int e, int k, string array)
    {
        var at = system.NoiseAt[e][k]!;
        return new IrLoad(array, at.Indices.Select(index => index switch
        {
            Idx idx => new IrIndex(idx.Name, 0),
            Symbolic.Add { Terms: [Idx idx, Num n] } => new IrIndex(idx.Name, (int)n.Value.ToDouble()),
            Symbolic.Add { Terms: [Num n, Idx idx] } => new IrIndex(idx.Name, (int)n.Value.ToDouble()),
            _ => throw new LoweringException(system.Equations[e].Rhs.Span, $"the index '{index}' of {at} cannot be computed here"),
        }).ToList());
    }

    /// <summary>
    /// A symbolic expression of an equation (a noise term, definitions inlined) as IR at the
    /// equation's element: states read from the arrays <paramref name="stateArray"/> names, t
    /// from the uniform <paramref name="time"/>.
    /// </summary>
    private IrExpr FromSymbolic(Expr expr, BoundEquation equation, Func<StateSymbol, string> stateArray, string time)
    {
        var sets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in equation.Indices)
            if (variable.Set is not null) sets[variable.Name] = variable.Set.Root.Name;
        var roots = new[] { equation.Rhs };
        var nodes = roots.Concat(BoundWalker.RequiredDefinitions(roots).Where(d => d.Value is not null).Select(d => d.Value!))
            .SelectMany(BoundWalker.DescendantsAndSelf);
        foreach (var node in nodes)
        {
            if (node is BoundSum sum)
                foreach (var variable in sum.Over) if (variable.Set is not null) sets[variable.Name] = variable.Set.Root.Name;
            if (node is BoundSymbolRef reference)
                foreach (var index in reference.Indices) if (index.Variable.Set is not null) sets[index.Variable.Name] = index.Variable.Set.Root.Name;
        }
        string SetOf(string name) => sets.TryGetValue(name.TrimEnd('\''), out var set) ? set
            : throw new LoweringException(equation.Rhs.Span, $"the range of index '{name}' is unknown");
        var symbols = _model.Parameters.Cast<Symbol>().Concat(_model.States).Concat(_model.Inputs).ToDictionary(s => s.Name);
        var converter = new SymbolicToIr(sym =>
        {
            if (sym.Name == "t" && sym.Indices.Count == 0) return Uniform(time);
            if (sym.Name == "dt" && sym.Indices.Count == 0) return Uniform("dt");
            if (!symbols.TryGetValue(sym.Name, out var symbol))
                throw new LoweringException(equation.Rhs.Span, $"'{sym.Name}' in the noise term of d{equation.State.Name}/dt cannot be computed here");
            var indices = sym.Indices.Select(index => index switch
            {
                Idx idx => new IrIndex(SymbolicToIr.LoopName(idx.Name), 0),
                Symbolic.Add { Terms: [Idx idx, Num n] } => new IrIndex(SymbolicToIr.LoopName(idx.Name), (int)n.Value.ToDouble()),
                Symbolic.Add { Terms: [Num n, Idx idx] } => new IrIndex(SymbolicToIr.LoopName(idx.Name), (int)n.Value.ToDouble()),
                _ => throw new LoweringException(equation.Rhs.Span, $"the index '{index}' cannot be computed here"),
            }).ToList();
            return symbol switch
            {
                StateSymbol state => new IrLoad(state.Equation is null ? state.Name : stateArray(state), indices),
                ParameterSymbol { Rank: 0 } parameter => Uniform(parameter.Name),
                _ => new IrLoad(symbol.Name, indices),
            };
        }, SetOf);
        try
        {
            return converter.Convert(expr);
        }
        catch (NotSupportedException error)
        {
            throw new LoweringException(equation.Rhs.Span, error.Message);
        }
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
                // The drift of a stochastic equation is its right-hand side with the noise at zero;
                // LowerStochastic adds the noise terms.
                NoiseSymbol => new IrConstant(0),
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
