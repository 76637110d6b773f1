using System;

namespace DynLang.Core.Symbolic
{
    /// <summary>
    /// A work allowance for potentially exponential symbolic operations (expansion, common denominators,
    /// differentiation of large trees, numeric sums). Operations call <see cref="Step"/> per unit of work
    /// and <see cref="CheckTerms"/> when a sum grows; exceeding either limit throws
    /// <see cref="SymbolicBudgetExceededException"/>, so an editor calling into the engine never hangs.
    /// </summary>
    /// <remarks>
    /// A budget is mutable and accumulates across all operations it is passed to: give one budget to one
    /// top-level question (for example one zero test). Defaults: <see cref="DefaultMaxSteps"/> steps and
    /// <see cref="DefaultMaxTerms"/> terms in any one sum — generous for equation-file sized expressions
    /// (tens to hundreds of terms) while a runaway expansion fails in well under a second.
    /// </remarks>
    public sealed class SymbolicBudget
    {
        /// <summary>Default step allowance (one step ≈ one node visited or one monomial product formed).</summary>
        public const int DefaultMaxSteps = 200_000;

        /// <summary>Default largest number of terms one expanded sum may have.</summary>
        public const int DefaultMaxTerms = 10_000;

        /// <summary>Creates a budget with the given limits.</summary>
        public SymbolicBudget(int maxSteps = DefaultMaxSteps, int maxTerms = DefaultMaxTerms)
        {
            if (maxSteps <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(maxSteps), "The step limit must be positive.");
            }

            if (maxTerms <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(maxTerms), "The term limit must be positive.");
            }

            MaxSteps = maxSteps;
            MaxTerms = maxTerms;
        }

        /// <summary>A fresh budget with the default limits.</summary>
        public static SymbolicBudget CreateDefault() => new SymbolicBudget();

        /// <summary>Largest number of steps.</summary>
        public int MaxSteps { get; }

        /// <summary>Largest number of terms in one sum.</summary>
        public int MaxTerms { get; }

        /// <summary>Steps consumed so far.</summary>
        public long StepsUsed { get; private set; }

        /// <summary>Consumes <paramref name="count"/> steps of <paramref name="operation"/>.</summary>
        /// <exception cref="SymbolicBudgetExceededException">The step limit is exceeded.</exception>
        public void Step(string operation, int count = 1)
        {
            StepsUsed += count;
            if (StepsUsed > MaxSteps)
            {
                throw new SymbolicBudgetExceededException(
                    operation, $"{operation} exceeded the symbolic step budget ({MaxSteps:N0} steps).");
            }
        }

        /// <summary>Checks that a sum being built by <paramref name="operation"/> has at most <see cref="MaxTerms"/> terms.</summary>
        /// <exception cref="SymbolicBudgetExceededException">The term limit is exceeded.</exception>
        public void CheckTerms(string operation, long terms)
        {
            if (terms > MaxTerms)
            {
                throw new SymbolicBudgetExceededException(
                    operation, $"{operation} needs {terms:N0} terms, more than the budget of {MaxTerms:N0}.");
            }
        }
    }
}
