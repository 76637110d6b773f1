using System;
using System.Collections.Generic;
using System.Linq;

namespace DynLang.Core.Symbolic
{
    /// <summary>
    /// Expansion into a sum of monomials: products are distributed over sums, positive integer powers of sums
    /// are multiplied out, sums over indices are split over their terms (Σ_k (a+b) = Σ_k a + Σ_k b), and
    /// expansion recurses into function arguments, index expressions and sum bodies.
    /// </summary>
    /// <remarks>
    /// Negative powers of sums (denominators) are left as they are — putting an expression over a common
    /// denominator is <see cref="RationalForm"/>'s job. Within each monomial, a Kronecker delta of two index
    /// variables is propagated: δ(i,j)·f(i,j) becomes δ(i,j)·f(i,i) (replacing the later name by the earlier),
    /// which is an identity because the product vanishes unless i = j. Every product formed costs one budget
    /// step and every intermediate sum is checked against the term limit, so blow-ups such as
    /// (a+b+c+d+e)^40 stop with <see cref="SymbolicBudgetExceededException"/> instead of hanging.
    /// </remarks>
    public static class Expander
    {
        private const string Operation = "expand";

        /// <summary>Expands with a fresh default budget.</summary>
        /// <exception cref="SymbolicBudgetExceededException">The expansion is too large.</exception>
        public static Expr Expand(Expr e) => Expand(e, SymbolicBudget.CreateDefault());

        /// <summary>Expands, charging work to <paramref name="budget"/>.</summary>
        /// <exception cref="SymbolicBudgetExceededException">The budget is exhausted.</exception>
        public static Expr Expand(Expr e, SymbolicBudget budget)
        {
            if (e == null)
            {
                throw new ArgumentNullException(nameof(e));
            }

            if (budget == null)
            {
                throw new ArgumentNullException(nameof(budget));
            }

            return ExpandCore(e, budget);
        }

        /// <summary>The terms of <paramref name="e"/> seen as a sum.</summary>
        internal static Expr[] TermsOf(Expr e) => e is Add a ? a.TermArray : new[] { e };

        internal static Expr ExpandCore(Expr e, SymbolicBudget budget)
        {
            global::DynLang.Core.Diagnostics.StackGuard.Ensure();
            budget.Step(Operation);
            switch (e)
            {
                case Num _:
                case Idx _:
                    return e;
                case Add a:
                {
                    var terms = new List<Expr>(a.TermArray.Length);
                    foreach (var t in a.TermArray)
                    {
                        terms.AddRange(TermsOf(ExpandCore(t, budget)));
                    }

                    budget.CheckTerms(Operation, terms.Count);
                    return PropagateDeltas(AddBuilder.Build(terms), budget);
                }

                case Mul m:
                    return ExpandProduct(m.Coefficient, m.FactorArray.Select(f => ExpandCore(f, budget)).ToList(), budget);
                case Pow p:
                    return ExpandPower(p, budget);
                case Sum s:
                {
                    var body = ExpandCore(s.Body, budget);
                    var parts = TermsOf(body).Select(t => SumBuilder.Build(s.IndexArray, t)).ToList();
                    return AddBuilder.Build(parts);
                }

                default:
                    // Sym (index expressions), Func, Delta, Derivative: expand the children.
                    return e.MapChildren(c => ExpandCore(c, budget));
            }
        }

        /// <summary>Distributes coefficient · Π factors, where each factor is already expanded.</summary>
        private static Expr ExpandProduct(BigRational coefficient, IReadOnlyList<Expr> factors, SymbolicBudget budget)
        {
            IReadOnlyList<Expr> terms = new Expr[] { Expr.Number(coefficient) };
            int start = 0;
            if (coefficient.IsOne && factors.Count > 0)
            {
                terms = TermsOf(factors[0]);
                start = 1;
            }

            for (int f = start; f < factors.Count; f++)
            {
                var factor = factors[f];
                var factorTerms = TermsOf(factor);
                budget.CheckTerms(Operation, (long)terms.Count * factorTerms.Length);
                var products = new List<Expr>(terms.Count * factorTerms.Length);
                foreach (var t in terms)
                {
                    foreach (var u in factorTerms)
                    {
                        budget.Step(Operation);
                        products.Add(Multiply(t, u, budget));
                    }
                }

                terms = factorTerms.Length == 1 ? products : TermsOf(AddBuilder.Build(products));
                budget.CheckTerms(Operation, terms.Count);
            }

            return PropagateDeltas(AddBuilder.Build(terms), budget);
        }

        /// <summary>Product of two monomials. Merging bases can rarely recreate a sum, e.g.
        /// (a+b)^(1/2)·(a+b)^(1/2) = a+b inside a product, which then needs distributing again.</summary>
        private static Expr Multiply(Expr a, Expr b, SymbolicBudget budget)
        {
            var product = MulBuilder.MultiplyMonomials(a, b);
            return product is Mul m && m.FactorArray.Any(IsExpandablePower) ? ExpandCore(product, budget) : product;
        }

        private static bool IsExpandablePower(Expr f) =>
            f is Add || (f is Pow p && p.Base is Add && p.Exponent is Num n && n.Value.IsInteger && n.Value.Sign > 0);

        private static Expr ExpandPower(Pow p, SymbolicBudget budget)
        {
            var b = ExpandCore(p.Base, budget);
            var x = ExpandCore(p.Exponent, budget);
            if (b is Add && x is Num n && n.Value.IsInteger && n.Value.Sign > 0)
            {
                if (n.Value.Numerator > budget.MaxSteps)
                {
                    throw new SymbolicBudgetExceededException(Operation, $"{Operation}: exponent {n.Value} exceeds the step budget.");
                }

                int k = (int)n.Value.Numerator;
                CheckMultinomialSize((Add)b, k, budget);
                var result = b;
                for (int i = 1; i < k; i++)
                {
                    result = ExpandProduct(BigRational.One, new[] { result, b }, budget);
                }

                return result;
            }

            var rebuilt = PowBuilder.Build(b, x);
            if (rebuilt is Mul m)
            {
                // e.g. (2*(a+b))^2 → 4*(a+b)^2: expand the new factors.
                var factors = m.FactorArray.Select(f => IsExpandablePower(f) && f is Pow fp ? ExpandPower(fp, budget) : f).ToList();
                return ExpandProduct(m.Coefficient, factors, budget);
            }

            return rebuilt;
        }

        /// <summary>
        /// When the terms of the base are multiples of distinct plain atoms (a + 2*b + c ...), the power has
        /// exactly C(n+m-1, m-1) terms; refuse at once instead of multiplying up to the limit.
        /// </summary>
        private static void CheckMultinomialSize(Add b, int n, SymbolicBudget budget)
        {
            var atoms = new HashSet<Expr>();
            foreach (var t in b.TermArray)
            {
                AddBuilder.Split(t, out _, out var rest);
                if (t is Num || !(rest is Sym || rest is Func || rest is Idx) || !atoms.Add(rest))
                {
                    return; // terms may combine; no exact count
                }
            }

            // C(n+m-1, m-1) computed incrementally, stopping as soon as it passes the limit.
            int m = atoms.Count;
            double count = 1;
            for (int i = 1; i < m; i++)
            {
                count = count * (n + i) / i;
                if (count > budget.MaxTerms)
                {
                    budget.CheckTerms(Operation, (long)Math.Min(count, long.MaxValue));
                }
            }
        }

        /// <summary>δ(i,j)·f(i,j) → δ(i,j)·f(i,i) in every monomial (see the class remarks).</summary>
        private static Expr PropagateDeltas(Expr e, SymbolicBudget budget)
        {
            if (!(e is Add) && !(e is Mul))
            {
                return e;
            }

            bool changed = false;
            var terms = TermsOf(e).Select(t =>
            {
                var r = PropagateInTerm(t, budget);
                changed |= !ReferenceEquals(r, t);
                return r;
            }).ToList();
            return changed ? AddBuilder.Build(terms) : e;
        }

        private static Expr PropagateInTerm(Expr term, SymbolicBudget budget)
        {
            global::DynLang.Core.Diagnostics.StackGuard.Ensure();
            if (!(term is Mul m))
            {
                return term;
            }

            for (int i = 0; i < m.FactorArray.Length; i++)
            {
                if (!(m.FactorArray[i] is Delta d && d.Left is Idx a && d.Right is Idx b))
                {
                    continue;
                }

                var keep = ExprOrder.CompareNames(a.Name, b.Name) <= 0 ? a : b;
                var replace = ReferenceEquals(keep, a) ? b : a;
                var others = new List<Expr> { Expr.Number(m.Coefficient) };
                others.AddRange(m.FactorArray.Where((_, j) => j != i));
                var rest = MulBuilder.Build(others);
                if (!rest.HasFreeIndex(replace.Name))
                {
                    continue;
                }

                budget.Step(Operation);
                var renamed = IndexSubstitution.Apply(rest, new Dictionary<string, Expr> { [replace.Name] = keep });
                var result = MulBuilder.Build(new[] { d, renamed });
                return ReferenceEquals(result, term) ? term : PropagateInTerm(result, budget);
            }

            return term;
        }
    }
}
