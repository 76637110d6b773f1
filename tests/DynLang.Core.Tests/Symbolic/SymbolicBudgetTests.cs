using DynLang.Core.Symbolic;
using static DynLang.Core.Tests.Symbolic.Sx;

namespace DynLang.Core.Tests.Symbolic;

public class SymbolicBudgetTests
{
    [Fact]
    public void ExplosiveExpansion_ThrowsQuickly()
    {
        var ex = Assert.Throws<SymbolicBudgetExceededException>(() => Expander.Expand(P(a + b + c + d + e, 40)));
        Assert.Equal("expand", ex.Operation);
    }

    [Fact]
    public void ExpansionWithCombiningTerms_StillHitsTheStepBudget()
    {
        // Terms combine (x and x^2 are not independent), so no exact size is known up front.
        Assert.Throws<SymbolicBudgetExceededException>(() => Expander.Expand(P(a + b + c + d + e + a * b, 40)));
    }

    [Fact]
    public void SmallBudget_StopsWhatTheDefaultAllows()
    {
        var e = P(a + b, 30);
        Assert.Throws<SymbolicBudgetExceededException>(() => Expander.Expand(e, new SymbolicBudget(maxSteps: 100)));
        Assert.Equal(31, Assert.IsType<Add>(Expander.Expand(e)).Terms.Count);
        Assert.Throws<SymbolicBudgetExceededException>(() => Expander.Expand(P(a + b + c, 4), new SymbolicBudget(maxTerms: 10)));
    }

    [Fact]
    public void Budget_AccumulatesSteps()
    {
        var budget = new SymbolicBudget();
        Expander.Expand(P(a + b, 3), budget);
        long afterFirst = budget.StepsUsed;
        Assert.True(afterFirst > 0);
        RationalForm.Together(a / b + c / d, budget);
        Assert.True(budget.StepsUsed > afterFirst);
        Assert.Equal(SymbolicBudget.DefaultMaxSteps, budget.MaxSteps);
        Assert.Equal(SymbolicBudget.DefaultMaxTerms, budget.MaxTerms);
    }

    [Fact]
    public void RationalForm_RespectsBudget()
    {
        var many = Expr.Add(Enumerable.Range(1, 40).Select(n => 1 / (x + n)));
        Assert.Throws<SymbolicBudgetExceededException>(() => RationalForm.Together(many, new SymbolicBudget(maxSteps: 500)));
        Assert.True(ZeroTester.IsZero(many, new SymbolicBudget(maxSteps: 500)).IsUndecided);
    }

    [Fact]
    public void InvalidLimits_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SymbolicBudget(maxSteps: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SymbolicBudget(maxTerms: -1));
    }
}
