using System;
using System.Globalization;

namespace DynLang.Distributed;

/// <summary>Argument checks shared by the communicators, so that both refuse the same mistakes with the same words.</summary>
internal static class Collectives
{
    /// <summary>An Allgatherv's counts must have one entry per rank, this rank's must be what it sends, and the receive buffer must hold at least their sum.</summary>
    public static void CheckGather(int rank, int sending, int[] counts, int receiveLength)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if ((uint)rank >= (uint)counts.Length)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"AllgatherV: {counts.Length} counts, but this is rank {rank}: one count per rank is needed."), nameof(counts));
        if (counts[rank] != sending)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"AllgatherV: rank {rank} sends {sending} values, but its count says {counts[rank]}."), nameof(counts));
        long total = 0;
        foreach (int c in counts)
        {
            if (c < 0) throw new ArgumentException($"AllgatherV: a count is negative ({c}).", nameof(counts));
            total += c;
        }
        if (total > receiveLength)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"AllgatherV: the counts add up to {total}, but the receive buffer holds {receiveLength}."), "received");
    }
}

