namespace DynLang.Core.Symbolic
{
    /// <summary>
    /// An expression seen as coefficient · Π base^exponent: a product lists its factors, a power is one
    /// factor, any other node is itself to the first power. The canonical order compares these views, which
    /// gives polynomial-like output (x before x*y before x^2, like terms adjacent).
    /// </summary>
    internal sealed class FactorView
    {
        private FactorView(BigRational coefficient, Expr[] bases, Expr[] exponents)
        {
            Coefficient = coefficient;
            Bases = bases;
            Exponents = exponents;
        }

        public BigRational Coefficient { get; }

        public Expr[] Bases { get; }

        public Expr[] Exponents { get; }

        public static FactorView Of(Expr e)
        {
            switch (e)
            {
                case Num n:
                    return new FactorView(n.Value, System.Array.Empty<Expr>(), System.Array.Empty<Expr>());
                case Mul m:
                {
                    var factors = m.FactorArray;
                    var bases = new Expr[factors.Length];
                    var exponents = new Expr[factors.Length];
                    for (int i = 0; i < factors.Length; i++)
                    {
                        bases[i] = BaseOf(factors[i]);
                        exponents[i] = ExponentOf(factors[i]);
                    }

                    return new FactorView(m.Coefficient, bases, exponents);
                }

                case Pow p:
                    return new FactorView(BigRational.One, new[] { p.Base }, new[] { p.Exponent });
                default:
                    return new FactorView(BigRational.One, new[] { e }, new Expr[] { Expr.One });
            }
        }

        /// <summary>The base of a factor: the base of a power, otherwise the factor itself.</summary>
        public static Expr BaseOf(Expr factor) => factor is Pow p ? p.Base : factor;

        /// <summary>The exponent of a factor: the exponent of a power, otherwise 1.</summary>
        public static Expr ExponentOf(Expr factor) => factor is Pow p ? p.Exponent : Expr.One;
    }
}
