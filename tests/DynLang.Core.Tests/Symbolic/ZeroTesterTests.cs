using DynLang.Core.Symbolic;
using static DynLang.Core.Tests.Symbolic.Sx;

namespace DynLang.Core.Tests.Symbolic;

public class ZeroTesterTests
{
    [Fact]
    public void CanonicalZero_IsProven()
    {
        var result = ZeroTester.IsZero(x * y - y * x);
        Assert.True(result.IsProven);
        Assert.Null(result.Residual);
        Assert.StartsWith("proven zero", result.Description);
    }

    [Fact]
    public void PolynomialIdentity_IsProvenByExpansion()
    {
        var result = ZeroTester.IsZero(P(a + b, 3) - P(a, 3) - 3 * P(a, 2) * b - 3 * a * P(b, 2) - P(b, 3));
        Assert.True(result.IsProven, result.Description);
    }

    [Fact]
    public void RationalIdentity_IsProven()
    {
        Assert.True(ZeroTester.IsZero(a / b + c / d - (a * d + b * c) / (b * d)).IsProven);
        Assert.True(ZeroTester.IsZero(1 / (x - 1) - 1 / (x + 1) - 2 / (P(x, 2) - 1)).IsProven);
    }

    [Fact]
    public void NonZeroPolynomial_IsDisprovenWithResidual()
    {
        var result = ZeroTester.IsZero(P(x + y, 2) - P(x, 2) - P(y, 2));
        Assert.True(result.IsDisproven);
        Assert.Equal(2 * x * y, result.Residual);
        Assert.Equal(ZeroTestOutcome.Disproven, result.Outcome);
        Assert.Contains("2*x*y", result.Description);
    }

    [Fact]
    public void NonZeroRationalFunction_IsDisproven()
    {
        var result = ZeroTester.IsZero(1 / x - 1 / y);
        Assert.True(result.IsDisproven);
        Assert.Equal("(y - x)/(x*y)", result.Residual!.ToString());
    }

    [Fact]
    public void TrigIdentity_IsUndecidedSymbolicallyButZeroNumerically()
    {
        var e = P(F("sin", x), 2) + P(F("cos", x), 2) - 1;
        var symbolic = ZeroTester.IsZero(e);
        Assert.True(symbolic.IsUndecided);
        Assert.Contains("sin(x)", symbolic.Reason);
        var numeric = ZeroTester.NumericZeroTest(e, 25, seed: 3);
        Assert.True(numeric.IsZero, numeric.Description);
        Assert.Equal(25, numeric.PointsEvaluated);
        Assert.StartsWith("numerically zero at 25 points", numeric.Description);
    }

    [Fact]
    public void Numeric_FindsCounterexample()
    {
        var numeric = ZeroTester.NumericZeroTest(F("tanh", x) - x, 10, seed: 1);
        Assert.Equal(NumericZeroOutcome.Counterexample, numeric.Outcome);
        Assert.NotNull(numeric.Counterexample);
        double at = numeric.Counterexample!["x"];
        Assert.Equal(Math.Tanh(at) - at, numeric.CounterexampleValue, 12);
        Assert.StartsWith("not zero: value", numeric.Description);
    }

    [Fact]
    public void Numeric_IsDeterministicForASeed()
    {
        var e = F("exp", x) * y - P(x, 3);
        Assert.Equal(ZeroTester.NumericZeroTest(e, 5, seed: 42).Description, ZeroTester.NumericZeroTest(e, 5, seed: 42).Description);
    }

    [Fact]
    public void Numeric_RespectsRangesAndReportsDomainFailures()
    {
        var e = F("ln", x) - F("ln", x * y) + F("ln", y);
        Assert.True(ZeroTester.NumericZeroTest(e, 10, seed: 5).IsZero);
        var outside = ZeroTester.NumericZeroTest(e, 10, seed: 5, ranges: _ => (-2.0, -1.0));
        Assert.Equal(NumericZeroOutcome.Inconclusive, outside.Outcome);
        Assert.Contains("domain", outside.Description);
    }

    [Fact]
    public void Numeric_CannotEvaluateOpaqueFunctions()
    {
        var result = ZeroTester.NumericZeroTest(F("f", x) - x, 5, seed: 1);
        Assert.Equal(NumericZeroOutcome.Inconclusive, result.Outcome);
        Assert.Contains("opaque", result.Description);
    }

    [Fact]
    public void Numeric_EvaluatesIndexedSums()
    {
        var shifted = Sum(k, S("W", i, k) * S("x", k)) - Sum(j, S("W", j, i) * S("x", j));
        var numeric = ZeroTester.NumericZeroTest(shifted, 10, seed: 8);
        Assert.Equal(NumericZeroOutcome.Counterexample, numeric.Outcome);
        Assert.Contains("i = ", numeric.Description);
        // (Σ_k x[k])² = Σ_{j,k} x[j]·x[k] — true, but not decided by the symbolic route.
        var square = P(Sum(k, S("x", k)), 2) - Expr.Sum(new[] { j, k }, S("x", j) * S("x", k));
        Assert.False(ZeroTester.IsZero(square).IsProven);
        Assert.True(ZeroTester.NumericZeroTest(square, 5, seed: 8).IsZero);
    }

    [Fact]
    public void ExplosiveExpansion_IsUndecidedByBudget()
    {
        var result = ZeroTester.IsZero(P(a + b + c + d + e, 40) - 1);
        Assert.True(result.IsUndecided);
        Assert.Contains("budget", result.Reason);
    }
}
