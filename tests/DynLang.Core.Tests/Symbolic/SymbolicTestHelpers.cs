using DynLang.Core.Symbolic;

namespace DynLang.Core.Tests.Symbolic;

/// <summary>Short builders for test expressions.</summary>
internal static class Sx
{
    public static readonly Sym x = Expr.Symbol("x");
    public static readonly Sym y = Expr.Symbol("y");
    public static readonly Sym z = Expr.Symbol("z");
    public static readonly Sym a = Expr.Symbol("a");
    public static readonly Sym b = Expr.Symbol("b");
    public static readonly Sym c = Expr.Symbol("c");
    public static readonly Sym d = Expr.Symbol("d");
    public static readonly Sym e = Expr.Symbol("e");
    public static readonly Idx i = Expr.Index("i");
    public static readonly Idx j = Expr.Index("j");
    public static readonly Idx k = Expr.Index("k");

    public static Sym S(string name, params Expr[] indices) => Expr.Symbol(name, indices);

    public static Expr N(long value) => Expr.Number(value);

    public static Expr Q(long numerator, long denominator) => Expr.Number(numerator, denominator);

    public static Expr F(string name, params Expr[] args) => Expr.Call(name, args);

    public static Expr P(Expr @base, Expr exponent) => Expr.Pow(@base, exponent);

    public static Expr Sum(Idx index, Expr body) => Expr.Sum(index, body);

    /// <summary>Evaluates with scalar values given as name/value pairs.</summary>
    public static double Eval(Expr expr, params (string Name, double Value)[] values)
    {
        var map = values.ToDictionary(v => v.Name, v => v.Value);
        return Evaluator.Evaluate(expr, map);
    }
}
