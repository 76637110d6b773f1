using DynLang.Core.Symbolic;
using static DynLang.Core.Tests.Symbolic.Sx;

namespace DynLang.Core.Tests.Symbolic;

/// <summary>
/// Property tests over seeded random expressions: every transformation must preserve the numeric value,
/// and canonical forms must not depend on construction order.
/// </summary>
public class RandomExpressionTests
{
    private static readonly Sym[] Vars = { x, y, z };

    private static readonly string[] Functions = { "exp", "sin", "cos", "tanh", "sigmoid", "atan", "sqrt", "ln" };

    private static Expr Random(Random r, int depth)
    {
        if (depth == 0 || r.Next(4) == 0)
        {
            return r.Next(3) == 0 ? Expr.Number(r.Next(-3, 4), r.Next(1, 3)) : Vars[r.Next(Vars.Length)];
        }

        switch (r.Next(6))
        {
            case 0:
            case 1:
                return Expr.Add(Enumerable.Range(0, r.Next(2, 4)).Select(_ => Random(r, depth - 1)).ToArray());
            case 2:
            case 3:
                return Expr.Mul(Enumerable.Range(0, r.Next(2, 4)).Select(_ => Random(r, depth - 1)).ToArray());
            case 4:
                var exponents = new[] { N(2), N(3), N(-1), N(-2), Q(1, 2), Q(-1, 2) };
                var b = Random(r, depth - 1);
                return P(b.IsZero ? x : b, exponents[r.Next(exponents.Length)]); // 0^-1 is rejected by design
            default:
                var name = Functions[r.Next(Functions.Length)];
                var arg = Random(r, depth - 1);
                // Keep ln and sqrt inside their domain: their argument is made positive.
                return name == "ln" || name == "sqrt" ? F(name, 1 + P(arg, 2)) : F(name, arg);
        }
    }

    private static bool TryEval(Expr e, double vx, double vy, double vz, out double value)
    {
        value = Eval(e, ("x", vx), ("y", vy), ("z", vz));
        return !double.IsNaN(value) && !double.IsInfinity(value) && Math.Abs(value) < 1e8;
    }

    private static void AssertSameValue(Expr expected, Expr actual, int seed)
    {
        var r = new Random(seed);
        for (int n = 0; n < 5; n++)
        {
            double vx = 0.5 + 1.5 * r.NextDouble(), vy = 0.5 + 1.5 * r.NextDouble(), vz = 0.5 + 1.5 * r.NextDouble();
            if (!TryEval(expected, vx, vy, vz, out double e) || !TryEval(actual, vx, vy, vz, out double a))
            {
                continue;
            }

            Assert.True(Math.Abs(e - a) <= 1e-7 * Math.Max(1, Math.Abs(e)), $"{expected} = {e} but {actual} = {a}");
        }
    }

    [Fact]
    public void ExpandAndTogether_PreserveValue()
    {
        var r = new Random(2718);
        for (int n = 0; n < 150; n++)
        {
            var e = Random(r, 4);
            try
            {
                AssertSameValue(e, Expander.Expand(e), n);
                AssertSameValue(e, RationalForm.Together(e).ToExpr(), n);
            }
            catch (SymbolicBudgetExceededException)
            {
                // Large random powers may legitimately exceed the budget; that is the budget working.
            }
        }
    }

    [Fact]
    public void Derivative_MatchesFiniteDifferences()
    {
        var r = new Random(31415);
        for (int n = 0; n < 150; n++)
        {
            var e = Random(r, 3);
            var derivative = Differentiator.Diff(e, x);
            var pr = new Random(n);
            double vx = 0.5 + 1.5 * pr.NextDouble(), vy = 0.5 + 1.5 * pr.NextDouble(), vz = 0.5 + 1.5 * pr.NextDouble();
            if (!TryEval(derivative, vx, vy, vz, out double symbolic)
                || !TryCentralDifference(e, vx, vy, vz, 1e-5, out double fd)
                || !TryCentralDifference(e, vx, vy, vz, 2e-5, out double fdCoarse)
                || Math.Abs(fd - fdCoarse) > 1e-6 * Math.Max(1, Math.Abs(fd)))
            {
                continue; // outside the domain, or too close to a singularity for finite differences to be a reference
            }

            Assert.True(Math.Abs(fd - symbolic) <= 1e-5 * Math.Max(1, Math.Abs(fd)), $"d/dx {e} = {derivative}: {symbolic} vs {fd}");
        }
    }

    private static bool TryCentralDifference(Expr e, double vx, double vy, double vz, double h, out double fd)
    {
        fd = 0;
        if (!TryEval(e, vx + h, vy, vz, out double up) || !TryEval(e, vx - h, vy, vz, out double down))
        {
            return false;
        }

        fd = (up - down) / (2 * h);
        return true;
    }

    [Fact]
    public void CanonicalForm_IsIndependentOfOperandOrder()
    {
        var r = new Random(1618);
        for (int n = 0; n < 100; n++)
        {
            var parts = Enumerable.Range(0, 5).Select(_ => Random(r, 3)).ToArray();
            var reversed = parts.Reverse().ToArray();
            Assert.Equal(Expr.Add(parts), Expr.Add(reversed));
            Assert.Equal(Expr.Add(parts).ToString(), Expr.Add(reversed).ToString());
            Assert.Equal(Expr.Mul(parts), Expr.Mul(reversed));
            Assert.Equal(Expr.Mul(parts).ToString(), Expr.Mul(reversed).ToString());
            Assert.Equal(Expr.Zero, Expr.Sub(Expr.Add(parts), Expr.Add(reversed)));
        }
    }

    [Fact]
    public void ExpressionMinusItsExpansion_IsNeverDisproven()
    {
        var r = new Random(4242);
        int proven = 0;
        for (int n = 0; n < 100; n++)
        {
            var e = Random(r, 4);
            Assert.Equal(Expr.Zero, e - e);
            Expr expanded;
            try
            {
                expanded = Expander.Expand(e);
            }
            catch (SymbolicBudgetExceededException)
            {
                continue;
            }

            var result = ZeroTester.IsZero(e - expanded);
            Assert.False(result.IsDisproven, $"{e}: {result}");
            proven += result.IsProven ? 1 : 0;
        }

        Assert.True(proven >= 90, $"only {proven} of 100 proven");
    }
}
