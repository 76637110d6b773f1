using System;

namespace DynLang.Core.Units;

/// <summary>
/// Optimal-string-alignment distance (Levenshtein plus adjacent transposition), used for
/// "did you mean" suggestions. Transpositions count as one edit because swapped letters
/// (<c>secnod</c>) are the commonest typo.
/// </summary>
internal static class EditDistance
{
    /// <summary>Distance between <paramref name="a"/> and <paramref name="b"/>, ordinal comparison.</summary>
    public static int Compute(string a, string b)
    {
        int n = a.Length;
        int m = b.Length;
        if (n == 0)
        {
            return m;
        }

        if (m == 0)
        {
            return n;
        }

        // Three rolling rows: the transposition rule looks two rows back.
        var previous2 = new int[m + 1];
        var previous = new int[m + 1];
        var current = new int[m + 1];
        for (int j = 0; j <= m; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= n; i++)
        {
            current[0] = i;
            for (int j = 1; j <= m; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int best = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    best = Math.Min(best, previous2[j - 2] + 1);
                }

                current[j] = best;
            }

            (previous2, previous, current) = (previous, current, previous2);
        }

        return previous[m];
    }

    /// <summary>
    /// The distance between <paramref name="a"/> and <paramref name="b"/> when it is at most
    /// <paramref name="max"/>, otherwise <c>max + 1</c>. Costs O(min(|a|,|b|)·max): strings whose
    /// lengths differ by more than <paramref name="max"/> are rejected at once, only the diagonal
    /// band of width 2·max+1 is computed, and the computation stops as soon as a whole row of the
    /// band exceeds <paramref name="max"/>. Gives <see cref="Compute"/>'s value whenever that is at most max.
    /// </summary>
    public static int Within(string a, string b, int max)
    {
        if (max < 0) return 0;
        int n = a.Length;
        int m = b.Length;
        if (Math.Abs(n - m) > max) return max + 1;
        if (n == 0 || m == 0) return Math.Max(n, m);

        int over = max + 1;
        // Rows of the full table restricted to |i - j| <= max; cells outside the band count as max + 1,
        // which is enough: a path through them costs more than max anyway.
        var previous2 = new int[m + 1];
        var previous = new int[m + 1];
        var current = new int[m + 1];
        for (int j = 0; j <= m; j++) previous[j] = j <= max ? j : over;

        for (int i = 1; i <= n; i++)
        {
            int from = Math.Max(1, i - max);
            int to = Math.Min(m, i + max);
            current[0] = i <= max ? i : over;
            if (from > 1) current[from - 1] = over;
            int rowMin = current[0];
            for (int j = from; j <= to; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int up = j <= i - 1 + max ? previous[j] : over;
                int best = Math.Min(Math.Min(up + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    best = Math.Min(best, previous2[j - 2] + 1);
                }

                current[j] = Math.Min(best, over);
                if (current[j] < rowMin) rowMin = current[j];
            }

            if (to < m) current[to + 1] = over;
            if (rowMin > max) return over;
            (previous2, previous, current) = (previous, current, previous2);
        }

        return Math.Min(previous[m], over);
    }
}
