using System;
using System.Collections.Generic;
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
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            if (candidate == name) continue;
            int distance = EditDistance.Compute(name, candidate);
            // Close enough: few edits for the name's length, or one name extends the other (tau → tau_m).
            bool extends = name.Length >= 2 && candidate.StartsWith(name, StringComparison.Ordinal);
            // One- and two-letter names (t, e, pi) are suggested only for a one-letter slip.
            if (candidate.Length <= 2 && distance > 1) continue;
            if (!extends && (distance > maxDistance || distance > Math.Max(1, name.Length / 2))) continue;
            if (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(candidate, best) < 0))
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }
}
