using System;

namespace DynLang.Core.Symbolic
{
    /// <summary>Canonical Kronecker deltas: δ(a,a) = 1, δ(a,b) = 0 when a - b is a nonzero constant
    /// (two different numbers, or i vs i+1), arguments sorted since δ is symmetric.</summary>
    internal static class DeltaBuilder
    {
        public static Expr Build(Expr a, Expr b)
        {
            if (a == null)
            {
                throw new ArgumentNullException(nameof(a));
            }

            if (b == null)
            {
                throw new ArgumentNullException(nameof(b));
            }

            if (a.Equals(b))
            {
                return Expr.One;
            }

            if (Expr.Sub(a, b) is Num)
            {
                return Expr.Zero; // equal would have been caught above, so the difference is nonzero
            }

            return ExprOrder.Compare(a, b) <= 0 ? new Delta(a, b) : new Delta(b, a);
        }
    }
}
