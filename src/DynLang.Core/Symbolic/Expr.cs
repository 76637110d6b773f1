using System;
using System.Collections.Generic;
using System.Linq;

namespace DynLang.Core.Symbolic
{
    /// <summary>
    /// An immutable symbolic expression in canonical form.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Nodes can only be created through the static smart constructors on this class (<see cref="Add(Expr[])"/>,
    /// <see cref="Mul(Expr[])"/>, <see cref="Pow(Expr, Expr)"/>, <see cref="Call(string, Expr[])"/>, ...), which
    /// always return canonical form: flattened, like terms and equal bases combined, numbers folded, operands sorted.
    /// Consequently structural equality (<see cref="Equals(Expr)"/>) is a cheap but meaningful sufficient test of
    /// mathematical equality, and e.g. <c>x*y - y*x</c> is literally <see cref="Zero"/>.
    /// </para>
    /// <para>
    /// <see cref="CompareTo"/> is a total order that depends only on structure (names compared ordinally,
    /// numbers by value), never on hash codes or addresses, so sorted operands — and therefore printed and
    /// generated code — are identical across runs and independent of construction order.
    /// </para>
    /// <para>
    /// Sums compare modulo renaming of their bound indices (α-equivalence); see <see cref="Symbolic.Sum"/>.
    /// </para>
    /// <para>
    /// Instances are immutable and safe to share between threads (lazily cached analyses are idempotent).
    /// </para>
    /// </remarks>
    public abstract class Expr : IEquatable<Expr>, IComparable<Expr>
    {
        private readonly int _hash;
        private string[]? _freeIndexNames;
        private string[]? _symbolNames;
        private FactorView? _factorView;

        private protected Expr(ExprKind kind, int hash, int sumDepth, int size)
        {
            Kind = kind;
            _hash = HashUtil.Combine((int)kind + 1, hash);
            SumDepth = sumDepth;
            Size = size;
        }

        /// <summary>The node kind.</summary>
        public ExprKind Kind { get; }

        /// <summary>Number of nodes in the tree (saturates at int.MaxValue).</summary>
        public int Size { get; }

        /// <summary>Nesting depth of <see cref="Symbolic.Sum"/> nodes (0 when the tree contains no sum).</summary>
        internal int SumDepth { get; }

        /// <summary>The child expressions (bound indices of a sum are not children).</summary>
        internal abstract Expr[] ChildNodes { get; }

        /// <summary>Rebuilds this node through the smart constructors with every child mapped by <paramref name="map"/>.
        /// Binding-sensitive callers must handle <see cref="Symbolic.Sum"/> themselves.</summary>
        internal abstract Expr MapChildren(Func<Expr, Expr> map);

        /// <summary>Structural equality of nodes of the same kind (children already known to be canonical).</summary>
        private protected abstract bool EqualsSameKind(Expr other);

        // ----- constants -----

        /// <summary>The number 0.</summary>
        public static readonly Num Zero = new Num(BigRational.Zero);

        /// <summary>The number 1.</summary>
        public static readonly Num One = new Num(BigRational.One);

        /// <summary>The number -1.</summary>
        public static readonly Num MinusOne = new Num(BigRational.MinusOne);

        /// <summary>The number 1/2.</summary>
        public static readonly Num Half = new Num(BigRational.Half);

        /// <summary>The number 2.</summary>
        public static readonly Num Two = new Num(new BigRational(2));

        // ----- smart constructors -----

        /// <summary>An exact number.</summary>
        public static Num Number(BigRational value)
        {
            if (value.IsZero)
            {
                return Zero;
            }

            if (value.IsOne)
            {
                return One;
            }

            return value == BigRational.MinusOne ? MinusOne : new Num(value);
        }

        /// <summary>An integer.</summary>
        public static Num Number(long value) => Number(BigRational.FromInt(value));

        /// <summary>The exact fraction <paramref name="numerator"/>/<paramref name="denominator"/>.</summary>
        public static Num Number(long numerator, long denominator) =>
            Number(new BigRational(numerator, denominator));

        /// <summary>The exact value of a finite double (0.1 becomes 3602879701896397/36028797018963968);
        /// use <see cref="BigRational.Parse"/> for decimal literals.</summary>
        public static Num Number(double value) => Number(BigRational.FromDouble(value));

        /// <summary>A scalar (<c>x</c>) or indexed (<c>W[i,j]</c>) symbol.</summary>
        public static Sym Symbol(string name, params Expr[] indices) => Symbol(name, (IReadOnlyList<Expr>)indices);

        /// <summary>A scalar or indexed symbol.</summary>
        public static Sym Symbol(string name, IReadOnlyList<Expr> indices)
        {
            CheckName(name, nameof(name));
            if (indices == null)
            {
                throw new ArgumentNullException(nameof(indices));
            }

            var copy = new Expr[indices.Count];
            for (int i = 0; i < copy.Length; i++)
            {
                copy[i] = indices[i] ?? throw new ArgumentNullException(nameof(indices), "An index is null.");
            }

            return new Sym(name, copy);
        }

        /// <summary>An index variable (i, j, k).</summary>
        public static Idx Index(string name)
        {
            CheckName(name, nameof(name));
            return new Idx(name);
        }

        /// <summary>Canonical sum of the terms.</summary>
        public static Expr Add(params Expr[] terms) => AddBuilder.Build(terms);

        /// <summary>Canonical sum of the terms.</summary>
        public static Expr Add(IEnumerable<Expr> terms) => AddBuilder.Build(terms);

        /// <summary>Canonical product of the factors.</summary>
        public static Expr Mul(params Expr[] factors) => MulBuilder.Build(factors);

        /// <summary>Canonical product of the factors.</summary>
        public static Expr Mul(IEnumerable<Expr> factors) => MulBuilder.Build(factors);

        /// <summary><paramref name="a"/> - <paramref name="b"/>.</summary>
        public static Expr Sub(Expr a, Expr b) => AddBuilder.Build(new[] { a, Neg(b) });

        /// <summary>-<paramref name="a"/>.</summary>
        public static Expr Neg(Expr a) => MulBuilder.Build(new Expr[] { MinusOne, a });

        /// <summary><paramref name="a"/> / <paramref name="b"/> (that is, a·b^-1).</summary>
        /// <exception cref="DivideByZeroException"><paramref name="b"/> is the number 0.</exception>
        public static Expr Div(Expr a, Expr b) => MulBuilder.Build(new[] { a, PowBuilder.Build(b, MinusOne) });

        /// <summary>Canonical power <paramref name="b"/>^<paramref name="e"/>.</summary>
        public static Expr Pow(Expr b, Expr e) => PowBuilder.Build(b, e);

        /// <summary>√x, represented as x^(1/2).</summary>
        public static Expr Sqrt(Expr x) => PowBuilder.Build(x, Half);

        /// <summary>
        /// A function application in canonical form: known elementary functions are folded where exact
        /// (exp(0) = 1, ln(exp(x)) = x, ...); "log" means ln; "sqrt" becomes a power; any unknown name is an opaque
        /// user function.
        /// </summary>
        /// <exception cref="ArgumentException">A known function is given the wrong number of arguments.</exception>
        public static Expr Call(string name, params Expr[] args) => FuncBuilder.Build(name, args);

        /// <summary>A function application; see <see cref="Call(string, Expr[])"/>.</summary>
        public static Expr Call(string name, IReadOnlyList<Expr> args) => FuncBuilder.Build(name, args);

        /// <summary>exp(x).</summary>
        public static Expr Exp(Expr x) => FuncBuilder.Build(FunctionNames.Exp, new[] { x });

        /// <summary>ln(x).</summary>
        public static Expr Ln(Expr x) => FuncBuilder.Build(FunctionNames.Ln, new[] { x });

        /// <summary>Σ over the index set of <paramref name="body"/>; see <see cref="Symbolic.Sum"/>.</summary>
        public static Expr Sum(IReadOnlyList<Idx> indices, Expr body) => SumBuilder.Build(indices, body);

        /// <summary>Σ over one index.</summary>
        public static Expr Sum(Idx index, Expr body) => SumBuilder.Build(new[] { index }, body);

        /// <summary>Kronecker delta δ(a, b) of two index expressions.</summary>
        public static Expr Delta(Expr a, Expr b) => DeltaBuilder.Build(a, b);

        /// <summary>
        /// The unevaluated partial derivative of an opaque function application <paramref name="function"/>
        /// with respect to the given argument slots (0-based, repeated for higher order).
        /// </summary>
        public static Expr PartialDerivative(Func function, params int[] slots) =>
            DerivativeBuilder.Build(function, slots);

        // ----- queries -----

        /// <summary>True when this is the number <paramref name="value"/>.</summary>
        public bool IsNumber(BigRational value) => this is Num n && n.Value == value;

        /// <summary>True when this is the number 0.</summary>
        public bool IsZero => this is Num n && n.Value.IsZero;

        /// <summary>True when this is the number 1.</summary>
        public bool IsOne => this is Num n && n.Value.IsOne;

        /// <summary>The symbols occurring in this expression; see <see cref="ExprAnalysis.FreeSymbols"/>.</summary>
        public IReadOnlyList<Sym> FreeSymbols() => ExprAnalysis.FreeSymbols(this);

        /// <summary>The index variables not bound by a sum; see <see cref="ExprAnalysis.FreeIndices"/>.</summary>
        public IReadOnlyList<Idx> FreeIndices() => ExprAnalysis.FreeIndices(this);

        /// <summary>True when a symbol named <paramref name="name"/> (with any indices) occurs.</summary>
        public bool ContainsSymbol(string name) => Array.BinarySearch(SymbolNames, name, StringComparer.Ordinal) >= 0;

        /// <summary>Names of free index variables, sorted ordinally (cached).</summary>
        internal string[] FreeIndexNames => _freeIndexNames ??= ComputeFreeIndexNames();

        /// <summary>Names of all symbols, sorted ordinally (cached).</summary>
        internal string[] SymbolNames => _symbolNames ??= ComputeSymbolNames();

        /// <summary>The coefficient·Π base^exponent view used by the canonical order (cached).</summary>
        internal FactorView View => _factorView ??= FactorView.Of(this);

        internal bool HasFreeIndex(string name) => Array.BinarySearch(FreeIndexNames, name, StringComparer.Ordinal) >= 0;

        private protected virtual string[] ComputeFreeIndexNames() => UnionOfChildren(c => c.FreeIndexNames);

        private protected virtual string[] ComputeSymbolNames() => UnionOfChildren(c => c.SymbolNames);

        private string[] UnionOfChildren(Func<Expr, string[]> select)
        {
            global::DynLang.Core.Diagnostics.StackGuard.Ensure();
            var children = ChildNodes;
            if (children.Length == 0)
            {
                return Array.Empty<string>();
            }

            if (children.Length == 1)
            {
                return select(children[0]);
            }

            var set = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var child in children)
            {
                set.UnionWith(select(child));
            }

            return set.ToArray();
        }

        // ----- equality and order -----

        /// <summary>Structural equality (α-equivalence for sums).</summary>
        public bool Equals(Expr? other)
        {
            global::DynLang.Core.Diagnostics.StackGuard.Ensure();
            if (ReferenceEquals(this, other))
            {
                return true;
            }

            if (other is null || other._hash != _hash || other.Kind != Kind)
            {
                return false;
            }

            return EqualsSameKind(other);
        }

        /// <inheritdoc />
        public sealed override bool Equals(object? obj) => obj is Expr e && Equals(e);

        /// <inheritdoc />
        public sealed override int GetHashCode() => _hash;

        /// <summary>The canonical total order; consistent with <see cref="Equals(Expr)"/>.</summary>
        public int CompareTo(Expr? other) => other is null ? 1 : ExprOrder.Compare(this, other);

        /// <summary>Readable infix form; see <see cref="ExprPrinter"/>.</summary>
        public override string ToString() => ExprPrinter.Print(this);

        // ----- operators -----

        /// <summary>Exact integer constant.</summary>
        public static implicit operator Expr(int value) => Number(value);

        /// <summary>Exact rational constant.</summary>
        public static implicit operator Expr(BigRational value) => Number(value);

        /// <summary>Canonical sum.</summary>
        public static Expr operator +(Expr a, Expr b) => Add(a, b);

        /// <summary>Canonical difference.</summary>
        public static Expr operator -(Expr a, Expr b) => Sub(a, b);

        /// <summary>Canonical negation.</summary>
        public static Expr operator -(Expr a) => Neg(a);

        /// <summary>Canonical product.</summary>
        public static Expr operator *(Expr a, Expr b) => Mul(a, b);

        /// <summary>Canonical quotient.</summary>
        public static Expr operator /(Expr a, Expr b) => Div(a, b);

        private static void CheckName(string name, string parameter)
        {
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException("A name must be non-empty.", parameter);
            }
        }

        /// <summary>Hash of a child list, for node constructors.</summary>
        private protected static int HashOf(Expr[] items, int seed)
        {
            int h = seed;
            foreach (var item in items)
            {
                h = HashUtil.Combine(h, item._hash);
            }

            return h;
        }

        private protected static int MaxSumDepth(Expr[] items)
        {
            int depth = 0;
            foreach (var item in items)
            {
                depth = Math.Max(depth, item.SumDepth);
            }

            return depth;
        }

        private protected static int SizeOf(Expr[] items)
        {
            long size = 1;
            foreach (var item in items)
            {
                size += item.Size;
            }

            return (int)Math.Min(size, int.MaxValue);
        }

        private protected static bool SequenceEqual(Expr[] a, Expr[] b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (!a[i].Equals(b[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Maps an array; returns the same array when nothing changed.</summary>
        private protected static Expr[] MapArray(Expr[] items, Func<Expr, Expr> map, out bool changed)
        {
            global::DynLang.Core.Diagnostics.StackGuard.Ensure();
            changed = false;
            Expr[]? result = null;
            for (int i = 0; i < items.Length; i++)
            {
                var mapped = map(items[i]);
                if (!ReferenceEquals(mapped, items[i]))
                {
                    if (result == null)
                    {
                        result = (Expr[])items.Clone();
                    }

                    result[i] = mapped;
                }
            }

            changed = result != null;
            return result ?? items;
        }
    }
}
