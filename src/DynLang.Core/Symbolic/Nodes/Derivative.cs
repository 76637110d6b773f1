using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace DynLang.Core.Symbolic
{
    /// <summary>
    /// An unevaluated partial derivative of an opaque user function, evaluated at the function's arguments:
    /// ∂f/∂(arg slots)(args). Produced only by <see cref="Differentiator"/> when it meets a function without a
    /// known derivative, e.g. d f(u)/dx = ∂[0]f(u) · du/dx.
    /// </summary>
    /// <remarks>
    /// Storing argument slots rather than "derivative with respect to symbol x" keeps the chain rule
    /// explicit, so indexed results still simplify (Σ_k ∂f(x[k])·δ(k,i) → ∂f(x[i])). Use
    /// <see cref="ExprAnalysis.FunctionsLackingDerivative"/> to ask whether, and for which functions, a result
    /// contains such placeholders.
    /// </remarks>
    public sealed class Derivative : Expr
    {
        private readonly Expr[] _children;

        internal Derivative(Func of, int[] slots)
            : base(ExprKind.Derivative, SlotHash(of, slots), of.SumDepth, of.Size + 1)
        {
            Of = of;
            SlotArray = slots;
            Slots = new ReadOnlyCollection<int>(slots);
            _children = new Expr[] { of };
        }

        /// <summary>The opaque function application being differentiated (its arguments are the evaluation point).</summary>
        public Func Of { get; }

        /// <summary>The name of the function lacking a derivative.</summary>
        public string FunctionName => Of.Name;

        /// <summary>The 0-based argument slots differentiated, sorted (repeated for higher order).</summary>
        public IReadOnlyList<int> Slots { get; }

        internal int[] SlotArray { get; }

        internal override Expr[] ChildNodes => _children;

        internal override Expr MapChildren(Func<Expr, Expr> map)
        {
            var mapped = Of.MapChildren(map);
            if (ReferenceEquals(mapped, Of))
            {
                return this;
            }

            // Opaque functions never fold, so the mapped node is still an application of the same function.
            return DerivativeBuilder.Build((Func)mapped, SlotArray);
        }

        private protected override bool EqualsSameKind(Expr other)
        {
            var d = (Derivative)other;
            return Of.Equals(d.Of) && SlotArray.SequenceEqual(d.SlotArray);
        }

        private static int SlotHash(Func of, int[] slots)
        {
            int h = of.GetHashCode();
            foreach (int s in slots)
            {
                h = HashUtil.Combine(h, s);
            }

            return h;
        }
    }
}
