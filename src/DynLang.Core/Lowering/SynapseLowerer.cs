using System;
using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Analysis;
using DynLang.Core.Ast;
using DynLang.Core.Binding;
using DynLang.Core.Diagnostics;
using DynLang.Core.Emit;
using DynLang.Core.Lowering.Ir;
using DynLang.Core.Lowering.Solvers;
using DynLang.Core.Symbolic;
using Expr = DynLang.Core.Symbolic.Expr;

namespace DynLang.Core.Lowering;

/// <summary>
/// Lowers a synapse model: per-synapse states; <c>on pre</c> / <c>on post</c> code run for each
/// synapse a spike reaches; event-driven states advanced in closed form from the synapse's last
/// update; clock-driven states integrated every step with the model's solver; summed variables.
/// Reports what cannot be generated as located diagnostics and returns null.
/// </summary>
internal static class SynapseLowerer
{
    public static KernelModel? Lower(BoundModel model, string @namespace, CompileOptions options,
        IReadOnlyCollection<string> generatedModels, DiagnosticBag diagnostics)
    {
        var source = diagnostics.Source;
        var lines = new SourceLines(source);
        foreach (var (named, peer, side) in new[] { (model.NamesPre, model.PreModel, "pre"), (model.NamesPost, model.PostModel, "post") })
        {
            if (!named || peer is null) continue;
            if (!generatedModels.Contains(peer.Name))
            {
                diagnostics.Report(DiagnosticDescriptors.NotGeneratedYet, model.Syntax.Name.Span,
                    $"no code is generated for synapse '{model.Name}' because none is generated for its {side} model '{peer.Name}' (see its diagnostics)");
                return null;
            }
        }
        var precision = model.Precision?.Name.Name == "float" ? Precision.Float
            : model.Precision?.Name.Name == "double" ? Precision.Double
            : options.DefaultPrecision;
        try
        {
            if (model.Inputs.Count > 0)
                throw new LoweringException(model.Inputs[0].DeclarationSpan,
                    "a synapse has no inputs: its variables are per-synapse states and parameters, and it reads its pre and post models with pre.x and post.x");
            if (model.Noises.Count > 0)
            {
                // Noise in 'on pre' / 'on post' or a summed variable (directly or through a definition),
                // reported where xi is written, as for a neuron's events.
                var roots = model.Events.SelectMany(e => e.Statements).OfType<BoundAssignment>().Select(a => a.Value)
                    .Concat(model.Summed.Select(s => s.Value)).ToList();
                var noise = roots.Concat(BoundWalker.RequiredDefinitions(roots).Where(d => d.Value is not null).Select(d => d.Value!))
                    .SelectMany(BoundWalker.DescendantsAndSelf).OfType<BoundSymbolRef>().FirstOrDefault(r => r.Symbol is NoiseSymbol);
                if (noise is not null || !model.Equations.Any(e => ReadsNoise(e.Rhs)))
                    throw new LoweringException(noise?.Span ?? model.Syntax.Name.Span,
                        "white noise can be used only in differential equations, not in events");
                // An event-driven state is advanced in closed form from its last update: there is no noise in that form.
                if (model.Equations.FirstOrDefault(e => e.EventDriven && ReadsNoise(e.Rhs)) is { } eventDriven)
                    throw new LoweringException(eventDriven.Rhs.Span,
                        "white noise in an event-driven equation: its state is advanced in closed form between events, which has no noise; " +
                        "make the equation clock_driven (integrated every step with euler_maruyama or heun)");
            }
            var program = new SynapseProgram
            {
                Pre = Side(model.PreModel, options),
                Post = Side(model.PostModel, options),
            };
            var context = new SynapseExpressions(model, program);
            if (!LowerEventDriven(model, program, context, diagnostics)) return null;
            foreach (var block in model.Events)
            {
                bool isPre = block.Trigger == EventTriggerKind.Pre;
                var peer = isPre ? model.PreModel : model.PostModel;
                if (peer is not null && !peer.Events.Any(e => e.Statements.OfType<BoundEmit>().Any()))
                    throw new LoweringException(block.Syntax.Trigger.Span,
                        $"neuron '{peer.Name}' ({(isPre ? "pre" : "post")}) never emits a spike, so 'on {(isPre ? "pre" : "post")}' would never run");
                var pathway = new SynapsePathway(LowerStatements(block, context, lines), lines.LineOf(block.Syntax.Span.Start));
                if (isPre) program.OnPre = pathway;
                else program.OnPost = pathway;
            }
            foreach (var summed in model.Summed)
                program.Summed.Add(new SummedVariable(summed.Target.Scope, summed.Target.Name, context.Lower(summed.Value),
                    lines.LineOf(summed.Syntax.Span.Start)));

            var clockEquations = model.Equations.Where(e => !e.EventDriven).ToList();
            string solverName = "none", solverReason = "the synapse has no clock-driven equations.";
            if (clockEquations.Count > 0)
            {
                SolverKind solver;
                ExactPropagation? exact = null;
                IElementwiseSolver? prepared;
                if (clockEquations.Any(e => ReadsNoise(e.Rhs)))
                {
                    // White noise: euler_maruyama or heun, chosen and checked as for a neuron; one draw
                    // per noise, synapse and step, keyed by the synapse's index.
                    if (!StochasticSystem.TryChoose(model, diagnostics, out solver, out solverReason, out var stochastic, clockEquations))
                        return null;
                    prepared = stochastic;
                }
                else if (!ModelLowerer.ChooseSolver(model, false, diagnostics, out solver, out solverReason, out exact, out prepared, clockEquations))
                    return null;
                solverName = solver.Name();
                if (exact is not null && !exact.Linear.IsUniform)
                    throw new LoweringException(model.Solver?.Name.Span ?? clockEquations[0].Rhs.Span,
                        "the exact solver for clock-driven synapse equations needs coefficients made of parameters only; use rk4");
                var clock = new ElementwiseLowerer(model, lines, new DerivativeLowering(model).Lower, clockEquations).Lower(solver, exact, prepared);
                if (clock.Propagator is { } propagator && PropagatorReadsPeers(propagator))
                    throw new LoweringException(model.Solver?.Name.Span ?? clockEquations[0].Rhs.Span,
                        "the exact solution of the clock-driven equations would depend on parameters of the pre or post model, which it cannot cache; use rk4");
                // Only the integrated states are written back; the others keep what the events wrote.
                var integrated = new HashSet<string>(clockEquations.Select(e => ElementwiseLowerer.NewLocal(e.State)));
                clock.Stores.RemoveAll(store => !integrated.Contains(store.Local));
                clock.EventLocals.Clear();
                program.Clock = clock;
                foreach (var name in ExternalParameters(clock)) context.AddPeerParameter(name);
            }

            var kernel = new KernelModel
            {
                Name = model.Name,
                Kind = "synapse",
                Namespace = @namespace,
                SourcePath = source.Path,
                Line = lines.LineOf(model.Syntax.Span.Start),
                Precision = precision,
                MathMode = MathModes.Resolve(model.Math, options.DefaultMathMode),
                Shape = KernelShape.Synapse,
                Solver = solverName,
                SolverReason = solverReason,
                UsesUnits = model.UsesUnits,
                Synapse = program,
            };
            ModelLowerer.AddDeclarations(kernel, model, lines, source);
            return kernel;
        }
        catch (LoweringException e)
        {
            diagnostics.Report(DiagnosticDescriptors.CannotGenerate, e.Span, $"synapse '{model.Name}'", e.Message);
            return null;
        }
    }

    private static SynapseSide Side(BoundModel? peer, CompileOptions options)
    {
        if (peer is null) return new SynapseSide(null, null, Precision.Double);
        var precision = peer.Precision?.Name.Name == "float" ? Precision.Float
            : peer.Precision?.Name.Name == "double" ? Precision.Double
            : options.DefaultPrecision;
        return new SynapseSide(peer.Name, CSharpNames.TypeName(peer.Name) + "Population", precision);
    }

    private static bool PropagatorReadsPeers(PropagatorBlock block) =>
        block.Symbolic.Select(e => e.Value).Concat(block.Matrix.Select(m => m.Value)).Concat(block.Denominators)
            .SelectMany(IrWalker.References).Any(r => r.Name.Contains('.'));

    /// <summary>Uniforms named "pre.x" / "post.x" that the clock-driven program reads.</summary>
    private static IEnumerable<string> ExternalParameters(ElementwiseProgram program)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var assign in program.Body.Concat(program.Uniforms))
            foreach (var reference in IrWalker.References(assign.Value))
                if (reference.Kind == SlotKind.Uniform && reference.Name.Contains('.')) names.Add(reference.Name);
        return names;
    }

    private static List<IrAssign> LowerStatements(BoundEvent block, SynapseExpressions context, SourceLines lines)
    {
        var body = new List<IrAssign>();
        foreach (var assignment in block.Statements.OfType<BoundAssignment>())
        {
            string target = SynapseExpressions.LocalName(assignment.Target.Symbol);
            IrExpr value = context.Lower(assignment.Value);
            IrExpr current = new IrRef(target, SlotKind.Local);
            value = assignment.Op switch
            {
                AssignOp.Add => new IrBinary(IrBinaryOp.Add, current, value),
                AssignOp.Subtract => new IrBinary(IrBinaryOp.Subtract, current, value),
                AssignOp.Multiply => new IrBinary(IrBinaryOp.Multiply, current, value),
                AssignOp.Divide => new IrBinary(IrBinaryOp.Divide, current, value),
                _ => value,
            };
            body.Add(new IrAssign(target, value, lines.LineOf(assignment.Span.Start)));
        }
        return body;
    }

    /// <summary>True when <paramref name="expr"/> reads white noise, directly or through definitions.</summary>
    private static bool ReadsNoise(BoundExpr expr) =>
        BoundWalker.RequiredDefinitions(new[] { expr }).Where(d => d.Value is not null).Select(d => d.Value!).Prepend(expr)
            .SelectMany(BoundWalker.ReferencedSymbols).Any(s => s is NoiseSymbol);

    /// <summary>
    /// dx/dt = a·x + b with a and b made of parameters: x(t0+Δ) = (x + b/a)·e^{aΔ} − b/a
    /// (x·e^{aΔ} when b = 0; x + b·Δ when a = 0), with Δ the time since the synapse's last update.
    /// </summary>
    private static bool LowerEventDriven(BoundModel model, SynapseProgram program, SynapseExpressions context, DiagnosticBag diagnostics)
    {
        bool ok = true;
        var lines = new SourceLines(diagnostics.Source);
        var converter = new BoundToSymbolic();
        var parameters = new HashSet<string>(model.Parameters.Where(p => p.Rank == 0).Select(p => p.Name), StringComparer.Ordinal);
        foreach (var equation in model.Equations.Where(e => e.EventDriven))
        {
            string name = equation.State.Name;
            var x = Expr.Symbol(name);
            Expr f, a, b;
            try
            {
                f = converter.Convert(equation.Rhs);
                a = Differentiator.Diff(f, x);
                b = Substitution.Substitute(f, x, Expr.Zero);
            }
            catch (Exception e) when (e is SymbolicBudgetExceededException or NotSupportedException)
            {
                throw new LoweringException(equation.Rhs.Span, $"'{name}' is event-driven, but its equation could not be analysed ({e.Message})");
            }
            catch (DivideByZeroException)
            {
                // b = f(x = 0) divides by zero: f is not affine in x (1/x, x^-0.5, …).
                diagnostics.Report(DiagnosticDescriptors.EventDrivenNotSolvable, equation.Rhs.Span, name,
                    $"its right-hand side is not linear in {name}; or make it clock-driven");
                ok = false;
                continue;
            }
            bool Constant(Expr e) => ExprAnalysis.FreeSymbols(e).All(s => parameters.Contains(s.Name) || IsPeerParameter(model, s.Name));
            var offending = ExprAnalysis.FreeSymbols(a).Concat(ExprAnalysis.FreeSymbols(b))
                .Select(s => s.Name).Where(n => n != name && !parameters.Contains(n) && !IsPeerParameter(model, n)).Distinct().ToList();
            if (!Constant(a) || !Constant(b) || ExprAnalysis.ContainsUnevaluatedDerivative(a) ||
                !ZeroTester.IsZero(Expr.Sub(f, Expr.Add(Expr.Mul(a, x), b))).IsProven)
            {
                string why = offending.Count > 0
                    ? $"its right-hand side must be (coefficient)·{name} + (constant), both made of parameters, but it uses {string.Join(", ", offending.Select(o => "'" + o + "'"))}" +
                      (offending.Any(o => model.States.Any(s => s.Name == o)) ? " (event-driven variables advance on their own; couple them through the on pre / on post code)" : "")
                    : $"its right-hand side is not linear in {name}";
                diagnostics.Report(DiagnosticDescriptors.EventDrivenNotSolvable, equation.Rhs.Span, name, why + "; or make it clock-driven");
                ok = false;
                continue;
            }
            var delta = Expr.Symbol("__delta");
            Expr update = a.IsZero ? Expr.Add(x, Expr.Mul(b, delta))
                : b.IsZero ? Expr.Mul(x, Expr.Exp(Expr.Mul(a, delta)))
                : Expr.Sub(Expr.Mul(Expr.Add(x, Expr.Div(b, a)), Expr.Exp(Expr.Mul(a, delta))), Expr.Div(b, a));
            var toIr = new SymbolicToIr(sym => sym.Name == name || sym.Name == "__delta" ? new IrRef(sym.Name, SlotKind.Local)
                : context.Uniform(sym.Name));
            program.EventDrivenUpdate.Add(new IrAssign(name, toIr.Convert(update), lines.LineOf(equation.Syntax.Span.Start),
                $"event-driven {name}: closed form over the time since this synapse's last update"));
        }
        return ok;
    }

    private static bool IsPeerParameter(BoundModel model, string name)
    {
        int dot = name.IndexOf('.');
        if (dot < 0) return false;
        var peer = name.Substring(0, dot) == "pre" ? model.PreModel : model.PostModel;
        string variable = name.Substring(dot + 1);
        return peer is not null && peer.Parameters.Any(p => p.Rank == 0 && p.Name == variable);
    }
}

/// <summary>How a synapse's expressions read their names: states and pre/post variables are locals, parameters uniforms, definitions inlined.</summary>
internal sealed class SynapseExpressions
{
    private readonly SynapseProgram _program;
    private readonly ExpressionLowerer _lowerer;

    public SynapseExpressions(BoundModel model, SynapseProgram program)
    {
        _program = program;
        _lowerer = new ExpressionLowerer(Resolve, new DerivativeLowering(model).Lower);
    }

    public IrExpr Lower(BoundExpr expr) => _lowerer.Lower(expr);

    /// <summary>The local holding a synapse state ("w") or a pre/post variable ("post.ge").</summary>
    public static string LocalName(Symbol symbol) => symbol is ExternalSymbol e ? e.Scope + "." + e.Name : symbol.Name;

    /// <summary>A uniform; names "pre.x" / "post.x" are parameters of the pre/post model, recorded for the emitter.</summary>
    public IrRef Uniform(string name)
    {
        if (name.Contains('.')) AddPeerParameter(name);
        return new IrRef(name, SlotKind.Uniform);
    }

    public void AddPeerParameter(string name)
    {
        if (!_program.PeerParameters.Contains(name)) _program.PeerParameters.Add(name);
    }

    private IrExpr Resolve(BoundSymbolRef reference) => reference.Symbol switch
    {
        StateSymbol state => new IrRef(state.Name, SlotKind.Local),
        ParameterSymbol parameter => new IrRef(parameter.Name, SlotKind.Uniform),
        ExternalSymbol { Target: ParameterSymbol } external => Uniform(LocalName(external)),
        ExternalSymbol external => new IrRef(LocalName(external), SlotKind.Local),
        // Definitions are substituted where they are used (as Brian2 does), so each use sees the
        // values of that moment in the event code.
        DefinitionSymbol definition => _lowerer.Lower(definition.Value),
        BuiltinSymbol { Name: "t" } => new IrRef("t", SlotKind.Uniform),
        BuiltinSymbol { Name: "dt" } => new IrRef("dt", SlotKind.Uniform),
        _ => throw new LoweringException(reference.Span, $"'{reference.Symbol.Name}' cannot be used in synapse code"),
    };
}
