using System;
using System.IO;

namespace DynLang.Distributed;

/// <summary>
/// A set of per-rank monitor files that is not known to be whole: no completion manifest, a rank's
/// file missing or of another size than the manifest says, a rank that did not finish, files out
/// of recording order. The message names the file and what is wrong.
/// </summary>
public sealed class RankFilesException : IOException
{
    /// <summary>A refusal with <paramref name="message"/>.</summary>
    public RankFilesException(string message) : base(message)
    {
    }

    /// <summary>A refusal with <paramref name="message"/>, caused by <paramref name="inner"/>.</summary>
    public RankFilesException(string message, Exception inner) : base(message, inner)
    {
    }
}
