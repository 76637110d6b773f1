using DynLang.Core.Symbolic;
using static DynLang.Core.Tests.Symbolic.Sx;

namespace DynLang.Core.Tests.Symbolic;

public class EvaluatorTests
{
    [Fact]
    public void Polynomial_AndExactNumbers()
    {
        Assert.Equal(2 * 1.5 * 1.5 + 3 * 1.5 - 0.25, Eval(2 * P(x, 2) + 3 * x - Q(1, 4), ("x", 1.5)), 12);
        Assert.Equal(1.0 / 3.0, Eval(Q(1, 3)));
        Assert.Equal(Math.Sqrt(2.0), Eval(Expr.Sqrt(2)), 15);
    }

    [Theory]
    [InlineData("exp", 0.7)]
    [InlineData("ln", 0.7)]
    [InlineData("sin", 0.7)]
    [InlineData("cos", 0.7)]
    [InlineData("tan", 0.7)]
    [InlineData("tanh", 0.7)]
    [InlineData("sinh", 0.7)]
    [InlineData("cosh", 0.7)]
    [InlineData("atan", 0.7)]
    [InlineData("abs", -0.7)]
    [InlineData("sign", -0.7)]
    [InlineData("heaviside", -0.7)]
    [InlineData("sigmoid", 0.7)]
    public void Functions_UseMathLibrary(string name, double value)
    {
        Func<double, double> reference = name switch
        {
            "exp" => Math.Exp,
            "ln" => Math.Log,
            "sin" => Math.Sin,
            "cos" => Math.Cos,
            "tan" => Math.Tan,
            "tanh" => Math.Tanh,
            "sinh" => Math.Sinh,
            "cosh" => Math.Cosh,
            "atan" => Math.Atan,
            "abs" => Math.Abs,
            "sign" => v => Math.Sign(v),
            "heaviside" => v => v > 0 ? 1 : 0,
            _ => v => 1 / (1 + Math.Exp(-v)),
        };
        Assert.Equal(reference(value), Eval(F(name, x), ("x", value)), 14);
    }

    [Fact]
    public void Exprel_is_expm1_over_x_and_one_at_zero()
    {
        // Closed forms: exprel(1) = e - 1, exprel(-1) = 1 - 1/e; near 0 the series 1 + x/2 + x²/6.
        // 1e-15 relative: a few ulp (Kahan's (u-1)/ln(u) is accurate to a few ulp).
        Assert.Equal(Math.E - 1, Eval(F("exprel", x), ("x", 1.0)), 15);
        Assert.Equal(1 - 1 / Math.E, Eval(F("exprel", x), ("x", -1.0)), 15);
        Assert.Equal(1 + 1e-9 / 2, Eval(F("exprel", x), ("x", 1e-9)), 15);
        Assert.Equal(1.0, Eval(F("exprel", x), ("x", 0.0)));
        Assert.Equal(1.0, Eval(F("exprel", 0)));
    }

    [Fact]
    public void PiecewiseConventions()
    {
        Assert.Equal(0.5, Eval(F("heaviside", x), ("x", 0.0)));
        Assert.Equal(0.0, Eval(F("sign", x), ("x", 0.0)));
        Assert.Equal(1.0, Eval(F("clip", x, 0, 1), ("x", 3.0)));
        Assert.Equal(-2.0, Eval(F("min", x, y, 5), ("x", 1.0), ("y", -2.0)));
        Assert.Equal(5.0, Eval(F("max", x, y, 5), ("x", 1.0), ("y", -2.0)));
        Assert.True(double.IsNaN(Eval(F("ln", x), ("x", -1.0))));
    }

    [Fact]
    public void IndexedSymbols_AreResolvedByTheEnvironment()
    {
        var e = S("W", i, j) * S("x", j);
        double value = Evaluator.Evaluate(e, s => s.Name == "W" ? 2.0 : 3.0);
        Assert.Equal(6.0, value);
    }

    [Fact]
    public void UnevaluableNodes_ThrowEvaluationException()
    {
        double Env(Sym s) => 1.0;
        Assert.Throws<EvaluationException>(() => Evaluator.Evaluate(Sum(k, S("x", k)), Env));
        Assert.Throws<EvaluationException>(() => Evaluator.Evaluate(i + x, Env));
        Assert.Throws<EvaluationException>(() => Evaluator.Evaluate(Expr.Delta(i, j), Env));
        Assert.Throws<EvaluationException>(() => Evaluator.Evaluate(F("f", x), Env));
        var derivative = Differentiator.Diff(F("f", x), x);
        var ex = Assert.Throws<EvaluationException>(() => Evaluator.Evaluate(derivative, Env));
        Assert.Same(derivative, ex.Node);
        Assert.Throws<EvaluationException>(() => Eval(x + y, ("x", 1.0)));
    }

    [Fact]
    public void EvaluateIndexed_RunsSumsOverTheExtent()
    {
        double Value(string name, IReadOnlyList<int> idx) => name == "x" ? idx[0] + 1 : 10 * idx[0] + idx[1];
        var indexValues = new Dictionary<string, int> { ["i"] = 2 };
        Assert.Equal(6.0, Evaluator.EvaluateIndexed(Sum(k, S("x", k)), Value, indexValues, 3));
        // Σ_k W[i,k]·x[k] at i = 2: (20·1 + 21·2 + 22·3)
        Assert.Equal(128.0, Evaluator.EvaluateIndexed(Sum(k, S("W", i, k) * S("x", k)), Value, indexValues, 3));
        Assert.Equal(1.0, Evaluator.EvaluateIndexed(Expr.Delta(i, j), Value, new Dictionary<string, int> { ["i"] = 1, ["j"] = 1 }, 3));
        Assert.Equal(4.0, Evaluator.EvaluateIndexed(S("x", i + 1), Value, indexValues, 3));
    }
}
