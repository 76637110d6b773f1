using DynLang.Core.Symbolic;

namespace DynLang.Core.Tests.Symbolic;

/// <summary>
/// Even and odd functions are canonical under negation of their argument: cos(b − a) is cos(a − b)
/// and sin(b − a) is −sin(a − b). Coupling terms such as Kuramoto's sin(θj − θi) need this to be
/// recognised as antisymmetric; arguments that do not look negative are left alone.
/// </summary>
public sealed class ParityTests
{
    private static readonly Sym A = Expr.Symbol("a"), B = Expr.Symbol("b"), X = Expr.Symbol("x");

    [Theory]
    [InlineData("cos")]
    [InlineData("cosh")]
    public void EvenFunctionsIgnoreTheSignOfTheirArgument(string f) =>
        Assert.True(Expr.Sub(Expr.Call(f, Expr.Sub(B, A)), Expr.Call(f, Expr.Sub(A, B))).IsZero);

    [Theory]
    [InlineData("sin")]
    [InlineData("tan")]
    [InlineData("tanh")]
    [InlineData("sinh")]
    [InlineData("atan")]
    public void OddFunctionsTakeTheSignOut(string f) =>
        Assert.True(Expr.Add(Expr.Call(f, Expr.Sub(B, A)), Expr.Call(f, Expr.Sub(A, B))).IsZero);

    [Fact]
    public void PositiveLookingArgumentsAreKept()
    {
        Assert.Equal("tanh(x)", Expr.Call("tanh", X).ToString());
        Assert.Equal("-sin(x)", Expr.Call("sin", Expr.Neg(X)).ToString());
        Assert.Equal("cos(x)", Expr.Call("cos", Expr.Neg(X)).ToString());
    }

    [Fact]
    public void KuramotoCouplingIsAntisymmetric()
    {
        // K·sin(θj − θi) swapped i↔j is its negative.
        var i = Expr.Index("i");
        var j = Expr.Index("j");
        var coupling = Expr.Mul(Expr.Symbol("K"), Expr.Call("sin", Expr.Sub(Expr.Symbol("theta", j), Expr.Symbol("theta", i))));
        Assert.True(Expr.Add(coupling, IndexRenamer.Swap(coupling, i, j)).IsZero);
    }
}
