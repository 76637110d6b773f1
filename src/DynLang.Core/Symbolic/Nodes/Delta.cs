using System;

namespace DynLang.Core.Symbolic
{
    /// <summary>
    /// The Kronecker delta δ(a, b) of two index expressions: 1 when they are equal, 0 otherwise.
    /// Canonical: arguments sorted, δ(i,i) = 1, δ of expressions differing by a nonzero constant = 0.
    /// </summary>
    public sealed class Delta : Expr
    {
        private readonly Expr[] _children;

        internal Delta(Expr left, Expr right)
            : base(ExprKind.Delta, HashUtil.Combine(left.GetHashCode(), right.GetHashCode()), Math.Max(left.SumDepth, right.SumDepth), SizeOf(new[] { left, right }))
        {
            Left = left;
            Right = right;
            _children = new[] { left, right };
        }

        /// <summary>The first (canonically smaller) argument.</summary>
        public Expr Left { get; }

        /// <summary>The second argument.</summary>
        public Expr Right { get; }

        internal override Expr[] ChildNodes => _children;

        internal override Expr MapChildren(Func<Expr, Expr> map)
        {
            var l = map(Left);
            var r = map(Right);
            return ReferenceEquals(l, Left) && ReferenceEquals(r, Right) ? this : DeltaBuilder.Build(l, r);
        }

        private protected override bool EqualsSameKind(Expr other)
        {
            var d = (Delta)other;
            return Left.Equals(d.Left) && Right.Equals(d.Right);
        }
    }
}
