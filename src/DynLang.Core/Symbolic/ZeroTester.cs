using System;
using System.Collections.Generic;
using System.Linq;

namespace DynLang.Core.Symbolic
{
    /// <summary>
    /// Decides whether an expression is identically zero: symbolically (canonical form → expansion →
    /// numerator over a common denominator) and, as a fallback, numerically at random points.
    /// </summary>
    public static class ZeroTester
    {
        /// <summary>Relative tolerance of the numeric test: double rounding is ~1e-16 per operation; 1e-9 leaves
        /// room for error amplification in ordinary expressions while catching any genuine residual.</summary>
        public const double NumericRelativeTolerance = 1e-9;

        /// <summary>Default symbol range of the numeric test: positive, so ln, sqrt and 1/x are defined.</summary>
        public static readonly (double Lo, double Hi) DefaultRange = (0.5, 2.0);

        /// <summary>Symbolic zero test with a fresh default budget.</summary>
        public static ZeroTestResult IsZero(Expr e) => IsZero(e, SymbolicBudget.CreateDefault());

        /// <summary>
        /// Symbolic zero test. Proven when the canonical form, the expansion or the numerator over a common
        /// denominator is 0. Disproven when that numerator is a non-zero polynomial in independent symbols
        /// (plain or indexed symbols and index variables only — such a polynomial cannot vanish identically).
        /// Otherwise undecided, e.g. when functions are involved (sin²+cos²-1 has a non-zero numerator
        /// polynomial in the atoms sin x, cos x), or when the budget runs out; then use
        /// <see cref="NumericZeroTest(Expr, int, int, Func{Sym, ValueTuple{double, double}}, int)"/>.
        /// </summary>
        public static ZeroTestResult IsZero(Expr e, SymbolicBudget budget)
        {
            global::DynLang.Core.Diagnostics.StackGuard.Ensure();
            if (e == null)
            {
                throw new ArgumentNullException(nameof(e));
            }

            if (budget == null)
            {
                throw new ArgumentNullException(nameof(budget));
            }

            if (e.IsZero)
            {
                return new ZeroTestResult(ZeroTestOutcome.Proven, null, "the canonical form is 0");
            }

            Expr? expanded = null;
            try
            {
                expanded = Expander.Expand(e, budget);
                if (expanded.IsZero)
                {
                    return new ZeroTestResult(ZeroTestOutcome.Proven, null, "the expansion is 0");
                }

                var form = RationalForm.Together(expanded, budget);
                if (form.Numerator.IsZero)
                {
                    return new ZeroTestResult(ZeroTestOutcome.Proven, null, "the numerator over a common denominator expands to 0");
                }

                var residual = form.Denominator.IsOne ? form.Numerator : form.ToExpr();
                if (IsSymbolPolynomial(form.Numerator) && IsSymbolPolynomialProduct(form.Denominator))
                {
                    return new ZeroTestResult(
                        ZeroTestOutcome.Disproven, residual, "the numerator is a non-zero polynomial in independent symbols");
                }

                var atoms = NonPolynomialAtoms(form.Numerator).Take(3).Select(a => a.ToString());
                return new ZeroTestResult(
                    ZeroTestOutcome.Undecided,
                    residual,
                    "the simplified numerator " + Abbreviate(form.Numerator) + " involves " + string.Join(", ", atoms)
                    + ", whose algebraic relations are unknown to the symbolic test; try the numeric test");
            }
            catch (SymbolicBudgetExceededException ex)
            {
                return new ZeroTestResult(ZeroTestOutcome.Undecided, expanded, "symbolic budget exceeded: " + ex.Message);
            }
            catch (OverflowException ex)
            {
                return new ZeroTestResult(ZeroTestOutcome.Undecided, expanded, "an exponent is too large to handle: " + ex.Message);
            }
            catch (DivideByZeroException)
            {
                return new ZeroTestResult(ZeroTestOutcome.Undecided, expanded, "the expression divides by an expression that is identically zero");
            }
        }

        /// <summary>Numeric zero test with a seeded generator; see the <see cref="Random"/> overload.</summary>
        public static NumericZeroResult NumericZeroTest(
            Expr e, int points, int seed, Func<Sym, (double Lo, double Hi)>? ranges = null, int indexExtent = 4) =>
            NumericZeroTest(e, points, new Random(seed), ranges, indexExtent);

        /// <summary>
        /// Evaluates <paramref name="e"/> at <paramref name="points"/> random points. Each symbol occurrence with
        /// concrete indices (x, W[0,2]) gets an independent uniform value in <paramref name="ranges"/>(symbol)
        /// (default <see cref="DefaultRange"/>; indexed symbols are passed with numeric indices); free index
        /// variables get random values in 0..<paramref name="indexExtent"/>-1 and sums run over that range.
        /// Points where the value is NaN or infinite are skipped (up to as many again). A point is a
        /// counterexample when |value| &gt; <see cref="NumericRelativeTolerance"/>·max(1, Σ|top-level terms|).
        /// </summary>
        public static NumericZeroResult NumericZeroTest(
            Expr e, int points, Random random, Func<Sym, (double Lo, double Hi)>? ranges = null, int indexExtent = 4)
        {
            if (e == null)
            {
                throw new ArgumentNullException(nameof(e));
            }

            if (random == null)
            {
                throw new ArgumentNullException(nameof(random));
            }

            if (points <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(points), "At least one point is required.");
            }

            if (indexExtent <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(indexExtent), "The index extent must be positive.");
            }

            var freeIndices = e.FreeIndexNames.OrderBy(n => n, StringComparer.Ordinal).ToList();
            var terms = Expander.TermsOf(e);
            int evaluated = 0;
            int skipped = 0;
            double maxAbs = 0;
            try
            {
                while (evaluated < points && skipped <= points)
                {
                    var point = new SortedDictionary<string, double>(StringComparer.Ordinal);
                    var indexValues = new Dictionary<string, int>();
                    foreach (var name in freeIndices)
                    {
                        indexValues[name] = random.Next(indexExtent);
                        point[name] = indexValues[name];
                    }

                    double SymbolValue(string name, IReadOnlyList<int> indices)
                    {
                        var key = indices.Count == 0 ? name : name + "[" + string.Join(",", indices) + "]";
                        if (!point.TryGetValue(key, out double v))
                        {
                            var (lo, hi) = ranges?.Invoke(Expr.Symbol(name, indices.Select(i => (Expr)Expr.Number(i)).ToArray())) ?? DefaultRange;
                            v = lo + (hi - lo) * random.NextDouble();
                            point[key] = v;
                        }

                        return v;
                    }

                    double scale = 0;
                    double value = 0;
                    foreach (var term in terms)
                    {
                        double t = Evaluator.EvaluateIndexed(term, SymbolValue, indexValues, indexExtent);
                        value += t;
                        scale += Math.Abs(t);
                    }

                    if (double.IsNaN(value) || double.IsInfinity(value) || double.IsNaN(scale) || double.IsInfinity(scale))
                    {
                        skipped++;
                        continue;
                    }

                    evaluated++;
                    maxAbs = Math.Max(maxAbs, Math.Abs(value));
                    if (Math.Abs(value) > NumericRelativeTolerance * Math.Max(1.0, scale))
                    {
                        return new NumericZeroResult(NumericZeroOutcome.Counterexample, evaluated, skipped, maxAbs, point, value, null);
                    }
                }
            }
            catch (EvaluationException ex)
            {
                return new NumericZeroResult(NumericZeroOutcome.Inconclusive, evaluated, skipped, maxAbs, null, 0, "cannot evaluate: " + ex.Message);
            }

            if (evaluated < points)
            {
                return new NumericZeroResult(
                    NumericZeroOutcome.Inconclusive, evaluated, skipped, maxAbs, null, 0,
                    $"only {evaluated} of {points} points were inside the domain (value NaN or infinite elsewhere)");
            }

            return new NumericZeroResult(NumericZeroOutcome.ZeroAtAllPoints, evaluated, skipped, maxAbs, null, 0, null);
        }

        private static string Abbreviate(Expr e)
        {
            var text = e.ToString();
            return text.Length <= 120 ? text : text.Substring(0, 117) + "...";
        }

        private static bool IsIndexPolynomial(Expr e) =>
            ExprAnalysis.Descendants(e).All(n =>
                n is Num || n is Idx || n is Add || n is Mul
                || (n is Pow p && p.Exponent is Num k && k.Value.IsInteger && k.Value.Sign > 0));

        private static bool IsPolynomialAtom(Expr e) =>
            e is Idx || (e is Sym s && s.IndexArray.All(IsIndexPolynomial));

        private static bool IsPolynomialFactor(Expr f) =>
            IsPolynomialAtom(f)
            || (f is Pow p && IsPolynomialAtom(p.Base) && p.Exponent is Num n && n.Value.IsInteger && n.Value.Sign > 0);

        private static bool IsMonomial(Expr t) =>
            t is Num || IsPolynomialFactor(t) || (t is Mul m && m.FactorArray.All(IsPolynomialFactor));

        private static bool IsSymbolPolynomial(Expr e) => Expander.TermsOf(e).All(IsMonomial);

        /// <summary>A product of positive integer powers of non-zero polynomials in symbols.</summary>
        private static bool IsSymbolPolynomialProduct(Expr e)
        {
            var factors = e is Mul m ? m.FactorArray : new[] { e };
            return factors.All(f =>
            {
                var b = FactorView.BaseOf(f);
                var x = FactorView.ExponentOf(f);
                return x is Num n && n.Value.IsInteger && (b is Num || IsSymbolPolynomial(b));
            });
        }

        private static IEnumerable<Expr> NonPolynomialAtoms(Expr numerator)
        {
            var seen = new HashSet<Expr>();
            foreach (var term in Expander.TermsOf(numerator))
            {
                var factors = term is Mul m ? m.FactorArray : new[] { term };
                foreach (var f in factors)
                {
                    if (!(f is Num) && !IsPolynomialFactor(f) && seen.Add(f))
                    {
                        yield return f;
                    }
                }
            }
        }
    }
}
