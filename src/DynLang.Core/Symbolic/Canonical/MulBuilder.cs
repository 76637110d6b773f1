using System;
using System.Collections.Generic;
using System.Linq;

namespace DynLang.Core.Symbolic
{
    /// <summary>
    /// Canonical products: flatten, fold the numeric coefficient, combine equal bases by adding exponents
    /// (x*x → x^2, a/b*b → a, (a+b)*(a+b)^-1 → 1), annihilate on zero, sort, collapse.
    /// </summary>
    /// <remarks>
    /// Products are not distributed over sums, with one exception: a number times a single sum is
    /// distributed (2*(x+y) → 2*x + 2*y, -(a-b) → b - a). Without it, -(a - b) and b - a would be different
    /// canonical forms, and negation — which every subtraction uses — would hide cancellations.
    /// </remarks>
    internal static class MulBuilder
    {
        private const int LinearScanLimit = 16;

        public static Expr Build(IEnumerable<Expr> factors) => Build(factors, 0);

        // Re-flattening after merging bases converges in one or two rounds; the cap only guarantees that a
        // missed corner case yields a slightly non-canonical product instead of a hang.
        private const int MaxRebuilds = 8;

        private static Expr Build(IEnumerable<Expr> factors, int rebuilds)
        {
            global::DynLang.Core.Diagnostics.StackGuard.Ensure();
            var coefficient = BigRational.One;
            Dictionary<Expr, int>? positions = null; // only for long products; a linear scan is cheaper below
            var bases = new List<Expr>();
            var exponents = new List<List<Expr>>();
            var originals = new List<Expr>();

            int Find(Expr b)
            {
                if (positions != null)
                {
                    return positions.TryGetValue(b, out int p) ? p : -1;
                }

                for (int k = 0; k < bases.Count; k++)
                {
                    if (bases[k].Equals(b))
                    {
                        return k;
                    }
                }

                if (bases.Count >= LinearScanLimit)
                {
                    positions = new Dictionary<Expr, int>();
                    for (int k = 0; k < bases.Count; k++)
                    {
                        positions[bases[k]] = k;
                    }
                }

                return -1;
            }

            void Accept(Expr factor)
            {
                switch (factor)
                {
                    case Num n:
                        coefficient *= n.Value;
                        return;
                    case Mul m:
                        coefficient *= m.Coefficient;
                        foreach (var f in m.FactorArray)
                        {
                            Accept(f);
                        }

                        return;
                }

                var b = FactorView.BaseOf(factor);
                var e = FactorView.ExponentOf(factor);
                int at = Find(b);
                if (at >= 0)
                {
                    exponents[at].Add(e);
                    bases[at] = ExprOrder.PreferRepresentative(bases[at], b);
                }
                else
                {
                    positions?.Add(b, bases.Count);
                    bases.Add(b);
                    exponents.Add(new List<Expr> { e });
                    originals.Add(factor);
                }
            }

            foreach (var factor in factors)
            {
                Accept(factor ?? throw new ArgumentNullException(nameof(factors), "A factor is null."));
            }

            if (coefficient.IsZero)
            {
                return Expr.Zero;
            }

            var result = new List<Expr>(bases.Count);
            bool needsRebuild = false;
            for (int i = 0; i < bases.Count; i++)
            {
                // A base seen once keeps its (already canonical) original factor.
                var power = exponents[i].Count == 1 ? originals[i] : PowBuilder.Build(bases[i], AddBuilder.Build(exponents[i]));
                switch (power)
                {
                    case Num n:
                        coefficient *= n.Value;
                        if (coefficient.IsZero)
                        {
                            return Expr.Zero;
                        }

                        break;
                    case Mul:
                        // e.g. (x*y)^(1/2) * (x*y)^(1/2) = x*y, or 2^(3/2) = 2*2^(1/2): flatten again.
                        result.Add(power);
                        needsRebuild = true;
                        break;
                    default:
                        result.Add(power);
                        break;
                }
            }

            if (!needsRebuild && HasDuplicateBases(result))
            {
                // e.g. (x^2)^(1/2) squared is x^2, whose base x may already be present.
                needsRebuild = true;
            }

            if (needsRebuild && rebuilds < MaxRebuilds)
            {
                result.Add(Expr.Number(coefficient));
                return Build(result, rebuilds + 1);
            }

            if (result.Count == 0)
            {
                return Expr.Number(coefficient);
            }

            if (result.Count == 1)
            {
                if (coefficient.IsOne)
                {
                    return result[0];
                }

                if (result[0] is Add sum)
                {
                    return AddBuilder.Build(sum.TermArray.Select(t => Times(coefficient, t)));
                }
            }

            result.Sort(ExprOrder.CompareFactors);
            return new Mul(coefficient, result.ToArray());
        }

        /// <summary>
        /// Fast product of two canonical non-sum expressions (monomials), used by expansion: merges the two
        /// base-sorted factor lists instead of rebuilding from scratch. Falls back to <see cref="Build(IEnumerable{Expr})"/> for
        /// anything unusual (equal bases whose power does not stay a plain factor, sums, bound indices).
        /// </summary>
        public static Expr MultiplyMonomials(Expr a, Expr b)
        {
            if (a is Num na && b is Num nb)
            {
                return Expr.Number(na.Value * nb.Value);
            }

            if (a is Add || b is Add || a.SumDepth > 0 || b.SumDepth > 0)
            {
                return Build(new[] { a, b });
            }

            Decompose(a, out var ca, out var fa);
            Decompose(b, out var cb, out var fb);
            var coefficient = ca * cb;
            if (coefficient.IsZero)
            {
                return Expr.Zero;
            }

            var merged = new List<Expr>(fa.Length + fb.Length);
            int i = 0, j = 0;
            while (i < fa.Length || j < fb.Length)
            {
                int c = i == fa.Length ? 1 : j == fb.Length ? -1 : ExprOrder.CompareAtom(FactorView.BaseOf(fa[i]), FactorView.BaseOf(fb[j]));
                if (c < 0)
                {
                    merged.Add(fa[i++]);
                }
                else if (c > 0)
                {
                    merged.Add(fb[j++]);
                }
                else
                {
                    var ea = FactorView.ExponentOf(fa[i]);
                    var eb = FactorView.ExponentOf(fb[j]);
                    var exponent = ea is Num xa && eb is Num xb ? Expr.Number(xa.Value + xb.Value) : AddBuilder.Build(new[] { ea, eb });
                    var power = PowBuilder.Build(FactorView.BaseOf(fa[i]), exponent);
                    i++;
                    j++;
                    if (power.IsOne)
                    {
                        continue;
                    }

                    if (power is Num || power is Mul || power is Add || (power is Pow pp && !pp.Base.Equals(FactorView.BaseOf(fa[i - 1]))))
                    {
                        return Build(new[] { a, b });
                    }

                    merged.Add(power);
                }
            }

            if (merged.Count == 0)
            {
                return Expr.Number(coefficient);
            }

            if (merged.Count == 1)
            {
                if (coefficient.IsOne)
                {
                    return merged[0];
                }

                if (merged[0] is Add)
                {
                    return Build(new[] { a, b });
                }
            }

            return new Mul(coefficient, merged.ToArray());
        }

        private static void Decompose(Expr e, out BigRational coefficient, out Expr[] factors)
        {
            switch (e)
            {
                case Num n:
                    coefficient = n.Value;
                    factors = Array.Empty<Expr>();
                    return;
                case Mul m:
                    coefficient = m.Coefficient;
                    factors = m.FactorArray;
                    return;
                default:
                    coefficient = BigRational.One;
                    factors = new[] { e };
                    return;
            }
        }

        /// <summary>coefficient · term for a term of a canonical sum.</summary>
        private static Expr Times(BigRational coefficient, Expr term)
        {
            switch (term)
            {
                case Num n:
                    return Expr.Number(coefficient * n.Value);
                case Mul m:
                    var c = coefficient * m.Coefficient;
                    return m.FactorArray.Length == 1 && c.IsOne ? m.FactorArray[0] : new Mul(c, m.FactorArray);
                default:
                    return new Mul(coefficient, new[] { term });
            }
        }

        private static bool HasDuplicateBases(List<Expr> factors)
        {
            if (factors.Count < 2)
            {
                return false;
            }

            var seen = new HashSet<Expr>();
            foreach (var f in factors)
            {
                if (!seen.Add(FactorView.BaseOf(f)))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
