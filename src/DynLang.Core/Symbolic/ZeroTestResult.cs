namespace DynLang.Core.Symbolic
{
    /// <summary>Outcome of a symbolic zero test.</summary>
    public enum ZeroTestOutcome
    {
        /// <summary>The expression is identically zero (where defined).</summary>
        Proven,

        /// <summary>The expression is not identically zero; <see cref="ZeroTestResult.Residual"/> shows it.</summary>
        Disproven,

        /// <summary>The symbolic route could not decide; <see cref="ZeroTestResult.Reason"/> says why.</summary>
        Undecided,
    }

    /// <summary>Result of <see cref="ZeroTester.IsZero(Expr, SymbolicBudget)"/>, with human-readable text.</summary>
    public sealed class ZeroTestResult
    {
        internal ZeroTestResult(ZeroTestOutcome outcome, Expr? residual, string reason)
        {
            Outcome = outcome;
            Residual = residual;
            Reason = reason;
        }

        /// <summary>Proven, disproven or undecided.</summary>
        public ZeroTestOutcome Outcome { get; }

        /// <summary>The simplified non-zero remainder (disproven), or the partly simplified expression
        /// (undecided, when simplification got that far); null when proven.</summary>
        public Expr? Residual { get; }

        /// <summary>Why: which step proved it, or why it could not decide.</summary>
        public string Reason { get; }

        /// <summary>True when proven zero.</summary>
        public bool IsProven => Outcome == ZeroTestOutcome.Proven;

        /// <summary>True when proven non-zero.</summary>
        public bool IsDisproven => Outcome == ZeroTestOutcome.Disproven;

        /// <summary>True when undecided.</summary>
        public bool IsUndecided => Outcome == ZeroTestOutcome.Undecided;

        /// <summary>One-line description, e.g. "not zero: residual y[i]*x[j] - y[j]*x[i] (…)".</summary>
        public string Description =>
            Outcome switch
            {
                ZeroTestOutcome.Proven => "proven zero: " + Reason,
                ZeroTestOutcome.Disproven => "not zero: residual " + Residual + " (" + Reason + ")",
                _ => "undecided: " + Reason,
            };

        /// <inheritdoc />
        public override string ToString() => Description;
    }
}
