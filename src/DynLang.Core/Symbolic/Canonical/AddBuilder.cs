using System.Collections.Generic;

namespace DynLang.Core.Symbolic
{
    /// <summary>
    /// Canonical sums: flatten nested sums, fold numbers, combine like terms by numeric coefficient
    /// (2*x + 3*x → 5*x), drop zeros, sort, and collapse empty and single-term sums.
    /// </summary>
    internal static class AddBuilder
    {
        public static Expr Build(IEnumerable<Expr> terms)
        {
            global::DynLang.Core.Diagnostics.StackGuard.Ensure();
            var constant = BigRational.Zero;
            var positions = new Dictionary<Expr, int>();
            var rests = new List<Expr>();
            var coefficients = new List<BigRational>();

            void Accept(Expr term)
            {
                switch (term)
                {
                    case Num n:
                        constant += n.Value;
                        return;
                    case Add a:
                        foreach (var t in a.TermArray)
                        {
                            Accept(t);
                        }

                        return;
                }

                Split(term, out var coefficient, out var rest);
                if (positions.TryGetValue(rest, out int at))
                {
                    coefficients[at] += coefficient;
                    rests[at] = ExprOrder.PreferRepresentative(rests[at], rest);
                }
                else
                {
                    positions.Add(rest, rests.Count);
                    rests.Add(rest);
                    coefficients.Add(coefficient);
                }
            }

            foreach (var term in terms)
            {
                Accept(term ?? throw new System.ArgumentNullException(nameof(terms), "A term is null."));
            }

            var result = new List<Expr>(rests.Count + 1);
            if (!constant.IsZero)
            {
                result.Add(Expr.Number(constant));
            }

            for (int i = 0; i < rests.Count; i++)
            {
                if (!coefficients[i].IsZero)
                {
                    result.Add(WithCoefficient(coefficients[i], rests[i]));
                }
            }

            if (result.Count == 0)
            {
                return Expr.Zero;
            }

            if (result.Count == 1)
            {
                return result[0];
            }

            result.Sort(ExprOrder.Compare);
            return new Add(result.ToArray());
        }

        /// <summary>Splits a non-numeric, non-sum term into coefficient · rest.</summary>
        internal static void Split(Expr term, out BigRational coefficient, out Expr rest)
        {
            if (term is Mul m)
            {
                coefficient = m.Coefficient;
                if (m.Coefficient.IsOne)
                {
                    rest = m;
                }
                else
                {
                    rest = m.FactorArray.Length == 1 ? m.FactorArray[0] : new Mul(BigRational.One, m.FactorArray);
                }
            }
            else
            {
                coefficient = BigRational.One;
                rest = term;
            }
        }

        /// <summary>coefficient · rest for a rest produced by <see cref="Split"/> (never a sum or a number).</summary>
        internal static Expr WithCoefficient(BigRational coefficient, Expr rest)
        {
            if (coefficient.IsOne)
            {
                return rest;
            }

            return rest is Mul m ? new Mul(coefficient, m.FactorArray) : new Mul(coefficient, new[] { rest });
        }
    }
}
