using System;
using System.Collections.Generic;
using DynLang.Core.Compilation;
using DynLang.Core.Units;

namespace DynLang.Core.Binding;

/// <summary>"Did you mean …?" for misspelt names.</summary>
internal static class NameSuggester
{
    /// <summary>The candidate closest to <paramref name="name"/> within <paramref name="maxDistance"/> edits (ties: first in ordinal order), or null.</summary>
    public static string? Closest(string name, IEnumerable<string> candidates, int maxDistance)
    {
        // A one-letter name is as likely meant as anything else; suggesting another letter is noise.
        if (name.Length < 2) return null;
        // A name this long is no typo of a declared one; comparing it with every candidate is wasted work.
        if (name.Length > CompileBudget.MaxSuggestionNameLength) return null;
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            if (candidate == name) continue;
            // Close enough: few edits for the name's length, or one name extends the other (tau → tau_m).
            bool extends = name.Length >= 2 && candidate.StartsWith(name, StringComparison.Ordinal);
            // One- and two-letter names (t, e, pi) are suggested only for a one-letter slip.
            int distance;
            if (extends)
            {
                // The distance of an extension is the number of letters added.
                distance = candidate.Length - name.Length;
                if (candidate.Length <= 2 && distance > 1) continue;
            }
            else
            {
                // Only distances up to the limit matter: the banded computation finds them in O(length·limit).
                int limit = Math.Min(maxDistance, Math.Max(1, name.Length / 2));
                if (candidate.Length <= 2) limit = Math.Min(limit, 1);
                distance = EditDistance.Within(name, candidate, limit);
                if (distance > limit) continue;
            }
            if (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(candidate, best) < 0))
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }
}
