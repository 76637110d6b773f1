using DynLang.Core.Symbolic;
using static DynLang.Core.Tests.Symbolic.Sx;

namespace DynLang.Core.Tests.Symbolic;

public class CanonicalFormTests
{
    public static TheoryData<string, Func<Expr>> CanonicalZeros => new()
    {
        { "x*y - y*x", () => x * y - y * x },
        { "a/b*b - a", () => a / b * b - a },
        { "(x+y) - (y+x)", () => (x + y) - (y + x) },
        { "2*(x/2) - x", () => 2 * (x / 2) - x },
        { "x^2/x - x", () => P(x, 2) / x - x },
        { "(a+b)*(a+b)^-1 - 1", () => (a + b) * P(a + b, -1) - 1 },
        { "-(a-b) - (b-a)", () => -(a - b) - (b - a) },
        { "0*x", () => 0 * x },
        { "x/x - 1", () => x / x - 1 },
        { "sqrt(x)*sqrt(x) - x", () => Expr.Sqrt(x) * Expr.Sqrt(x) - x },
        { "W[i,j]*x[j] - x[j]*W[i,j]", () => S("W", i, j) * S("x", j) - S("x", j) * S("W", i, j) },
    };

    [Theory]
    [MemberData(nameof(CanonicalZeros))]
    public void CanonicalForm_IsLiterallyZero(string label, Func<Expr> build)
    {
        var result = build();
        Assert.True(result.IsZero, $"{label} gave {result}");
        Assert.IsType<Num>(result);
    }

    [Fact]
    public void Add_CombinesLikeTerms()
    {
        Assert.Equal(5 * x, 2 * x + 3 * x);
        Assert.Equal(2 * x, x + x);
        Assert.Equal(5 * x * y, 2 * x * y + 3 * y * x);
        Assert.Equal("5*x", (2 * x + 3 * x).ToString());
        Assert.Equal(x + 3, Expr.Add(1, x, 2));
    }

    [Fact]
    public void Add_FlattensAndCollapses()
    {
        var sum = Expr.Add(x, Expr.Add(y, Expr.Add(z, 1)));
        var add = Assert.IsType<Add>(sum);
        Assert.Equal(4, add.Terms.Count);
        Assert.Equal(Expr.Zero, Expr.Add());
        Assert.Same(x, Expr.Add(x));
        Assert.Same(x, Expr.Add(x, 0));
    }

    [Fact]
    public void Mul_CombinesBasesAndFoldsCoefficient()
    {
        Assert.Equal(P(x, 2), x * x);
        Assert.Equal(P(x, 5), P(x, 2) * P(x, 3));
        Assert.Equal(Expr.One, x * P(x, -1));
        Assert.Equal(Expr.Zero, x * 0 * y);
        var product = Assert.IsType<Mul>(x * 3 * y * 2);
        Assert.Equal(new BigRational(6), product.Coefficient);
        Assert.Equal(new Expr[] { x, y }, product.Factors);
    }

    [Fact]
    public void Mul_CombinesNonAtomicBases()
    {
        Assert.Equal(P(a + b, 2), (a + b) * (a + b));
        Assert.Equal(P(F("sin", x), -1), 1 / F("sin", x));
        Assert.Equal(x, x * F("f", y) / F("f", y));
        Assert.Equal(P(x, a + b), P(x, a) * P(x, b));
    }

    [Fact]
    public void Mul_DoesNotDistributeExceptNumberTimesSingleSum()
    {
        Assert.IsType<Mul>(a * (b + c));
        Assert.Equal(2 * x + 2 * y, 2 * (x + y));
        Assert.Equal(b - a, -(a - b));
    }

    [Fact]
    public void Pow_TrivialExponentsAndBases()
    {
        Assert.Equal(Expr.One, P(x, 0));
        Assert.Same(x, P(x, 1));
        Assert.Equal(Expr.One, P(1, x));
        Assert.Equal(Expr.Zero, P(0, 3));
        Assert.Throws<DivideByZeroException>(() => P(0, -1));
        Assert.Throws<DivideByZeroException>(() => x / 0);
    }

    [Fact]
    public void Pow_FoldsNumbersExactly()
    {
        Assert.Equal(N(1024), P(2, 10));
        Assert.Equal(Q(9, 4), P(Q(2, 3), -2));
        Assert.Equal(N(2), P(4, Q(1, 2)));
        Assert.Equal(N(4), P(8, Q(2, 3)));
        Assert.Equal(Q(1, 2), P(Q(1, 4), Q(1, 2)));
        Assert.Equal(Q(1, 8), P(4, Q(-3, 2)));
        Assert.IsType<Pow>(P(2, Q(1, 2)));
        Assert.Equal(2 * P(2, Q(1, 2)), P(2, Q(3, 2)));
        Assert.Equal(N(2), Expr.Sqrt(2) * Expr.Sqrt(2));
        Assert.Equal(Expr.One, Expr.Sqrt(Q(1, 2)) * Expr.Sqrt(2));
        Assert.IsType<Pow>(P(-8, Q(1, 3)));
    }

    [Fact]
    public void Pow_OfPowerMergesOnlyForIntegerOuterExponent()
    {
        var sqrtOfSquare = Assert.IsType<Pow>(P(P(x, 2), Q(1, 2)));
        Assert.Equal(P(x, 2), sqrtOfSquare.Base); // (x^2)^(1/2) = |x|, never x
        Assert.NotEqual<Expr>(x, sqrtOfSquare);
        Assert.Equal(x, P(Expr.Sqrt(x), 2));
        Assert.Equal(P(x, 2 * a), P(P(x, a), 2));
        Assert.Equal(P(x, -1), P(P(x, -1), 1));
    }

    [Fact]
    public void Pow_OfProductDistributesIntegerExponents()
    {
        Assert.Equal(P(x, 2) * P(y, 2), P(x * y, 2));
        Assert.Equal(Q(1, 4) * P(x, -2), P(2 * x, -2));
        Assert.IsType<Pow>(P(x * y, Q(1, 2)));
        Assert.Equal(x * y, P(x * y, Q(1, 2)) * P(x * y, Q(1, 2)));
    }

    [Fact]
    public void Func_FoldsExactValues()
    {
        Assert.Equal(Expr.One, F("exp", 0));
        Assert.Equal(Expr.Zero, F("ln", 1));
        Assert.Equal(Expr.Zero, F("sin", 0));
        Assert.Equal(Expr.One, F("cos", 0));
        Assert.Equal(Expr.Zero, F("tanh", 0));
        Assert.Equal(Expr.Half, F("sigmoid", 0));
        Assert.Equal(N(3), F("abs", -3));
        Assert.Equal(N(-1), F("sign", Q(-2, 3)));
        Assert.Equal(Expr.Zero, F("sign", 0));
        Assert.Equal(Expr.Half, F("heaviside", 0));
        Assert.Equal(Expr.One, F("heaviside", 5));
        Assert.Equal(x, F("exp", F("ln", x)));
        Assert.Equal(x, F("ln", F("exp", x)));
    }

    [Fact]
    public void Func_SynonymsAndSqrt()
    {
        Assert.Equal(F("ln", x), F("log", x));
        Assert.Equal(P(x, Q(1, 2)), F("sqrt", x));
        Assert.Equal(P(x, y), F("pow", x, y));
        Assert.Equal(2 * F("abs", x), F("abs", -2 * x));
        Assert.Equal(P(x, 2), F("abs", P(x, 2)));
    }

    [Fact]
    public void Func_MinMaxClip()
    {
        Assert.Equal(N(3), F("min", 3, 5));
        Assert.Equal(N(5), F("max", 3, 5, -1));
        Assert.Equal(x, F("max", x, x));
        Assert.Equal(F("min", x, y), F("min", y, x));
        Assert.Equal(F("min", x, y, z), F("min", F("min", z, y), x));
        Assert.Equal(N(1), F("clip", 5, 0, 1));
        Assert.Equal(Q(1, 2), F("clip", Q(1, 2), 0, 1));
    }

    [Fact]
    public void Func_ArityIsChecked()
    {
        Assert.Throws<ArgumentException>(() => F("exp", x, y));
        Assert.Throws<ArgumentException>(() => F("clip", x));
        Assert.Throws<ArgumentException>(() => F("min", x));
        Assert.Throws<ArgumentException>(() => F("sqrt", x, y));
        var opaque = Assert.IsType<Func>(F("f", x, y, z));
        Assert.False(opaque.IsKnown);
        Assert.True(Assert.IsType<Func>(F("tanh", x)).IsKnown);
    }

    [Fact]
    public void Delta_Canonicalizes()
    {
        Assert.Equal(Expr.One, Expr.Delta(i, i));
        Assert.Equal(Expr.Zero, Expr.Delta(1, 2));
        Assert.Equal(Expr.Zero, Expr.Delta(i, i + 1));
        Assert.Equal(Expr.Delta(i, j), Expr.Delta(j, i));
        Assert.Equal(Expr.Delta(i, j), P(Expr.Delta(i, j), 3));
        Assert.Equal(Expr.Delta(i, j), Expr.Delta(i, j) * Expr.Delta(j, i));
    }

    [Fact]
    public void Equality_IsStructuralWithCachedHash()
    {
        Expr Build() => S("W", i, j) * F("tanh", S("s", j)) + P(x, Q(1, 3)) - 4;
        var first = Build();
        var second = Build();
        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.Equal(0, first.CompareTo(second));
        Assert.NotEqual<Expr>(S("x", i), S("x", j));
        Assert.NotEqual<Expr>(S("x"), Expr.Index("x"));
    }

    [Fact]
    public void Ordering_IsIndependentOfConstructionOrder()
    {
        var parts = new Expr[]
        {
            3 * x * y, -2 * z, P(x, 2), F("tanh", S("s", i)), S("W", i, j) * S("y", j), 7, Expr.Sqrt(a), 1 / (a + b),
            Sum(k, S("x", k)), Expr.Delta(i, j) * c, F("exp", -x), P(2, x),
        };
        var reference = Expr.Add(parts).ToString();
        var random = new Random(7);
        for (int trial = 0; trial < 30; trial++)
        {
            var shuffled = parts.OrderBy(_ => random.Next()).ToArray();
            Assert.Equal(reference, Expr.Add(shuffled).ToString());
            Assert.Equal(Expr.Mul(parts).ToString(), Expr.Mul(shuffled).ToString());
        }
    }

    [Fact]
    public void Ordering_IsATotalOrderConsistentWithEquality()
    {
        var items = new List<Expr>
        {
            0, 1, Q(-1, 2), x, y, 2 * x, x * y, P(x, 2), P(x, y), x + 1, x + y, F("sin", x), F("sin", y), F("cos", x),
            S("x", i), S("x", j), S("W", i, j), S("W", j, i), i, j, Expr.Delta(i, j), Sum(k, S("x", k)),
            Sum(k, S("y", k)), P(a + b, -1), Expr.Sqrt(x), -x, F("f", x, y),
        };
        foreach (var p in items)
        {
            foreach (var q in items)
            {
                int pq = p.CompareTo(q);
                Assert.Equal(Math.Sign(pq), -Math.Sign(q.CompareTo(p)));
                Assert.Equal(p.Equals(q), pq == 0);
                foreach (var r in items)
                {
                    if (pq <= 0 && q.CompareTo(r) <= 0)
                    {
                        Assert.True(p.CompareTo(r) <= 0, $"{p} <= {q} <= {r} but not {p} <= {r}");
                    }
                }
            }
        }
    }

    [Fact]
    public void Sum_EliminatesDeltaOnBoundIndex()
    {
        Assert.Equal(S("x", i), Sum(k, Expr.Delta(k, i) * S("x", k)));
        Assert.Equal(S("x", i + 1), Sum(k, Expr.Delta(i + 1, k) * S("x", k)));
        Assert.Equal(Expr.One, Sum(k, Expr.Delta(k, i)));
        Assert.Equal(S("W", i, j), Expr.Sum(new[] { k, Expr.Index("l") }, Expr.Delta(k, i) * Expr.Delta(Expr.Index("l"), j) * S("W", k, Expr.Index("l"))));
    }

    [Fact]
    public void Sum_PullsOutFactorsFreeOfBoundIndices()
    {
        var s = Sum(k, 3 * c * S("x", k));
        var product = Assert.IsType<Mul>(s);
        Assert.Equal(new BigRational(3), product.Coefficient);
        Assert.Equal(3 * c * Sum(k, S("x", k)), s);
        Assert.Equal(Expr.Zero, Sum(k, 0));
        Assert.Equal(c * Sum(k, 1), Sum(k, c));
    }

    [Fact]
    public void Sum_IsEqualUpToRenamingOfAnchoredBoundIndices()
    {
        var l = Expr.Index("l");
        var left = Sum(j, S("W", i, j) * S("x", j));
        var right = Sum(k, S("W", i, k) * S("x", k));
        Assert.Equal(left, right);
        Assert.Equal(left.GetHashCode(), right.GetHashCode());
        Assert.NotEqual(left, Sum(k, S("W", k, i) * S("x", k)));
        Assert.NotEqual(Sum(j, 1), Sum(k, 1)); // no array axis fixes the range: names matter
        var ij = Expr.Sum(new[] { i, j }, S("W", i, j) * S("x", i) * S("y", j));
        var lk = Expr.Sum(new[] { k, l }, S("W", l, k) * S("x", l) * S("y", k));
        Assert.Equal(ij, lk);
    }

    [Fact]
    public void Sum_RenamedUnanchoredIndexKeepsItsRange()
    {
        var e = Sum(i, Expr.Delta(i, j) + 1);
        var swapped = IndexRenamer.Swap(e, i, j); // the bound i is renamed to i' to avoid capturing the new free i
        Assert.Equal("sum(i', δ(i,i') + 1)", swapped.ToString());
        Assert.Equal(e, IndexRenamer.Swap(swapped, i, j));
        Assert.Equal(Sum(i, 1), Sum(Expr.Index("i'"), 1));
        Assert.NotEqual(Sum(i, 1), Sum(j, 1));
    }

    [Fact]
    public void Sum_MergesNestedSums()
    {
        var nested = Sum(i, F("tanh", S("s", i)) * Sum(j, S("W", i, j) * F("tanh", S("s", j))));
        var sum = Assert.IsType<Sum>(nested);
        Assert.Equal(2, sum.Indices.Count);
        Assert.Equal(nested, Sum(j, Sum(i, S("W", i, j) * F("tanh", S("s", i)) * F("tanh", S("s", j)))));
    }

    [Fact]
    public void Sum_AlphaEqualTermsCombineWithDeterministicName()
    {
        var viaJ = Sum(j, S("x", j));
        var viaK = Sum(k, S("x", k));
        var first = viaJ + viaK;
        var second = viaK + viaJ;
        Assert.Equal(2 * viaJ, first);
        Assert.Equal(first.ToString(), second.ToString());
        Assert.Equal("2*sum(j, x[j])", first.ToString());
        Assert.Equal(Expr.Zero, viaJ - viaK);
    }

    [Fact]
    public void Constants_HaveExpectedValues()
    {
        Assert.Equal(BigRational.Zero, Expr.Zero.Value);
        Assert.Equal(BigRational.One, Expr.One.Value);
        Assert.Equal(BigRational.MinusOne, Expr.MinusOne.Value);
        Assert.Equal(BigRational.Half, Expr.Half.Value);
        Assert.Equal(Q(1, 10), Expr.Number(BigRational.Parse("0.1")));
        Assert.NotEqual(Q(1, 10), Expr.Number(0.1)); // the double 0.1 is not 1/10
    }
}
