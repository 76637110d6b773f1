using System;
using System.Collections.Generic;
using System.Linq;

namespace DynLang.Core.Symbolic
{
    /// <summary>
    /// Canonical function applications: synonyms mapped ("log" → ln, sqrt → power), arity checked, and
    /// exact values folded — only identities that hold for every real argument where both sides are
    /// defined (exp(0) = 1, ln(exp(x)) = x, exp(ln(x)) = x for x &gt; 0, abs(c·x) = |c|·abs(x), ...).
    /// Arguments of min and max are flattened, deduplicated and sorted (they commute).
    /// </summary>
    internal static class FuncBuilder
    {
        public static Expr Build(string name, IReadOnlyList<Expr> args)
        {
            global::DynLang.Core.Diagnostics.StackGuard.Ensure();
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException("A function name must be non-empty.", nameof(name));
            }

            if (args == null)
            {
                throw new ArgumentNullException(nameof(args));
            }

            var a = new Expr[args.Count];
            for (int i = 0; i < a.Length; i++)
            {
                a[i] = args[i] ?? throw new ArgumentNullException(nameof(args), "An argument is null.");
            }

            switch (name)
            {
                case FunctionNames.Log:
                    name = FunctionNames.Ln;
                    break;
                case FunctionNames.Sqrt:
                    if (a.Length != 1)
                    {
                        throw new ArgumentException($"sqrt takes 1 argument, not {a.Length}.");
                    }

                    return PowBuilder.Build(a[0], Expr.Half);
                case FunctionNames.PowName:
                    if (a.Length != 2)
                    {
                        throw new ArgumentException($"pow takes 2 arguments, not {a.Length}.");
                    }

                    return PowBuilder.Build(a[0], a[1]);
            }

            FunctionNames.CheckArity(name, a.Length);
            var folded = Fold(name, a);
            return folded ?? new Func(name, a);
        }

        private static Expr? Fold(string name, Expr[] a)
        {
            var x = a[0];
            bool isZero = x.IsZero;
            switch (name)
            {
                case FunctionNames.Exp:
                    if (isZero)
                    {
                        return Expr.One;
                    }

                    return x is Func { Name: FunctionNames.Ln } ln ? ln.ArgArray[0] : null;
                case FunctionNames.Ln:
                    if (x.IsOne)
                    {
                        return Expr.Zero;
                    }

                    return x is Func { Name: FunctionNames.Exp } exp ? exp.ArgArray[0] : null;
                case FunctionNames.Sin:
                case FunctionNames.Tan:
                case FunctionNames.Tanh:
                case FunctionNames.Sinh:
                case FunctionNames.Atan:
                    // Odd functions: f(-x) = -f(x). Of x and -x the canonically smaller one is kept
                    // inside, so sin(b - a) and -sin(a - b) meet.
                    if (isZero) return Expr.Zero;
                    return PreferNegated(x) is { } negatedOdd ? MulBuilder.Build(new Expr[] { Expr.MinusOne, new Func(name, new[] { negatedOdd }) }) : null;
                case FunctionNames.Cos:
                case FunctionNames.Cosh:
                    // Even functions: f(-x) = f(x).
                    if (isZero) return Expr.One;
                    return PreferNegated(x) is { } negatedEven ? new Func(name, new[] { negatedEven }) : null;
                case FunctionNames.Sigmoid:
                    return isZero ? Expr.Half : null;
                case FunctionNames.Exprel:
                    return isZero ? Expr.One : null;
                case FunctionNames.Abs:
                    return FoldAbs(x);
                case FunctionNames.Sign:
                    return x is Num s ? Expr.Number(s.Value.Sign) : null;
                case FunctionNames.Heaviside:
                    return x is Num h ? (h.Value.Sign > 0 ? Expr.One : h.Value.Sign < 0 ? Expr.Zero : Expr.Half) : null;
                case FunctionNames.Min:
                case FunctionNames.Max:
                    return FoldMinMax(name, a);
                case FunctionNames.Clip:
                    if (a[0] is Num v && a[1] is Num lo && a[2] is Num hi)
                    {
                        var clipped = v.Value < lo.Value ? lo.Value : v.Value;
                        return Expr.Number(clipped > hi.Value ? hi.Value : clipped);
                    }

                    return null;
                default:
                    return null;
            }
        }

        /// <summary>
        /// -x when x "looks negative" (a negative number, a product with a negative coefficient, or a
        /// sum whose first canonical term looks negative), null otherwise: exactly one of x and -x is
        /// the representative, so sin(b - a) and -sin(a - b) meet, and tanh(s) stays tanh(s).
        /// </summary>
        private static Expr? PreferNegated(Expr x) =>
            LooksNegative(x) ? MulBuilder.Build(new Expr[] { Expr.MinusOne, x }) : null;

        private static bool LooksNegative(Expr x) => global::DynLang.Core.Diagnostics.StackGuard.Checked(x) switch
        {
            Num n => n.Value.Sign < 0,
            Mul m => m.Coefficient.Sign < 0,
            Add a => a.Terms.Count > 0 && LooksNegative(a.Terms[0]),
            _ => false,
        };

        private static Expr? FoldAbs(Expr x)
        {
            switch (x)
            {
                case Num n:
                    return Expr.Number(n.Value.Abs());
                case Func { Name: FunctionNames.Abs }:
                    return x;
                case Pow p when p.Exponent is Num pe && pe.Value.IsInteger && pe.Value.Numerator.IsEven:
                    return x; // x^(2k) ≥ 0
                case Mul m when !m.Coefficient.IsOne:
                {
                    var rest = m.FactorArray.Length == 1 ? m.FactorArray[0] : new Mul(BigRational.One, m.FactorArray);
                    return MulBuilder.Build(new[] { Expr.Number(m.Coefficient.Abs()), Build(FunctionNames.Abs, new[] { rest }) });
                }

                default:
                    return null;
            }
        }

        private static Expr? FoldMinMax(string name, Expr[] a)
        {
            bool isMin = name == FunctionNames.Min;
            var items = new List<Expr>();
            void Accept(Expr e)
            {
                if (e is Func f && f.Name == name)
                {
                    foreach (var inner in f.ArgArray)
                    {
                        Accept(inner);
                    }
                }
                else
                {
                    items.Add(e);
                }
            }

            foreach (var e in a)
            {
                Accept(e);
            }

            Num? best = null;
            var symbolic = new List<Expr>();
            var seen = new HashSet<Expr>();
            foreach (var e in items)
            {
                if (e is Num n)
                {
                    if (best == null || (isMin ? n.Value < best.Value : n.Value > best.Value))
                    {
                        best = n;
                    }
                }
                else if (seen.Add(e))
                {
                    symbolic.Add(e);
                }
            }

            if (best != null)
            {
                symbolic.Add(best);
            }

            if (symbolic.Count == 1)
            {
                return symbolic[0];
            }

            symbolic.Sort(ExprOrder.Compare);
            if (symbolic.Count == a.Length && symbolic.SequenceEqual(a))
            {
                return null; // already canonical; let the caller build the node
            }

            return new Func(name, symbolic.ToArray());
        }
    }
}
