using System;

namespace DynLang.Core.Symbolic
{
    /// <summary>
    /// Dispatch over the node kinds, for printers and other walkers written outside this namespace
    /// (the node classes are public and sealed, so a switch on type works equally well).
    /// </summary>
    /// <typeparam name="T">The result type.</typeparam>
    public abstract class ExprVisitor<T>
    {
        /// <summary>Calls the Visit method for the node's kind.</summary>
        public T Visit(Expr e)
        {
            global::DynLang.Core.Diagnostics.StackGuard.Ensure();
            switch (e)
            {
                case Num n: return VisitNum(n);
                case Sym s: return VisitSym(s);
                case Idx i: return VisitIdx(i);
                case Add a: return VisitAdd(a);
                case Mul m: return VisitMul(m);
                case Pow p: return VisitPow(p);
                case Func f: return VisitFunc(f);
                case Sum s: return VisitSum(s);
                case Delta d: return VisitDelta(d);
                case Derivative d: return VisitDerivative(d);
                case null: throw new ArgumentNullException(nameof(e));
                default: throw new InvalidOperationException("Unknown expression kind " + e.Kind + ".");
            }
        }

        /// <summary>Visits a number.</summary>
        protected abstract T VisitNum(Num n);

        /// <summary>Visits a symbol.</summary>
        protected abstract T VisitSym(Sym s);

        /// <summary>Visits an index variable.</summary>
        protected abstract T VisitIdx(Idx i);

        /// <summary>Visits a sum of terms.</summary>
        protected abstract T VisitAdd(Add a);

        /// <summary>Visits a product.</summary>
        protected abstract T VisitMul(Mul m);

        /// <summary>Visits a power.</summary>
        protected abstract T VisitPow(Pow p);

        /// <summary>Visits a function application.</summary>
        protected abstract T VisitFunc(Func f);

        /// <summary>Visits an index sum.</summary>
        protected abstract T VisitSum(Sum s);

        /// <summary>Visits a Kronecker delta.</summary>
        protected abstract T VisitDelta(Delta d);

        /// <summary>Visits an unevaluated derivative.</summary>
        protected abstract T VisitDerivative(Derivative d);
    }
}
