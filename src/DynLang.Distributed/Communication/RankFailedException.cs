using System;
using System.Globalization;

namespace DynLang.Distributed;

/// <summary>
/// Another rank failed (an exception in its run, a file it could not read, a NaN), or ended: this
/// rank stops too, with a message naming that rank, the step and the rank's own error.
/// </summary>
public sealed class RankFailedException : Exception
{
    /// <summary>The rank that failed, its step (-1: before the run), and its message.</summary>
    public RankFailedException(int failedRank, long step, string reason)
        : base(string.Create(CultureInfo.InvariantCulture,
            $"rank {failedRank} failed{(step >= 0 ? $" at step {step}" : "")}: {reason}; this rank stops too (nothing it wrote is marked complete)."))
    {
        FailedRank = failedRank;
        Step = step;
        Reason = reason;
    }

    /// <summary>The rank that failed first.</summary>
    public int FailedRank { get; }

    /// <summary>The step it failed at (-1: unknown or before the run).</summary>
    public long Step { get; }

    /// <summary>Its error message.</summary>
    public string Reason { get; }
}
