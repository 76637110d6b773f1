using System;
using System.Collections.Generic;
using System.Linq;

namespace DynLang.Core.Symbolic
{
    /// <summary>
    /// Symbolic differentiation with the full chain, product and general power rules, indexed symbols and
    /// index sums.
    /// </summary>
    /// <remarks>
    /// <list type="bullet">
    /// <item>d x/d x = 1; d W[a,b]/d W[i,j] = δ(a,i)·δ(b,j); different names (or index counts) give 0.
    /// Index variables and deltas are discrete and differentiate to 0.</item>
    /// <item>Powers: b^e with e free of x gives e·b^(e-1)·b'; otherwise b^e·(e'·ln b + e·b'/b).
    /// Quotients are powers with exponent -1.</item>
    /// <item>exp, ln, sin, cos, tan (1/cos²), tanh (1 - tanh²), sinh, cosh, atan (1/(1+u²)),
    /// sigmoid (s·(1-s)), abs (sign(u)).</item>
    /// <item>Piecewise functions are differentiated almost everywhere: sign and heaviside give 0 (the Dirac
    /// delta at the jump is dropped). min, max and clip select the active argument with heaviside factors,
    /// e.g. d min(a,b) = heaviside(b-a)·a' + heaviside(a-b)·b'; at a tie heaviside(0) = 1/2 averages the
    /// one-sided derivatives.</item>
    /// <item>Opaque user functions: d f(u1..un) = Σ_k ∂[k]f(u)·u_k', with <see cref="Derivative"/>
    /// placeholders; <see cref="ExprAnalysis.FunctionsLackingDerivative"/> reports them.</item>
    /// <item>Sums: d/dx[i] Σ_k body = Σ_k d body/dx[i], after renaming a bound index that clashes with an index
    /// of x; the result is split over terms that carry a delta so that Σ_k δ(k,i)·f(k) collapses to f(i).</item>
    /// </list>
    /// </remarks>
    public static class Differentiator
    {
        private const string Operation = "differentiate";

        /// <summary>d e / d x with a fresh default budget.</summary>
        /// <exception cref="SymbolicBudgetExceededException">The expression is too large.</exception>
        public static Expr Diff(Expr e, Sym x) => Diff(e, x, SymbolicBudget.CreateDefault());

        /// <summary>d e / d x for a scalar symbol named <paramref name="scalarName"/>.</summary>
        public static Expr Diff(Expr e, string scalarName) => Diff(e, Expr.Symbol(scalarName));

        /// <summary>d e / d x, charging <paramref name="budget"/>.</summary>
        /// <exception cref="SymbolicBudgetExceededException">The budget is exhausted.</exception>
        public static Expr Diff(Expr e, Sym x, SymbolicBudget budget)
        {
            if (e == null)
            {
                throw new ArgumentNullException(nameof(e));
            }

            if (x == null)
            {
                throw new ArgumentNullException(nameof(x));
            }

            if (budget == null)
            {
                throw new ArgumentNullException(nameof(budget));
            }

            return new Worker(x, budget).D(e);
        }

        private sealed class Worker
        {
            private readonly Sym _x;
            private readonly SymbolicBudget _budget;

            public Worker(Sym x, SymbolicBudget budget)
            {
                _x = x;
                _budget = budget;
            }

            public Expr D(Expr e)
            {
                global::DynLang.Core.Diagnostics.StackGuard.Ensure();
                _budget.Step(Operation);
                if (!e.ContainsSymbol(_x.Name))
                {
                    return Expr.Zero;
                }

                switch (e)
                {
                    case Sym s:
                        return DiffSymbol(s);
                    case Add a:
                        return AddBuilder.Build(a.TermArray.Select(D).ToList());
                    case Mul m:
                        return DiffProduct(m);
                    case Pow p:
                        return DiffPower(p);
                    case Func f:
                        return DiffFunction(f);
                    case Derivative d:
                        return DiffPlaceholder(d);
                    case Sum s:
                        return DiffSum(s);
                    default:
                        return Expr.Zero; // Num, Idx, Delta: constant or discrete
                }
            }

            private Expr DiffSymbol(Sym s)
            {
                if (s.Name != _x.Name || s.IndexArray.Length != _x.IndexArray.Length)
                {
                    return Expr.Zero;
                }

                var deltas = new Expr[s.IndexArray.Length];
                for (int k = 0; k < deltas.Length; k++)
                {
                    deltas[k] = DeltaBuilder.Build(s.IndexArray[k], _x.IndexArray[k]);
                }

                return MulBuilder.Build(deltas);
            }

            private Expr DiffProduct(Mul m)
            {
                var terms = new List<Expr>();
                var factors = m.FactorArray;
                for (int i = 0; i < factors.Length; i++)
                {
                    var di = D(factors[i]);
                    if (di.IsZero)
                    {
                        continue;
                    }

                    var parts = new List<Expr>(factors.Length + 1) { Expr.Number(m.Coefficient), di };
                    parts.AddRange(factors.Where((_, j) => j != i));
                    terms.Add(MulBuilder.Build(parts));
                }

                return AddBuilder.Build(terms);
            }

            private Expr DiffPower(Pow p)
            {
                var db = D(p.Base);
                var de = D(p.Exponent);
                if (de.IsZero)
                {
                    if (db.IsZero)
                    {
                        return Expr.Zero;
                    }

                    var lowered = PowBuilder.Build(p.Base, AddBuilder.Build(new[] { p.Exponent, Expr.MinusOne }));
                    return MulBuilder.Build(new[] { p.Exponent, lowered, db });
                }

                // d b^e = b^e · (e'·ln b + e·b'/b)
                var inner = AddBuilder.Build(new[]
                {
                    MulBuilder.Build(new[] { de, Expr.Ln(p.Base) }),
                    MulBuilder.Build(new[] { p.Exponent, db, PowBuilder.Build(p.Base, Expr.MinusOne) }),
                });
                return MulBuilder.Build(new[] { p, inner });
            }

            private Expr Chain(Expr outer, Expr argument)
            {
                var du = D(argument);
                return du.IsZero ? Expr.Zero : MulBuilder.Build(new[] { outer, du });
            }

            private static Expr Call(string name, Expr arg) => FuncBuilder.Build(name, new[] { arg });

            private static Expr H(Expr arg) => Call(FunctionNames.Heaviside, arg);

            private Expr DiffFunction(Func f)
            {
                var args = f.ArgArray;
                var u = args[0];
                switch (f.Name)
                {
                    case FunctionNames.Exp:
                        return Chain(f, u);
                    case FunctionNames.Ln:
                        return Chain(PowBuilder.Build(u, Expr.MinusOne), u);
                    case FunctionNames.Sin:
                        return Chain(Call(FunctionNames.Cos, u), u);
                    case FunctionNames.Cos:
                        return Chain(Expr.Neg(Call(FunctionNames.Sin, u)), u);
                    case FunctionNames.Tan:
                        return Chain(PowBuilder.Build(Call(FunctionNames.Cos, u), Expr.Number(-2)), u);
                    case FunctionNames.Tanh:
                        return Chain(Expr.Sub(Expr.One, PowBuilder.Build(f, Expr.Two)), u);
                    case FunctionNames.Sinh:
                        return Chain(Call(FunctionNames.Cosh, u), u);
                    case FunctionNames.Cosh:
                        return Chain(Call(FunctionNames.Sinh, u), u);
                    case FunctionNames.Exprel:
                        // d/du (e^u - 1)/u = (e^u - exprel(u))/u.
                        return Chain(MulBuilder.Build(new[] { Expr.Sub(Call(FunctionNames.Exp, u), f), PowBuilder.Build(u, Expr.MinusOne) }), u);
                    case FunctionNames.Atan:
                        return Chain(PowBuilder.Build(Expr.Add(Expr.One, PowBuilder.Build(u, Expr.Two)), Expr.MinusOne), u);
                    case FunctionNames.Sigmoid:
                        return Chain(MulBuilder.Build(new[] { f, Expr.Sub(Expr.One, f) }), u);
                    case FunctionNames.Abs:
                        return Chain(Call(FunctionNames.Sign, u), u);
                    case FunctionNames.Sign:
                    case FunctionNames.Heaviside:
                        return Expr.Zero;
                    case FunctionNames.Min:
                    case FunctionNames.Max:
                        return DiffMinMax(f.Name == FunctionNames.Min, args);
                    case FunctionNames.Clip:
                    {
                        var x = args[0];
                        var lo = args[1];
                        var hi = args[2];
                        return AddBuilder.Build(new[]
                        {
                            Chain(MulBuilder.Build(new[] { H(Expr.Sub(x, lo)), H(Expr.Sub(hi, x)) }), x),
                            Chain(H(Expr.Sub(lo, x)), lo),
                            Chain(H(Expr.Sub(x, hi)), hi),
                        });
                    }

                    default:
                    {
                        var terms = new List<Expr>();
                        for (int k = 0; k < args.Length; k++)
                        {
                            terms.Add(Chain(DerivativeBuilder.Build(f, new[] { k }), args[k]));
                        }

                        return AddBuilder.Build(terms);
                    }
                }
            }

            /// <summary>Σ_k [a_k is the extreme] · a_k', with "is the extreme" as a product of heavisides.</summary>
            private Expr DiffMinMax(bool isMin, Expr[] args)
            {
                var terms = new List<Expr>();
                for (int k = 0; k < args.Length; k++)
                {
                    var selector = new List<Expr>();
                    for (int j = 0; j < args.Length; j++)
                    {
                        if (j != k)
                        {
                            selector.Add(H(isMin ? Expr.Sub(args[j], args[k]) : Expr.Sub(args[k], args[j])));
                        }
                    }

                    terms.Add(Chain(MulBuilder.Build(selector), args[k]));
                }

                return AddBuilder.Build(terms);
            }

            private Expr DiffPlaceholder(Derivative d)
            {
                var args = d.Of.ArgArray;
                var terms = new List<Expr>();
                for (int k = 0; k < args.Length; k++)
                {
                    var slots = d.SlotArray.Concat(new[] { k }).ToArray();
                    terms.Add(Chain(DerivativeBuilder.Build(d.Of, slots), args[k]));
                }

                return AddBuilder.Build(terms);
            }

            private Expr DiffSum(Sum s)
            {
                var xIndices = new HashSet<string>(_x.FreeIndexNames);
                var indices = s.IndexArray.ToList();
                var body = s.Body;
                if (indices.Any(i => xIndices.Contains(i.Name)))
                {
                    // Σ_i s[i]^2 differentiated by s[i]: the bound i is not the free i of the variable.
                    var avoid = new HashSet<string>(xIndices);
                    avoid.UnionWith(body.FreeIndexNames);
                    avoid.UnionWith(indices.Select(i => i.Name));
                    var renames = new Dictionary<string, Expr>();
                    for (int k = 0; k < indices.Count; k++)
                    {
                        if (xIndices.Contains(indices[k].Name))
                        {
                            var fresh = Expr.Index(IndexSubstitution.FreshName(indices[k].Name, avoid));
                            avoid.Add(fresh.Name);
                            renames[indices[k].Name] = fresh;
                            indices[k] = fresh;
                        }
                    }

                    body = IndexSubstitution.Apply(body, renames);
                }

                var derivative = D(body);
                if (derivative.IsZero)
                {
                    return Expr.Zero;
                }

                var bound = new HashSet<string>(indices.Select(i => i.Name));
                var pieces = new List<Expr>();
                Split(derivative, bound, pieces);
                return AddBuilder.Build(pieces.Select(p => SumBuilder.Build(indices, p)).ToList());
            }

            /// <summary>Distributes just enough that every delta on a bound index is a direct factor of its
            /// term, where the sum builder can eliminate it.</summary>
            private void Split(Expr e, HashSet<string> bound, List<Expr> pieces)
            {
                global::DynLang.Core.Diagnostics.StackGuard.Ensure();
                _budget.Step(Operation);
                if (e is Add a)
                {
                    foreach (var t in a.TermArray)
                    {
                        Split(t, bound, pieces);
                    }

                    return;
                }

                if (e is Mul m)
                {
                    for (int i = 0; i < m.FactorArray.Length; i++)
                    {
                        if (m.FactorArray[i] is Add inner && ContainsBoundDelta(inner, bound))
                        {
                            foreach (var t in inner.TermArray)
                            {
                                var parts = new List<Expr> { Expr.Number(m.Coefficient), t };
                                parts.AddRange(m.FactorArray.Where((_, j) => j != i));
                                Split(MulBuilder.Build(parts), bound, pieces);
                            }

                            return;
                        }
                    }
                }

                pieces.Add(e);
                _budget.CheckTerms(Operation, pieces.Count);
            }

            private static bool ContainsBoundDelta(Expr e, HashSet<string> bound) =>
                ExprAnalysis.Descendants(e).Any(n => n is Delta && n.FreeIndexNames.Any(bound.Contains));
        }
    }
}
