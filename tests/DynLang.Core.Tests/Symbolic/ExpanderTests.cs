using DynLang.Core.Symbolic;
using static DynLang.Core.Tests.Symbolic.Sx;

namespace DynLang.Core.Tests.Symbolic;

public class ExpanderTests
{
    [Fact]
    public void BinomialSquare_MinusItsExpansion_IsZero()
    {
        var e = P(a + b, 2) - P(a, 2) - 2 * a * b - P(b, 2);
        Assert.NotEqual(Expr.Zero, e); // not zero canonically: expansion is needed
        Assert.Equal(Expr.Zero, Expander.Expand(e));
    }

    [Fact]
    public void DistributesProducts()
    {
        Assert.Equal(P(a, 2) - P(b, 2), Expander.Expand((a + b) * (a - b)));
        Assert.Equal(a * c + a * d + b * c + b * d, Expander.Expand((a + b) * (c + d)));
        Assert.Equal(x * y * z + 2 * x * z, Expander.Expand(x * z * (y + 2)));
    }

    [Fact]
    public void ExpandsPositiveIntegerPowers()
    {
        Assert.Equal(P(x, 3) + 3 * P(x, 2) + 3 * x + 1, Expander.Expand(P(x + 1, 3)));
        var tenth = Assert.IsType<Add>(Expander.Expand(P(a + b, 10)));
        Assert.Equal(11, tenth.Terms.Count);
        Assert.Contains<Expr>(252 * P(a, 5) * P(b, 5), tenth.Terms);
    }

    [Fact]
    public void LeavesDenominatorsAlone()
    {
        var expanded = Expander.Expand(a * (b + c) / (d + e));
        Assert.Equal(a * b / (d + e) + a * c / (d + e), expanded);
        Assert.Equal(P(a + b, -2), Expander.Expand(P(a + b, -2)));
    }

    [Fact]
    public void RecursesIntoFunctionArgumentsAndIndices()
    {
        Assert.Equal(F("exp", P(a, 2) + 2 * a * b + P(b, 2)), Expander.Expand(F("exp", P(a + b, 2))));
        Assert.Equal(S("x", 2 * i + 2), Expander.Expand(S("x", 2 * (i + 1))));
    }

    [Fact]
    public void SplitsSumsOverTerms()
    {
        var expanded = Expander.Expand(Sum(k, c * (S("x", k) + 1)));
        Assert.Equal(c * Sum(k, S("x", k)) + c * Sum(k, 1), expanded);
        Assert.Equal(Expr.Zero, Expander.Expand(Sum(k, S("x", k) + S("y", k)) - Sum(j, S("x", j)) - Sum(i, S("y", i))));
    }

    [Fact]
    public void PropagatesDeltasWithinMonomials()
    {
        var e = Expr.Delta(i, j) * S("x", i) - Expr.Delta(i, j) * S("x", j);
        Assert.NotEqual(Expr.Zero, e);
        Assert.Equal(Expr.Zero, Expander.Expand(e));
    }

    [Fact]
    public void IsIdempotent()
    {
        var samples = new[]
        {
            P(a + b + 1, 3) * (c - d),
            F("sin", (x + y) * (x - y)) + Sum(k, (S("x", k) + a) * S("y", k)),
            (a + b) / (c + d) * (a - b),
        };
        foreach (var s in samples)
        {
            var once = Expander.Expand(s);
            Assert.Equal(once, Expander.Expand(once));
        }
    }
}
