using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace DynLang.Core.Symbolic
{
    /// <summary>
    /// Readable infix math for diagnostics: <c>x*y - 2*z</c>, <c>eta*y[i]*(x[j] - W[i,j]*y[i])</c>,
    /// <c>a/(b*c)</c>, <c>sqrt(x)</c>, <c>x^(1/3)</c>, <c>sum(k, x[k]^2)</c>, <c>δ(i,j)</c>, <c>f'(u)</c>.
    /// </summary>
    /// <remarks>
    /// Output is deterministic: it follows the canonical operand order, with one presentational exception —
    /// a sum whose first term is negative starts with its first positive term instead (<c>x - 1</c>, not
    /// <c>-1 + x</c>). Parentheses are minimal under the usual precedence (sum &lt; product &lt; unary minus
    /// &lt; power). Negative-exponent factors print as a division. Unevaluated derivatives of a unary opaque
    /// function print with primes (<c>f''(u)</c>), others as <c>∂[1,2]f(u, v)</c> with 1-based slots.
    /// </remarks>
    public static class ExprPrinter
    {
        private const int PrecAdd = 1;
        private const int PrecMul = 2;
        private const int PrecUnary = 3;
        private const int PrecPow = 4;
        private const int PrecAtom = 5;

        /// <summary>Prints <paramref name="e"/> as infix text.</summary>
        public static string Print(Expr e)
        {
            if (e == null)
            {
                throw new ArgumentNullException(nameof(e));
            }

            return Render(e).Text;
        }

        private static string P(Expr e, int context)
        {
            var r = Render(e);
            return r.Prec < context ? "(" + r.Text + ")" : r.Text;
        }

        private static (string Text, int Prec) Render(Expr e)
        {
            global::DynLang.Core.Diagnostics.StackGuard.Ensure();
            switch (e)
            {
                case Num n:
                    return RenderNumber(n.Value);
                case Idx i:
                    return (i.Name, PrecAtom);
                case Sym s:
                    return (s.IsIndexed ? s.Name + "[" + string.Join(",", s.IndexArray.Select(x => P(x, 0))) + "]" : s.Name, PrecAtom);
                case Func f:
                    return (f.Name + "(" + string.Join(", ", f.ArgArray.Select(x => P(x, 0))) + ")", PrecAtom);
                case Delta d:
                    return ("δ(" + P(d.Left, 0) + "," + P(d.Right, 0) + ")", PrecAtom);
                case Derivative der:
                    return (RenderDerivative(der), PrecAtom);
                case Sum sum:
                    return ("sum(" + string.Join(", ", sum.IndexArray.Select(i => i.Name)) + ", " + P(sum.Body, 0) + ")", PrecAtom);
                case Add a:
                    return RenderAdd(a.TermArray);
                case Mul m:
                    return RenderProduct(m.Coefficient, m.FactorArray);
                case Pow p:
                    return p.Exponent is Num ne && ne.Value.IsNegative ? RenderProduct(BigRational.One, new Expr[] { p }) : RenderPow(p);
                default:
                    throw new InvalidOperationException("Unknown expression kind " + e.Kind + ".");
            }
        }

        private static (string, int) RenderNumber(BigRational v)
        {
            var text = v.ToString();
            if (v.IsNegative)
            {
                return (text, PrecUnary);
            }

            return (text, v.IsInteger ? PrecAtom : PrecMul);
        }

        private static string RenderDerivative(Derivative d)
        {
            var args = string.Join(", ", d.Of.ArgArray.Select(x => P(x, 0)));
            if (d.Of.ArgArray.Length == 1)
            {
                return d.FunctionName + new string('\'', d.SlotArray.Length) + "(" + args + ")";
            }

            return "∂[" + string.Join(",", d.SlotArray.Select(s => s + 1)) + "]" + d.FunctionName + "(" + args + ")";
        }

        private static bool IsNegativeTerm(Expr t) =>
            (t is Num n && n.Value.IsNegative) || (t is Mul m && m.Coefficient.IsNegative);

        private static Expr Negated(Expr t)
        {
            if (t is Num n)
            {
                return Expr.Number(-n.Value);
            }

            AddBuilder.Split(t, out var coefficient, out var rest);
            return AddBuilder.WithCoefficient(-coefficient, rest);
        }

        private static (string, int) RenderAdd(Expr[] terms)
        {
            var order = terms.ToList();
            if (IsNegativeTerm(order[0]))
            {
                int firstPositive = order.FindIndex(t => !IsNegativeTerm(t));
                if (firstPositive > 0)
                {
                    var t = order[firstPositive];
                    order.RemoveAt(firstPositive);
                    order.Insert(0, t);
                }
            }

            var sb = new StringBuilder();
            sb.Append(P(order[0], PrecAdd));
            for (int i = 1; i < order.Count; i++)
            {
                if (IsNegativeTerm(order[i]))
                {
                    sb.Append(" - ").Append(P(Negated(order[i]), PrecMul));
                }
                else
                {
                    sb.Append(" + ").Append(P(order[i], PrecMul));
                }
            }

            return (sb.ToString(), PrecAdd);
        }

        private static (string, int) RenderProduct(BigRational coefficient, IReadOnlyList<Expr> factors)
        {
            bool negative = coefficient.IsNegative;
            var c = coefficient.Abs();
            var numerator = new List<string>();
            var denominator = new List<Expr>();
            int singlePrec = PrecMul;
            foreach (var f in factors)
            {
                if (f is Pow p && p.Exponent is Num ne && ne.Value.IsNegative)
                {
                    denominator.Add(PowBuilder.Build(p.Base, Expr.Number(-ne.Value)));
                }
                else
                {
                    var r = Render(f);
                    singlePrec = r.Prec;
                    numerator.Add(r.Prec < PrecUnary ? "(" + r.Text + ")" : r.Text);
                }
            }

            if (!c.Numerator.IsOne)
            {
                numerator.Insert(0, c.Numerator.ToString());
                singlePrec = PrecAtom;
            }

            var denominatorTexts = denominator.Select(d => P(d, denominator.Count == 1 && c.IsInteger ? PrecPow : PrecUnary)).ToList();
            if (!c.IsInteger)
            {
                denominatorTexts.Insert(0, c.Denominator.ToString());
            }

            string text = numerator.Count == 0 ? "1" : string.Join("*", numerator);
            int prec = numerator.Count == 1 && denominatorTexts.Count == 0 ? singlePrec : PrecMul;
            if (denominatorTexts.Count == 1)
            {
                text += "/" + denominatorTexts[0];
            }
            else if (denominatorTexts.Count > 1)
            {
                text += "/(" + string.Join("*", denominatorTexts) + ")";
            }

            return negative ? ("-" + text, PrecUnary) : (text, prec);
        }

        private static (string, int) RenderPow(Pow p)
        {
            if (p.Exponent is Num half && half.Value == BigRational.Half)
            {
                return ("sqrt(" + P(p.Base, 0) + ")", PrecAtom);
            }

            string exponent;
            var r = Render(p.Exponent);
            if (p.Exponent is Num n && n.Value.IsInteger && !n.Value.IsNegative)
            {
                exponent = r.Text;
            }
            else
            {
                exponent = r.Prec >= PrecAtom ? r.Text : "(" + r.Text + ")";
            }

            return (P(p.Base, PrecAtom) + "^" + exponent, PrecPow);
        }
    }
}
