using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace DynLang.Core.Symbolic
{
    /// <summary>A scalar symbol (<c>tau</c>) or an indexed one (<c>W[i,j]</c>, <c>x[i+1]</c>).
    /// Two symbols are the same variable only when name and index expressions are equal.</summary>
    public sealed class Sym : Expr
    {
        internal Sym(string name, Expr[] indices)
            : base(ExprKind.Sym, HashOf(indices, HashUtil.String(name)), MaxSumDepth(indices), SizeOf(indices))
        {
            Name = name;
            IndexArray = indices;
            Indices = new ReadOnlyCollection<Expr>(indices);
        }

        /// <summary>The symbol name.</summary>
        public string Name { get; }

        /// <summary>The index expressions (empty for a scalar).</summary>
        public IReadOnlyList<Expr> Indices { get; }

        /// <summary>True when the symbol has indices.</summary>
        public bool IsIndexed => IndexArray.Length > 0;

        internal Expr[] IndexArray { get; }

        internal override Expr[] ChildNodes => IndexArray;

        internal override Expr MapChildren(Func<Expr, Expr> map)
        {
            var mapped = MapArray(IndexArray, map, out bool changed);
            return changed ? new Sym(Name, mapped) : this;
        }

        private protected override bool EqualsSameKind(Expr other)
        {
            var s = (Sym)other;
            return string.Equals(Name, s.Name, StringComparison.Ordinal) && SequenceEqual(IndexArray, s.IndexArray);
        }

        private protected override string[] ComputeSymbolNames()
        {
            if (IndexArray.Length == 0)
            {
                return new[] { Name };
            }

            var set = new SortedSet<string>(StringComparer.Ordinal) { Name };
            foreach (var index in IndexArray)
            {
                set.UnionWith(index.SymbolNames);
            }

            return set.ToArray();
        }
    }
}
