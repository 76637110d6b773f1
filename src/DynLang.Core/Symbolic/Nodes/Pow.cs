using System;

namespace DynLang.Core.Symbolic
{
    /// <summary>
    /// A power <see cref="Base"/>^<see cref="Exponent"/> that the canonical rules could not fold. √x is x^(1/2).
    /// </summary>
    public sealed class Pow : Expr
    {
        private readonly Expr[] _children;

        internal Pow(Expr b, Expr e)
            : base(ExprKind.Pow, HashUtil.Combine(b.GetHashCode(), e.GetHashCode()), Math.Max(b.SumDepth, e.SumDepth), SizeOf(new[] { b, e }))
        {
            Base = b;
            Exponent = e;
            _children = new[] { b, e };
        }

        /// <summary>The base.</summary>
        public Expr Base { get; }

        /// <summary>The exponent.</summary>
        public Expr Exponent { get; }

        internal override Expr[] ChildNodes => _children;

        internal override Expr MapChildren(Func<Expr, Expr> map)
        {
            var b = map(Base);
            var e = map(Exponent);
            return ReferenceEquals(b, Base) && ReferenceEquals(e, Exponent) ? this : PowBuilder.Build(b, e);
        }

        private protected override bool EqualsSameKind(Expr other)
        {
            var p = (Pow)other;
            return Base.Equals(p.Base) && Exponent.Equals(p.Exponent);
        }
    }
}
