using System;

namespace DynLang.Core.Symbolic
{
    /// <summary>An exact rational constant.</summary>
    public sealed class Num : Expr
    {
        internal Num(BigRational value)
            : base(ExprKind.Num, value.GetHashCode(), 0, 1)
        {
            Value = value;
        }

        /// <summary>The value.</summary>
        public BigRational Value { get; }

        internal override Expr[] ChildNodes => Array.Empty<Expr>();

        internal override Expr MapChildren(Func<Expr, Expr> map) => this;

        private protected override bool EqualsSameKind(Expr other) => Value == ((Num)other).Value;
    }
}
