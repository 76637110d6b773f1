using System;
using System.Collections.Generic;

namespace DynLang.Core.Symbolic
{
    /// <summary>Names and arities of the known functions. Any other name is an opaque user function.</summary>
    public static class FunctionNames
    {
        /// <summary>Natural exponential.</summary>
        public const string Exp = "exp";

        /// <summary>Natural logarithm ("log" is accepted as a synonym when building).</summary>
        public const string Ln = "ln";

        /// <summary>Sine.</summary>
        public const string Sin = "sin";

        /// <summary>Cosine.</summary>
        public const string Cos = "cos";

        /// <summary>Tangent.</summary>
        public const string Tan = "tan";

        /// <summary>Hyperbolic tangent.</summary>
        public const string Tanh = "tanh";

        /// <summary>Hyperbolic sine.</summary>
        public const string Sinh = "sinh";

        /// <summary>Hyperbolic cosine.</summary>
        public const string Cosh = "cosh";

        /// <summary>Arctangent.</summary>
        public const string Atan = "atan";

        /// <summary>(e^x - 1)/x, 1 at x = 0 (Brian2's and SciPy's exprel, for rate functions such as Hodgkin–Huxley's).</summary>
        public const string Exprel = "exprel";

        /// <summary>Absolute value.</summary>
        public const string Abs = "abs";

        /// <summary>Sign: -1, 0 or 1.</summary>
        public const string Sign = "sign";

        /// <summary>Heaviside step: 0 below zero, 1 above, 1/2 at zero.</summary>
        public const string Heaviside = "heaviside";

        /// <summary>Logistic sigmoid 1/(1+e^-x).</summary>
        public const string Sigmoid = "sigmoid";

        /// <summary>Minimum of two or more arguments.</summary>
        public const string Min = "min";

        /// <summary>Maximum of two or more arguments.</summary>
        public const string Max = "max";

        /// <summary>clip(x, lo, hi) = min(max(x, lo), hi).</summary>
        public const string Clip = "clip";

        /// <summary>Synonym of <see cref="Ln"/> accepted by <see cref="Expr.Call(string, Expr[])"/>.</summary>
        public const string Log = "log";

        /// <summary>Accepted by <see cref="Expr.Call(string, Expr[])"/>; builds x^(1/2).</summary>
        public const string Sqrt = "sqrt";

        /// <summary>Accepted by <see cref="Expr.Call(string, Expr[])"/>; builds a power.</summary>
        public const string PowName = "pow";

        // Arity -1 means "two or more".
        private static readonly Dictionary<string, int> Arities = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            [Exp] = 1, [Ln] = 1, [Sin] = 1, [Cos] = 1, [Tan] = 1, [Tanh] = 1, [Sinh] = 1, [Cosh] = 1, [Atan] = 1, [Exprel] = 1,
            [Abs] = 1, [Sign] = 1, [Heaviside] = 1, [Sigmoid] = 1, [Min] = -1, [Max] = -1, [Clip] = 3,
        };

        /// <summary>True for a known function name (after synonym mapping, so "log" and "sqrt" are not listed).</summary>
        public static bool IsKnown(string name) => Arities.ContainsKey(name);

        /// <summary>The known function names, sorted.</summary>
        public static IReadOnlyList<string> All
        {
            get
            {
                var names = new List<string>(Arities.Keys);
                names.Sort(StringComparer.Ordinal);
                return names;
            }
        }

        /// <summary>Throws when a known function is given the wrong number of arguments.</summary>
        internal static void CheckArity(string name, int count)
        {
            if (!Arities.TryGetValue(name, out int arity))
            {
                return;
            }

            if (arity == -1 ? count < 2 : count != arity)
            {
                string expected = arity == -1 ? "at least 2 arguments" : arity == 1 ? "1 argument" : arity + " arguments";
                throw new ArgumentException($"{name} takes {expected}, not {count}.");
            }
        }
    }
}
