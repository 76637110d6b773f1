using System;
using System.IO;
using System.Threading;

namespace DynLang.Runtime;

/// <summary>
/// Opens the files that monitors write (<see cref="CsvWriter"/>, <see cref="NpyAppendWriter{T}"/>):
/// unbuffered, so each write the writers make is one write to the operating system (whole rows,
/// whole appended blocks), and readable by other processes while open.
/// </summary>
internal static class MonitorFileStreams
{
    /// <summary>
    /// Test seam: wraps each new file stream (for instance in a stream whose writes fail, as on a
    /// full disk). Flows with the async context, so tests running in parallel do not see each
    /// other's wrapper.
    /// </summary>
    internal static readonly AsyncLocal<Func<string, Stream, Stream>?> Wrap = new();

    public static Stream Create(string path)
    {
        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0);
        Func<string, Stream, Stream>? wrap = Wrap.Value;
        return wrap is null ? file : wrap(path, file);
    }
}
