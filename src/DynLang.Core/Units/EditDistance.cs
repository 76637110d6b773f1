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
}
