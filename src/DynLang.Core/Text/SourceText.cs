using System;
using System.Collections.Generic;

namespace DynLang.Core.Text;

/// <summary>
/// The text of one <c>.dyn</c> file with its path and a line index, so that character offsets
/// (what the parser and the AST carry) can be turned into line/column locations for diagnostics.
/// </summary>
public sealed class SourceText
{
    private readonly int[] _lineStarts;

    /// <summary>Creates a source text; <paramref name="path"/> is used only in diagnostics.</summary>
    public SourceText(string path, string text)
    {
        Path = path ?? "";
        Text = text ?? "";
        _lineStarts = ComputeLineStarts(Text);
    }

    /// <summary>The file path, as given.</summary>
    public string Path { get; }

    /// <summary>The whole text.</summary>
    public string Text { get; }

    /// <summary>Number of lines (a text without newline has one).</summary>
    public int LineCount => _lineStarts.Length;

    /// <summary>Converts an offset into a zero-based line and character.</summary>
    public LinePosition GetLinePosition(int offset)
    {
        offset = Math.Max(0, Math.Min(offset, Text.Length));
        int line = Array.BinarySearch(_lineStarts, offset);
        if (line < 0) line = ~line - 1;
        return new LinePosition(line, offset - _lineStarts[line]);
    }

    /// <summary>Converts a zero-based line and character back into an offset (clamped).</summary>
    public int GetOffset(int line, int character)
    {
        if (line < 0) return 0;
        if (line >= _lineStarts.Length) return Text.Length;
        return Math.Min(Text.Length, _lineStarts[line] + Math.Max(0, character));
    }

    /// <summary>The location of <paramref name="span"/> in this file.</summary>
    /// <remarks>
    /// The span is clamped into the text first: a diagnostic is never located outside its file,
    /// whatever span a stage computed (a missing token's offset is -1, for one).
    /// </remarks>
    public SourceLocation GetLocation(TextSpan span)
    {
        span = Clamp(span);
        return new(Path, span, GetLinePosition(span.Start), GetLinePosition(span.End));
    }

    /// <summary><paramref name="span"/> clamped into [0, length]: start and end both inside the text.</summary>
    public TextSpan Clamp(TextSpan span)
    {
        int start = Math.Max(0, Math.Min(span.Start, Text.Length));
        long rawEnd = (long)span.Start + Math.Max(0, span.Length);
        int end = (int)Math.Max(start, Math.Min(rawEnd, Text.Length));
        return TextSpan.FromBounds(start, end);
    }

    /// <summary>The text of one zero-based line without its line break.</summary>
    public string GetLineText(int line)
    {
        if (line < 0 || line >= _lineStarts.Length) return "";
        int start = _lineStarts[line];
        int end = line + 1 < _lineStarts.Length ? _lineStarts[line + 1] : Text.Length;
        while (end > start && (Text[end - 1] == '\n' || Text[end - 1] == '\r')) end--;
        return Text.Substring(start, end - start);
    }

    /// <summary>The text covered by a span.</summary>
    public string Slice(TextSpan span)
    {
        int start = Math.Max(0, Math.Min(span.Start, Text.Length));
        int end = Math.Max(start, Math.Min(span.End, Text.Length));
        return Text.Substring(start, end - start);
    }

    private static int[] ComputeLineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n') i++;
                starts.Add(i + 1);
            }
            else if (c == '\n')
            {
                starts.Add(i + 1);
            }
        }
        return starts.ToArray();
    }
}
