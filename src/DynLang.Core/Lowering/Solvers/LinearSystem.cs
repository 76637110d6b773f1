using System;
using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Analysis;
using DynLang.Core.Binding;
using DynLang.Core.Symbolic;
using DynLang.Core.Text;

namespace DynLang.Core.Lowering.Solvers;

/// <summary>
/// The equations written as x' = A x + b, when they are: A[k,j] = ∂f_k/∂x_j must not depend on
/// any state, and b = f(x = 0). Both may depend on parameters, inputs (constant over a step)
/// and dt, but not on t. Decided symbolically: the derivative test, then a proof that
/// f − (A x + b) simplifies to zero.
/// </summary>
internal sealed class LinearSystem
{
    private LinearSystem(IReadOnlyList<StateSymbol> states, Expr[,] a, Expr[] b, bool uniform)
    {
        States = states;
        A = a;
        B = b;
        IsUniform = uniform;
    }

    /// <summary>The integrated states, in equation order.</summary>
    public IReadOnlyList<StateSymbol> States { get; }

    /// <summary>Coefficient matrix (row: equation, column: state).</summary>
    public Expr[,] A { get; }

    /// <summary>The inhomogeneous part of each equation.</summary>
    public Expr[] B { get; }

    /// <summary>True when A depends on parameters only (the same for every element): the propagator is computed once per step.</summary>
    public bool IsUniform { get; }

    /// <summary>Number of states.</summary>
    public int Count => States.Count;

    /// <summary>Tries to write the model's equations as a linear system; otherwise says why not, and where.</summary>
    public static LinearSystem? TryCreate(BoundModel model, out string reason, out TextSpan where,
        IReadOnlyList<BoundEquation>? only = null)
    {
        reason = "";
        where = model.Syntax.Name.Span;
        var equations = only ?? model.Equations;
        if (equations.Count == 0)
        {
            reason = "the model has no equations";
            return null;
        }
        if (model.Noises.Count > 0)
        {
            reason = "the equations contain noise";
            return null;
        }
        var states = equations.Select(e => e.State).ToList();
        var stateNames = new HashSet<string>(states.Select(s => s.Name));
        var parameterNames = new HashSet<string>(model.Parameters.Where(p => p.Rank == 0).Select(p => p.Name)) { "dt" };
        int n = states.Count;
        var a = new Expr[n, n];
        var b = new Expr[n];
        bool uniform = true;
        var converter = new BoundToSymbolic();
        try
        {
            for (int k = 0; k < n; k++)
            {
                var equation = equations[k];
                where = equation.Rhs.Span;
                var f = converter.Convert(equation.Rhs);
                if (f.ContainsSymbol("t"))
                {
                    reason = $"d{states[k].Name}/dt depends on the time t, so its coefficients change within a step";
                    return null;
                }
                // The derivative test comes first: b = f(x = 0) is computed only for an f whose
                // coefficients are free of the states, so 1/x, x^-0.5 or exp(-1/x) are found
                // nonlinear before anything divides by a zero state.
                for (int j = 0; j < n; j++)
                {
                    var coefficient = Differentiator.Diff(f, Expr.Symbol(states[j].Name));
                    var dependsOn = ExprAnalysis.FreeSymbols(coefficient).Select(s => s.Name).Where(stateNames.Contains).ToList();
                    if (dependsOn.Count > 0 || ExprAnalysis.ContainsUnevaluatedDerivative(coefficient))
                    {
                        // Quote the coefficient only when it reads well (short, no engine-internal notation).
                        string text = coefficient.ToString();
                        string quoted = text.Length <= 40 && text.IndexOf('∂') < 0 && text.IndexOf('\'') < 0 ? $" ({text})" : "";
                        reason = dependsOn.Count > 0
                            ? $"d{states[k].Name}/dt is not linear in {states[j].Name}: its coefficient{quoted} depends on {string.Join(", ", dependsOn)}"
                            : $"d{states[k].Name}/dt uses a function of {states[j].Name} with no known derivative";
                        return null;
                    }
                    if (ExprAnalysis.FreeSymbols(coefficient).Any(s => !parameterNames.Contains(s.Name))) uniform = false;
                    a[k, j] = coefficient;
                }
                var zero = states.ToDictionary(s => Expr.Symbol(s.Name), _ => (Expr)Expr.Zero);
                Expr reconstructed = b[k] = Substitution.Substitute(f, zero);
                for (int j = 0; j < n; j++)
                    reconstructed = Expr.Add(reconstructed, Expr.Mul(a[k, j], Expr.Symbol(states[j].Name)));
                if (ExprAnalysis.ContainsUnevaluatedDerivative(b[k]))
                {
                    // d(p % 3)/d(p) and the like: no closed form to print in the propagator.
                    reason = $"d{states[k].Name}/dt contains a derivative that cannot be computed symbolically";
                    return null;
                }
                if (ExprAnalysis.FreeSymbols(b[k]).Any(s => stateNames.Contains(s.Name)) ||
                    !ZeroTester.IsZero(Expr.Sub(f, reconstructed)).IsProven)
                {
                    reason = $"d{states[k].Name}/dt could not be shown to be linear in the states";
                    return null;
                }
            }
        }
        catch (SymbolicBudgetExceededException e)
        {
            reason = "the equations are too large to analyse symbolically (" + e.Message + ")";
            return null;
        }
        catch (NotSupportedException e)
        {
            reason = e.Message;
            return null;
        }
        catch (DivideByZeroException)
        {
            // A safety net: f(x = 0) divides by zero only when f is not affine in the states.
            reason = "the equations could not be shown to be linear in the states (setting the states to zero divides by zero)";
            return null;
        }
        where = model.Syntax.Name.Span;
        return new LinearSystem(states, a, b, uniform);
    }

    /// <summary>True when A[k,j] is the number zero.</summary>
    public bool IsZero(int k, int j) => A[k, j] is Num { Value.IsZero: true };

    /// <summary>
    /// An order of the states in which every state depends only on states after it (A upper
    /// triangular), or null when the dependencies form a cycle.
    /// </summary>
    public int[]? TriangularOrder()
    {
        int n = Count;
        var incoming = new int[n];
        for (int k = 0; k < n; k++)
            for (int j = 0; j < n; j++)
                if (k != j && !IsZero(k, j)) incoming[j]++;
        var order = new List<int>();
        var ready = new SortedSet<int>(Enumerable.Range(0, n).Where(j => incoming[j] == 0));
        while (ready.Count > 0)
        {
            int k = ready.Min;
            ready.Remove(k);
            order.Add(k);
            for (int j = 0; j < n; j++)
            {
                if (k == j || IsZero(k, j)) continue;
                if (--incoming[j] == 0) ready.Add(j);
            }
        }
        return order.Count == n ? order.ToArray() : null;
    }
}
