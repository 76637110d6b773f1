using DynLang.Core.Symbolic;
using static DynLang.Core.Tests.Symbolic.Sx;

namespace DynLang.Core.Tests.Symbolic;

public class DifferentiatorTests
{
    // Central differences: error = h²/6·f''' + O(ε/h). With h = 1e-5 and smooth functions of order 1 on
    // [0.5, 2], truncation ≈ 1e-11 and rounding ≈ 1e-16/1e-5 = 1e-11, so agreement to 1e-6 (relative, floor 1)
    // leaves five orders of magnitude of margin while any wrong rule is off by O(1).
    private const double H = 1e-5;
    private const double Tolerance = 1e-6;

    private static void AssertMatchesFiniteDifference(Expr e, Sym wrt, int seed = 11, params Sym[] others)
    {
        var derivative = Differentiator.Diff(e, wrt);
        var random = new Random(seed);
        for (int n = 0; n < 10; n++)
        {
            var values = new Dictionary<string, double> { [wrt.Name] = 0.5 + 1.5 * random.NextDouble() };
            foreach (var o in others)
            {
                values[o.Name] = 0.5 + 1.5 * random.NextDouble();
            }

            double At(double v)
            {
                var shifted = new Dictionary<string, double>(values) { [wrt.Name] = v };
                return Evaluator.Evaluate(e, shifted);
            }

            double x0 = values[wrt.Name];
            double fd = (At(x0 + H) - At(x0 - H)) / (2 * H);
            double symbolic = Evaluator.Evaluate(derivative, values);
            Assert.True(
                Math.Abs(fd - symbolic) <= Tolerance * Math.Max(1, Math.Abs(fd)),
                $"d/d{wrt} {e} = {derivative}: symbolic {symbolic}, finite difference {fd} at {wrt} = {x0}");
        }
    }

    // u = x/2 + x²/10 stays in (0.27, 1.4) for x in [0.5, 2]: inside every domain (ln, tan < π/2, abs away from 0)
    // and non-trivial, so each case also exercises the chain rule.
    private static Expr U => x / 2 + P(x, 2) / 10;

    [Theory]
    [InlineData("exp")]
    [InlineData("ln")]
    [InlineData("sin")]
    [InlineData("cos")]
    [InlineData("tan")]
    [InlineData("tanh")]
    [InlineData("sinh")]
    [InlineData("cosh")]
    [InlineData("atan")]
    [InlineData("sigmoid")]
    [InlineData("exprel")]
    [InlineData("abs")]
    [InlineData("sqrt")]
    public void ElementaryFunction_MatchesFiniteDifferences(string name)
    {
        AssertMatchesFiniteDifference(F(name, U), x);
    }

    [Fact]
    public void NestedChainRule_MatchesFiniteDifferences()
    {
        AssertMatchesFiniteDifference(F("sin", F("exp", F("tanh", P(x, 2)))), x);
        AssertMatchesFiniteDifference(F("ln", 1 + F("sigmoid", 3 * x - F("cos", x))), x);
    }

    [Fact]
    public void ProductQuotientAndPowerRules_MatchFiniteDifferences()
    {
        AssertMatchesFiniteDifference(x * F("sin", x) * F("exp", x), x);
        AssertMatchesFiniteDifference((P(x, 2) + 1) / (x - 3), x);
        AssertMatchesFiniteDifference(P(x, Q(-3, 2)) + P(x, Q(1, 3)), x);
        AssertMatchesFiniteDifference(P(x, y), x, others: new[] { y });
        AssertMatchesFiniteDifference(P(x, y), y, others: new[] { x });
        AssertMatchesFiniteDifference(P(F("cosh", x), F("sin", x)), x);
        AssertMatchesFiniteDifference(P(2, x * x), x);
    }

    [Fact]
    public void ExactForms_OfBasicRules()
    {
        Assert.Equal(3 * P(x, 2), Differentiator.Diff(P(x, 3), x));
        Assert.Equal(2 * F("exp", 2 * x), Differentiator.Diff(F("exp", 2 * x), x));
        Assert.Equal(P(x, -1), Differentiator.Diff(F("ln", x), x));
        Assert.Equal(1 - P(F("tanh", x), 2), Differentiator.Diff(F("tanh", x), x));
        Assert.Equal(F("sigmoid", x) * (1 - F("sigmoid", x)), Differentiator.Diff(F("sigmoid", x), x));
        Assert.Equal(F("sign", x), Differentiator.Diff(F("abs", x), x));
        Assert.Equal(-y * P(x, -2), Differentiator.Diff(y / x, x));
        Assert.Equal(Expr.Zero, Differentiator.Diff(y * 7, x));
        Assert.Equal(Expr.One, Differentiator.Diff(x, "x"));
    }

    [Fact]
    public void PiecewiseFunctions_DifferentiateAlmostEverywhere()
    {
        Assert.Equal(Expr.Zero, Differentiator.Diff(F("sign", x), x));
        Assert.Equal(Expr.Zero, Differentiator.Diff(F("heaviside", x - 1), x));
        Assert.Equal(F("heaviside", y - x), Differentiator.Diff(F("min", x, y), x));
        Assert.Equal(F("heaviside", x - y), Differentiator.Diff(F("max", x, y), x));
        var clip = Differentiator.Diff(F("clip", x, 0, 1), x);
        Assert.Equal(1.0, Eval(clip, ("x", 0.5)));
        Assert.Equal(0.0, Eval(clip, ("x", 2.0)));
        Assert.Equal(0.0, Eval(clip, ("x", -1.0)));
        AssertMatchesFiniteDifference(F("max", P(x, 2), 3 * x - 1) + F("min", F("sin", x), Q(1, 2)), x, seed: 5);
    }

    [Fact]
    public void IndexedSymbols_DifferentiateToDeltas()
    {
        var l = Expr.Index("l");
        Assert.Equal(Expr.Delta(k, i) * Expr.Delta(l, j), Differentiator.Diff(S("W", k, l), S("W", i, j)));
        Assert.Equal(Expr.Delta(i, k), Differentiator.Diff(S("x", k), S("x", i)));
        Assert.Equal(Expr.One, Differentiator.Diff(S("x", i), S("x", i)));
        Assert.Equal(Expr.Zero, Differentiator.Diff(S("y", i), S("x", i)));
        Assert.Equal(Expr.Zero, Differentiator.Diff(S("x", 1), S("x", 2)));
        Assert.Equal(Expr.Zero, Differentiator.Diff(x, S("x", i)));
    }

    [Fact]
    public void Sum_OfSquares_GivesTwiceTheComponent()
    {
        Assert.Equal(2 * S("x", i), Differentiator.Diff(Sum(k, P(S("x", k), 2)), S("x", i)));
    }

    [Fact]
    public void Sum_BoundIndexClashingWithVariableIndex_IsRenamed()
    {
        Assert.Equal(Expr.One, Differentiator.Diff(Sum(i, S("x", i)), S("x", i)));
        Assert.Equal(S("x", i), Differentiator.Diff(Sum(i, P(S("x", i), 2)) / 2, S("x", i)));
    }

    [Fact]
    public void Sum_MatrixVectorProduct()
    {
        Assert.Equal(S("W", i, j), Differentiator.Diff(Sum(k, S("W", i, k) * S("x", k)), S("x", j)));
        Assert.Equal(S("W", i, i), Differentiator.Diff(Sum(k, S("W", i, k) * S("x", k)), S("x", i)));
        var quadratic = Expr.Sum(new[] { j, k }, S("W", j, k) * S("x", j) * S("x", k));
        var gradient = Differentiator.Diff(quadratic, S("x", i));
        Assert.Equal(Sum(k, S("W", i, k) * S("x", k)) + Sum(j, S("W", j, i) * S("x", j)), gradient);
        var bilinear = Expr.Sum(new[] { j, k }, S("W", j, k) * S("x", j) * S("y", k));
        Assert.Equal(S("x", i) * S("y", j), Differentiator.Diff(bilinear, S("W", i, j)));
    }

    [Fact]
    public void OpaqueFunction_ProducesDetectableDerivativePlaceholder()
    {
        var result = Differentiator.Diff(F("f", P(x, 2)), x);
        Assert.Equal("2*x*f'(x^2)", result.ToString());
        Assert.True(ExprAnalysis.ContainsUnevaluatedDerivative(result));
        Assert.Equal(new[] { "f" }, ExprAnalysis.FunctionsLackingDerivative(result));
        var placeholder = Assert.Single(ExprAnalysis.UnevaluatedDerivatives(result));
        Assert.Equal("f", placeholder.FunctionName);
        Assert.Equal(new[] { 0 }, placeholder.Slots);
        Assert.False(ExprAnalysis.ContainsUnevaluatedDerivative(Differentiator.Diff(F("tanh", x), x)));
    }

    [Fact]
    public void OpaqueFunction_HigherAndPartialDerivatives()
    {
        var second = Differentiator.Diff(Differentiator.Diff(F("f", x), x), x);
        var placeholder = Assert.IsType<Derivative>(second);
        Assert.Equal(new[] { 0, 0 }, placeholder.Slots);
        Assert.Equal("f''(x)", second.ToString());
        var partial = Differentiator.Diff(F("g", x, x * y), x);
        Assert.Equal("y*∂[2]g(x, x*y) + ∂[1]g(x, x*y)", partial.ToString());
        Assert.Equal(Expr.PartialDerivative((Func)F("f", S("x", i)), 0), Differentiator.Diff(Sum(k, F("f", S("x", k))), S("x", i)));
    }

    [Fact]
    public void PartialDerivative_RejectsKnownFunctionsAndBadSlots()
    {
        Assert.Throws<ArgumentException>(() => Expr.PartialDerivative((Func)F("tanh", x), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Expr.PartialDerivative((Func)F("f", x), 1));
    }

    [Fact]
    public void HugeTree_ExceedsBudget()
    {
        Expr e = x;
        for (int n = 0; n < 30; n++)
        {
            e = F("sin", e) * F("cos", e + n);
        }

        Assert.Throws<SymbolicBudgetExceededException>(() => Differentiator.Diff(e, x, new SymbolicBudget(maxSteps: 2_000)));
    }
}
