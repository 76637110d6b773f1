using System;

namespace DynLang.Core.Symbolic
{
    /// <summary>
    /// The canonical total order on expressions. It depends only on structure — numbers by value, names by
    /// ordinal comparison (case-insensitive first so "eta" sorts before "W", then case-sensitive as a
    /// tie-break) — so sorting is deterministic across runs and processes.
    /// </summary>
    /// <remarks>
    /// Numbers sort last. Other expressions are compared through their <see cref="FactorView"/>: the
    /// factor lists lexicographically (base by <see cref="CompareAtom"/>, then exponent), shorter list first,
    /// then the coefficient. The view is injective on canonical expressions, so the order is consistent with
    /// structural equality. Atoms of different kinds compare by <see cref="ExprKind"/> rank.
    /// </remarks>
    internal static class ExprOrder
    {
        public static int Compare(Expr a, Expr b)
        {
            global::DynLang.Core.Diagnostics.StackGuard.Ensure();
            if (ReferenceEquals(a, b))
            {
                return 0;
            }

            // Numbers sort last, so sums read x + 1 and x[i + 1].
            if (a is Num na)
            {
                return b is Num nb ? na.Value.CompareTo(nb.Value) : 1;
            }

            if (b is Num)
            {
                return -1;
            }

            var fa = a.View;
            var fb = b.View;
            int n = Math.Min(fa.Bases.Length, fb.Bases.Length);
            for (int i = 0; i < n; i++)
            {
                int c = CompareAtom(fa.Bases[i], fb.Bases[i]);
                if (c != 0)
                {
                    return c;
                }

                c = Compare(fa.Exponents[i], fb.Exponents[i]);
                if (c != 0)
                {
                    return c;
                }
            }

            int lengths = fa.Bases.Length.CompareTo(fb.Bases.Length);
            return lengths != 0 ? lengths : fa.Coefficient.CompareTo(fb.Coefficient);
        }

        /// <summary>Order of factor bases: by kind rank, then kind-specific contents.</summary>
        public static int CompareAtom(Expr a, Expr b)
        {
            if (ReferenceEquals(a, b))
            {
                return 0;
            }

            int kind = ((int)a.Kind).CompareTo((int)b.Kind);
            if (kind != 0)
            {
                return kind;
            }

            switch (a)
            {
                case Num na:
                    return na.Value.CompareTo(((Num)b).Value);
                case Idx ia:
                    return CompareNames(ia.Name, ((Idx)b).Name);
                case Sym sa:
                {
                    var sb = (Sym)b;
                    int c = CompareNames(sa.Name, sb.Name);
                    return c != 0 ? c : CompareLists(sa.IndexArray, sb.IndexArray);
                }

                case Delta da:
                {
                    var db = (Delta)b;
                    int c = Compare(da.Left, db.Left);
                    return c != 0 ? c : Compare(da.Right, db.Right);
                }

                case Func fa:
                {
                    var fb = (Func)b;
                    int c = CompareNames(fa.Name, fb.Name);
                    return c != 0 ? c : CompareLists(fa.ArgArray, fb.ArgArray);
                }

                case Derivative dera:
                {
                    var derb = (Derivative)b;
                    int c = CompareAtom(dera.Of, derb.Of);
                    if (c != 0)
                    {
                        return c;
                    }

                    int n = Math.Min(dera.SlotArray.Length, derb.SlotArray.Length);
                    for (int i = 0; i < n; i++)
                    {
                        c = dera.SlotArray[i].CompareTo(derb.SlotArray[i]);
                        if (c != 0)
                        {
                            return c;
                        }
                    }

                    return dera.SlotArray.Length.CompareTo(derb.SlotArray.Length);
                }

                case Sum suma:
                {
                    var sumb = (Sum)b;
                    int c = suma.IndexArray.Length.CompareTo(sumb.IndexArray.Length);
                    if (c != 0)
                    {
                        return c;
                    }

                    c = suma.UnanchoredNames.Length.CompareTo(sumb.UnanchoredNames.Length);
                    if (c != 0)
                    {
                        return c;
                    }

                    for (int i = 0; i < suma.UnanchoredNames.Length; i++)
                    {
                        c = CompareNames(suma.UnanchoredNames[i], sumb.UnanchoredNames[i]);
                        if (c != 0)
                        {
                            return c;
                        }
                    }

                    return Compare(suma.AlphaKey, sumb.AlphaKey);
                }

                case Pow pa:
                {
                    var pb = (Pow)b;
                    int c = Compare(pa.Base, pb.Base);
                    return c != 0 ? c : Compare(pa.Exponent, pb.Exponent);
                }

                case Mul:
                    return Compare(a, b);
                case Add adda:
                    return CompareLists(adda.TermArray, ((Add)b).TermArray);
                default:
                    throw new InvalidOperationException("Unknown expression kind " + a.Kind + ".");
            }
        }

        public static int CompareNames(string a, string b)
        {
            int c = string.Compare(a, b, StringComparison.OrdinalIgnoreCase);
            return c != 0 ? c : string.CompareOrdinal(a, b);
        }

        private static int CompareLists(Expr[] a, Expr[] b)
        {
            int n = Math.Min(a.Length, b.Length);
            for (int i = 0; i < n; i++)
            {
                int c = Compare(a[i], b[i]);
                if (c != 0)
                {
                    return c;
                }
            }

            return a.Length.CompareTo(b.Length);
        }

        /// <summary>Order of the factors of a product: by base, then exponent.</summary>
        public static int CompareFactors(Expr a, Expr b)
        {
            int c = CompareAtom(FactorView.BaseOf(a), FactorView.BaseOf(b));
            return c != 0 ? c : Compare(FactorView.ExponentOf(a), FactorView.ExponentOf(b));
        }

        /// <summary>
        /// Chooses which of two equal expressions to keep when like terms or equal bases merge. Equal
        /// expressions are identical except for the names of bound sum indices; keeping the one that prints
        /// first makes the output independent of operand order.
        /// </summary>
        public static Expr PreferRepresentative(Expr kept, Expr candidate)
        {
            if (ReferenceEquals(kept, candidate) || kept.SumDepth == 0)
            {
                return kept;
            }

            return string.CompareOrdinal(ExprPrinter.Print(candidate), ExprPrinter.Print(kept)) < 0 ? candidate : kept;
        }
    }
}
