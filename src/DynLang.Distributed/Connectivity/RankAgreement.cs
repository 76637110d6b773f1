using System;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text;

namespace DynLang.Distributed;

/// <summary>
/// Makes every rank fail together when one rank's part of a collective build fails (a file it
/// cannot read, an index out of range): without this the failing rank would leave and the others
/// would wait in the next collective until the watchdog gives up, with no word of the cause.
/// </summary>
internal static class RankAgreement
{
    /// <summary>
    /// Runs <paramref name="local"/> on this rank, then tells every rank whether any failed (one
    /// Allgather, plus one of the messages when something failed). A failing rank rethrows its own
    /// exception; the others throw <see cref="RankFailedException"/> naming the first failing rank
    /// and its message. Every rank of <paramref name="communicator"/> must call it.
    /// </summary>
    public static T Run<T>(ICommunicator communicator, string what, Func<T> local)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        try
        {
            result = local();
        }
        catch (Exception e)
        {
            failure = ExceptionDispatchInfo.Capture(e);
        }
        // Never empty for a failure (an exception may have an empty message): the type name leads.
        string mine = failure is null ? "" : $"{failure.SourceException.GetType().Name}: {failure.SourceException.Message}";
        string[] messages = AllgatherStrings(communicator, mine, anyNonEmpty: true);
        failure?.Throw();
        for (int r = 0; r < messages.Length; r++)
            if (messages[r].Length > 0)
                throw new RankFailedException(r, -1, string.Create(CultureInfo.InvariantCulture, $"{what}: {messages[r]}"));
        return result;
    }

    /// <summary>
    /// Every rank's <paramref name="text"/>, by rank. With <paramref name="anyNonEmpty"/> the texts
    /// travel only when some rank's is not empty (the common case costs one Allgather of ints).
    /// </summary>
    public static string[] AllgatherStrings(ICommunicator communicator, string text, bool anyNonEmpty = false)
    {
        byte[] mine = Encoding.UTF8.GetBytes(text);
        int[] counts = communicator.AllgatherInt(mine.Length);
        var texts = new string[counts.Length];
        long total = 0;
        foreach (int c in counts) total += c;
        if (anyNonEmpty && total == 0)
        {
            Array.Fill(texts, "");
            return texts;
        }
        var all = new byte[total];
        communicator.AllgatherV(mine, counts, all);
        int at = 0;
        for (int r = 0; r < counts.Length; r++)
        {
            texts[r] = Encoding.UTF8.GetString(all, at, counts[r]);
            at += counts[r];
        }
        return texts;
    }
}
