using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace DynLang.Core.Symbolic
{
    /// <summary>
    /// A function application: one of the known elementary functions (<see cref="FunctionNames"/>) or an
    /// opaque user function (any other name, no known derivative).
    /// </summary>
    public sealed class Func : Expr
    {
        internal Func(string name, Expr[] args)
            : base(ExprKind.Func, HashOf(args, HashUtil.String(name)), MaxSumDepth(args), SizeOf(args))
        {
            Name = name;
            ArgArray = args;
            Args = new ReadOnlyCollection<Expr>(args);
        }

        /// <summary>The function name ("exp", "ln", "tanh", "min", or a user name).</summary>
        public string Name { get; }

        /// <summary>The arguments.</summary>
        public IReadOnlyList<Expr> Args { get; }

        /// <summary>True for a known elementary function, false for an opaque user function.</summary>
        public bool IsKnown => FunctionNames.IsKnown(Name);

        internal Expr[] ArgArray { get; }

        internal override Expr[] ChildNodes => ArgArray;

        internal override Expr MapChildren(Func<Expr, Expr> map)
        {
            var mapped = MapArray(ArgArray, map, out bool changed);
            return changed ? FuncBuilder.Build(Name, mapped) : this;
        }

        private protected override bool EqualsSameKind(Expr other)
        {
            var f = (Func)other;
            return string.Equals(Name, f.Name, StringComparison.Ordinal) && SequenceEqual(ArgArray, f.ArgArray);
        }
    }
}
