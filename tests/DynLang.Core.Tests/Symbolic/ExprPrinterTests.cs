using DynLang.Core.Symbolic;
using static DynLang.Core.Tests.Symbolic.Sx;

namespace DynLang.Core.Tests.Symbolic;

public class ExprPrinterTests
{
    public static TheoryData<Func<Expr>, string> Cases => new()
    {
        { () => x * y - 2 * z, "x*y - 2*z" },
        { () => S("eta") * S("y", i) * (S("x", j) - S("W", i, j) * S("y", i)), "eta*y[i]*(x[j] - W[i,j]*y[i])" },
        { () => a / b, "a/b" },
        { () => a / (b * c), "a/(b*c)" },
        { () => 2 * a / (3 * b), "2*a/(3*b)" },
        { () => P(x, 2), "x^2" },
        { () => Expr.Sqrt(x), "sqrt(x)" },
        { () => 1 / Expr.Sqrt(x + 1), "1/sqrt(x + 1)" },
        { () => P(x, Q(1, 3)), "x^(1/3)" },
        { () => P(x, -2), "1/x^2" },
        { () => -x, "-x" },
        { () => 1 - x, "1 - x" },
        { () => x - 1, "x - 1" },
        { () => -a - b, "-a - b" },
        { () => x / 2, "x/2" },
        { () => Q(3, 4) * x, "3*x/4" },
        { () => Q(-3, 4), "-3/4" },
        { () => P(a + b, 2), "(a + b)^2" },
        { () => (a + b) / (c - d), "(a + b)/(c - d)" },
        { () => P(x, a + b), "x^(a + b)" },
        { () => P(x, -y), "x^(-y)" },
        { () => P(2, x), "2^x" },
        { () => P(Q(1, 2), x), "(1/2)^x" },
        { () => F("exp", -x) * F("tanh", S("s", i)), "exp(-x)*tanh(s[i])" },
        { () => Sum(k, P(S("x", k), 2)), "sum(k, x[k]^2)" },
        { () => Expr.Sum(new[] { j, i }, S("W", i, j)), "sum(i, j, W[i,j])" },
        { () => Expr.Delta(j, i) * x, "x*δ(i,j)" },
        { () => F("min", y, x, 1), "min(x, y, 1)" },
        { () => S("x", i + 1), "x[i + 1]" },
        { () => 1 - P(F("tanh", S("s", i)), 2), "1 - tanh(s[i])^2" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Prints(Func<Expr> build, string expected)
    {
        Assert.Equal(expected, ExprPrinter.Print(build()));
        Assert.Equal(expected, build().ToString());
    }

    [Fact]
    public void SameExpressionInDifferentOperandOrder_PrintsIdentically()
    {
        var first = S("eta") * (S("x", j) - S("W", i, j) * S("y", i)) * S("y", i);
        var second = S("y", i) * S("eta") * (-(S("y", i) * S("W", i, j)) + S("x", j));
        Assert.Equal(first.ToString(), second.ToString());
    }
}
