using System;
using System.Linq;

namespace DynLang.Core.Symbolic
{
    /// <summary>Builds <see cref="Derivative"/> placeholders; slots are sorted because partial derivatives of
    /// a smooth function commute.</summary>
    internal static class DerivativeBuilder
    {
        public static Expr Build(Func function, int[] slots)
        {
            if (function == null)
            {
                throw new ArgumentNullException(nameof(function));
            }

            if (function.IsKnown)
            {
                throw new ArgumentException(
                    $"{function.Name} has a known derivative; use Differentiator instead of a placeholder.", nameof(function));
            }

            if (slots == null || slots.Length == 0)
            {
                throw new ArgumentException("At least one argument slot is required.", nameof(slots));
            }

            foreach (int slot in slots)
            {
                if (slot < 0 || slot >= function.ArgArray.Length)
                {
                    throw new ArgumentOutOfRangeException(nameof(slots), $"{function.Name} has no argument slot {slot}.");
                }
            }

            return new Derivative(function, slots.OrderBy(s => s).ToArray());
        }
    }
}
