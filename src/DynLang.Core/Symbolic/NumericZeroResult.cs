using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace DynLang.Core.Symbolic
{
    /// <summary>Outcome of a numeric zero test.</summary>
    public enum NumericZeroOutcome
    {
        /// <summary>Zero within tolerance at every evaluated point.</summary>
        ZeroAtAllPoints,

        /// <summary>A point where the value is clearly not zero.</summary>
        Counterexample,

        /// <summary>Could not evaluate (opaque function, too few points in the domain, ...).</summary>
        Inconclusive,
    }

    /// <summary>Result of a numeric zero test (<c>ZeroTester.NumericZeroTest</c>).</summary>
    public sealed class NumericZeroResult
    {
        internal NumericZeroResult(
            NumericZeroOutcome outcome,
            int pointsEvaluated,
            int pointsSkipped,
            double maxAbsValue,
            IReadOnlyDictionary<string, double>? counterexample,
            double counterexampleValue,
            string? failure)
        {
            Outcome = outcome;
            PointsEvaluated = pointsEvaluated;
            PointsSkipped = pointsSkipped;
            MaxAbsValue = maxAbsValue;
            Counterexample = counterexample;
            CounterexampleValue = counterexampleValue;
            Failure = failure;
        }

        /// <summary>The outcome.</summary>
        public NumericZeroOutcome Outcome { get; }

        /// <summary>Points at which the expression was evaluated to a finite value.</summary>
        public int PointsEvaluated { get; }

        /// <summary>Points skipped because the value was NaN or infinite (outside the domain).</summary>
        public int PointsSkipped { get; }

        /// <summary>Largest |value| seen.</summary>
        public double MaxAbsValue { get; }

        /// <summary>The assignment (symbol "x", "W[0,1]" and index "i" → value) of the counterexample, if any.</summary>
        public IReadOnlyDictionary<string, double>? Counterexample { get; }

        /// <summary>The value at the counterexample.</summary>
        public double CounterexampleValue { get; }

        /// <summary>Why the test was inconclusive.</summary>
        public string? Failure { get; }

        /// <summary>True when zero at all evaluated points.</summary>
        public bool IsZero => Outcome == NumericZeroOutcome.ZeroAtAllPoints;

        /// <summary>Human-readable summary.</summary>
        public string Description
        {
            get
            {
                var c = CultureInfo.InvariantCulture;
                switch (Outcome)
                {
                    case NumericZeroOutcome.ZeroAtAllPoints:
                        return string.Format(c, "numerically zero at {0} points (max |value| {1:G3})", PointsEvaluated, MaxAbsValue);
                    case NumericZeroOutcome.Counterexample:
                        var point = string.Join(", ", Counterexample!.Select(kv => kv.Key + " = " + kv.Value.ToString("G6", c)));
                        return string.Format(c, "not zero: value {0:G6} at {1}", CounterexampleValue, point);
                    default:
                        return "numeric test inconclusive: " + Failure;
                }
            }
        }

        /// <inheritdoc />
        public override string ToString() => Description;
    }
}
