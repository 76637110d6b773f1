using DynLang.Core.Symbolic;
using static DynLang.Core.Tests.Symbolic.Sx;

namespace DynLang.Core.Tests.Symbolic;

public class SubstitutionTests
{
    [Fact]
    public void Substitute_ReplacesAndRecanonicalizes()
    {
        var result = Substitution.Substitute(P(x, 2) + x - y, x, y + 1);
        Assert.Equal(P(y + 1, 2) + 1, result);
        Assert.Equal(Expr.Zero, Substitution.Substitute(x - y, x, y));
    }

    [Fact]
    public void Substitute_MatchesIndexedSymbolsExactly()
    {
        var e = S("W", i, j) + S("W", j, i);
        Assert.Equal(S("W", j, i), Substitution.Substitute(e, S("W", i, j), 0));
        var map = new Dictionary<Sym, Expr> { [S("x", i)] = y, [z] = 2 };
        Assert.Equal(2 * y + S("x", j), Substitution.Substitute(z * S("x", i) + S("x", j), map));
    }

    [Fact]
    public void SubstituteByName_ReplacesEveryIndexPattern()
    {
        var e = S("W", i, j) * S("x", j) + S("W", j, i);
        var transposed = Substitution.SubstituteByName(e, "W", idx => S("W", idx[1], idx[0]));
        Assert.Equal(S("W", j, i) * S("x", j) + S("W", i, j), transposed);
        var inSum = Substitution.SubstituteByName(Sum(k, S("W", i, k) * S("x", k)), "W", idx => S("W", idx[1], idx[0]));
        Assert.Equal(Sum(k, S("W", k, i) * S("x", k)), inSum);
    }

    [Fact]
    public void SubstituteByName_RefusesToCaptureABoundIndex()
    {
        // Replacing y[k] by y[k]*v[j] under Σ_{j,k}: the new j would be captured by the sum.
        var e = Expr.Sum(new[] { j, k }, S("W", j, k) * S("x", j) * S("y", k));
        Assert.Throws<ArgumentException>(() => Substitution.SubstituteByName(e, "y", idx => S("y", idx[0]) * S("v", j)));
        var fine = Substitution.SubstituteByName(e, "y", idx => 2 * S("y", idx[0]));
        Assert.Equal(2 * e, fine);
    }

    [Fact]
    public void Substitute_AvoidsCapture()
    {
        // y := x[k] under Σ_k: the substituted k is the free k, not the bound one.
        var result = Substitution.Substitute(Sum(k, S("x", k) * y), y, S("x", k));
        Assert.NotEqual(Sum(k, P(S("x", k), 2)), result);
        Assert.Equal(new[] { k }, result.FreeIndices());
        Assert.Equal(S("x", k) * Sum(j, S("x", j)), result);

        // The key x[k] (free k) does not match the bound x[k].
        var bound = Sum(k, S("x", k));
        Assert.Equal(bound, Substitution.Substitute(bound, S("x", k), 0));
    }

    [Fact]
    public void Symmetrize_ReplacesByTheSymmetricPart()
    {
        Assert.Equal(Expr.Half * (S("W", i, j) + S("W", j, i)), Substitution.Symmetrize(S("W", i, j), "W"));
        Assert.Equal(Expr.Zero, Substitution.Symmetrize(S("W", i, j) - S("W", j, i), "W"));
        Assert.Throws<ArgumentException>(() => Substitution.Symmetrize(S("W", i), "W"));
    }

    [Fact]
    public void RenameIndices_IsSimultaneous()
    {
        var e = S("x", i) * S("y", j);
        Assert.Equal(S("x", j) * S("y", i), IndexRenamer.Swap(e, i, j));
        var map = new Dictionary<Idx, Idx> { [i] = j, [j] = k };
        Assert.Equal(S("x", j) * S("y", k), IndexRenamer.RenameIndices(e, map));
    }

    [Fact]
    public void RenameIndices_LeavesBoundIndicesAndAvoidsCapture()
    {
        var e = Sum(i, S("x", i) * S("y", i, j));
        var renamed = IndexRenamer.RenameIndices(e, new Dictionary<Idx, Idx> { [j] = i });
        Assert.Equal(new[] { i }, renamed.FreeIndices());
        Assert.Equal(Sum(k, S("x", k) * S("y", k, i)), renamed);
        Assert.Same(e, IndexRenamer.RenameIndices(e, new Dictionary<Idx, Idx> { [k] = i }));
    }

    [Fact]
    public void SubstituteIndices_AcceptsExpressions()
    {
        var shifted = Substitution.SubstituteIndices(S("x", i) - S("x", j), new Dictionary<Idx, Expr> { [i] = j + 1 });
        Assert.Equal(S("x", j + 1) - S("x", j), shifted);
        Assert.Equal("x[j + 1] - x[j]", shifted.ToString());
    }

    [Fact]
    public void Queries_ReportSymbolsIndicesAndFunctions()
    {
        var e = S("W", i, j) * S("x", j) + Sum(k, S("x", k)) + F("g", tau) + F("tanh", y);
        Assert.Equal(new[] { "tau", "W[i,j]", "x[j]", "x[k]", "y" }, e.FreeSymbols().Select(s => s.ToString()));
        Assert.Equal(new[] { i, j }, e.FreeIndices());
        Assert.True(e.ContainsSymbol("tau"));
        Assert.True(ExprAnalysis.ContainsSymbol(e, "W"));
        Assert.False(e.ContainsSymbol("k"));
        Assert.Equal(new[] { "g" }, ExprAnalysis.OpaqueFunctions(e));
    }

    private static readonly Sym tau = S("tau");
}
