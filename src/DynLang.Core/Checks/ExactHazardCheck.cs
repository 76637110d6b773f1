using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DynLang.Core.Binding;
using DynLang.Core.Diagnostics;
using DynLang.Core.Lowering.Solvers;
using DynLang.Core.Symbolic;

namespace DynLang.Core.Checks;

/// <summary>
/// Hazards of the exact solver's closed form, as NESTML's ode-toolbox reports them: the
/// propagator of coupled decays divides by differences of rates (1/τ₁ − 1/τ₂). Where the
/// default parameters make such a difference zero, the closed form is singular. Propagators
/// computed once per step fall back to the matrix exponential near the singularity; those whose
/// coefficients vary per element (they use inputs) have no fallback and give NaN.
/// </summary>
internal static class ExactHazardCheck
{
    public static void Run(BoundModel model, ExactPropagation exact, DiagnosticBag diagnostics)
    {
        IReadOnlyList<Expr> denominators;
        try
        {
            denominators = exact.Denominators();
        }
        catch (Exception e) when (e is SymbolicBudgetExceededException or NotSupportedException)
        {
            return;
        }
        var context = new CheckContext(model, diagnostics);
        var span = model.Solver?.Span ?? model.Syntax.Name.Span;
        foreach (var denominator in denominators)
        {
            double value, scale;
            try
            {
                value = Evaluator.Evaluate(denominator, context.Defaults);
                var terms = denominator is Add add ? add.Terms : new[] { denominator };
                scale = terms.Sum(t => Math.Abs(Evaluator.Evaluate(t, context.Defaults)));
            }
            catch (Exception e) when (e is EvaluationException or KeyNotFoundException or NotSupportedException)
            {
                continue; // uses inputs or a parameter without default: nothing to evaluate at build time
            }
            if (Math.Abs(value) > 1e-12 * scale) continue;
            string values = string.Join(", ", denominator.FreeSymbols().Select(s => s.Name).Distinct()
                .Where(context.Defaults.ContainsKey)
                .Select(n => $"{n} = {context.FormatDefault(n)}"));
            string consequence = exact.Linear.IsUniform
                ? $"the generated code switches to the matrix exponential when |{denominator}|·dt < {ExactPropagation.SingularThreshold:G1}, so the step stays accurate, but the closed form is singular here"
                : "these coefficients vary per element (they use inputs), so there is no run-time fallback and the step gives NaN; make the rates differ or use rk4";
            // With the run-time fallback this is a fact worth knowing (Info); without one, a real hazard (Warning).
            var severity = exact.Linear.IsUniform ? DiagnosticSeverity.Info : DiagnosticSeverity.Warning;
            diagnostics.Report(DiagnosticDescriptors.ExactSolverHazard, severity, span,
                $"the exact propagator divides by {denominator}, which is 0 at the default parameters ({values}); {consequence}");
        }
    }
}
