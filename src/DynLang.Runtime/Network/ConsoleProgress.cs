using System;
using System.IO;

namespace DynLang.Runtime;

/// <summary>
/// Shows a run's progress on one console line (rewritten in place with '\r', a new line at the
/// end). Synchronous, unlike <see cref="Progress{T}"/>, so lines never arrive out of order.
/// When the output is redirected to a file, a line is written every 10% instead.
/// </summary>
public sealed class ConsoleProgress : IProgress<NetworkProgress>
{
    private readonly TextWriter _writer;
    private readonly bool _interactive;
    private int _lastDecile = -1;

    /// <summary>Writes to standard error (so standard output stays clean for results).</summary>
    public ConsoleProgress() : this(Console.Error, !Console.IsErrorRedirected) { }

    /// <summary>Writes to <paramref name="writer"/>; <paramref name="interactive"/> rewrites one line in place.</summary>
    public ConsoleProgress(TextWriter writer, bool interactive)
    {
        _writer = writer ?? throw new ArgumentNullException(nameof(writer));
        _interactive = interactive;
    }

    /// <inheritdoc/>
    public void Report(NetworkProgress value)
    {
        bool done = value.StepsDone >= value.StepsTotal;
        if (_interactive)
        {
            _writer.Write("\r" + value);
            if (done) _writer.WriteLine();
            return;
        }
        int decile = (int)(value.Fraction * 10);
        if (decile == _lastDecile && !done) return;
        _lastDecile = decile;
        _writer.WriteLine(value);
    }
}
