using System;
using System.Collections.Generic;
using System.Linq;

namespace DynLang.Core.Symbolic
{
    /// <summary>Numeric evaluation in double precision with <see cref="Math"/> functions (ln = Math.Log).</summary>
    /// <remarks>
    /// Conventions: heaviside(0) = 1/2; sign(0) = 0; sigmoid(x) = 1/(1+e^-x); clip(x,lo,hi) = min(max(x,lo),hi).
    /// Powers use Math.Pow, so a negative base with a fractional exponent gives NaN. Domain errors propagate as
    /// NaN or infinity rather than throwing.
    /// </remarks>
    public static class Evaluator
    {
        // A numeric sum over indices visits extent^k points; one evaluation visiting more than this many
        // summands is refused (EvaluationException), keeping a numeric zero test well under a second.
        private const long MaxIndexedWork = 200_000;

        /// <summary>Evaluates <paramref name="e"/>, asking <paramref name="env"/> for each symbol (indexed ones are
        /// passed as they are, e.g. W[i,j]).</summary>
        /// <exception cref="EvaluationException">The expression contains a sum, an index variable outside a
        /// symbol, a non-constant delta, an opaque function or an unevaluated derivative.</exception>
        public static double Evaluate(Expr e, Func<Sym, double> env)
        {
            if (e == null)
            {
                throw new ArgumentNullException(nameof(e));
            }

            if (env == null)
            {
                throw new ArgumentNullException(nameof(env));
            }

            return new Context(env, null, 0).Eval(e);
        }

        /// <summary>Evaluates with scalar symbol values by name.</summary>
        /// <exception cref="EvaluationException">See <see cref="Evaluate(Expr, Func{Sym, double})"/>; also for a
        /// symbol without a value.</exception>
        public static double Evaluate(Expr e, IReadOnlyDictionary<string, double> values) =>
            Evaluate(e, s => !s.IsIndexed && values.TryGetValue(s.Name, out var v)
                ? v
                : throw new EvaluationException($"No value for {s}.", s));

        /// <summary>
        /// Evaluates an indexed expression for concrete index values: each index ranges over
        /// 0..<paramref name="indexExtent"/>-1 in sums, free indices take their values from
        /// <paramref name="indexValues"/>, and <paramref name="symbolValue"/> gives the value of symbol name[indices].
        /// </summary>
        /// <exception cref="EvaluationException">Opaque function, unevaluated derivative, unbound index,
        /// non-integer index value or too much work.</exception>
        public static double EvaluateIndexed(
            Expr e,
            Func<string, IReadOnlyList<int>, double> symbolValue,
            IReadOnlyDictionary<string, int> indexValues,
            int indexExtent)
        {
            if (e == null)
            {
                throw new ArgumentNullException(nameof(e));
            }

            if (symbolValue == null)
            {
                throw new ArgumentNullException(nameof(symbolValue));
            }

            if (indexValues == null)
            {
                throw new ArgumentNullException(nameof(indexValues));
            }

            if (indexExtent <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(indexExtent), "The index extent must be positive.");
            }

            var context = new Context(null, symbolValue, indexExtent);
            foreach (var kv in indexValues)
            {
                context.Indices[kv.Key] = kv.Value;
            }

            return context.Eval(e);
        }

        /// <summary>Applies a known function to numeric arguments.</summary>
        /// <exception cref="EvaluationException">The name is not a known function.</exception>
        /// <summary>
        /// (e^x - 1)/x without expm1 (absent from .NET): Kahan's (u - 1)/ln(u) with u = e^x, whose
        /// rounding errors cancel; the same formula as DynLang.Runtime's ScalarMath.Exprel.
        /// </summary>
        public static double Exprel(double x)
        {
            double u = Math.Exp(x);
            if (u == 1.0) return double.IsNaN(x) ? x : 1.0;
            double um1 = u - 1.0;
            if (um1 == -1.0) return -1.0 / x;
            return double.IsPositiveInfinity(u) ? u : um1 / Math.Log(u);
        }

        public static double ApplyFunction(string name, IReadOnlyList<double> args)
        {
            double x = args.Count > 0 ? args[0] : double.NaN;
            switch (name)
            {
                case FunctionNames.Exp: return Math.Exp(x);
                case FunctionNames.Ln: return Math.Log(x);
                case FunctionNames.Sin: return Math.Sin(x);
                case FunctionNames.Cos: return Math.Cos(x);
                case FunctionNames.Tan: return Math.Tan(x);
                case FunctionNames.Tanh: return Math.Tanh(x);
                case FunctionNames.Sinh: return Math.Sinh(x);
                case FunctionNames.Cosh: return Math.Cosh(x);
                case FunctionNames.Atan: return Math.Atan(x);
                case FunctionNames.Exprel: return Exprel(x);
                case FunctionNames.Abs: return Math.Abs(x);
                case FunctionNames.Sign: return double.IsNaN(x) ? double.NaN : Math.Sign(x);
                case FunctionNames.Heaviside: return double.IsNaN(x) ? double.NaN : x > 0 ? 1.0 : x < 0 ? 0.0 : 0.5;
                case FunctionNames.Sigmoid: return 1.0 / (1.0 + Math.Exp(-x));
                case FunctionNames.Min: return args.Aggregate(Math.Min);
                case FunctionNames.Max: return args.Aggregate(Math.Max);
                case FunctionNames.Clip: return Math.Min(Math.Max(args[0], args[1]), args[2]);
                default:
                    throw new EvaluationException($"{name} is not a known function.", Expr.Zero);
            }
        }

        private sealed class Context
        {
            private readonly Func<Sym, double>? _scalar;
            private readonly Func<string, IReadOnlyList<int>, double>? _indexed;
            private readonly int _extent;
            private long _work;

            public Context(Func<Sym, double>? scalar, Func<string, IReadOnlyList<int>, double>? indexed, int extent)
            {
                _scalar = scalar;
                _indexed = indexed;
                _extent = extent;
            }

            public Dictionary<string, int> Indices { get; } = new Dictionary<string, int>();

            private bool IsIndexed => _indexed != null;

            public double Eval(Expr e)
            {
                global::DynLang.Core.Diagnostics.StackGuard.Ensure();
                switch (e)
                {
                    case Num n:
                        return n.Value.ToDouble();
                    case Sym s:
                        return IsIndexed ? _indexed!(s.Name, s.IndexArray.Select(EvalIndex).ToArray()) : _scalar!(s);
                    case Idx i:
                        if (IsIndexed && Indices.TryGetValue(i.Name, out int value))
                        {
                            return value;
                        }

                        throw new EvaluationException($"Index variable {i.Name} has no value.", e);
                    case Add a:
                    {
                        double sum = 0;
                        foreach (var t in a.TermArray)
                        {
                            sum += Eval(t);
                        }

                        return sum;
                    }

                    case Mul m:
                    {
                        double product = m.Coefficient.ToDouble();
                        foreach (var f in m.FactorArray)
                        {
                            product *= Eval(f);
                        }

                        return product;
                    }

                    case Pow p:
                    {
                        double b = Eval(p.Base);
                        if (p.Exponent is Num ne && ne.Value == BigRational.Half)
                        {
                            return Math.Sqrt(b);
                        }

                        return Math.Pow(b, Eval(p.Exponent));
                    }

                    case Func f:
                        if (!f.IsKnown)
                        {
                            throw new EvaluationException($"{f.Name} is an opaque function and cannot be evaluated.", e);
                        }

                        return ApplyFunction(f.Name, f.ArgArray.Select(Eval).ToArray());
                    case Delta d:
                        if (!IsIndexed && !(d.Left is Num && d.Right is Num))
                        {
                            throw new EvaluationException($"{d} needs index values; use EvaluateIndexed.", e);
                        }

                        return EvalIndex(d.Left) == EvalIndex(d.Right) ? 1.0 : 0.0;
                    case Sum sum:
                        if (!IsIndexed)
                        {
                            throw new EvaluationException($"{sum} needs an index range; use EvaluateIndexed.", e);
                        }

                        return EvalSum(sum);
                    case Derivative der:
                        throw new EvaluationException($"{der} is an unevaluated derivative of opaque function {der.FunctionName}.", e);
                    default:
                        throw new EvaluationException("Unknown expression kind " + e.Kind + ".", e);
                }
            }

            private int EvalIndex(Expr e)
            {
                double v = Eval(e);
                double r = Math.Round(v);
                if (double.IsNaN(v) || Math.Abs(v - r) > 1e-9 || Math.Abs(r) > int.MaxValue)
                {
                    throw new EvaluationException($"Index expression {e} evaluated to {v}, not an integer.", e);
                }

                return (int)r;
            }

            private double EvalSum(Sum sum)
            {
                var names = sum.IndexArray.Select(i => i.Name).ToArray();
                var saved = names.Select(n => Indices.TryGetValue(n, out int v) ? (int?)v : null).ToArray();
                var counters = new int[names.Length];
                double total = 0;
                try
                {
                    while (true)
                    {
                        if (++_work > MaxIndexedWork)
                        {
                            throw new EvaluationException($"Evaluating {sum} needs more than {MaxIndexedWork:N0} terms.", sum);
                        }

                        for (int k = 0; k < names.Length; k++)
                        {
                            Indices[names[k]] = counters[k];
                        }

                        total += Eval(sum.Body);
                        int pos = 0;
                        while (pos < counters.Length && ++counters[pos] == _extent)
                        {
                            counters[pos] = 0;
                            pos++;
                        }

                        if (pos == counters.Length)
                        {
                            return total;
                        }
                    }
                }
                finally
                {
                    for (int k = 0; k < names.Length; k++)
                    {
                        if (saved[k].HasValue)
                        {
                            Indices[names[k]] = saved[k]!.Value;
                        }
                        else
                        {
                            Indices.Remove(names[k]);
                        }
                    }
                }
            }
        }
    }
}
