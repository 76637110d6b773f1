using System;

namespace DynLang.Core.Symbolic
{
    /// <summary>
    /// Thrown by <see cref="Evaluator"/> for nodes it cannot give a number: an opaque function or an
    /// unevaluated <see cref="Derivative"/>, and — in scalar evaluation — index variables, deltas of
    /// non-constant indices and sums.
    /// </summary>
    public sealed class EvaluationException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public EvaluationException(string message, Expr node)
            : base(message)
        {
            Node = node;
        }

        /// <summary>The node that could not be evaluated.</summary>
        public Expr Node { get; }
    }
}
