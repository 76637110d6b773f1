using System;

namespace DynLang.Core.Symbolic
{
    /// <summary>An index variable (i, j, k) — distinct from a <see cref="Sym"/> of the same name.
    /// Free in an expression unless bound by an enclosing <see cref="Sum"/>.</summary>
    public sealed class Idx : Expr
    {
        internal Idx(string name)
            : base(ExprKind.Idx, HashUtil.String(name), 0, 1)
        {
            Name = name;
        }

        /// <summary>The index name.</summary>
        public string Name { get; }

        internal override Expr[] ChildNodes => Array.Empty<Expr>();

        internal override Expr MapChildren(Func<Expr, Expr> map) => this;

        private protected override bool EqualsSameKind(Expr other) => string.Equals(Name, ((Idx)other).Name, StringComparison.Ordinal);

        private protected override string[] ComputeFreeIndexNames() => new[] { Name };
    }
}
