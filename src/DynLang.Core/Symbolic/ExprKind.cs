namespace DynLang.Core.Symbolic
{
    /// <summary>
    /// The node kinds of <see cref="Expr"/>. The declaration order is the rank used by the canonical
    /// ordering when two factor bases of different kinds are compared (numbers first, sums last), so it is part
    /// of the printed output and must not be reordered casually.
    /// </summary>
    public enum ExprKind
    {
        /// <summary><see cref="Symbolic.Num"/>.</summary>
        Num,

        /// <summary><see cref="Symbolic.Idx"/>.</summary>
        Idx,

        /// <summary><see cref="Symbolic.Sym"/>.</summary>
        Sym,

        /// <summary><see cref="Symbolic.Delta"/>.</summary>
        Delta,

        /// <summary><see cref="Symbolic.Func"/>.</summary>
        Func,

        /// <summary><see cref="Symbolic.Derivative"/>.</summary>
        Derivative,

        /// <summary><see cref="Symbolic.Sum"/>.</summary>
        Sum,

        /// <summary><see cref="Symbolic.Pow"/>.</summary>
        Pow,

        /// <summary><see cref="Symbolic.Mul"/>.</summary>
        Mul,

        /// <summary><see cref="Symbolic.Add"/>.</summary>
        Add,
    }
}
