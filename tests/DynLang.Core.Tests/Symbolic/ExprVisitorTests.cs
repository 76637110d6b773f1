using DynLang.Core.Symbolic;
using static DynLang.Core.Tests.Symbolic.Sx;

namespace DynLang.Core.Tests.Symbolic;

public class ExprVisitorTests
{
    /// <summary>A minimal external printer in prefix notation, as another emitter would be written.</summary>
    private sealed class PrefixPrinter : ExprVisitor<string>
    {
        protected override string VisitNum(Num n) => n.Value.ToString();

        protected override string VisitSym(Sym s) => s.IsIndexed ? $"{s.Name}[{string.Join(",", s.Indices.Select(Visit))}]" : s.Name;

        protected override string VisitIdx(Idx i) => i.Name;

        protected override string VisitAdd(Add a) => $"(+ {string.Join(" ", a.Terms.Select(Visit))})";

        protected override string VisitMul(Mul m) => $"(* {m.Coefficient} {string.Join(" ", m.Factors.Select(Visit))})";

        protected override string VisitPow(Pow p) => $"(^ {Visit(p.Base)} {Visit(p.Exponent)})";

        protected override string VisitFunc(Func f) => $"({f.Name} {string.Join(" ", f.Args.Select(Visit))})";

        protected override string VisitSum(Sum s) => $"(sum {string.Join(" ", s.Indices.Select(Visit))} {Visit(s.Body)})";

        protected override string VisitDelta(Delta d) => $"(delta {Visit(d.Left)} {Visit(d.Right)})";

        protected override string VisitDerivative(Derivative d) => $"(D{string.Join("", d.Slots)} {Visit(d.Of)})";
    }

    [Fact]
    public void Visitor_DispatchesEveryNodeKind()
    {
        var e = 2 * x * P(y, 3) + F("tanh", S("W", i, j)) + Sum(k, S("x", k) * S("y", k)) * Expr.Delta(i, j)
            + Differentiator.Diff(F("f", x), x) + 1;
        Assert.Equal(
            "(+ (* 2 x (^ y 3)) (* 1 (delta i j) (sum k (* 1 x[k] y[k]))) (tanh W[i,j]) (D0 (f x)) 1)",
            new PrefixPrinter().Visit(e));
    }
}
