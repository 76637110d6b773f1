using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Binding;
using DynLang.Core.Lowering.Ir;
using DynLang.Core.Symbolic;

namespace DynLang.Core.Lowering.Solvers;

/// <summary>
/// The stochastic solvers, in the form of Brian2's state updaters (brian2/stateupdaters/explicit.py).
/// For each noise xi_k one Wiener increment per element and step, dW_k = sqrt(dt)·N(0,1)
/// (Brian2: <c>xi = dt**.5 * randn()</c>), shared by every equation that uses xi_k. With the drift
/// f (the right-hand side with the noise set to zero) and the noise terms g_k of
/// <see cref="StochasticSystem"/>:
/// <code>
/// euler_maruyama (Brian2's euler, stochastic="additive"):
///   x' = x + dt*f(x, t) + Σ_k g_k*dW_k
/// heun (Brian2's heun, stochastic="multiplicative", Stratonovich):
///   for each noise k:  x_support_k = x + g_k(x, t)*dW_k          (every state; no drift term)
///                      g_support_k = g_k(x_support_k, t + dt)
///   x' = x + dt*f(x, t) + Σ_k .5*dW_k*(g_k(x, t) + g_support_k)
/// </code>
/// Without noise both reduce to forward Euler, as Brian2's do.
/// </summary>
internal sealed class StochasticSolver : IElementwiseSolver
{
    private readonly StochasticSystem _system;
    private readonly bool _heun;

    public StochasticSolver(StochasticSystem system, bool heun)
    {
        _system = system;
        _heun = heun;
    }

    /// <summary>The split equations.</summary>
    public StochasticSystem System => _system;

    /// <summary>True for heun, false for euler_maruyama.</summary>
    public bool IsHeun => _heun;

    /// <summary>The uniform holding sqrt(dt).</summary>
    public const string SqrtDtUniform = "__sqrtDt";

    public void Emit(ElementwiseProgram program, ElementwiseLowerer lowerer)
    {
        var model = _system.Model;
        var equations = _system.Equations;
        var noises = model.Noises;
        program.Noises.AddRange(noises.Select(n => n.Name));
        var operands = new SymbolicOperands(model);
        var atStart = operands.Converter(state => ElementwiseLowerer.Ref(state.Name));

        // The drift at the step's start: the right-hand sides with every noise set to zero.
        var f = lowerer.Derivatives(equations, 1, s => s.Name, "t");

        lowerer.AddUniform(SqrtDtUniform, new IrCall(IrFunction.Sqrt, new IrExpr[] { ElementwiseLowerer.Uniform("dt") }), 0,
            "sqrt(dt): the standard deviation of a Wiener increment over one step");
        var increment = new string?[noises.Count];
        for (int k = 0; k < noises.Count; k++)
        {
            int user = Enumerable.Range(0, equations.Count).Where(e => _system.NoiseTerms[e][k] is not null).DefaultIfEmpty(-1).First();
            if (user < 0) continue;
            increment[k] = $"{noises[k].Name}__dW";
            // Mapped to the first equation that uses the noise.
            lowerer.Add(increment[k]!, new IrBinary(IrBinaryOp.Multiply, ElementwiseLowerer.Uniform(SqrtDtUniform), new IrNormal(k)),
                equations[user].Syntax.Span.Start,
                $"Wiener increment of {noises[k].Name} (stream {k}): sqrt(dt)*N(0,1), the same in every equation");
        }

        // g_k(x, t) for every equation and noise.
        var g = new string?[equations.Count, noises.Count];
        for (int e = 0; e < equations.Count; e++)
        {
            for (int k = 0; k < noises.Count; k++)
            {
                if (_system.NoiseTerms[e][k] is not { } term) continue;
                g[e, k] = $"{equations[e].State.Name}__g_{noises[k].Name}";
                lowerer.Add(g[e, k]!, Convert(atStart, term, equations[e]), equations[e].Syntax.Span.Start,
                    $"noise term of d{equations[e].State.Name}/dt: coefficient of {noises[k].Name}");
            }
        }

        var support = new string?[equations.Count, noises.Count];
        if (_heun) EmitSupport(lowerer, operands, increment, g, support);

        var dt = ElementwiseLowerer.Uniform("dt");
        for (int e = 0; e < equations.Count; e++)
        {
            var state = equations[e].State;
            IrExpr value = new IrBinary(IrBinaryOp.Add, ElementwiseLowerer.Ref(state.Name), new IrBinary(IrBinaryOp.Multiply, dt, ElementwiseLowerer.Ref(f[state])));
            for (int k = 0; k < noises.Count; k++)
            {
                if (g[e, k] is not { } gk) continue;
                var dW = ElementwiseLowerer.Ref(increment[k]!);
                IrExpr term = _heun
                    ? new IrBinary(IrBinaryOp.Multiply, new IrBinary(IrBinaryOp.Multiply, new IrConstant(0.5), dW),
                        new IrBinary(IrBinaryOp.Add, ElementwiseLowerer.Ref(gk), ElementwiseLowerer.Ref(support[e, k]!)))
                    : new IrBinary(IrBinaryOp.Multiply, ElementwiseLowerer.Ref(gk), dW);
                value = new IrBinary(IrBinaryOp.Add, value, term);
            }
            lowerer.Add(ElementwiseLowerer.NewLocal(state), value, equations[e].Syntax.Span.Start,
                _heun ? $"heun: {state.Name} + dt*f + Σ .5*dW*(g + g_support)" : $"euler_maruyama: {state.Name} + dt*f + Σ g*dW");
        }
    }

    /// <summary>Heun's support values: per noise, every state moved by its noise term alone, and g_k there at t + dt.</summary>
    private void EmitSupport(ElementwiseLowerer lowerer, SymbolicOperands operands, string?[] increment, string?[,] g, string?[,] support)
    {
        var equations = _system.Equations;
        var noises = _system.Model.Noises;
        lowerer.AddUniform("t__end", new IrBinary(IrBinaryOp.Add, ElementwiseLowerer.Uniform("t"),
            new IrBinary(IrBinaryOp.Multiply, new IrConstant(1.0), ElementwiseLowerer.Uniform("dt"))), 0);
        for (int k = 0; k < noises.Count; k++)
        {
            if (increment[k] is null) continue;
            // x_support_k = x + g_k(x, t)*dW_k for the states this noise moves; the others keep x.
            var supportOf = new Dictionary<StateSymbol, string>();
            for (int e = 0; e < equations.Count; e++)
            {
                if (g[e, k] is not { } gk) continue;
                var state = equations[e].State;
                string name = $"{state.Name}__support_{noises[k].Name}";
                lowerer.Add(name, new IrBinary(IrBinaryOp.Add, ElementwiseLowerer.Ref(state.Name),
                    new IrBinary(IrBinaryOp.Multiply, ElementwiseLowerer.Ref(gk), ElementwiseLowerer.Ref(increment[k]!))), equations[e].Syntax.Span.Start,
                    $"x_support: {state.Name} moved by the noise term of {noises[k].Name} alone");
                supportOf[state] = name;
            }
            var atSupport = operands.Converter(state => ElementwiseLowerer.Ref(supportOf.TryGetValue(state, out var s) ? s : state.Name), "t__end");
            for (int e = 0; e < equations.Count; e++)
            {
                if (_system.NoiseTerms[e][k] is not { } term) continue;
                support[e, k] = $"{equations[e].State.Name}__gsupport_{noises[k].Name}";
                lowerer.Add(support[e, k]!, Convert(atSupport, term, equations[e]), equations[e].Syntax.Span.Start,
                    $"g_support: the noise term of d{equations[e].State.Name}/dt at the support values, t + dt");
            }
        }
    }

    private static IrExpr Convert(SymbolicToIr converter, Expr term, BoundEquation equation)
    {
        try
        {
            return converter.Convert(term);
        }
        catch (System.NotSupportedException error)
        {
            throw new LoweringException(equation.Rhs.Span, error.Message);
        }
    }
}
