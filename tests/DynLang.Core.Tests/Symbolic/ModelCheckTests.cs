using DynLang.Core.Symbolic;
using static DynLang.Core.Tests.Symbolic.Sx;

namespace DynLang.Core.Tests.Symbolic;

/// <summary>The symbolic checks later compiler passes build on, exercised end to end.</summary>
public class ModelCheckTests
{
    private static Expr s(Expr index) => S("s", index);

    private static Expr rho(Expr u) => F("tanh", u);

    private static Expr W(Expr row, Expr column) => S("W", row, column);

    /// <summary>E = ½Σ_i s_i² − ½Σ_i Σ_j W_ij ρ(s_i) ρ(s_j).</summary>
    private static Expr HopfieldEnergy() =>
        Expr.Half * Sum(i, P(s(i), 2)) - Expr.Half * Sum(i, Sum(j, W(i, j) * rho(s(i)) * rho(s(j))));

    [Fact]
    public void Hopfield_GradientHasSymmetrizedWeights()
    {
        var dE = Differentiator.Diff(HopfieldEnergy(), S("s", i));
        var rhoPrime = 1 - P(rho(s(i)), 2);
        var structure = s(i) - Expr.Half * rhoPrime * Sum(j, (W(i, j) + W(j, i)) * rho(s(j)));
        var result = ZeroTester.IsZero(dE - structure);
        Assert.True(result.IsProven, result.Description);
    }

    [Fact]
    public void Hopfield_WithSymmetricWeights_IsTheUsualGradient()
    {
        var dE = Differentiator.Diff(HopfieldEnergy(), S("s", i));
        var expected = s(i) - (1 - P(rho(s(i)), 2)) * Sum(j, W(i, j) * rho(s(j)));
        var symmetric = ZeroTester.IsZero(Substitution.Symmetrize(dE - expected, "W"));
        Assert.True(symmetric.IsProven, symmetric.Description);

        // Without the symmetry assumption the identity is false: not proven, and a numeric counterexample exists.
        var general = ZeroTester.IsZero(dE - expected);
        Assert.False(general.IsProven);
        var numeric = ZeroTester.NumericZeroTest(dE - expected, 20, seed: 1);
        Assert.Equal(NumericZeroOutcome.Counterexample, numeric.Outcome);
    }

    [Fact]
    public void HebbianUpdate_IsSymmetricUnderIndexSwap()
    {
        var update = S("x", i) * S("x", j);
        var result = ZeroTester.IsZero(update - IndexRenamer.Swap(update, i, j));
        Assert.True(result.IsProven, result.Description);
    }

    [Fact]
    public void OjaUpdate_IsNotSymmetric_AndTheResidualReadsWell()
    {
        var update = S("y", i) * (S("x", j) - S("y", i) * W(i, j));
        var result = ZeroTester.IsZero(update - IndexRenamer.Swap(update, i, j));
        Assert.True(result.IsDisproven, result.Description);
        Assert.Equal("W[j,i]*y[j]^2 - W[i,j]*y[i]^2 - x[i]*y[j] + x[j]*y[i]", result.Residual!.ToString());
    }

    [Fact]
    public void LotkaVolterra_InvariantIsConserved()
    {
        var (alpha, beta, gamma, delta) = (S("alpha"), S("beta"), S("gamma"), S("delta"));
        var f1 = alpha * x - beta * x * y;
        var f2 = delta * x * y - gamma * y;
        var h = delta * x - gamma * F("ln", x) + beta * y - alpha * F("ln", y);
        var dHdt = Differentiator.Diff(h, x) * f1 + Differentiator.Diff(h, y) * f2;
        var result = ZeroTester.IsZero(dHdt);
        Assert.True(result.IsProven, result.Description);
    }

    [Fact]
    public void LotkaVolterra_WrongInvariantIsDisprovenWithResidual()
    {
        var (alpha, beta, gamma, delta) = (S("alpha"), S("beta"), S("gamma"), S("delta"));
        var f1 = alpha * x - beta * x * y;
        var f2 = delta * x * y - gamma * y;
        var wrong = delta * x - gamma * F("ln", x) + beta * y + alpha * F("ln", y);
        var dHdt = Differentiator.Diff(wrong, x) * f1 + Differentiator.Diff(wrong, y) * f2;
        var result = ZeroTester.IsZero(dHdt);
        Assert.True(result.IsDisproven, result.Description);
        Assert.Equal(2 * alpha * delta * x - 2 * alpha * gamma, result.Residual);
        Assert.Contains("not zero: residual 2*alpha*delta*x - 2*alpha*gamma", result.Description);
    }

    [Fact]
    public void GradientFlow_HasSymmetricJacobian()
    {
        var v = P(x, 2) * y + F("sin", y) + F("exp", x * y);
        var f1 = -Differentiator.Diff(v, x);
        var f2 = -Differentiator.Diff(v, y);
        Assert.True(ZeroTester.IsZero(Differentiator.Diff(f1, y) - Differentiator.Diff(f2, x)).IsProven);

        var rotation = new[] { -y, x };
        Assert.True(ZeroTester.IsZero(Differentiator.Diff(rotation[0], y) - Differentiator.Diff(rotation[1], x)).IsDisproven);
    }

    [Fact]
    public void LinearityDetection_BySecondDerivative()
    {
        var tau = S("tau");
        var linear = (S("E") - x) / tau + S("I") * S("R") / tau;
        Assert.True(ZeroTester.IsZero(Differentiator.Diff(Differentiator.Diff(linear, x), x)).IsProven);
        var nonlinear = (S("E") - x) / tau + F("exp", (x - S("theta")) / S("Delta"));
        Assert.False(ZeroTester.IsZero(Differentiator.Diff(Differentiator.Diff(nonlinear, x), x)).IsProven);
    }
}
