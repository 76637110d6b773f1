using DynLang.Core.Symbolic;
using static DynLang.Core.Tests.Symbolic.Sx;

namespace DynLang.Core.Tests.Symbolic;

public class RationalFormTests
{
    [Fact]
    public void TwoFractions_OverCommonDenominator()
    {
        var form = RationalForm.Together(a / b + c / d);
        Assert.Equal(a * d + b * c, form.Numerator);
        Assert.Equal(b * d, form.Denominator);
        Assert.Equal("(x + y)/(x*y)", RationalForm.Together(1 / x + 1 / y).ToString());
    }

    [Fact]
    public void RationalIdentity_HasZeroNumerator()
    {
        var e = a / b + c / d - (a * d + b * c) / (b * d);
        Assert.NotEqual(Expr.Zero, e);
        Assert.Equal(Expr.Zero, RationalForm.Together(e).Numerator);
    }

    [Fact]
    public void SharedPolynomialDenominator_UsesItOnce()
    {
        var form = RationalForm.Together(1 / (x + 1) + x / (x + 1));
        Assert.Equal(x + 1, form.Numerator);
        Assert.Equal(x + 1, form.Denominator);
        Assert.Equal(Expr.One, form.ToExpr());
    }

    [Fact]
    public void NestedFraction_IsFlattened()
    {
        var form = RationalForm.Together(1 / (1 / x + 1 / y));
        Assert.Equal(x * y, form.Numerator);
        Assert.Equal(x + y, form.Denominator);
    }

    [Fact]
    public void CommonAtomicFactors_Cancel()
    {
        var form = RationalForm.Together((P(x, 2) + x * y) / x);
        Assert.Equal(x + y, form.Numerator);
        Assert.Equal(Expr.One, form.Denominator);
    }

    [Fact]
    public void FunctionArguments_AreNormalized()
    {
        var e = F("ln", a / b + c / d) - F("ln", (a * d + b * c) / (b * d));
        Assert.Equal(Expr.Zero, RationalForm.Together(e).Numerator);
    }

    [Fact]
    public void ZeroDenominator_Throws()
    {
        var zeroInDisguise = a / b + c / d - (a * d + b * c) / (b * d);
        Assert.Throws<DivideByZeroException>(() => RationalForm.Together(1 / zeroInDisguise));
    }
}
